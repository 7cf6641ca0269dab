"""The brief: what the trainee knows before talking (role, goal, target, limits, time).

Preparation is where negotiating power comes from, so the brief is its own
screen that the trainee reads before the counterpart says a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from voicecoach.core.scenario import Scenario

# (field on the scenario's brief, label shown), in reading order.
BRIEF_FIELDS: tuple[tuple[str, str], ...] = (
    ("situation", "Situation"),
    ("role", "Your role"),
    ("goal", "Goal"),
    ("target", "Target"),
    ("walk_away", "Walk-away"),
    ("alternative", "Alternative"),
    ("time_budget_minutes", "Time budget"),
)


def _field(brief: Any, name: str) -> Any:
    if isinstance(brief, Mapping):
        return brief.get(name)
    return getattr(brief, name, None)


def _shown(name: str, value: Any) -> str:
    if name == "time_budget_minutes" and isinstance(value, int | float):
        return f"{value:g} minutes"
    return str(value)


def brief_rows(scenario: Scenario) -> list[tuple[str, str]]:
    """The brief as (label, text) rows; fields the scenario leaves out are skipped."""
    brief = scenario.brief
    rows: list[tuple[str, str]] = []
    for name, label in BRIEF_FIELDS:
        value = _field(brief, name)
        if name == "role" and not value:
            value = getattr(scenario, "trainee_role", None)
        if value not in (None, "", ()):
            rows.append((label, _shown(name, value)))
    return rows


class BriefScreen(Screen[bool]):
    """The trainee's brief; dismisses with True to start the rehearsal."""

    BINDINGS = [
        Binding("enter,s", "start", "Start rehearsal"),
        Binding("escape,b", "back", "Back"),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield Static(Text(self.scenario.title, style="bold"), id="brief-title")
        with VerticalScroll(id="brief-body"):
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True)
            table.add_column()
            for label, text in brief_rows(self.scenario):
                table.add_row(label, text)
            yield Static(table, id="brief-table")
        yield Static(
            Text("Press Enter to start; the counterpart speaks first.", style="dim"),
            id="brief-hint",
        )
        yield Footer()

    def action_start(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)

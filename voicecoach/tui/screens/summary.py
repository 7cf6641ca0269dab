"""The summary: the transcript with its flags explained, the outcome, and session stats.

After the conversation the trainee has time, so here every flag shows its full
explanation (why and a phrasing to try), unlike the sparse live panel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from voicecoach.core.transcript import Speaker, Turn
from voicecoach.tui.widgets import turn_text

if TYPE_CHECKING:
    from voicecoach.core.scenario import Scenario
    from voicecoach.tui.app import VoicecoachApp


def readable_key(key: str) -> str:
    """`talk_share` -> `Talk share`."""
    words = key.replace("_", " ").replace(".", " ").strip()
    return words[:1].upper() + words[1:]


def readable_value(value: Any) -> str:
    """Numbers rounded, shares as percentages, nested values on one line."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, Mapping):
        return (
            ", ".join(f"{readable_key(str(k))}: {readable_value(v)}" for k, v in value.items())
            or "—"
        )
    if isinstance(value, list | tuple):
        return ", ".join(readable_value(v) for v in value) or "—"
    if value is None:
        return "—"
    return str(value)


def facts_table(facts: Mapping[str, Any]) -> Table:
    """A two-column grid of a dict such as the outcome or the session stats."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in facts.items():
        share = key.endswith("share") and isinstance(value, int | float) and 0 <= value <= 1
        table.add_row(readable_key(key), f"{value:.0%}" if share else readable_value(value))
    return table


class SummaryScreen(Screen[None]):
    """The end of a session: what was said, what was flagged, how it ended."""

    BINDINGS = [
        Binding("n", "new_session", "New session"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: VoicecoachApp  # type: ignore[assignment]

    def __init__(
        self,
        scenario: Scenario,
        *,
        turns: Sequence[Turn],
        outcome: Mapping[str, Any],
        stats: Mapping[str, Any],
        session_id: int | None,
        trainee_name: str,
        counterpart_name: str,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.turns = list(turns)
        self.outcome = dict(outcome)
        self.stats = dict(stats)
        self.session_id = session_id
        self.trainee_name = trainee_name
        self.counterpart_name = counterpart_name

    @property
    def flag_count(self) -> int:
        return sum(len(turn.flags) for turn in self.turns)

    def compose(self) -> ComposeResult:
        heading = f"Summary · {self.scenario.title}"
        if self.session_id is not None:
            heading += f" · session {self.session_id}"
        yield Static(Text(heading, style="bold"), id="summary-title")
        with Horizontal(id="summary-body"):
            with VerticalScroll(id="summary-transcript"):
                if not self.turns:
                    yield Static(Text("No turns were said.", style="dim"))
                for turn in self.turns:
                    name = (
                        self.trainee_name
                        if turn.speaker is Speaker.TRAINEE
                        else self.counterpart_name
                    )
                    entry = Static(
                        turn_text(turn, name, turn.flags, explain=True), classes="summary-turn"
                    )
                    if turn.speaker is Speaker.TRAINEE:
                        entry.add_class("-trainee")
                    yield entry
            with VerticalScroll(id="summary-facts"):
                outcome = Static(
                    facts_table(self.outcome) if self.outcome else Text("No outcome.", style="dim"),
                    id="outcome",
                )
                outcome.border_title = "Outcome"
                yield outcome
                stats = Static(facts_table(self.session_stats()), id="stats")
                stats.border_title = "Session"
                yield stats
        yield Footer()

    def session_stats(self) -> dict[str, Any]:
        """The runner's summary, plus counts the transcript itself gives."""
        trainee_turns = [t for t in self.turns if t.speaker is Speaker.TRAINEE]
        stats: dict[str, Any] = {"your turns": len(trainee_turns), "flags": self.flag_count}
        stats.update(self.stats)
        return stats

    def action_new_session(self) -> None:
        self.dismiss(None)

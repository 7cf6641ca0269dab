"""The scenario picker: every scenario found, broken ones greyed with their first error.

Discovery reads files, so it runs in a worker; a broken file is a listed entry,
never a crash, so a coach editing a scenario sees what is wrong where they look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from voicecoach.errors import ScenarioError, VoicecoachError

if TYPE_CHECKING:
    from voicecoach.core.scenario import ScenarioEntry
    from voicecoach.tui.app import VoicecoachApp


def first_error_line(error: Any) -> str:
    """The first line of an entry's error: the one a list has room for."""
    message = getattr(error, "message", None) or str(error)
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return lines[0] if lines else "invalid scenario"


def entry_prompt(entry: ScenarioEntry) -> Text:
    """How an entry reads in the list: its title, or its id and first error when broken."""
    if entry.scenario is None:
        return Text.assemble(
            (f"{entry.id}", "bold"), ("  broken: ", "red"), (first_error_line(entry.error), "")
        )
    return Text.assemble((entry.scenario.title, "bold"), (f"  ({entry.id})", "dim"))


class PickerScreen(Screen[None]):
    """Lists scenarios; Enter on one opens its brief."""

    BINDINGS = [Binding("r", "rescan", "Rescan")]

    app: VoicecoachApp  # type: ignore[assignment]

    class ScenariosListed(Message):
        """The list is filled: the first screen is interactive (the app may load engines now)."""

        def __init__(self, count: int, broken: int) -> None:
            super().__init__()
            self.count = count
            self.broken = broken

    def __init__(self, *, initial_scenario_id: str | None = None) -> None:
        super().__init__()
        self.initial_scenario_id = initial_scenario_id
        self.entries: list[ScenarioEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("voicecoach · choose a role-play", style="bold"), id="picker-title")
        yield OptionList(id="scenario-list")
        yield Static(id="scenario-preview")
        yield Static(Text("Looking for scenarios…", style="dim"), id="picker-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._discover()

    def action_rescan(self) -> None:
        self._discover()

    @work(thread=True, exclusive=True, group="discover", exit_on_error=False)
    def _discover(self) -> None:
        """Read scenario files off the UI thread."""
        try:
            entries = list(self.app.discover())
        except VoicecoachError as error:
            self.app.call_from_thread(self.app.show_error, error)
            return
        self.app.call_from_thread(self.show_entries, entries)

    def show_entries(self, entries: list[ScenarioEntry]) -> None:
        """Fill the list; broken entries are disabled options, greyed by the OptionList."""
        self.entries = entries
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(
            [
                Option(entry_prompt(entry), id=entry.id, disabled=entry.scenario is None)
                for entry in entries
            ]
        )
        broken = sum(1 for entry in entries if entry.scenario is None)
        if not entries:
            hint = (
                "No scenarios found. Put .toml files in scenarios/ or set VOICECOACH_SCENARIOS_DIR."
            )
        else:
            hint = f"{len(entries)} scenarios, {broken} broken. Enter opens the brief."
        self.query_one("#picker-hint", Static).update(Text(hint, style="dim"))
        self.post_message(self.ScenariosListed(len(entries), broken))
        for index, entry in enumerate(entries):
            if entry.scenario is not None:
                option_list.highlighted = index
                break
        if self.initial_scenario_id is not None:
            wanted, self.initial_scenario_id = self.initial_scenario_id, None
            self.open_by_id(wanted)

    def open_by_id(self, scenario_id: str) -> None:
        """Open a scenario's brief by id (the `--scenario` option), or say why not."""
        for entry in self.entries:
            if entry.id == scenario_id:
                if entry.scenario is None:
                    self.app.show_error(
                        ScenarioError(entry.error or f"scenario {scenario_id!r} is broken")
                    )
                else:
                    self.app.open_brief(entry.scenario)
                return
        known = ", ".join(entry.id for entry in self.entries) or "none"
        self.app.show_notice(
            ScenarioError(
                f"No scenario with id {scenario_id!r}; known: {known}.", title="Unknown scenario"
            )
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Preview the situation, so the trainee picks a role-play knowing what it is."""
        event.stop()
        entry = next((e for e in self.entries if e.id == event.option_id), None)
        preview = self.query_one("#scenario-preview", Static)
        if entry is None or entry.scenario is None:
            preview.update("")
            return
        situation = getattr(entry.scenario.brief, "situation", "")
        minutes = getattr(entry.scenario.brief, "time_budget_minutes", None)
        text = Text(situation)
        if minutes:
            text.append(f"  ({minutes:g} min)", style="dim")
        preview.update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.open_by_id(event.option_id)

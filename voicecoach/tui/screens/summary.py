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
from voicecoach.errors import VoicecoachError
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


def percent(value: Any) -> str:
    return f"{value:.0%}" if isinstance(value, int | float) else "—"


# Keys of the runner's summary that are shown another way or are only context.
HIDDEN_STATS = {"trainee_role", "turns", "words", "talk_share_seconds"}


def outcome_facts(outcome: Mapping[str, Any]) -> dict[str, str]:
    """The scenario's outcome in words: result, terms agreed, share of the zone captured."""
    facts: dict[str, str] = {}
    for key, value in outcome.items():
        if key == "terms":
            agreed = ", ".join(
                f"{readable_key(str(k))}: {readable_value(v)}" for k, v in value.items()
            )
            facts["Terms agreed"] = agreed or "none"
        elif key == "share_of_zone":
            facts["Share of zone"] = percent(value)
        elif key == "state":
            facts["Ended in"] = readable_value(value)
        else:
            facts[readable_key(key)] = readable_value(value)
    return facts


def _first_number(value: Mapping[str, Any]) -> str:
    who = "you" if value.get("speaker") == "trainee" else "they"
    return f"{who} ({value.get('text', '')})"


def _tactics(value: Mapping[str, Any]) -> str:
    used = []
    for name, info in value.items():
        count = info.get("count", 0) if isinstance(info, Mapping) else info
        if count:
            note = info.get("note") if isinstance(info, Mapping) else None
            used.append(f"{name} ×{count}" + (f" ({note})" if note else ""))
    return ", ".join(used) or "none"


def _flag_counts(value: Mapping[str, Any]) -> str:
    from voicecoach.tui.cues import CUE_TEXT

    return (
        ", ".join(f"{CUE_TEXT.get(label, label)} ×{count}" for label, count in value.items())
        or "none"
    )


def session_facts(stats: Mapping[str, Any]) -> dict[str, str]:
    """The feedback engine's session summary, the few numbers a trainee reads first."""
    facts: dict[str, str] = {}
    for key, value in stats.items():
        if key in HIDDEN_STATS or value is None:
            continue
        if key == "talk_share_words":
            facts["Your talk share"] = percent(value)
        elif key == "longest_monologue" and isinstance(value, Mapping):
            seconds = value.get("seconds")
            facts["Longest monologue"] = f"{value.get('words', 0)} words" + (
                f", {seconds:.0f} s" if isinstance(seconds, int | float) else ""
            )
        elif key == "filler_words" and isinstance(value, Mapping):
            facts["Filler words"] = str(value.get("total", 0))
        elif key == "first_number" and isinstance(value, Mapping):
            facts["First number named by"] = _first_number(value)
        elif key in ("alternative_mentioned", "pressure_revealed") and isinstance(value, list):
            facts[readable_key(key)] = "yes" if value else "no"
        elif key == "tactics" and isinstance(value, Mapping):
            facts["Persuasion tactics"] = _tactics(value)
        elif key == "flags" and isinstance(value, Mapping):
            facts["Flags"] = _flag_counts(value)
        elif key == "reply_latency_seconds" and isinstance(value, list) and value:
            ordered = sorted(value)
            facts["Reply latency (median)"] = f"{ordered[len(ordered) // 2] * 1000:.0f} ms"
        elif not isinstance(value, Mapping | list):
            facts[readable_key(key)] = readable_value(value)
    return facts


def facts_table(facts: Mapping[str, str]) -> Table:
    """A two-column grid of already-worded facts."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in facts.items():
        table.add_row(key, value)
    return table


class SummaryScreen(Screen[None]):
    """The end of a session: what was said, what was flagged, how it ended."""

    BINDINGS = [
        Binding("n", "new_session", "New session"),
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
        problem: VoicecoachError | None = None,
    ) -> None:
        super().__init__()
        self.problem = problem
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
                    facts_table(outcome_facts(self.outcome))
                    if self.outcome
                    else Text("No outcome.", style="dim"),
                    id="outcome",
                )
                outcome.border_title = "Outcome"
                yield outcome
                stats = Static(facts_table(self.session_stats()), id="stats")
                stats.border_title = "Session"
                yield stats
        yield Footer()

    def on_mount(self) -> None:
        if self.problem is not None:  # the session stopped on an error: say why over it
            self.app.show_error(self.problem)

    def session_stats(self) -> dict[str, str]:
        """The runner's session summary in words, after the count of turns."""
        trainee_turns = sum(1 for t in self.turns if t.speaker is Speaker.TRAINEE)
        return {"Your turns": str(trainee_turns), **session_facts(self.stats)}

    def action_new_session(self) -> None:
        self.dismiss(None)

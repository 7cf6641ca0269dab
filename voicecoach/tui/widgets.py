"""Reusable widgets of the rehearsal and summary screens.

Each widget renders plain values (turns, flags, status fields) and knows
nothing about the session runner, so a screen can feed it events in any order
and tests can read what it shows. Styles that belong to the widget itself sit
in `DEFAULT_CSS`; the layout of screens is in `app.tcss`.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from voicecoach.core.transcript import Flag, Severity, Speaker, Turn
from voicecoach.tui.cues import cue_text, label_name, severity_mark, short_span

SEVERITY_STYLE: dict[Severity, str] = {
    Severity.INFO: "green",
    Severity.WARNING: "yellow",
    Severity.CRITICAL: "bold red",
}


def flag_cue(flag: Flag, *, with_span: bool = True) -> Text:
    """One live cue: a mark, a few words, and the words that triggered it."""
    style = SEVERITY_STYLE.get(flag.severity, "yellow")
    text = Text.assemble((f"{severity_mark(flag.severity)} ", style), (cue_text(flag), style))
    if with_span and flag.span:
        text.append(f"  “{short_span(flag.span)}”", style="dim")
    return text


def flag_explanation(flag: Flag) -> Text:
    """The full explanation of a flag: its name, why it matters, and what to try."""
    style = SEVERITY_STYLE.get(flag.severity, "yellow")
    text = Text.assemble((f"{severity_mark(flag.severity)} {label_name(flag.label)}", style))
    if flag.span:
        text.append(f"\n  You said: “{flag.span}”")
    if flag.why:
        text.append(f"\n  Why: {flag.why}")
    if flag.tip:
        text.append("\n  Tip: ", style="bold")
        text.append(flag.tip)
    return text


def turn_text(
    turn: Turn, speaker_name: str, flags: Iterable[Flag] = (), *, explain: bool = False
) -> Text:
    """A turn as one block: who spoke, what was said, and its flags below it."""
    is_trainee = turn.speaker is Speaker.TRAINEE
    text = Text.assemble((f"{speaker_name}: ", "bold cyan" if is_trainee else "bold magenta"))
    text.append(turn.text)
    for flag in flags:
        text.append("\n    ")
        text.append_text(flag_explanation(flag) if explain else flag_cue(flag, with_span=False))
    return text


class TurnEntry(Static):
    """One ended turn in the transcript, with the cues of its flags."""

    DEFAULT_CSS = """
    TurnEntry {
        margin: 0 0 1 0;
    }
    TurnEntry.-trainee {
        padding: 0 0 0 2;
    }
    """

    def __init__(
        self,
        turn: Turn,
        speaker_name: str,
        *,
        flags: tuple[Flag, ...] | None = None,
        explain: bool = False,
    ) -> None:
        self.turn = turn
        self.speaker_name = speaker_name
        self.flags: tuple[Flag, ...] = turn.flags if flags is None else flags
        self.explain = explain
        super().__init__(turn_text(turn, speaker_name, self.flags, explain=explain))
        self.add_class("-trainee" if turn.speaker is Speaker.TRAINEE else "-counterpart")

    def set_flags(self, flags: tuple[Flag, ...]) -> None:
        """Attach the feedback verdict, which may arrive after the turn itself."""
        self.flags = flags
        self._refresh_text()

    def _refresh_text(self) -> None:
        self.update(turn_text(self.turn, self.speaker_name, self.flags, explain=self.explain))


class TranscriptView(VerticalScroll):
    """The ended turns of a session, newest at the bottom, scrolled to follow."""

    DEFAULT_CSS = """
    TranscriptView {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        trainee_name: str,
        counterpart_name: str,
        *,
        explain: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.trainee_name = trainee_name
        self.counterpart_name = counterpart_name
        self.explain = explain
        self._entries: dict[tuple[Speaker, int], TurnEntry] = {}

    def add_turn(self, turn: Turn) -> None:
        """Show an ended turn; a turn already shown (same speaker and index) is replaced."""
        key = (turn.speaker, turn.index)
        name = self.trainee_name if turn.speaker is Speaker.TRAINEE else self.counterpart_name
        old = self._entries.get(key)
        flags = (old.flags or turn.flags) if old is not None else turn.flags
        entry = TurnEntry(turn, name, flags=flags, explain=self.explain)
        if old is not None:
            old.remove()
        self._entries[key] = entry
        self.mount(entry)
        self.scroll_end(animate=False)

    def set_flags(self, turn_index: int, flags: tuple[Flag, ...]) -> None:
        """Attach flags to the trainee turn with this index, if it is shown."""
        entry = self._entries.get((Speaker.TRAINEE, turn_index))
        if entry is not None:
            entry.set_flags(flags)


class FeedbackPanel(Static):
    """Sparse live feedback: a few words per flag of the last turn, details on demand.

    `expanded` switches between the live cues and the full explanation (why it
    matters and a phrasing to try), so the explanation is always one key away.
    """

    DEFAULT_CSS = """
    FeedbackPanel {
        border: round $primary;
        border-title-color: $text;
        padding: 0 1;
        height: auto;
        min-height: 4;
    }
    """

    expanded: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.flags: tuple[Flag, ...] = ()
        self.turn_index: int | None = None
        self.border_title = "Feedback"

    def on_mount(self) -> None:
        self._render_flags()

    def show_flags(self, turn_index: int, flags: tuple[Flag, ...]) -> None:
        """Replace the cues with those of the latest trainee turn."""
        self.turn_index = turn_index
        self.flags = flags
        self._render_flags()

    def watch_expanded(self, expanded: bool) -> None:
        self.border_subtitle = "e: hide details" if expanded else "e: why + tip"
        self._render_flags()

    @property
    def cue_lines(self) -> list[str]:
        """The live cues as plain text, as a reader of the screen sees them."""
        return [flag_cue(flag).plain for flag in self.flags]

    @property
    def explanation_text(self) -> str:
        """The full explanation as plain text (shown when expanded)."""
        return "\n".join(flag_explanation(flag).plain for flag in self.flags)

    def _render_flags(self) -> None:
        if not self.is_mounted:
            return
        if self.turn_index is None:
            self.update(Text("Cues about your last turn appear here.", style="dim"))
            return
        if not self.flags:
            self.update(Text("Nothing to flag on your last turn.", style="dim"))
            return
        parts = [flag_explanation(f) if self.expanded else flag_cue(f) for f in self.flags]
        self.update(Text("\n").join(parts))


class CounterpartLine(Static):
    """The counterpart's latest line, large enough to read while it is spoken."""

    DEFAULT_CSS = """
    CounterpartLine {
        border: round $secondary;
        padding: 0 1;
        height: auto;
        min-height: 3;
    }
    """

    def __init__(self, counterpart_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counterpart_name = counterpart_name
        self.border_title = counterpart_name
        self.line = ""

    def on_mount(self) -> None:
        self.update(Text("…", style="dim"))

    def show_line(self, text: str) -> None:
        self.line = text
        self.border_subtitle = ""
        self.update(Text(text))

    def set_voice_state(self, state: str) -> None:
        """`speaking`, `interrupted` or empty: the voice's state under the line."""
        self.border_subtitle = state


class PartialLine(Static):
    """What the recogniser hears right now, while the trainee is still talking."""

    DEFAULT_CSS = """
    PartialLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-style: italic;
    }
    """

    text: reactive[str] = reactive("")

    def watch_text(self, text: str) -> None:
        self.update(Text(f"… {text}" if text else ""))

"""The rehearsal: live partial transcript, turns, the counterpart's line, sparse feedback.

The screen owns one session runner, built in a worker by the factory the app
was given (it may load engines, which is slow). The runner calls back from its
own thread; the callback only posts a `SessionEventReceived` message, so every
widget update happens on the UI thread. Commands (typed turn, pause, mode,
talk, end) go the other way as method calls on the runner.

Keys are toggles, not holds: terminals do not report key release reliably.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from voicecoach.core.events import (
    CounterpartSaid,
    FeedbackGiven,
    ListeningChanged,
    NoticeRaised,
    PartialHeard,
    SessionEnded,
    SessionEvent,
    SessionFailed,
    SessionStarted,
    SpeechStarted,
    TurnHeard,
    VoiceStarted,
    VoiceStopped,
)
from voicecoach.core.transcript import Flag, Speaker, Turn
from voicecoach.errors import VoicecoachError
from voicecoach.ports import AudioSource
from voicecoach.tui.widgets import CounterpartLine, FeedbackPanel, PartialLine, TranscriptView

if TYPE_CHECKING:
    from voicecoach.core.scenario import Scenario
    from voicecoach.tui.app import (
        AudioSourceFactory,
        InputKind,
        RunnerFactory,
        SessionControl,
        VoicecoachApp,
    )


SHUTDOWN_WAIT_SECONDS = 5.0  # bounded, so a stuck engine cannot keep the app from closing


def role_name(role: object, fallback: str) -> str:
    """A speaker's name for the transcript: the scenario's role, capitalised."""
    text = str(role or "").strip()
    return text[:1].upper() + text[1:] if text else fallback


class RehearsalScreen(Screen[None]):
    """One live session of one scenario."""

    BINDINGS = [
        Binding("i", "type_turn", "Type a turn"),
        Binding("space", "toggle_talk", "Talk on/off"),
        Binding("m", "toggle_mode", "Push-to-talk/hands-free"),
        Binding("p", "toggle_pause", "Pause/resume"),
        Binding("e", "explain", "Why + tip"),
        Binding("x", "end_session", "End session"),
        Binding("escape", "leave_input", "Keys"),
    ]

    app: VoicecoachApp  # type: ignore[assignment]

    class SessionEventReceived(Message):
        """A session event arrived from the runner's thread."""

        def __init__(self, event: SessionEvent) -> None:
            super().__init__()
            self.event = event

    def __init__(
        self,
        scenario: Scenario,
        *,
        runner_factory: RunnerFactory,
        source_factory: AudioSourceFactory | None,
        input_kind: InputKind,
        push_to_talk: bool = False,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.runner_factory = runner_factory
        self.source_factory = source_factory
        self.input_kind: InputKind = input_kind
        self.push_to_talk = push_to_talk
        self.runner: SessionControl | None = None
        self.source: AudioSource | None = None
        self.session_id: int | None = None
        self.recogniser_name = ""
        self.listening = False
        self.paused = False
        self.talking = False
        self.ending = False
        self.ended = False
        self.voice_state = ""
        self.failure: VoicecoachError | None = None  # shown over the summary
        self.pending_summary: Screen[None] | None = None
        self.turns: list[Turn] = []
        self.flags_by_turn: dict[int, tuple[Flag, ...]] = {}
        self.trainee_name = role_name(getattr(scenario, "trainee_role", ""), "You")
        self.counterpart_name = role_name(getattr(scenario, "counterpart_role", ""), "Counterpart")

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Text(self.scenario.title, style="bold"), id="rehearsal-title")
        yield Static(id="status")
        with Horizontal(id="rehearsal-body"):
            with Vertical(id="conversation"):
                yield TranscriptView(self.trainee_name, self.counterpart_name, id="transcript")
                yield PartialLine(id="partial")
            with Vertical(id="side"):
                yield CounterpartLine(self.counterpart_name, id="counterpart")
                yield FeedbackPanel(id="feedback")
        yield Input(placeholder="Type what you would say; Enter sends, Esc leaves", id="typed")
        yield Footer()

    def on_mount(self) -> None:
        typed = self.query_one("#typed", Input)
        typed.display = self.input_kind == "typed"
        self._show_status()
        self._start_session()

    # -- starting -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def _start_session(self) -> None:
        """Build the runner (may load engines) and open the microphone, off the UI thread."""
        try:
            runner = self.runner_factory(self.scenario, self._on_runner_event)
        except VoicecoachError as error:
            self.app.call_from_thread(self._start_failed, error)
            return
        source: AudioSource | None = None
        if self.input_kind == "mic" and self.source_factory is not None:
            try:
                source = self.source_factory()
            except VoicecoachError as error:
                # MicrophoneUnavailableError mostly; a missing audio library or
                # recogniser leaves the same way out: typed turns.
                self.app.call_from_thread(self._microphone_unavailable, error)
        if source is not None:
            runner.attach_source(source)
        if self.app.call_from_thread(self._runner_ready, runner, source):
            runner.start()
        elif source is not None:
            source.close()  # the trainee left while the session was being built

    def _on_runner_event(self, event: SessionEvent) -> None:
        """Called on the runner's thread: hand the event to the UI thread."""
        self.post_message(self.SessionEventReceived(event))

    def _runner_ready(self, runner: SessionControl, source: AudioSource | None) -> bool:
        """Keep the runner; False when the screen was already left (then it never starts)."""
        if self.ended:
            return False
        self.runner = runner
        self.source = source
        self._show_status()
        return True

    def _start_failed(self, error: VoicecoachError) -> None:
        """The session cannot run: say why in a modal, then go back to the scenario list."""
        self.ended = True

        def leave(_: object) -> None:
            self.dismiss(None)

        self.app.show_error(error, leave)

    def _microphone_unavailable(self, error: VoicecoachError) -> None:
        """No microphone: say so and carry on with typed turns."""
        self.input_kind = "typed"
        self.app.notify(
            f"{error.message.rstrip('.')}. You can type your turns instead (press i).",
            title=error.title,
            severity="warning",
            markup=False,
        )
        typed = self.query_one("#typed", Input)
        typed.display = True
        typed.focus()
        self.refresh_bindings()  # the microphone keys no longer apply
        self._show_status()

    # -- events from the runner -------------------------------------------------

    def on_rehearsal_screen_session_event_received(self, message: SessionEventReceived) -> None:
        message.stop()
        self.apply_event(message.event)

    def apply_event(self, event: SessionEvent) -> None:
        """Render one session event; the only place the screen's state changes from events."""
        match event:
            case SessionStarted():
                self.session_id = event.session_id
                self.recogniser_name = event.recogniser_name
            case ListeningChanged():
                self.listening = event.listening
            case SpeechStarted():
                self.query_one(PartialLine).text = "…"
            case PartialHeard():
                self.query_one(PartialLine).text = event.text
            case TurnHeard():
                self.query_one(PartialLine).text = ""
                self._add_turn(event.turn)
                if event.turn.flags:
                    self._set_flags(event.turn.index, event.turn.flags)
            case FeedbackGiven():
                self._set_flags(event.turn_index, event.flags)
            case CounterpartSaid():
                self._add_turn(event.turn)
                self.query_one(CounterpartLine).show_line(event.turn.text)
            case VoiceStarted():
                self.voice_state = "speaking…"
                self.query_one(CounterpartLine).set_voice_state(self.voice_state)
            case VoiceStopped():
                self.voice_state = "interrupted" if event.interrupted else ""
                self.query_one(CounterpartLine).set_voice_state(self.voice_state)
            case NoticeRaised():
                self.app.notify(event.message, title="Notice", severity="warning", markup=False)
            case SessionEnded():
                self._finish(event)
            case SessionFailed():
                self.failure = VoicecoachError(
                    event.message, code=event.code, title="Session stopped"
                )
                if self.session_id is None:  # failed before it began: no SessionEnded follows
                    self._start_failed(self.failure)
        self._show_status()

    def _add_turn(self, turn: Turn) -> None:
        self.turns = [t for t in self.turns if (t.speaker, t.index) != (turn.speaker, turn.index)]
        self.turns.append(turn)
        self.query_one(TranscriptView).add_turn(turn)

    def _set_flags(self, turn_index: int, flags: tuple[Flag, ...]) -> None:
        self.flags_by_turn[turn_index] = flags
        self.query_one(TranscriptView).set_flags(turn_index, flags)
        self.query_one(FeedbackPanel).show_flags(turn_index, flags)

    def _finish(self, event: SessionEnded) -> None:
        self.ended = True
        self.source = None  # the runner closes the source it was given when it ends
        self._show_summary(event)

    def _show_summary(self, event: SessionEnded) -> None:
        from voicecoach.tui.screens.summary import SummaryScreen

        turns = [
            t
            if t.speaker is not Speaker.TRAINEE or t.flags
            else _with_flags(t, self.flags_by_turn.get(t.index, ()))
            for t in self.turns
        ]
        summary = SummaryScreen(
            self.scenario,
            turns=turns,
            outcome=dict(event.outcome),
            stats=dict(event.summary),
            session_id=event.session_id,
            trainee_name=self.trainee_name,
            counterpart_name=self.counterpart_name,
            problem=self.failure,
        )
        if self.is_active:
            self.app.switch_screen(summary)
        else:  # a dialog (the command palette, say) is on top: replace this screen on return
            self.pending_summary = summary

    def on_screen_resume(self) -> None:
        if self.pending_summary is not None:
            summary, self.pending_summary = self.pending_summary, None
            self.app.switch_screen(summary)

    # -- status line ----------------------------------------------------------

    def _show_status(self) -> None:
        if not self.is_mounted:
            return
        parts: list[tuple[str, str]] = []
        if self.runner is None and not self.ended:
            parts.append(("starting…", "yellow"))
        elif self.ending:
            parts.append(("ending the session…", "yellow"))
        elif self.input_kind == "typed":
            typed = "typed turns (no microphone)" if self.source_factory else "typed turns"
            parts.append((f"{typed}: press i to type", "cyan"))
        elif self.paused:
            parts.append(("⏸ paused", "yellow"))
        elif self.listening:
            parts.append(("● listening", "green"))
        else:
            parts.append(("○ not listening", "dim"))
        if self.input_kind == "mic":
            mode = (
                "push-to-talk" + (" · talking" if self.talking else " · space to talk")
                if self.push_to_talk
                else "hands-free"
            )
            parts.append((mode, ""))
        if self.paused and self.input_kind == "typed":
            parts.append(("paused", "yellow"))
        text = Text()
        for index, (part, style) in enumerate(parts):
            if index:
                text.append("  │  ", style="dim")
            text.append(part, style=style)
        self.query_one("#status", Static).update(text)

    # -- commands -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing in the current mode (the footer shows what works)."""
        if action == "toggle_talk":
            return self.input_kind == "mic" and self.push_to_talk
        if action == "toggle_mode":
            return self.input_kind == "mic"
        if action == "leave_input":  # while typing, letters type: Esc brings the keys back
            return self.query_one("#typed", Input).has_focus
        return True

    def action_type_turn(self) -> None:
        typed = self.query_one("#typed", Input)
        typed.display = True
        typed.focus()

    def action_leave_input(self) -> None:
        self.set_focus(None)
        if self.input_kind == "mic":
            self.query_one("#typed", Input).display = False

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or self.ended:
            return
        if self.runner is None:
            self.app.notify(
                "The session is still starting; try again in a moment.", severity="warning"
            )
            return
        event.input.clear()
        self.set_focus(None)
        self.runner.submit_typed(text)

    def action_toggle_pause(self) -> None:
        if self.runner is None or self.ended:
            return
        self.paused = not self.paused
        if self.paused:
            self.runner.pause()
        else:
            self.runner.resume()
        self._show_status()

    def action_toggle_mode(self) -> None:
        if self.runner is None or self.ended:
            return
        self.push_to_talk = not self.push_to_talk
        self.talking = False
        self.runner.set_push_to_talk(self.push_to_talk)
        self.refresh_bindings()
        self._show_status()

    def action_toggle_talk(self) -> None:
        if self.runner is None or self.ended or not self.push_to_talk:
            return
        self.talking = not self.talking
        self.runner.talk_pressed(self.talking)
        self._show_status()

    def action_explain(self) -> None:
        panel = self.query_one(FeedbackPanel)
        panel.expanded = not panel.expanded

    def action_end_session(self) -> None:
        if self.ended or self.ending:
            return
        if self.runner is None:
            self.ended = True
            self.dismiss(None)
            return
        self.ending = True
        self._show_status()
        self._end_runner(self.runner)

    @work(thread=True, group="end", exit_on_error=False)
    def _end_runner(self, runner: SessionControl) -> None:
        """`end()` may wait for the runner's thread; keep that off the UI thread."""
        runner.end()

    def on_unmount(self) -> None:
        """Leaving mid-session (the app quits): end it so the store records its end."""
        if self.runner is None:
            self.ended = True  # a runner still being built will not be started
        elif not self.ended:
            self.runner.end()
            self.runner.wait(SHUTDOWN_WAIT_SECONDS)


def _with_flags(turn: Turn, flags: tuple[Flag, ...]) -> Turn:
    from dataclasses import replace

    return replace(turn, flags=flags)

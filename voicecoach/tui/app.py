"""`VoicecoachApp`: pick a scenario, read the brief, rehearse, read the summary.

The app receives everything that touches engines as callables from the
composition root, so it never imports an adapter and never loads a model at
import time:

- `runner_factory(scenario, on_event)` builds a session runner (the real
  `voicecoach.session.SessionRunner`) whose events go to `on_event` from the
  runner's thread;
- `source_factory()` opens the microphone and may raise
  `MicrophoneUnavailableError`, after which the app offers typed turns;
- `preload()` loads the recogniser and the voice; it runs in a worker after
  the first screen shows, so start-up stays fast;
- `shutdown()` releases them when the app closes.

Recoverable errors become notifications, blocking ones a modal (`ErrorModal`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

from textual import work
from textual.app import App
from textual.binding import Binding

from voicecoach.core.events import SessionEvent
from voicecoach.errors import VoicecoachError
from voicecoach.ports import AudioSource

if TYPE_CHECKING:
    from voicecoach.core.scenario import Scenario, ScenarioEntry
    from voicecoach.tui.screens.picker import PickerScreen

InputKind = Literal["mic", "typed"]
EventCallback = Callable[[SessionEvent], None]


class SessionControl(Protocol):
    """The commands the app sends to a session runner (`voicecoach.session.SessionRunner`)."""

    def start(self) -> None: ...

    def submit_typed(self, text: str) -> None: ...

    def attach_source(self, source: AudioSource) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def set_push_to_talk(self, enabled: bool) -> None: ...

    def talk_pressed(self, pressed: bool) -> None: ...

    def end(self) -> None: ...

    def wait(self, timeout: float | None = None) -> bool: ...


RunnerFactory = Callable[["Scenario", EventCallback], SessionControl]
AudioSourceFactory = Callable[[], AudioSource]
ScenarioDiscovery = Callable[[], Sequence["ScenarioEntry"]]


def default_discovery() -> Sequence[ScenarioEntry]:
    """Scenarios from the default folders (bundled ones and VOICECOACH_SCENARIOS_DIR)."""
    from voicecoach.core.scenario import discover_scenarios

    return discover_scenarios()


class VoicecoachApp(App[None]):
    """The rehearsal trainer's terminal UI."""

    CSS_PATH = "app.tcss"
    TITLE = "voicecoach"
    SUB_TITLE = "rehearse out loud, offline"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        runner_factory: RunnerFactory,
        *,
        source_factory: AudioSourceFactory | None = None,
        preload: Callable[[], None] | None = None,
        discover: ScenarioDiscovery | None = None,
        scenario_id: str | None = None,
        input_kind: InputKind = "mic",
        push_to_talk: bool = False,
        shutdown: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.shutdown = shutdown
        self.runner_factory = runner_factory
        self.source_factory = source_factory
        self.preload = preload
        self.discover: ScenarioDiscovery = discover or default_discovery
        self.scenario_id = scenario_id
        self.input_kind: InputKind = input_kind if source_factory is not None else "typed"
        self.push_to_talk = push_to_talk
        self.engines_loading = preload is not None
        self.engine_problem: VoicecoachError | None = None
        self._preload_started = False

    def on_mount(self) -> None:
        from voicecoach.tui.screens.picker import PickerScreen

        self.push_screen(PickerScreen(initial_scenario_id=self.scenario_id))

    def on_unmount(self) -> None:
        """Screens (and their sessions) are closed by now: release the engines."""
        if self.shutdown is not None:
            self.shutdown()

    def on_picker_screen_scenarios_listed(self, message: PickerScreen.ScenariosListed) -> None:
        """Load engines once the first screen is usable, so they never delay it."""
        if self.preload is not None and self.engines_loading and not self._preload_started:
            self._preload_started = True
            self._preload_engines()

    @work(thread=True, exclusive=True, group="preload", exit_on_error=False)
    def _preload_engines(self) -> None:
        """Load recogniser and voice off the UI thread, after the first screen shows."""
        assert self.preload is not None
        try:
            self.preload()
        except VoicecoachError as error:
            self.call_from_thread(self._engines_loaded, error)
        else:
            self.call_from_thread(self._engines_loaded, None)

    def _engines_loaded(self, problem: VoicecoachError | None) -> None:
        self.engines_loading = False
        self.engine_problem = problem
        if problem is not None:
            self.show_notice(problem)

    def show_notice(self, error: VoicecoachError, *, timeout: float | None = None) -> None:
        """A recoverable problem: a notification with the error's title."""
        self.notify(
            error.message, title=error.title, severity="warning", markup=False, timeout=timeout
        )

    def show_error(
        self, error: VoicecoachError, callback: Callable[[Any], None] | None = None
    ) -> None:
        """A blocking problem: a modal the user must dismiss."""
        from voicecoach.tui.screens.error import ErrorModal

        modal = ErrorModal(title=error.title, message=error.message, code=error.code)
        self.push_screen(modal, callback)

    def open_brief(self, scenario: Scenario) -> None:
        """Show the trainee's brief; starting from it opens the rehearsal."""
        from voicecoach.tui.screens.brief import BriefScreen

        def start_if_chosen(start: bool | None) -> None:
            if start:
                self.open_rehearsal(scenario)

        self.push_screen(BriefScreen(scenario), start_if_chosen)

    def open_rehearsal(self, scenario: Scenario) -> None:
        from voicecoach.tui.screens.rehearsal import RehearsalScreen

        self.push_screen(
            RehearsalScreen(
                scenario,
                runner_factory=self.runner_factory,
                source_factory=self.source_factory,
                input_kind=self.input_kind,
                push_to_talk=self.push_to_talk,
            )
        )

"""`voicecoach app` (and `voicecoach` with no command): the Textual app.

This module is the app's composition root: it alone picks the concrete
recogniser, voice, speaker and microphone, and hands the app factories that
use them. Engines load lazily, on first use, in the app's worker threads, so
the first screen shows before any model is read.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
from typing import TYPE_CHECKING, Any

from voicecoach.cli import compose
from voicecoach.core.events import NoticeRaised
from voicecoach.errors import RecogniserError, VoicecoachError, VoiceError

if TYPE_CHECKING:
    from voicecoach.core.scenario import Scenario
    from voicecoach.ports import AudioSink, AudioSource, Recogniser, Voice
    from voicecoach.session import SessionRunner
    from voicecoach.storage import SessionStore
    from voicecoach.tui.app import EventCallback, VoicecoachApp


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "app",
        help="open the rehearsal app (the default with no command)",
        description="Open the terminal app: pick a scenario, read the brief, rehearse out loud "
        "(or type your turns), and read the scored transcript.",
    )
    parser.add_argument("--scenario", metavar="ID", help="open this scenario's brief straight away")
    parser.add_argument(
        "--input",
        choices=("mic", "typed"),
        default="mic",
        help="speak into the microphone (default) or type your turns",
    )
    parser.add_argument(
        "--push-to-talk",
        action="store_true",
        help="start in push-to-talk mode (space toggles talking) instead of hands-free",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed for the counterpart's wording (default: a new one each session)",
    )
    compose.add_engine_options(parser)
    compose.add_session_options(parser)
    parser.set_defaults(handler=run_app)


class AppEngines:
    """The engines of one app process, each loaded once on first use (thread-safe).

    A recogniser or voice that fails to load is remembered as its error, so the
    app is told once (a notice) and the session goes on without it: typed turns
    need no recogniser, and the counterpart's lines are still shown without a voice.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.input_kind: str = args.input
        self.seed: int | None = args.seed
        self._lock = threading.Lock()
        self._sessions = 0
        self._store: SessionStore | None = None
        self._recogniser: Recogniser | None = None
        self._recogniser_error: VoicecoachError | None = None
        self._voice: Voice | None = None
        self._sink: AudioSink | None = None
        self._voice_error: VoicecoachError | None = None
        self._voice_loaded = False
        self._reported: set[str] = set()  # codes of problems the app was already told about

    def preload(self) -> None:
        """Load what the first session will need; raises the first problem met as a notice."""
        errors = [
            error for error in (self._load_recogniser(), self._load_voice()) if error is not None
        ]
        if errors:
            self._reported.add(errors[0].code)
            raise errors[0]

    def _load_recogniser(self) -> VoicecoachError | None:
        if self.input_kind != "mic":
            return None
        with self._lock:
            if self._recogniser is None and self._recogniser_error is None:
                try:
                    self._recogniser = compose.make_recogniser(self.args)
                except VoicecoachError as error:
                    self._recogniser_error = error
            return self._recogniser_error

    def _load_voice(self) -> VoicecoachError | None:
        with self._lock:
            if not self._voice_loaded:
                self._voice_loaded = True
                try:
                    self._voice = compose.make_voice(self.args)
                    if self._voice is not None:
                        self._sink = compose.make_speaker(self.args)
                except VoicecoachError as error:
                    self._voice, self._sink = None, None
                    self._voice_error = VoiceError(
                        f"{error.message.rstrip('.')}. "
                        "The counterpart's lines are shown, not spoken.",
                        title=error.title,
                    )
            return self._voice_error

    def store(self) -> SessionStore:
        with self._lock:
            if self._store is None:
                self._store = compose.make_store()
            return self._store

    def build_runner(self, scenario: Scenario, on_event: EventCallback) -> SessionRunner:
        """A session runner for `scenario`; problems that leave it usable become notices."""
        from voicecoach.session import SessionRunner

        self._load_recogniser()
        voice_error = self._load_voice()
        if voice_error is not None and voice_error.code not in self._reported:
            self._reported.add(voice_error.code)
            on_event(NoticeRaised(voice_error.code, voice_error.message))
        self._warm_voice_for(scenario, on_event)
        store = self.store()
        with self._lock:
            self._sessions += 1
            seed = self.seed if self.seed is not None else self._sessions
        meter = compose.make_prosody_meter() if self._recogniser is not None else None
        return SessionRunner(
            scenario,
            store=store,
            recogniser=self._recogniser,
            voice=self._voice,
            sink=self._sink,
            settings=compose.session_settings(
                self.args, input_kind=self.input_kind, push_to_talk=self.args.push_to_talk
            ),
            on_event=on_event,
            seed=seed,
            prosody_meter=meter,
        )

    def _warm_voice_for(self, scenario: Scenario, on_event: EventCallback) -> None:
        """Load the persona's voice now, so the opening line is not slowed by it."""
        warm = getattr(self._voice, "warm", None)  # Pyttsx3Voice has it; the port does not
        if warm is None:
            return
        try:
            warm(scenario.persona.voice, scenario.persona.rate_wpm)
        except VoicecoachError as error:  # the runner reports render failures line by line
            on_event(NoticeRaised(error.code, error.message))

    def open_microphone(self) -> AudioSource:
        """The microphone; without a recogniser it would hear nothing, so that is the error."""
        recogniser_error = self._load_recogniser()
        if recogniser_error is not None:
            raise RecogniserError(recogniser_error.message, title=recogniser_error.title)
        return compose.make_microphone(self.args)

    def close(self) -> None:
        """Release every engine that was loaded (the voice runs in its own process)."""
        closable: list[Any] = [self._sink, self._voice, self._recogniser, self._store]
        self._sink = self._voice = self._recogniser = self._store = None
        for engine in closable:
            if engine is not None:
                # Best effort: the process is ending anyway.
                with contextlib.suppress(VoicecoachError):
                    engine.close()


def build_app(args: argparse.Namespace) -> VoicecoachApp:
    """The app wired to real engines (what `voicecoach app` runs; tests use it too)."""
    from voicecoach.tui.app import VoicecoachApp

    engines = AppEngines(args)
    return VoicecoachApp(
        engines.build_runner,
        source_factory=engines.open_microphone if args.input == "mic" else None,
        preload=engines.preload,
        scenario_id=args.scenario,
        input_kind=args.input,
        push_to_talk=args.push_to_talk,
        shutdown=engines.close,
    )


def run_app(args: argparse.Namespace) -> int:
    app = build_app(args)
    app.run()
    return int(app.return_code or 0)

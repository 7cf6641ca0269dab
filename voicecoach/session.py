"""The session runner: one source, one recogniser, one scenario run, the feedback
engine, one voice, one sink and the store, wired together.

It serves the app (background thread, commands queued from the UI), the
headless command line (synchronous calls, one turn at a time) and tests. It
emits the typed events of `voicecoach.core.events`; the store gets every turn
the moment it ends. It never imports Textual or an engine: the composition root
hands it adapters that satisfy `voicecoach.ports`.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
import wave
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from voicecoach.core.endpointing import (
    EchoEstimate,
    EndpointSettings,
    Signal,
    TurnDetector,
    frame_level_dbfs,
)
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
from voicecoach.core.scenario import Effect, Finish, Say, ScenarioRun
from voicecoach.core.transcript import Flag, Speaker, Turn
from voicecoach.errors import VoicecoachError
from voicecoach.ports import (
    CHUNK_BYTES,
    CHUNK_SECONDS,
    SAMPLE_RATE_HZ,
    AudioClip,
    AudioSink,
    AudioSource,
    Playback,
    Recogniser,
    RecognitionStream,
    Voice,
)
from voicecoach.storage.paths import session_audio_dir
from voicecoach.storage.sqlite_store import SessionStore

log = logging.getLogger(__name__)

EventCallback = Callable[[SessionEvent], None]
ProsodyMeter = Callable[[bytes], Any]

PRE_ROLL_SECONDS = 0.3  # audio kept from before speech was detected, so first syllables survive


@dataclass(frozen=True)
class SessionSettings:
    endpoint: EndpointSettings = field(default_factory=EndpointSettings)
    input_kind: str = "typed"  # "mic", "wav" or "typed"
    push_to_talk: bool = False
    save_audio: bool = True
    virtual_time: bool = False  # headless: times follow the audio, not the wall clock
    silence_prompt_seconds: float | None = None  # None: the scenario's own value


@dataclass
class _Utterance:
    """A trainee turn being heard."""

    stream: RecognitionStream
    started_at: float
    pcm: bytearray = field(default_factory=bytearray)
    partial: str = ""


class SessionRunner:
    """Runs one rehearsal; see docs/architecture.md for the command API."""

    def __init__(
        self,
        scenario: Any,
        *,
        store: SessionStore,
        recogniser: Recogniser | None = None,
        voice: Voice | None = None,
        sink: AudioSink | None = None,
        settings: SessionSettings | None = None,
        on_event: EventCallback | None = None,
        seed: int = 0,
        prosody_meter: ProsodyMeter | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # The feedback engine compiles its lexicons on import: loaded with the first session,
        # not when the app starts.
        from voicecoach.core.feedback import SessionFeedback

        self.scenario = scenario
        self.store = store
        self.recogniser = recogniser
        self.voice = voice
        self.sink = sink
        self.settings = settings or SessionSettings()
        self.seed = seed
        self.prosody_meter = prosody_meter
        self._clock = clock
        self._listeners: list[EventCallback] = [on_event] if on_event else []
        self.run = ScenarioRun(scenario, seed=seed)
        self.feedback = SessionFeedback(
            trainee_role=scenario.trainee_role,
            counterpart_role=scenario.counterpart_role,
        )
        self.session_id: int | None = None
        self.turns: list[Turn] = []
        self.events: list[SessionEvent] = []
        self.latencies_seconds: list[float] = []
        self.ended = False
        self.paused = False
        self.push_to_talk = self.settings.push_to_talk
        self.talk_held = False
        self._source: AudioSource | None = None
        prompt_seconds = self.settings.silence_prompt_seconds or float(
            getattr(scenario, "silence_prompt_seconds", self.settings.endpoint.long_silence_seconds)
        )
        self._detector = TurnDetector(
            replace(self.settings.endpoint, long_silence_seconds=prompt_seconds)
        )
        self._utterance: _Utterance | None = None
        self._pre_roll: deque[bytes] = deque(maxlen=max(1, round(PRE_ROLL_SECONDS / CHUNK_SECONDS)))
        self._playback: Playback | None = None
        self._playback_turn = -1
        self._echo = EchoEstimate(CHUNK_SECONDS)  # one per session: the room stays the same
        self._echo_active = False
        self._playback_ended_at: float | None = None
        self._turn_end_detected_at: float | None = None
        self._reply_pending_since: float | None = None  # end of the turn a reply answers
        self._t0 = 0.0
        self._virtual_seconds = 0.0
        self._commands: queue.Queue[Callable[[], None]] = queue.Queue()
        self._thread: threading.Thread | None = None

    # ----- events -------------------------------------------------------------------------

    def subscribe(self, callback: EventCallback) -> None:
        self._listeners.append(callback)

    def _emit(self, event: SessionEvent) -> None:
        self.events.append(event)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the session
                log.exception("event listener failed on %r", event)

    def _now(self) -> float:
        if self.settings.virtual_time:
            return self._virtual_seconds
        return self._clock() - self._t0

    # ----- lifecycle ------------------------------------------------------------------------

    def begin(self) -> None:
        """Create the session row and let the counterpart open (synchronous)."""
        self._t0 = self._clock()
        recogniser_name = getattr(self.recogniser, "name", "") if self.recogniser else ""
        self.session_id = self.store.create_session(
            self.scenario.id,
            self.scenario.title,
            recogniser=recogniser_name,
            input_kind=self.settings.input_kind,
            seed=self.seed,
        )
        self._emit(
            SessionStarted(
                self.session_id, self.scenario.id, recogniser_name, self.settings.input_kind
            )
        )
        self._apply_effects(self.run.start())

    def start(self) -> None:
        """Begin in a background thread that also listens to the attached source."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._thread_main, name="voicecoach-session", daemon=True
        )
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is None:
            return self.ended
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _call(self, command: Callable[[], None]) -> None:
        """Run a command in the runner thread when there is one, else now."""
        if self._thread is not None and threading.current_thread() is not self._thread:
            self._commands.put(command)
        else:
            command()

    def attach_source(self, source: AudioSource) -> None:
        def attach() -> None:
            if self._source is not None:
                self._source.close()
            self._source = source
            self._emit(ListeningChanged(self._is_listening(), f"input: {source.kind}"))

        self._call(attach)

    def submit_typed(self, text: str) -> None:
        self._call(lambda: self.process_typed_turn(text))

    def pause(self) -> None:
        def pause() -> None:
            self.paused = True
            self._stop_voice(interrupted=True)
            self._drop_utterance()
            self._emit(ListeningChanged(False, "paused"))

        self._call(pause)

    def resume(self) -> None:
        def resume() -> None:
            self.paused = False
            self._detector.reset_silence_timer()
            self._emit(ListeningChanged(self._is_listening(), "resumed"))

        self._call(resume)

    def set_push_to_talk(self, enabled: bool) -> None:
        def set_mode() -> None:
            self.push_to_talk = enabled
            self.talk_held = False
            self._emit(
                ListeningChanged(self._is_listening(), "push-to-talk" if enabled else "hands-free")
            )

        self._call(set_mode)

    def talk_pressed(self, held: bool) -> None:
        def talk() -> None:
            self.talk_held = held
            if not held and self._utterance is not None:
                self._end_utterance()  # releasing the key ends the turn at once
            self._emit(ListeningChanged(self._is_listening(), "talk" if held else "released"))

        self._call(talk)

    def end(self) -> None:
        self._call(lambda: self.finish("ended"))

    def _is_listening(self) -> bool:
        return (
            self._source is not None
            and not self.paused
            and not self.ended
            and (not self.push_to_talk or self.talk_held)
        )

    def _thread_main(self) -> None:
        try:
            if self.session_id is None:
                self.begin()
            while not self.ended:
                self._drain_commands()
                if self.ended:
                    break
                self._poll_playback()
                if self._source is not None:
                    self._poll_source()
                else:
                    self._wait_for_command(0.05)
        except VoicecoachError as error:
            self._emit(SessionFailed(error.code, error.message))
            self._finish_quietly("failed")
        except Exception as error:  # unexpected: report, keep saved turns, end cleanly
            log.exception("session runner crashed")
            self._emit(SessionFailed("internal", f"unexpected error: {error!r}"))
            self._finish_quietly("failed")
        finally:
            if self._source is not None:
                self._source.close()

    def _drain_commands(self) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            command()

    def _wait_for_command(self, timeout: float) -> None:
        try:
            command = self._commands.get(timeout=timeout)
        except queue.Empty:
            return
        command()

    def _finish_quietly(self, status: str) -> None:
        try:
            self.finish(status)
        except Exception:
            log.exception("could not finish the session cleanly")

    def finish(self, status: str = "ended") -> None:
        """End the session: stop the voice, save the outcome and summary, emit SessionEnded."""
        if self.ended:
            return
        self.ended = True
        self._stop_voice(interrupted=True)
        self._drop_utterance()
        outcome = dict(self.run.outcome())
        if outcome.get("result") == "running":
            # The trainee (or a failure) ended it before a deal, an impasse or a walk-away.
            outcome["result"] = "ended early" if status == "ended" else status
        summary = dict(self.feedback.summary())
        if self.latencies_seconds:
            summary["reply_latency_seconds"] = [round(x, 3) for x in self.latencies_seconds]
        if self.session_id is not None:
            self.store.finish_session(
                self.session_id, status=status, outcome=outcome, summary=summary
            )
            self._emit(SessionEnded(self.session_id, outcome, summary))

    # ----- trainee turns --------------------------------------------------------------------

    def process_typed_turn(self, text: str) -> None:
        text = text.strip()
        if not text or self.ended:
            return
        start = self._now()
        words = len(text.split())
        if self.settings.virtual_time:
            self._virtual_seconds += max(1.0, words / 2.5)  # a typed turn "takes" speaking time
        self._trainee_turn(text, start, self._now(), pcm=None)

    def process_audio_turn(self, clip: AudioClip) -> str:
        """Recognise one whole utterance (headless WAV input) and take it as a turn."""
        if self.recogniser is None:
            raise VoicecoachError("audio input needs a recogniser (use --asr sphinx or vosk)")
        stream = self.recogniser.open_stream()
        for offset in range(0, len(clip.pcm), CHUNK_BYTES):
            partial = stream.accept_chunk(clip.pcm[offset : offset + CHUNK_BYTES])
            if partial:
                self._emit(PartialHeard(partial))
        text = stream.finish().text.strip()
        start = self._now()
        if self.settings.virtual_time:
            self._virtual_seconds += clip.duration_seconds
        if text:
            self._trainee_turn(text, start, self._now(), pcm=clip.pcm)
        else:
            self._emit(
                NoticeRaised("asr.empty", "nothing was recognised in that turn; try again louder")
            )
        return text

    def _trainee_turn(self, text: str, start: float, end: float, pcm: bytes | None) -> None:
        index = len(self.turns)
        prosody = None
        meta: dict[str, Any] = {}
        if pcm is not None and self.prosody_meter is not None:
            try:
                prosody = self.prosody_meter(pcm)
                meta["prosody"] = _as_dict(prosody)
            except Exception:
                log.exception("prosody measurement failed")
        flags: tuple[Flag, ...] = tuple(self.feedback.assess_turn(text, prosody=prosody))
        audio_path = self._save_audio(index, "trainee", pcm)
        if self.recogniser is not None and pcm is not None:
            meta["recogniser"] = self.recogniser.name
        turn = Turn(index, Speaker.TRAINEE, text, start, end, flags, audio_path, meta)
        self._save(turn)
        self._emit(TurnHeard(turn))
        self._emit(FeedbackGiven(index, flags))
        self._detector.reset_silence_timer()
        self._apply_effects(self.run.on_trainee_turn(text, list(flags)))

    # ----- counterpart turns ----------------------------------------------------------------

    def _apply_effects(self, effects: Sequence[Effect]) -> None:
        for effect in effects:
            if isinstance(effect, Say):
                self._counterpart_says(effect)
            elif isinstance(effect, Finish):
                self._wait_for_voice_then_finish()
                return
        if self.run.finished and not self.ended:
            self._wait_for_voice_then_finish()

    def _wait_for_voice_then_finish(self) -> None:
        if self._playback is not None and self._thread is not None:
            self._playback.wait(30.0)  # let the closing line be heard
        self.finish("ended")

    def _counterpart_says(self, say: Say) -> None:
        index = len(self.turns)
        start = self._now()
        clip: AudioClip | None = None
        if self.voice is not None:
            try:
                clip = self.voice.render(
                    say.text, self.scenario.persona.voice, self.scenario.persona.rate_wpm
                )
            except VoicecoachError as error:
                self._emit(NoticeRaised(error.code, error.message))
        meta: dict[str, Any] = {"state": say.state, "move": say.move, "table": dict(say.table)}
        if self.settings.virtual_time:
            # With no voice, the line still takes the time it would take to say.
            self._virtual_seconds += clip.duration_seconds if clip else len(say.text.split()) / 2.5
        turn = Turn(index, Speaker.COUNTERPART, say.text, start, self._now(), (), None, meta)
        self.feedback.add_counterpart_turn(say.text)
        if clip is not None and clip.pcm and self.sink is not None:
            self._play(clip, index)
        audio_path = self._save_audio(index, "counterpart", clip.pcm if clip else None)
        if audio_path:
            turn = Turn(
                index, Speaker.COUNTERPART, say.text, start, turn.end_seconds, (), audio_path, meta
            )
        self._save(turn)
        self._emit(CounterpartSaid(turn))
        if say.move != "prompt":  # one prompt per silence, not one every few seconds
            self._detector.reset_silence_timer()

    def _play(self, clip: AudioClip, index: int) -> None:
        self._stop_voice(interrupted=True)
        assert self.sink is not None
        playback = self.sink.play(clip)
        self._playback = playback
        self._playback_turn = index
        self._playback_ended_at = None
        self._echo.start_clip(_clip_levels(clip.pcm))
        self._echo_active = True
        self._emit(VoiceStarted(index))
        # Measured once the device has the first sample (see _note_reply_latency), never by
        # waiting here: the runner thread must go on reading the microphone for barge-in.
        self._reply_pending_since, self._turn_end_detected_at = self._turn_end_detected_at, None

    def _note_reply_latency(self) -> None:
        if self._reply_pending_since is None or self._playback is None:
            return
        first = self._playback.first_sample_at
        if first is not None:
            self.latencies_seconds.append(first - self._reply_pending_since)
            self._reply_pending_since = None

    def _stop_voice(self, interrupted: bool) -> None:
        if self._playback is None:
            return
        self._playback.stop()
        self._voice_ended(interrupted)

    def _poll_playback(self) -> None:
        if self._playback is None:
            return
        self._note_reply_latency()
        if not self._playback.playing:
            self._voice_ended(interrupted=False)

    def _voice_ended(self, interrupted: bool) -> None:
        self._note_reply_latency()
        self._reply_pending_since = None
        self._emit(VoiceStopped(self._playback_turn, interrupted))
        self._playback = None
        self._playback_ended_at = self._clock()

    def _expected_echo_dbfs(self) -> float | None:
        """Echo expected at the microphone now, or None when the voice is silent."""
        if not self._echo_active:
            return None
        if self._playback is not None:
            started = self._playback.first_sample_at or self._clock()
            return self._echo.expected_dbfs(self._clock() - started)
        tail = self.settings.endpoint.echo_tail_seconds
        if self._playback_ended_at is not None and self._clock() - self._playback_ended_at < tail:
            return self._echo.expected_dbfs(1e9)  # the end of the clip is still arriving
        self._echo_active = False
        return None

    # ----- listening ------------------------------------------------------------------------

    def _poll_source(self) -> None:
        assert self._source is not None
        chunk = self._source.read_chunk(0.05)
        if chunk is None:
            self._end_utterance()
            self._source.close()
            self._source = None
            self._emit(ListeningChanged(False, "input ended"))
            return
        if not chunk:
            return
        if not self._is_listening():
            self._pre_roll.clear()
            return
        level = frame_level_dbfs(chunk)
        echo = self._expected_echo_dbfs()
        signal = self._detector.feed(level, echo)
        if (
            echo is not None
            and signal is None
            and self._utterance is None
            and self._playback is not None
        ):
            started = self._playback.first_sample_at or self._clock()
            self._echo.learn(
                level,
                self._clock() - started,
                self.settings.endpoint.barge_in_margin_db,
                audible_dbfs=self._detector.speech_threshold_dbfs,
            )
        if signal in (Signal.SPEECH_STARTED, Signal.BARGED_IN):
            if signal is Signal.BARGED_IN:
                self._stop_voice(interrupted=True)
            self._open_utterance()
        if self._utterance is not None:
            self._utterance.pcm.extend(chunk)
            partial = self._utterance.stream.accept_chunk(chunk)
            if partial and partial != self._utterance.partial:
                self._utterance.partial = partial
                self._emit(PartialHeard(partial))
        else:
            self._pre_roll.append(chunk)
        if signal is Signal.TURN_ENDED:
            self._turn_end_detected_at = self._clock()
            self._end_utterance()
        elif signal is Signal.SHORT_NOISE:
            self._drop_utterance()
        elif signal is Signal.LONG_SILENCE and self._playback is None:
            # The runner's timer decides when silence is long; the scenario's value is its default.
            waited = self._detector.settings.long_silence_seconds
            scenario_seconds = float(getattr(self.scenario, "silence_prompt_seconds", waited))
            self._apply_effects(self.run.on_silence(max(waited, scenario_seconds)))

    def _open_utterance(self) -> None:
        if self.recogniser is None or self._utterance is not None:
            return
        stream = self.recogniser.open_stream()
        started = self._now() - len(self._pre_roll) * CHUNK_SECONDS
        self._utterance = _Utterance(stream, max(0.0, started))
        self._emit(SpeechStarted(self._utterance.started_at))
        for chunk in self._pre_roll:
            self._utterance.pcm.extend(chunk)
            stream.accept_chunk(chunk)
        self._pre_roll.clear()

    def _end_utterance(self) -> None:
        utterance, self._utterance = self._utterance, None
        if utterance is None:
            return
        text = utterance.stream.finish().text.strip()
        if text:
            self._trainee_turn(text, utterance.started_at, self._now(), bytes(utterance.pcm))
        else:
            self._emit(PartialHeard(""))

    def _drop_utterance(self) -> None:
        utterance, self._utterance = self._utterance, None
        if utterance is not None:
            with contextlib.suppress(VoicecoachError):
                utterance.stream.finish()
            self._emit(PartialHeard(""))

    # ----- storage ----------------------------------------------------------------------------

    def _save(self, turn: Turn) -> None:
        self.turns.append(turn)
        assert self.session_id is not None
        self.store.save_turn(self.session_id, turn)

    def _save_audio(self, index: int, who: str, pcm: bytes | None) -> str | None:
        if not pcm or not self.settings.save_audio or self.session_id is None:
            return None
        folder = session_audio_dir(self.session_id)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"turn-{index:03d}-{who}.wav"
        write_pcm_wav(path, pcm)
        return str(path)


def write_pcm_wav(path: Path, pcm: bytes, sample_rate_hz: int = SAMPLE_RATE_HZ) -> None:
    """16-bit mono WAV with the standard library (no engine needed to save a clip)."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate_hz)
        out.writeframes(pcm)


def _clip_levels(pcm: bytes) -> list[float]:
    return [frame_level_dbfs(pcm[i : i + CHUNK_BYTES]) for i in range(0, len(pcm), CHUNK_BYTES)]


def _as_dict(value: Any) -> dict[str, Any]:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return {"value": repr(value)}

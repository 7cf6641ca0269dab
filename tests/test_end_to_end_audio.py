"""End to end through real audio devices: PulseAudio null sinks, the real
microphone and speaker adapters, pocketsphinx, the pyttsx3 voice, the scenario
engine, the feedback engine and the SQLite store.

The trainee "speaks" by playing a flite WAV into the virtual microphone; what
the counterpart says is recorded from the virtual speaker and recognised back.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.pulse import PulseRig, pulse_audio  # noqa: F401
from tests.speech import speech_wav
from voicecoach.core.events import (
    CounterpartSaid,
    SessionEvent,
    TurnHeard,
    VoiceStarted,
    VoiceStopped,
)
from voicecoach.core.transcript import Speaker
from voicecoach.ports import AudioClip
from voicecoach.session import SessionRunner, SessionSettings
from voicecoach.storage import SessionStore

pytestmark = [pytest.mark.audio, pytest.mark.slow]


def flite_wav(tmp_path: Path, text: str, voice: str = "slt", gain_db: float = 0.0) -> Path:
    out = tmp_path / f"trainee-{abs(hash((text, voice, gain_db)))}.wav"
    # Half a second of silence each side, as a person pausing before and after speaking.
    return speech_wav(out, text, voice, effects=("gain", str(gain_db), "pad", "0.5", "0.5"))


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


class EventLog:
    def __init__(self) -> None:
        self.events: list[SessionEvent] = []
        self._changed = threading.Condition()

    def __call__(self, event: SessionEvent) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait_for(
        self, predicate: Callable[[SessionEvent], bool], timeout: float = 30.0, after: int = 0
    ) -> SessionEvent:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self.events[after:]:
                    if predicate(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out; events so far: {self.events}")
                self._changed.wait(remaining)


@pytest.fixture(scope="module")
def engines() -> tuple[object, object]:
    from voicecoach.adapters.asr import load_recogniser
    from voicecoach.adapters.voice import Pyttsx3Voice

    recogniser = load_recogniser("sphinx")
    voice = Pyttsx3Voice()
    yield recogniser, voice
    voice.close()
    recogniser.close()


_open_sinks: list[object] = []


@pytest.fixture(autouse=True)
def close_devices() -> Iterator[None]:
    """Devices are the composition root's to close, after the runner has stopped."""
    yield
    while _open_sinks:
        _open_sinks.pop().close()  # type: ignore[attr-defined]


def make_runner(engines: tuple[object, object], log: EventLog, tmp_path: Path) -> SessionRunner:
    from voicecoach.adapters.audio.microphone import MicrophoneSource
    from voicecoach.adapters.audio.speaker import SpeakerSink
    from voicecoach.core.scenario import find_scenario

    recogniser, voice = engines
    sink = SpeakerSink()
    _open_sinks.append(sink)
    runner = SessionRunner(
        find_scenario("used-car"),
        store=SessionStore(tmp_path / "sessions.db"),
        recogniser=recogniser,
        voice=voice,
        sink=sink,  # type: ignore[arg-type]
        settings=SessionSettings(input_kind="mic"),
        on_event=log,
        seed=1,
    )
    runner.start()
    runner.attach_source(MicrophoneSource())
    return runner


def set_loopback_volume(rig: PulseRig, module_id: int, volume: str) -> None:
    for block in rig.pactl("list", "sink-inputs").split("Sink Input #")[1:]:
        if f"Owner Module: {module_id}\n" in block:
            rig.pactl("set-sink-input-volume", block.split()[0], volume)
            return
    raise AssertionError(f"no sink input of loopback module {module_id}")


def recognise_file(engines: tuple[object, object], path: Path) -> str:
    from voicecoach.adapters.wav import read_wav

    recogniser = engines[0]
    clip: AudioClip = read_wav(path)
    stream = recogniser.open_stream()  # type: ignore[attr-defined]
    for i in range(0, len(clip.pcm), 3200):
        stream.accept_chunk(clip.pcm[i : i + 3200])
    return str(stream.finish().text)


def test_trainee_speaks_counterpart_answers_and_is_heard_on_the_speaker(
    pulse_audio: PulseRig,  # noqa: F811
    engines: tuple[object, object],
    tmp_path: Path,
) -> None:
    log = EventLog()
    runner = make_runner(engines, log, tmp_path)
    try:
        # The counterpart opens; wait until it has finished speaking, then record the speaker.
        log.wait_for(lambda e: isinstance(e, VoiceStopped))
        recording = pulse_audio.record_speaker(tmp_path / "speaker.wav")
        mark = len(log.events)
        trainee = flite_wav(tmp_path, "hello what can you tell me about the car")
        pulse_audio.play_into_mic(trainee).wait(timeout=20)
        heard = log.wait_for(lambda e: isinstance(e, TurnHeard), after=mark)
        assert isinstance(heard, TurnHeard)
        assert len(words(heard.turn.text) & {"hello", "tell", "me", "about", "car"}) >= 3, (
            heard.turn.text
        )
        said = log.wait_for(lambda e: isinstance(e, CounterpartSaid), after=mark)
        assert isinstance(said, CounterpartSaid)
        log.wait_for(
            lambda e: isinstance(e, VoiceStopped) and e.turn_index == said.turn.index, after=mark
        )
        time.sleep(0.3)
    finally:
        runner.end()
        runner.wait(30)
        recorded = recording.stop()
    # What came out of the speaker is the counterpart's reply: recognise it back. espeak-ng's
    # voice is poorly recognised by pocketsphinx, so the check is that the recording matches the
    # line that was said clearly better than any other line the counterpart said or could say.
    heard_back = words(recognise_file(engines, recorded))
    stop = {"a", "the", "i", "to", "of", "and", "is", "it", "you", "that", "me", "my", "this"}

    def overlap(line: str) -> float:
        expected = words(line) - stop
        return len(heard_back & expected) / max(1, len(expected))

    others = [
        t.text
        for t in runner.turns
        if t.speaker is Speaker.COUNTERPART and t.text != said.turn.text
    ]
    assert others, "the opening line is there to compare with"
    assert overlap(said.turn.text) >= 0.25, (said.turn.text, heard_back)
    assert overlap(said.turn.text) > max(overlap(o) for o in others) + 0.1, (
        said.turn.text,
        heard_back,
    )
    # Every turn is in the store.
    saved = SessionStore(tmp_path / "sessions.db").turns(runner.session_id or 0)
    assert [t.speaker for t in saved[:3]] == [
        Speaker.COUNTERPART,
        Speaker.TRAINEE,
        Speaker.COUNTERPART,
    ]
    assert runner.latencies_seconds, "latency from end of turn to first sample was measured"


def test_the_program_never_hears_itself_through_the_loudspeaker(
    pulse_audio: PulseRig,  # noqa: F811
    engines: tuple[object, object],
    tmp_path: Path,
) -> None:
    log = EventLog()
    with pulse_audio.loopback_speaker_into_mic():
        runner = make_runner(engines, log, tmp_path)
        try:
            # The opening line plays and comes back into the microphone.
            log.wait_for(lambda e: isinstance(e, VoiceStarted))
            log.wait_for(lambda e: isinstance(e, VoiceStopped), timeout=40)
            time.sleep(1.5)  # the echo tail and an end-of-turn silence
        finally:
            runner.end()
            runner.wait(30)
    trainee_turns = [e for e in log.events if isinstance(e, TurnHeard)]
    assert trainee_turns == [], (
        f"the counterpart's own voice became a trainee turn: {trainee_turns}"
    )


def test_trainee_talking_over_the_voice_stops_it(
    pulse_audio: PulseRig,  # noqa: F811
    engines: tuple[object, object],
    tmp_path: Path,
) -> None:
    log = EventLog()
    # The trainee near the microphone; the loudspeaker's echo about 18 dB down (PulseAudio's
    # 50% volume), as in a room. The no-self-hearing test above uses a full-level echo.
    loud = flite_wav(
        tmp_path, "wait a moment what is the lowest price you can do", voice="rms", gain_db=3
    )
    with pulse_audio.loopback_speaker_into_mic() as loopback:
        set_loopback_volume(pulse_audio, loopback.module_id, "50%")
        runner = make_runner(engines, log, tmp_path)
        try:
            log.wait_for(lambda e: isinstance(e, VoiceStarted))
            time.sleep(0.8)
            pulse_audio.play_into_mic(loud).wait(timeout=20)
            stopped = log.wait_for(lambda e: isinstance(e, VoiceStopped))
            assert isinstance(stopped, VoiceStopped) and stopped.interrupted
            heard = log.wait_for(lambda e: isinstance(e, TurnHeard))
            assert isinstance(heard, TurnHeard)
            assert words(heard.turn.text) & {"lowest", "price", "moment", "wait"}, heard.turn.text
        finally:
            runner.end()
            runner.wait(30)

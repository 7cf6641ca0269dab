"""The speaker through PulseAudio's virtual `speaker` sink, recorded back from its monitor."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.pulse import (
    PulseRig,
    active_seconds,
    best_alignment,
    make_speech_wav,
    pulse_audio,  # noqa: F401
    rms,
)
from voicecoach.errors import AudioError
from voicecoach.ports import AudioClip, AudioSink, Playback

pytestmark = pytest.mark.audio


@pytest.fixture(scope="module")
def spoken_line(tmp_path_factory: pytest.TempPathFactory) -> AudioClip:
    """A counterpart line rendered by the real voice."""
    from voicecoach.adapters.voice import Pyttsx3Voice

    with Pyttsx3Voice() as voice:
        clip = voice.render("I can let it go for four thousand two hundred, and not a dollar less.")
    assert clip.duration_seconds > 2.0
    return clip


@pytest.fixture
def speaker(pulse_audio: PulseRig) -> Iterator[object]:  # noqa: F811
    from voicecoach.adapters.audio.speaker import SpeakerSink

    sink = SpeakerSink()
    yield sink
    sink.close()


def samples_of(clip: AudioClip) -> np.ndarray:
    return np.frombuffer(clip.pcm, dtype="<i2").astype(np.float32) / 32768.0


def test_a_rendered_line_comes_out_of_the_speaker(
    pulse_audio: PulseRig,  # noqa: F811
    speaker: AudioSink,
    spoken_line: AudioClip,
    tmp_path: Path,
) -> None:
    assert isinstance(speaker, AudioSink)
    recording = pulse_audio.record_speaker(tmp_path / "speaker.wav")
    before = time.monotonic()
    playback = speaker.play(spoken_line)
    assert isinstance(playback, Playback)
    assert playback.wait(30)
    assert not playback.playing
    assert playback.first_sample_at is not None and playback.first_sample_at >= before
    time.sleep(0.3)  # the device's own buffer drains into the monitor
    recorded = recording.samples()

    source = samples_of(spoken_line)
    lag, correlation = best_alignment(source, recorded)
    assert correlation > 0.8, correlation
    assert rms(recorded[lag : lag + len(source)]) > 0.5 * rms(source)
    assert abs(active_seconds(recorded) - active_seconds(source)) < 0.25


def test_stop_cuts_the_line_short(
    pulse_audio: PulseRig,  # noqa: F811
    speaker: AudioSink,
    spoken_line: AudioClip,
    tmp_path: Path,
) -> None:
    recording = pulse_audio.record_speaker(tmp_path / "speaker.wav")
    playback = speaker.play(spoken_line)
    deadline = time.monotonic() + 10
    while playback.first_sample_at is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    playback.stop()
    assert not playback.playing
    assert playback.wait(0)
    played = playback.played_seconds  # type: ignore[attr-defined]
    time.sleep(0.5)
    # Once stop() returned, not one more block went to the device.
    assert playback.played_seconds == played  # type: ignore[attr-defined]
    recorded = recording.samples()
    assert 0.2 < played < spoken_line.duration_seconds - 1.0
    heard = active_seconds(recorded)
    assert 0.2 < heard < spoken_line.duration_seconds - 1.0, heard
    # Nothing after the stop reached the device: what it played is what was heard.
    assert abs(heard - played) < 0.2, (heard, played)


def test_a_new_line_replaces_the_one_playing(
    speaker: AudioSink,
    spoken_line: AudioClip,
) -> None:
    first = speaker.play(spoken_line)
    second = speaker.play(AudioClip(spoken_line.pcm[:32000]))
    assert not first.playing
    assert first.wait(0)
    assert second.wait(10)


def test_a_device_at_48k_gets_the_line_resampled(
    pulse_audio: PulseRig,  # noqa: F811
    spoken_line: AudioClip,
    tmp_path: Path,
) -> None:
    from voicecoach.adapters.audio.speaker import SpeakerSink

    recording = pulse_audio.record_speaker(tmp_path / "speaker.wav")
    with SpeakerSink(device_rate_hz=48_000) as sink:
        assert sink.device_rate_hz == 48_000
        assert sink.play(spoken_line).wait(30)
        time.sleep(0.3)
    recorded = recording.samples()
    _, correlation = best_alignment(samples_of(spoken_line), recorded)
    assert correlation > 0.8, correlation


def test_an_empty_clip_ends_at_once_and_close_is_idempotent(
    pulse_audio: PulseRig,  # noqa: F811
) -> None:
    from voicecoach.adapters.audio.speaker import SpeakerSink

    sink = SpeakerSink()
    playback = sink.play(AudioClip(b""))
    assert playback.wait(0) and not playback.playing
    sink.close()
    sink.close()
    with pytest.raises(AudioError, match="the speaker was closed"):
        sink.play(AudioClip(b"\0\0" * 160))


def test_an_unknown_output_device_is_a_clear_error(pulse_audio: PulseRig) -> None:  # noqa: F811
    from voicecoach.adapters.audio.speaker import SpeakerSink

    with pytest.raises(AudioError) as caught:
        SpeakerSink(device="no such speaker")
    assert caught.value.message == (
        "no output device matches 'no such speaker'; no audio output device found: "
        "connect speakers or headphones, or pick another with --device"
    )


def test_trainee_speech_played_into_the_speaker_sink_is_real_audio(
    pulse_audio: PulseRig,  # noqa: F811
    speaker: AudioSink,
    tmp_path: Path,
) -> None:
    """A WAV made by flite plays through the sink at its own length."""
    from voicecoach.adapters.wav import read_wav

    clip = read_wav(make_speech_wav(tmp_path / "line.wav", "The price is fair.", voice="awb"))
    recording = pulse_audio.record_speaker(tmp_path / "speaker.wav")
    assert speaker.play(clip).wait(30)
    time.sleep(0.3)
    recorded = recording.samples()
    _, correlation = best_alignment(samples_of(clip), recorded)
    assert correlation > 0.8


class TestNullSink:
    """Headless playback: no device, real-time semantics."""

    def test_a_clip_plays_for_its_duration_unless_stopped(self) -> None:
        from voicecoach.adapters.audio.speaker import NullSink

        sink = NullSink()
        assert isinstance(sink, AudioSink)
        long_clip = AudioClip(bytes(2 * 16000 * 60))  # a minute
        playback = sink.play(long_clip)
        assert isinstance(playback, Playback)
        assert playback.playing and playback.first_sample_at is not None
        assert not playback.wait(0.05)  # still playing
        playback.stop()
        assert not playback.playing and playback.wait(0)

    def test_a_short_clip_ends_by_itself(self) -> None:
        from voicecoach.adapters.audio.speaker import NullSink

        playback = NullSink().play(AudioClip(bytes(2 * 160)))  # 10 ms
        assert playback.wait(5)
        assert not playback.playing

    def test_playing_again_stops_the_previous_clip(self) -> None:
        from voicecoach.adapters.audio.speaker import NullSink

        sink = NullSink()
        first = sink.play(AudioClip(bytes(2 * 16000 * 60)))
        sink.play(AudioClip(bytes(2 * 16000 * 60)))
        assert not first.playing
        sink.close()


def test_the_device_latency_is_reported(speaker: AudioSink) -> None:
    latency = speaker.output_latency_seconds  # type: ignore[attr-defined]
    assert 0.0 < latency < 1.0

"""Prosody: the pure baseline on hand-made readings, and the real measure on flite speech.

The speech tests make a calm baseline from several different sentences of one
flite voice, then check that the same voice made 10 dB louder or 4 semitones
higher (sox) is flagged, while another calm sentence is not.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.core.feedback.emotion import detect_overreach
from voicecoach.core.feedback.prosody import ProsodyReading, VoiceBaseline, semitones_between


def reading(db: float, hz: float | None = 150.0, seconds: float = 2.0) -> ProsodyReading:
    return ProsodyReading(loudness_dbfs=db, pitch_hz=hz, duration_seconds=seconds)


def test_no_verdict_before_minimum_observations() -> None:
    baseline = VoiceBaseline()
    baseline.observe(reading(-25))
    baseline.observe(reading(-24))
    assert baseline.is_raised(reading(-5)) is None  # two turns are not a baseline yet
    baseline.observe(reading(-26))
    assert baseline.is_raised(reading(-5)) is not None


def test_louder_turn_flagged_normal_variation_not() -> None:
    baseline = VoiceBaseline()
    for db in (-25.0, -23.5, -26.0, -24.0):
        baseline.observe(reading(db))
    assert baseline.is_raised(reading(-22.0)) is None
    reason = baseline.is_raised(reading(-14.0))
    assert reason is not None and "louder" in reason


def test_higher_pitch_flagged() -> None:
    baseline = VoiceBaseline()
    for hz in (120.0, 126.0, 118.0):
        baseline.observe(reading(-25, hz))
    assert baseline.is_raised(reading(-25, 130.0)) is None
    reason = baseline.is_raised(reading(-25, 160.0))
    assert reason is not None and "pitch" in reason


def test_one_shout_does_not_hide_the_next() -> None:
    baseline = VoiceBaseline()
    for db in (-25.0, -24.0, -26.0, -12.0):  # the fourth turn was a shout, observed after judging
        baseline.observe(reading(db))
    assert baseline.is_raised(reading(-13.0)) is not None


def test_short_or_silent_turns_are_ignored() -> None:
    baseline = VoiceBaseline()
    for _ in range(5):
        baseline.observe(reading(-25, seconds=0.1))
    assert baseline.observations == 0
    for db in (-25.0, -24.0, -26.0):
        baseline.observe(reading(db))
    assert baseline.is_raised(reading(-5.0, seconds=0.1)) is None


def test_semitones() -> None:
    assert semitones_between(100.0, 200.0) == pytest.approx(12.0)


@given(
    st.lists(st.floats(min_value=-90, max_value=0), min_size=0, max_size=8),
    st.floats(allow_nan=True, allow_infinity=True),
    st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
)
def test_baseline_never_raises(history: list[float], db: float, hz: float | None) -> None:
    baseline = VoiceBaseline()
    for value in history:
        baseline.observe(reading(value))
    baseline.is_raised(ProsodyReading(db, hz, 1.0))
    baseline.observe(ProsodyReading(db, hz, 1.0))


def test_polite_words_shouted_are_flagged_by_voice() -> None:
    baseline = VoiceBaseline()
    for db in (-25.0, -24.0, -26.0):
        baseline.observe(reading(db))
    text = "I think we can find something that works for both of us."
    assert detect_overreach(text, [], prosody=reading(-24.5), baseline=baseline) == []
    flags = detect_overreach(text, [], prosody=reading(-12.0), baseline=baseline)
    assert [f.label for f in flags] == ["emotion.overreach"]
    assert "louder" in flags[0].span


# --- real measure on generated speech -------------------------------------------------------

CALM_SENTENCES = (
    "I think we can find a price that works for both of us.",
    "Could you tell me a little more about the condition of the car?",
    "My budget for this is around four thousand dollars.",
    "What would you need to make this deal work for you?",
    "I can pick it up on Saturday morning if that suits you.",
)

needs_tools = pytest.mark.skipif(
    shutil.which("flite") is None or shutil.which("sox") is None,
    reason="flite and sox (Debian packages) are needed to make test speech",
)


def _speak(text: str, voice: str, out: Path, effect: list[str]) -> bytes:
    raw = out.with_suffix(".raw.wav")
    subprocess.run(
        ["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True, capture_output=True
    )
    subprocess.run(
        ["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out), *effect],
        check=True,
        capture_output=True,
    )
    with wave.open(str(out), "rb") as handle:
        assert handle.getframerate() == 16000
        return handle.readframes(handle.getnframes())


@needs_tools
@pytest.mark.parametrize("voice", ["slt", "rms", "awb"])
def test_flite_speech_raised_level_and_pitch_are_flagged(voice: str, tmp_path: Path) -> None:
    from voicecoach.adapters.audio.prosody import measure_prosody

    baseline = VoiceBaseline()
    for i, text in enumerate(CALM_SENTENCES[:4]):
        calm = measure_prosody(_speak(text, voice, tmp_path / f"calm{i}.wav", []))
        assert calm.pitch_hz is not None and 60 < calm.pitch_hz < 300
        # no verdict before three turns; the fourth calm turn must not count as raised
        assert baseline.is_raised(calm) is None
        baseline.observe(calm)
    assert baseline.observations == 4

    another_calm = measure_prosody(_speak(CALM_SENTENCES[4], voice, tmp_path / "calm4.wav", []))
    assert baseline.is_raised(another_calm) is None

    # -3 dB first so the +10 dB gain does not clip: a shout is louder, not distorted.
    louder = measure_prosody(
        _speak(CALM_SENTENCES[4], voice, tmp_path / "loud.wav", ["gain", "-n", "-3", "gain", "10"])
    )
    quiet_ref = measure_prosody(
        _speak(CALM_SENTENCES[4], voice, tmp_path / "ref.wav", ["gain", "-n", "-3"])
    )
    assert louder.loudness_dbfs - quiet_ref.loudness_dbfs == pytest.approx(10.0, abs=1.5)

    higher = measure_prosody(
        _speak(CALM_SENTENCES[4], voice, tmp_path / "high.wav", ["pitch", "400"])
    )
    assert another_calm.pitch_hz is not None and higher.pitch_hz is not None
    assert semitones_between(another_calm.pitch_hz, higher.pitch_hz) == pytest.approx(4.0, abs=1.0)
    reason = baseline.is_raised(higher)
    assert reason is not None and "pitch" in reason


@needs_tools
def test_flite_speech_louder_turn_flagged(tmp_path: Path) -> None:
    from voicecoach.adapters.audio.prosody import measure_prosody

    baseline = VoiceBaseline()
    for i, text in enumerate(CALM_SENTENCES[:4]):
        baseline.observe(
            measure_prosody(_speak(text, "slt", tmp_path / f"c{i}.wav", ["gain", "-8"]))
        )
    normal = measure_prosody(_speak(CALM_SENTENCES[4], "slt", tmp_path / "n.wav", ["gain", "-8"]))
    shouted = measure_prosody(
        _speak(CALM_SENTENCES[4], "slt", tmp_path / "s.wav", ["gain", "-8", "gain", "10"])
    )
    assert baseline.is_raised(normal) is None
    reason = baseline.is_raised(shouted)
    assert reason is not None and "louder" in reason


def test_measure_silence_and_odd_input() -> None:
    from voicecoach.adapters.audio.prosody import measure_prosody

    assert measure_prosody(b"").pitch_hz is None
    assert not measure_prosody(b"\x00" * 16001).usable  # odd byte count and silence


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4000))
def test_measure_never_raises_on_arbitrary_pcm(pcm: bytes) -> None:
    from voicecoach.adapters.audio.prosody import measure_prosody

    reading = measure_prosody(pcm)
    assert reading.loudness_dbfs <= 0.5
    assert reading.pitch_hz is None or 75.0 <= reading.pitch_hz <= 520.0

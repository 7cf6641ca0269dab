"""The turn detector on sequences of frame levels: speech, pauses, echo, barge-in."""

from __future__ import annotations

import math
from array import array

import pytest

from voicecoach.core.endpointing import (
    SILENCE_FLOOR_DBFS,
    EchoEstimate,
    EndpointSettings,
    Signal,
    TurnDetector,
    frame_level_dbfs,
)

FRAME = 0.02
QUIET = -75.0
SPEECH = -25.0


def frames(level: float, seconds: float) -> list[float]:
    return [level] * round(seconds / FRAME)


def run(
    detector: TurnDetector, levels: list[float], echo: float | None = None
) -> list[tuple[int, Signal]]:
    signals = []
    for i, level in enumerate(levels):
        signal = detector.feed(level, echo)
        if signal is not None:
            signals.append((i, signal))
    return signals


def test_level_of_silence_and_full_scale_sine() -> None:
    assert frame_level_dbfs(bytes(640)) == SILENCE_FLOOR_DBFS
    sine = array("h", [int(32767 * math.sin(2 * math.pi * 440 * n / 16000)) for n in range(320)])
    assert frame_level_dbfs(sine.tobytes()) == pytest.approx(-3.0, abs=0.2)
    assert frame_level_dbfs(b"") == SILENCE_FLOOR_DBFS


def test_speech_then_pause_ends_one_turn_after_the_configured_silence() -> None:
    detector = TurnDetector(EndpointSettings(end_silence_seconds=0.5))
    levels = frames(QUIET, 1.0) + frames(SPEECH, 1.0) + frames(QUIET, 1.0)
    signals = run(detector, levels)
    assert [s for _, s in signals] == [Signal.SPEECH_STARTED, Signal.TURN_ENDED]
    ended_at = signals[1][0]
    assert ended_at == 50 + 50 + 25 - 1  # 0.5 s of silence after 1 s speech


def test_short_pause_inside_a_turn_does_not_end_it() -> None:
    detector = TurnDetector(EndpointSettings(end_silence_seconds=0.7))
    levels = (
        frames(QUIET, 0.5)
        + frames(SPEECH, 0.6)
        + frames(QUIET, 0.4)
        + frames(SPEECH, 0.6)
        + frames(QUIET, 1)
    )
    assert [s for _, s in run(detector, levels)] == [Signal.SPEECH_STARTED, Signal.TURN_ENDED]


def test_a_click_is_short_noise_not_a_turn() -> None:
    detector = TurnDetector()
    levels = frames(QUIET, 0.5) + frames(SPEECH, 0.06) + frames(QUIET, 1.0)
    assert [s for _, s in run(detector, levels)] == [Signal.SPEECH_STARTED, Signal.SHORT_NOISE]


def test_long_silence_prompts_once_until_something_happens() -> None:
    detector = TurnDetector(EndpointSettings(long_silence_seconds=2.0))
    signals = run(detector, frames(QUIET, 5.0))
    assert [s for _, s in signals] == [Signal.LONG_SILENCE]
    detector.reset_silence_timer()
    assert [s for _, s in run(detector, frames(QUIET, 2.1))] == [Signal.LONG_SILENCE]


def test_noise_floor_adapts_so_steady_noise_is_not_speech() -> None:
    detector = TurnDetector()
    # A steady fan at -48 dBFS: above the absolute minimum but it must not count as speech forever.
    signals = run(
        detector, frames(-55.0, 3.0) + frames(-48.0, 8.0) + frames(-20.0, 1.0) + frames(-48.0, 1.0)
    )
    kinds = [s for _, s in signals if s is not Signal.LONG_SILENCE]
    # The fan is taken for speech at first, then becomes the floor; real speech over it
    # still counts.
    assert kinds[-2:] == [Signal.SPEECH_STARTED, Signal.TURN_ENDED]
    assert detector.noise_floor_dbfs == -48.0
    assert not detector.in_speech


def test_echo_at_voice_level_is_ignored() -> None:
    detector = TurnDetector()
    signals = run(detector, frames(-30.0, 3.0), echo=-30.0)
    assert signals == []


def test_trainee_clearly_louder_than_echo_barges_in() -> None:
    detector = TurnDetector(EndpointSettings(barge_in_seconds=0.2, barge_in_margin_db=6.0))
    levels = frames(-30.0, 1.0) + frames(-18.0, 0.5) + frames(QUIET, 1.0)
    signals = run(detector, levels, echo=-30.0)
    # 80% of a 0.2 s window over the echo: the 8th loud frame after the window filled
    assert signals[0] == (50 + 7, Signal.BARGED_IN)
    # after barge-in the detector follows the trainee's speech to the end of the turn
    assert signals[-1][1] is Signal.TURN_ENDED


def test_barge_in_survives_dips_between_syllables() -> None:
    detector = TurnDetector(EndpointSettings(barge_in_seconds=0.2))
    syllables = ([-15.0] * 4 + [-32.0]) * 10
    signals = run(detector, frames(-30.0, 1.0) + syllables, echo=-30.0)
    assert signals and signals[0][1] is Signal.BARGED_IN


def test_learning_ignores_frames_that_may_be_the_trainee_or_silence() -> None:
    estimate = EchoEstimate(FRAME)
    estimate.start_clip(frames(-20.0, 2.0))
    for _ in range(200):
        estimate.learn(-5.0, 1.0, margin_db=6.0)  # far over the echo: the trainee, not the room
        estimate.learn(-80.0, 1.0, audible_dbfs=-60.0)  # the echo has not arrived yet
    assert estimate.coupling_db == 0.0
    for level in [-38.0, -45.0, -50.0, -41.0] * 50:  # a quiet room: the echo is 18+ dB down
        estimate.learn(level, 1.0, margin_db=6.0)
    assert estimate.coupling_db == pytest.approx(-18.0, abs=0.5)
    estimate.start_clip(frames(-10.0, 1.0))  # the next clip keeps what was learnt of the room
    assert estimate.expected_dbfs(0.5) == pytest.approx(-28.0, abs=0.5)


def test_a_brief_loud_blip_during_playback_is_not_barge_in() -> None:
    detector = TurnDetector(EndpointSettings(barge_in_seconds=0.25))
    levels = frames(-30.0, 1.0) + frames(-10.0, 0.1) + frames(-30.0, 1.0)
    assert run(detector, levels, echo=-30.0) == []


def test_echo_estimate_covers_the_delay_window_and_learns_coupling() -> None:
    clip_levels = frames(-60.0, 1.0) + frames(-20.0, 0.2) + frames(-60.0, 1.0)
    estimate = EchoEstimate(FRAME, delay_window_seconds=0.5)
    estimate.start_clip(clip_levels)
    assert estimate.expected_dbfs(0.5) == -60.0
    assert estimate.expected_dbfs(1.1) == -20.0
    assert estimate.expected_dbfs(1.6) == -20.0  # a delayed echo may still arrive
    assert estimate.expected_dbfs(2.0) == -60.0
    assert estimate.expected_dbfs(1e9) == -60.0  # after the end: the clip's last window
    for _ in range(100):
        estimate.learn(-14.0, 1.1)  # this room's echo arrives 6 dB hotter than the clip
    assert estimate.coupling_db == pytest.approx(6.0, abs=0.5)

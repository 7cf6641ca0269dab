"""Where a spoken turn starts and ends, and when the trainee barges in.

A pure state machine over frame loudness: it reads no clock and no device, so
every path (speech, pause, long silence, echo, barge-in) is tested with lists
of numbers. The runner measures each 20 ms frame (`frame_level_dbfs`) and, while
the counterpart's voice plays, tells the detector how loud that voice is
(`EchoEstimate`), because on loudspeakers the voice comes back through the
microphone: those frames are ignored unless the trainee is clearly louder than
the echo for a sustained moment, which is a barge-in.
"""

from __future__ import annotations

import math
from array import array
from collections import deque
from dataclasses import dataclass
from enum import StrEnum

SILENCE_FLOOR_DBFS = -96.0
DEFAULT_NOISE_FLOOR_DBFS = -70.0
FLOOR_WINDOW_SECONDS = 4.0
FLOOR_PERCENTILE = 0.05
BARGE_IN_FRACTION = 0.8
COUPLING_HISTORY_FRAMES = 500
MIN_COUPLING_FRAMES = 25
COUPLING_PERCENTILE = 0.95


def frame_level_dbfs(pcm: bytes) -> float:
    """RMS level of 16-bit mono PCM in dB relative to full scale (-96 for silence)."""
    if len(pcm) < 2:
        return SILENCE_FLOOR_DBFS
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - (len(pcm) % 2)])
    energy = math.fsum(s * s for s in samples) / len(samples)
    if energy <= 0.0:
        return SILENCE_FLOOR_DBFS
    return max(SILENCE_FLOOR_DBFS, 10.0 * math.log10(energy / (32768.0 * 32768.0)))


@dataclass(frozen=True)
class EndpointSettings:
    """Tunable thresholds; seconds and decibels in the names."""

    end_silence_seconds: float = 0.7  # pause that ends a turn
    long_silence_seconds: float = 8.0  # silence that makes the counterpart prompt
    min_speech_seconds: float = 0.2  # shorter bursts (clicks, coughs) are not turns
    speech_margin_db: float = 12.0  # speech is this far above the noise floor...
    min_speech_dbfs: float = -50.0  # ...and at least this loud
    barge_in_margin_db: float = 6.0  # trainee must beat the expected echo by this much...
    barge_in_seconds: float = 0.25  # ...for this long
    echo_tail_seconds: float = 0.5  # echo still arriving after the voice stopped
    frame_seconds: float = 0.02


class Signal(StrEnum):
    SPEECH_STARTED = "speech_started"
    TURN_ENDED = "turn_ended"
    BARGED_IN = "barged_in"
    LONG_SILENCE = "long_silence"
    SHORT_NOISE = "short_noise"  # speech began then stopped too soon: discard the stream


class EchoEstimate:
    """How loud the counterpart's own voice should arrive at the microphone, frame by frame.

    The reference is the clip being played (its frame levels); the coupling between
    speaker and microphone (gain and delay) is unknown, so the estimate is the loudest
    reference level over a window wide enough for the delay, plus a coupling gain: a
    high percentile of what was heard, relative to that reference, in frames where only
    the echo could be heard. It starts at 0 dB (echo as loud as the voice), the safe side,
    and carries over from clip to clip because the room does.
    """

    def __init__(
        self,
        frame_seconds: float = 0.02,
        delay_window_seconds: float = 0.5,
        prior_coupling_db: float = 0.0,
    ) -> None:
        self._levels: list[float] = []
        self._window_frames = max(1, round(delay_window_seconds / frame_seconds))
        self._frame_seconds = frame_seconds
        self._prior_coupling_db = prior_coupling_db
        self._gaps: deque[float] = deque(maxlen=COUPLING_HISTORY_FRAMES)
        self.coupling_db = prior_coupling_db

    def start_clip(self, clip_levels_dbfs: list[float]) -> None:
        self._levels = list(clip_levels_dbfs)

    def expected_dbfs(self, seconds_since_start: float) -> float:
        """Loudest echo that can arrive now (reference window ending now, or at the clip's end)."""
        end = min(len(self._levels), int(seconds_since_start / self._frame_seconds) + 1)
        start = max(0, end - self._window_frames)
        window = self._levels[start:end] or [SILENCE_FLOOR_DBFS]
        return max(window) + self.coupling_db

    def learn(
        self,
        observed_dbfs: float,
        seconds_since_start: float,
        margin_db: float = 6.0,
        audible_dbfs: float = -60.0,
    ) -> None:
        """Adapt the coupling from a frame heard while only the voice played.

        Frames louder than the estimate plus `margin_db` may be the trainee starting to talk
        over the voice: they are not learnt from, or the trainee's voice would become "echo".
        Frames below `audible_dbfs` are not either: the echo has not arrived yet (device
        latency) or the voice paused.
        """
        expected = self.expected_dbfs(seconds_since_start)
        reference = expected - self.coupling_db
        if (
            reference <= SILENCE_FLOOR_DBFS + 1
            or observed_dbfs > expected + margin_db
            or observed_dbfs < audible_dbfs
        ):
            return
        self._gaps.append(observed_dbfs - reference)
        if len(self._gaps) >= MIN_COUPLING_FRAMES:
            ordered = sorted(self._gaps)
            self.coupling_db = ordered[
                min(len(ordered) - 1, int(len(ordered) * COUPLING_PERCENTILE))
            ]


class TurnDetector:
    """Energy endpointing with a noise floor, a long-silence timer and echo gating."""

    def __init__(self, settings: EndpointSettings | None = None) -> None:
        self.settings = settings or EndpointSettings()
        self.in_speech = False
        self._speech_frames = 0
        self._silence_frames = 0
        self._quiet_frames = 0  # frames since anything happened (for the long-silence prompt)
        self._over_echo: deque[bool] = deque(
            maxlen=max(1, round(self.settings.barge_in_seconds / self.settings.frame_seconds))
        )
        self._prompted = False
        # Levels of the last few seconds heard without the voice playing: the noise floor is a
        # low percentile of them, so steady noise (a fan) rises into the floor while speech,
        # which always has gaps between words, does not.
        self._history: deque[float] = deque(
            maxlen=round(FLOOR_WINDOW_SECONDS / self.settings.frame_seconds)
        )

    @property
    def noise_floor_dbfs(self) -> float:
        if len(self._history) < 10:
            return DEFAULT_NOISE_FLOOR_DBFS
        ordered = sorted(self._history)
        return ordered[int(len(ordered) * FLOOR_PERCENTILE)]

    @property
    def speech_threshold_dbfs(self) -> float:
        return max(
            self.settings.min_speech_dbfs, self.noise_floor_dbfs + self.settings.speech_margin_db
        )

    def reset_silence_timer(self) -> None:
        """Something happened (the counterpart spoke, a typed turn): restart the prompt timer."""
        self._quiet_frames = 0
        self._prompted = False

    def feed(self, level_dbfs: float, echo_dbfs: float | None = None) -> Signal | None:
        """Take one frame's level; `echo_dbfs` is the expected echo while the voice plays."""
        s = self.settings
        if echo_dbfs is not None and not self.in_speech:
            # Voice playing: only a sustained, clearly louder voice counts (barge-in). Sustained
            # means most frames of the window, as speech dips between syllables.
            self._over_echo.append(
                level_dbfs >= max(echo_dbfs + s.barge_in_margin_db, self.speech_threshold_dbfs)
            )
            window_full = len(self._over_echo) == self._over_echo.maxlen
            if window_full and sum(self._over_echo) >= BARGE_IN_FRACTION * len(self._over_echo):
                self._over_echo.clear()
                self.in_speech = True
                self._speech_frames = round(s.barge_in_seconds / s.frame_seconds)
                self._silence_frames = 0
                self._quiet_frames = 0
                return Signal.BARGED_IN
            return None
        self._over_echo.clear()
        self._history.append(level_dbfs)
        is_speech = level_dbfs >= self.speech_threshold_dbfs
        if self.in_speech:
            if is_speech:
                self._speech_frames += 1
                self._silence_frames = 0
                return None
            self._silence_frames += 1
            if self._silence_frames * s.frame_seconds >= s.end_silence_seconds:
                self.in_speech = False
                self._silence_frames = 0
                self._quiet_frames = 0
                self._prompted = False
                long_enough = self._speech_frames * s.frame_seconds >= s.min_speech_seconds
                self._speech_frames = 0
                return Signal.TURN_ENDED if long_enough else Signal.SHORT_NOISE
            return None
        if is_speech:
            self.in_speech = True
            self._speech_frames = 1
            self._silence_frames = 0
            self._quiet_frames = 0
            return Signal.SPEECH_STARTED
        self._quiet_frames += 1
        if not self._prompted and self._quiet_frames * s.frame_seconds >= s.long_silence_seconds:
            self._prompted = True
            return Signal.LONG_SILENCE
        return None

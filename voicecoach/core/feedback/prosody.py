"""Voice prosody of a turn and a per-speaker running baseline (pure, standard library only).

The audio adapter (`voicecoach.adapters.audio.prosody.measure_prosody`) turns a
turn's PCM into a `ProsodyReading`; this module only compares readings. A
shout is judged against the speaker's *own* voice in this session, never
against a fixed level: microphones, distances and voices differ far more than
a raised voice differs from a calm one. Medians keep one loud turn from
dragging the baseline up, so a second shout is still seen as a shout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import median

# Calibrated by benchmarks/prosody_calibration.py on real speech (docs/feedback-affect.md):
# the same speaker's calm turns spread a few dB and well under 3 semitones around their
# median, while a raised voice sits about 10 dB louder or 4 semitones higher.
DEFAULT_LOUDNESS_JUMP_DB = 6.0
DEFAULT_PITCH_JUMP_SEMITONES = 3.0
DEFAULT_MIN_OBSERVATIONS = 3
# Turns shorter than this carry too few voiced frames for a stable loudness or pitch.
MIN_DURATION_SECONDS = 0.4


@dataclass(frozen=True)
class ProsodyReading:
    """Loudness and pitch of one turn's audio.

    Attributes:
        loudness_dbfs: RMS level of the voiced frames in dB relative to full scale (<= 0).
        pitch_hz: median fundamental frequency of the voiced frames, None when unvoiced.
        duration_seconds: length of the audio measured.
    """

    loudness_dbfs: float
    pitch_hz: float | None
    duration_seconds: float

    @property
    def usable(self) -> bool:
        """Whether the reading is long and loud enough to be compared at all."""
        return (
            self.duration_seconds >= MIN_DURATION_SECONDS
            and math.isfinite(self.loudness_dbfs)
            and self.loudness_dbfs > -80.0
        )


def semitones_between(low_hz: float, high_hz: float) -> float:
    """Pitch distance in semitones (positive when `high_hz` is higher)."""
    return 12.0 * math.log2(high_hz / low_hz)


@dataclass
class VoiceBaseline:
    """Running baseline of one speaker's voice within a session.

    Call `is_raised(reading)` before `observe(reading)` for each new turn: the
    verdict compares the turn with the turns before it. No verdict is given
    until `min_observations` usable turns have been seen, because a baseline
    of one or two turns is mostly noise.
    """

    loudness_jump_db: float = DEFAULT_LOUDNESS_JUMP_DB
    pitch_jump_semitones: float = DEFAULT_PITCH_JUMP_SEMITONES
    min_observations: int = DEFAULT_MIN_OBSERVATIONS
    _loudness_dbfs: list[float] = field(default_factory=list, repr=False)
    _pitch_hz: list[float] = field(default_factory=list, repr=False)

    @property
    def observations(self) -> int:
        return len(self._loudness_dbfs)

    def observe(self, reading: ProsodyReading) -> None:
        """Add a turn's reading to the baseline (unusable readings are ignored)."""
        if not reading.usable:
            return
        self._loudness_dbfs.append(reading.loudness_dbfs)
        if (
            reading.pitch_hz is not None
            and reading.pitch_hz > 0
            and math.isfinite(reading.pitch_hz)
        ):
            self._pitch_hz.append(reading.pitch_hz)

    def is_raised(self, reading: ProsodyReading) -> str | None:
        """A short reason when this turn is clearly louder or higher than the speaker's baseline."""
        if not reading.usable or self.observations < self.min_observations:
            return None
        base_loudness = median(self._loudness_dbfs)
        jump_db = reading.loudness_dbfs - base_loudness
        if jump_db >= self.loudness_jump_db:
            return f"voice {jump_db:.0f} dB louder than your usual level this session"
        if (
            reading.pitch_hz is not None
            and reading.pitch_hz > 0
            and math.isfinite(reading.pitch_hz)
            and len(self._pitch_hz) >= self.min_observations
        ):
            jump_st = semitones_between(median(self._pitch_hz), reading.pitch_hz)
            if jump_st >= self.pitch_jump_semitones:
                return f"voice pitch {jump_st:.1f} semitones above your usual level this session"
        return None

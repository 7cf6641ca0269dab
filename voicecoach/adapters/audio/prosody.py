"""Loudness and pitch of a turn's audio (numpy), measured at the edge for the feedback engine.

Both measures use only the *voiced* frames, so pauses and room noise between
words do not pull a shouted turn down to a calm level:

- loudness: the power of the frames within 30 dB of the turn's loudest part
  (and above an absolute floor), in dBFS;
- pitch: per-frame autocorrelation (50 ms frames, 75-500 Hz), kept where the
  normalised peak shows a clear period, then the median over the turn, which
  shrugs off the occasional octave slip.

The result is a `voicecoach.core.feedback.prosody.ProsodyReading`; the
comparison with the speaker's own baseline is pure logic in the core.
"""

from __future__ import annotations

import numpy as np

from voicecoach.core.feedback.prosody import ProsodyReading
from voicecoach.ports import SAMPLE_RATE_HZ

FRAME_SECONDS = 0.05
HOP_SECONDS = 0.01
MIN_PITCH_HZ = 75.0
MAX_PITCH_HZ = 500.0
VOICED_RANGE_DB = 30.0  # frames this far below the loudest part are pauses or noise
FLOOR_DBFS = -60.0
CLARITY = 0.5  # normalised autocorrelation peak above which a frame has a pitch
SILENT_DBFS = -120.0


def _frames(samples: np.ndarray, frame: int, hop: int) -> np.ndarray:
    count = 1 + (len(samples) - frame) // hop
    index = np.arange(frame)[None, :] + hop * np.arange(count)[:, None]
    return samples[index]


def _pitches(frames: np.ndarray, sample_rate_hz: int) -> np.ndarray:
    """Pitch in Hz of each frame with a clear period (NaN elsewhere), by autocorrelation."""
    n = frames.shape[1]
    centred = frames - frames.mean(axis=1, keepdims=True)
    windowed = centred * np.hanning(n)[None, :]
    spectrum = np.fft.rfft(windowed, 2 * n, axis=1)
    acf = np.fft.irfft(np.abs(spectrum) ** 2, axis=1)[:, :n]
    # Normalise by the window's own autocorrelation so long lags are not penalised.
    window_acf = np.fft.irfft(np.abs(np.fft.rfft(np.hanning(n), 2 * n)) ** 2)[:n]
    acf = (
        acf / np.maximum(acf[:, :1], 1e-12) / np.maximum(window_acf / window_acf[0], 1e-3)[None, :]
    )
    low = int(sample_rate_hz / MAX_PITCH_HZ)
    high = min(int(sample_rate_hz / MIN_PITCH_HZ), n - 2)
    region = acf[:, low : high + 1]
    best = np.argmax(region, axis=1)
    peak = region[np.arange(len(region)), best]
    lag = (best + low).astype(float)
    # An octave slip picks twice the true period; prefer half the lag when it is nearly as strong.
    half = np.clip((lag / 2).astype(int), low, high)
    half_peak = acf[np.arange(len(acf)), half]
    use_half = (half_peak >= 0.9 * peak) & ((lag / 2) >= low)
    lag = np.where(use_half, half.astype(float), lag)
    peak = np.where(use_half, half_peak, peak)
    # Parabolic interpolation around the chosen lag for sub-sample precision.
    li = lag.astype(int)
    left = acf[np.arange(len(acf)), np.clip(li - 1, 0, n - 1)]
    mid = acf[np.arange(len(acf)), li]
    right = acf[np.arange(len(acf)), np.clip(li + 1, 0, n - 1)]
    denom = left - 2 * mid + right
    shift = np.where(
        np.abs(denom) > 1e-12, 0.5 * (left - right) / np.where(denom == 0, 1, denom), 0.0
    )
    hz = sample_rate_hz / (lag + np.clip(shift, -0.5, 0.5))
    return np.where(peak >= CLARITY, hz, np.nan)


def measure_prosody(pcm: bytes, sample_rate_hz: int = SAMPLE_RATE_HZ) -> ProsodyReading:
    """Loudness (dBFS) and median pitch (Hz) of the voiced part of 16-bit mono PCM."""
    usable = len(pcm) - len(pcm) % 2
    samples = np.frombuffer(pcm[:usable], dtype="<i2").astype(np.float64) / 32768.0
    duration = len(samples) / sample_rate_hz
    frame = int(FRAME_SECONDS * sample_rate_hz)
    hop = int(HOP_SECONDS * sample_rate_hz)
    if len(samples) < frame:
        return ProsodyReading(loudness_dbfs=SILENT_DBFS, pitch_hz=None, duration_seconds=duration)
    frames = _frames(samples, frame, hop)
    power = np.mean(frames**2, axis=1)
    level_db = 10.0 * np.log10(np.maximum(power, 1e-12))
    voiced = (level_db >= level_db.max() - VOICED_RANGE_DB) & (level_db >= FLOOR_DBFS)
    if not voiced.any():
        return ProsodyReading(
            loudness_dbfs=float(level_db.max()), pitch_hz=None, duration_seconds=duration
        )
    loudness = float(10.0 * np.log10(np.mean(power[voiced])))
    pitches = _pitches(frames[voiced], sample_rate_hz)
    pitches = pitches[np.isfinite(pitches)]
    pitch = float(np.median(pitches)) if len(pitches) >= 5 else None
    return ProsodyReading(loudness_dbfs=loudness, pitch_hz=pitch, duration_seconds=duration)

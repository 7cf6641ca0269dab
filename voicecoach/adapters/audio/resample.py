"""Sample-rate conversion and channel mixing at the edge, in numpy only.

Everything inside voicecoach is 16 kHz mono s16 (`voicecoach.ports`); devices
and files are not (USB microphones at 44.1/48 kHz, espeak-ng at 22.05 kHz,
stereo WAVs). This module converts between them without scipy: a windowed-sinc
(Kaiser) interpolator whose cutoff follows the lower of the two rates, so
downsampling does not alias.

`Resampler` is stateful so a live stream can be converted block by block
with the same result as converting it in one piece: it keeps the tail of the
input that later output samples still need, and tracks positions with integer
arithmetic so there is no drift over a long session. `resample()` is the
one-shot form for whole clips.
"""

from __future__ import annotations

from math import gcd

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

# Zero crossings of the sinc on each side of the centre: 16 keeps the stop-band
# around -60 dB with the Kaiser beta below, enough for speech into a recogniser.
_ZERO_CROSSINGS = 16
_KAISER_BETA = 8.0
# The cutoff sits a little under the lower Nyquist frequency so the transition
# band does not fold back.
_ROLLOFF = 0.94
_PCM16_SCALE = 32768.0
# Above this many phases (odd rate pairs) weights are computed per sample instead.
_MAX_PHASES = 4096
# Outputs per gather: keeps the (outputs x taps) temporaries in the CPU cache.
_GATHER_BATCH = 2048


def pcm16_to_float(pcm: bytes | bytearray | memoryview) -> FloatArray:
    """Little-endian s16 bytes to float32 samples in [-1, 1)."""
    samples = np.frombuffer(pcm, dtype="<i2")
    return (samples.astype(np.float32) / _PCM16_SCALE).astype(np.float32)


def float_to_pcm16(samples: npt.ArrayLike) -> bytes:
    """Float samples to little-endian s16 bytes, clipping rather than wrapping around."""
    scaled = np.asarray(samples, dtype=np.float64) * _PCM16_SCALE
    return np.clip(np.round(scaled), -32768, 32767).astype("<i2").tobytes()


def to_mono(frames: npt.ArrayLike) -> FloatArray:
    """Mix (frames, channels) to one channel by averaging; 1-D input is returned as is.

    Averaging (not summing) keeps the level of a centred voice and cannot clip.
    """
    array = np.asarray(frames, dtype=np.float32)
    if array.ndim == 1:
        return array
    if array.ndim != 2:
        raise ValueError(f"expected (frames, channels) samples, got shape {array.shape}")
    return np.asarray(array.mean(axis=1, dtype=np.float32), dtype=np.float32)


def interleaved_pcm16_to_mono(pcm: bytes, channels: int) -> FloatArray:
    """Interleaved s16 bytes with `channels` channels to mono float32."""
    samples = pcm16_to_float(pcm)
    if channels == 1:
        return samples
    usable = len(samples) - len(samples) % channels
    return to_mono(samples[:usable].reshape(-1, channels))


class Resampler:
    """Streaming conversion from `from_rate_hz` to `to_rate_hz` for float mono samples.

    Feed blocks with `process()`; call `flush()` once at the end to get the last
    samples (the filter looks `_ZERO_CROSSINGS` input periods ahead, so a few
    milliseconds are held back until then). The output is centred on the input:
    no delay is added to the signal.
    """

    def __init__(self, from_rate_hz: int, to_rate_hz: int) -> None:
        if from_rate_hz <= 0 or to_rate_hz <= 0:
            raise ValueError(f"sample rates must be positive, got {from_rate_hz} and {to_rate_hz}")
        divisor = gcd(int(from_rate_hz), int(to_rate_hz))
        self.from_rate_hz = int(from_rate_hz)
        self.to_rate_hz = int(to_rate_hz)
        # Reduced ratio: output k sits at input position k * _up_step / _down_step.
        self._in_step = self.from_rate_hz // divisor
        self._out_step = self.to_rate_hz // divisor
        self._cutoff = min(1.0, self.to_rate_hz / self.from_rate_hz) * _ROLLOFF
        # Half-width of the kernel in input samples.
        self._half_width = int(np.ceil(_ZERO_CROSSINGS / self._cutoff))
        self._passthrough = self.from_rate_hz == self.to_rate_hz
        # Input history: starts with half_width zeros so the first output sample
        # (at input position 0) has a full left side of taps.
        self._buffer: FloatArray = np.zeros(self._half_width, dtype=np.float32)
        self._buffer_start = -self._half_width  # input index of _buffer[0]
        self._next_output = 0  # index of the next output sample to produce
        self._flushed = False
        offsets = np.arange(-self._half_width + 1, self._half_width + 1, dtype=np.int64)
        self._tap_offsets = offsets  # relative to floor(position)
        # Output positions fall on only `_out_step` distinct fractions of an input
        # period, so the weights are computed once per phase (polyphase table)
        # instead of evaluating Bessel functions for every tap of every sample.
        self._phase_weights: npt.NDArray[np.float64] | None = None
        if self._out_step <= _MAX_PHASES:
            fractions = np.arange(self._out_step, dtype=np.float64) / self._out_step
            self._phase_weights = self._kernel(offsets[None, :] - fractions[:, None])
        # float32 copy for the strided matrix products (the input is float32 too,
        # so BLAS reads the windows in place).
        self._phase_weights32 = (
            None if self._phase_weights is None else self._phase_weights.astype(np.float32)
        )

    def process(self, samples: npt.ArrayLike) -> FloatArray:
        """Convert the next block; returns whatever output is complete so far."""
        if self._flushed:
            raise RuntimeError("Resampler.process() called after flush()")
        block = np.asarray(samples, dtype=np.float32).reshape(-1)
        if self._passthrough:
            return block.copy()
        if block.size:
            self._buffer = np.concatenate([self._buffer, block])
        return self._emit(final=False)

    def flush(self) -> FloatArray:
        """Produce the remaining output, as if the input were followed by silence."""
        if self._flushed or self._passthrough:
            self._flushed = True
            return np.zeros(0, dtype=np.float32)
        self._flushed = True
        consumed_end = self._buffer_start + len(self._buffer)  # input samples seen
        total_out = -(-consumed_end * self._out_step // self._in_step)  # ceil
        self._buffer = np.concatenate([self._buffer, np.zeros(self._half_width + 1, np.float32)])
        return self._emit(final=True, limit=total_out)

    def _emit(self, *, final: bool, limit: int | None = None) -> FloatArray:
        available_end = self._buffer_start + len(self._buffer)  # exclusive input index
        # Output k needs input up to floor(k * in / out) + half_width.
        last_ok = ((available_end - 1 - self._half_width) * self._out_step) // self._in_step
        stop = last_ok + 1
        if limit is not None:
            stop = min(stop, limit)
        if stop <= self._next_output:
            return np.zeros(0, dtype=np.float32)
        if self._phase_weights32 is not None and stop - self._next_output >= 8 * self._out_step:
            output = self._filter_by_phase(self._next_output, stop)
        else:
            output = self._filter_by_gather(self._next_output, stop)
        self._next_output = stop
        if not final:
            # Keep only the input the next output sample can still reach.
            next_base = (self._next_output * self._in_step) // self._out_step
            keep_from = next_base - self._half_width + 1 - self._buffer_start
            if keep_from > 0:
                self._buffer = self._buffer[keep_from:]
                self._buffer_start += keep_from
        return output

    def _filter_by_gather(self, start: int, stop: int) -> FloatArray:
        """Outputs start..stop-1, gathering each one's taps, a bounded batch at a time."""
        if stop - start <= _GATHER_BATCH:
            return self._gather_batch(start, stop)
        return np.concatenate(
            [
                self._gather_batch(batch, min(stop, batch + _GATHER_BATCH))
                for batch in range(start, stop, _GATHER_BATCH)
            ]
        )

    def _gather_batch(self, start: int, stop: int) -> FloatArray:
        indices = np.arange(start, stop, dtype=np.int64)
        numerators = indices * self._in_step
        bases = numerators // self._out_step
        phases = numerators % self._out_step
        # Tap positions relative to the buffer.
        tap_index = (bases - self._buffer_start)[:, None] + self._tap_offsets[None, :]
        if self._phase_weights is not None:
            weights = self._phase_weights[phases]
        else:
            fractions = phases.astype(np.float64) / self._out_step
            weights = self._kernel(self._tap_offsets[None, :] - fractions[:, None])
        return np.asarray((self._buffer[tap_index] * weights).sum(axis=1), dtype=np.float32)

    def _filter_by_phase(self, start: int, stop: int) -> FloatArray:
        """Outputs start..stop-1, one vectorised filter per phase: fast for whole clips.

        Outputs `_out_step` apart share a phase, and their windows start exactly
        `_in_step` input samples apart. When windows do not overlap, each phase
        is a strided view of the input times that phase's weights (BLAS reads it
        in place); when they do (upsampling, or small ratios), a correlation over
        the input, kept every `_in_step` samples, costs fewer operations.
        """
        assert self._phase_weights32 is not None
        width = 2 * self._half_width
        windows = np.lib.stride_tricks.sliding_window_view(self._buffer, width)
        output = np.empty(stop - start, dtype=np.float64)
        for residue in range(min(self._out_step, stop - start)):
            first = start + residue
            count = (stop - first + self._out_step - 1) // self._out_step
            base, phase = divmod(first * self._in_step, self._out_step)
            window_start = base - self._buffer_start - self._half_width + 1
            weights = self._phase_weights32[phase]
            if self._in_step >= width:
                last = window_start + (count - 1) * self._in_step + 1
                rows = windows[window_start : last : self._in_step]
                output[residue :: self._out_step] = rows @ weights
            else:
                end = window_start + (count - 1) * self._in_step + width
                filtered = np.correlate(self._buffer[window_start:end], weights, mode="valid")
                output[residue :: self._out_step] = filtered[:: self._in_step]
        return output.astype(np.float32)

    def _kernel(self, distance: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Kaiser-windowed sinc, scaled by the cutoff so the pass band keeps unit gain."""
        window_position = np.clip(distance / (self._half_width + 1e-9), -1.0, 1.0)
        window = np.i0(_KAISER_BETA * np.sqrt(1.0 - window_position**2)) / np.i0(_KAISER_BETA)
        return self._cutoff * np.sinc(self._cutoff * distance) * window


def resample(samples: npt.ArrayLike, from_rate_hz: int, to_rate_hz: int) -> FloatArray:
    """Convert a whole mono float clip; the length becomes round(len * to / from)."""
    array = np.asarray(samples, dtype=np.float32).reshape(-1)
    if from_rate_hz == to_rate_hz:
        return array.copy()
    converter = Resampler(from_rate_hz, to_rate_hz)
    return np.concatenate([converter.process(array), converter.flush()])


def resample_pcm16(pcm: bytes, from_rate_hz: int, to_rate_hz: int, channels: int = 1) -> bytes:
    """Interleaved s16 bytes at any rate and channel count to mono s16 at `to_rate_hz`."""
    mono = interleaved_pcm16_to_mono(pcm, channels)
    return float_to_pcm16(resample(mono, from_rate_hz, to_rate_hz))

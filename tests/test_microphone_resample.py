"""Resampling and channel mixing used at the audio edge (microphone, speaker, voice, WAV files)."""

from __future__ import annotations

import numpy as np
import pytest

from voicecoach.adapters.audio.resample import (
    Resampler,
    float_to_pcm16,
    interleaved_pcm16_to_mono,
    pcm16_to_float,
    resample,
    resample_pcm16,
    to_mono,
)

RATE_PAIRS = [
    (48_000, 16_000),
    (44_100, 16_000),
    (22_050, 16_000),
    (8_000, 16_000),
    (16_000, 48_000),
    (16_000, 44_100),
    (44_101, 16_000),  # an odd device rate: weights computed per sample
]


def tones(rate_hz: int, seconds: float, frequencies_hz: tuple[float, ...]) -> np.ndarray:
    t = np.arange(int(rate_hz * seconds)) / rate_hz
    return sum(0.3 * np.sin(2 * np.pi * f * t) for f in frequencies_hz).astype(np.float32)


@pytest.mark.parametrize(("from_hz", "to_hz"), RATE_PAIRS)
def test_speech_band_tones_survive_conversion(from_hz: int, to_hz: int) -> None:
    source = tones(from_hz, 1.0, (300.0, 3000.0))
    converted = resample(source, from_hz, to_hz)
    assert len(converted) == round(len(source) * to_hz / from_hz)
    expected = tones(to_hz, 1.0, (300.0, 3000.0))[: len(converted)]
    middle = slice(len(converted) // 10, -len(converted) // 10)  # away from the edges
    assert np.max(np.abs(converted[middle] - expected[middle])) < 1e-3


@pytest.mark.parametrize(
    ("from_hz", "to_hz"), [(48_000, 16_000), (44_100, 16_000), (22_050, 16_000)]
)
def test_what_the_lower_rate_cannot_hold_is_removed_not_folded(from_hz: int, to_hz: int) -> None:
    above_nyquist = tones(from_hz, 1.0, (to_hz / 2 * 1.15,))
    converted = resample(above_nyquist, from_hz, to_hz)
    middle = converted[len(converted) // 10 : -len(converted) // 10]
    assert np.sqrt(np.mean(middle**2)) < 1e-3 * 0.3  # below -60 dB of the tone


@pytest.mark.parametrize(("from_hz", "to_hz"), RATE_PAIRS)
def test_a_stream_in_blocks_equals_the_clip_in_one_piece(from_hz: int, to_hz: int) -> None:
    source = np.random.default_rng(from_hz).uniform(-0.5, 0.5, from_hz).astype(np.float32)
    whole = resample(source, from_hz, to_hz)
    converter = Resampler(from_hz, to_hz)
    pieces = []
    position = 0
    sizes = np.random.default_rng(to_hz).integers(1, 2000, 10_000)
    for size in sizes:
        if position >= len(source):
            break
        pieces.append(converter.process(source[position : position + size]))
        position += int(size)
    pieces.append(converter.flush())
    streamed = np.concatenate(pieces)
    assert len(streamed) == len(whole)
    assert np.max(np.abs(streamed - whole)) < 1e-6


def test_same_rate_is_a_copy() -> None:
    source = np.linspace(-1, 1, 100, dtype=np.float32)
    assert np.array_equal(resample(source, 16_000, 16_000), source)
    converter = Resampler(16_000, 16_000)
    assert np.array_equal(converter.process(source), source)
    assert converter.flush().size == 0


def test_process_after_flush_is_a_programming_error() -> None:
    converter = Resampler(48_000, 16_000)
    converter.flush()
    with pytest.raises(RuntimeError):
        converter.process(np.zeros(10, dtype=np.float32))
    with pytest.raises(ValueError):
        Resampler(0, 16_000)


def test_pcm_conversions_clip_instead_of_wrapping() -> None:
    assert float_to_pcm16([1.5, -1.5, 0.0]) == np.array([32767, -32768, 0], "<i2").tobytes()
    pcm = np.array([16384, -32768], "<i2").tobytes()
    assert np.array_equal(pcm16_to_float(pcm), np.array([0.5, -1.0], np.float32))


def test_channels_are_averaged_into_mono() -> None:
    stereo = np.array([[0.5, -0.5], [0.2, 0.4]], dtype=np.float32)
    assert np.allclose(to_mono(stereo), [0.0, 0.3])
    interleaved = np.array([1000, 3000, -2000, 0], "<i2").tobytes()
    assert np.allclose(interleaved_pcm16_to_mono(interleaved, 2) * 32768, [2000, -1000])
    with pytest.raises(ValueError):
        to_mono(np.zeros((2, 2, 2)))


def test_stereo_44k_bytes_to_mono_16k_bytes() -> None:
    left = tones(44_100, 0.5, (440.0,))
    stereo = np.stack([left, left], axis=1).reshape(-1)
    pcm = float_to_pcm16(stereo)
    converted = resample_pcm16(pcm, 44_100, 16_000, channels=2)
    assert len(converted) == 2 * round(len(left) * 16_000 / 44_100)
    samples = pcm16_to_float(converted)
    assert abs(np.sqrt(np.mean(samples[800:-800] ** 2)) - 0.3 / np.sqrt(2)) < 0.01

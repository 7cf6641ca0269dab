"""WAV reading and writing, the WAV audio source and splitting at pauses.

Files of every common encoding are written by the test itself (a sine of known
frequency, so resampling can be checked by its spectrum) and speech is made with
flite; nothing is copied from ../shared.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from voicecoach.adapters.wav import (
    WavFileSource,
    read_wav,
    resample,
    split_at_pauses,
    write_wav,
)
from voicecoach.errors import AudioError
from voicecoach.ports import CHUNK_BYTES, SAMPLE_RATE_HZ, AudioClip, AudioSource

TONE_HZ = 440.0


def make_wav(
    path: Path,
    samples: np.ndarray,
    rate_hz: int,
    *,
    bits: int = 16,
    float_format: bool = False,
    extensible: bool = False,
) -> Path:
    """Write float samples shaped (frames, channels) in the asked encoding, RIFF by hand."""
    if samples.ndim == 1:
        samples = samples[:, None]
    channels = samples.shape[1]
    flat = samples.reshape(-1)
    if float_format:
        payload = flat.astype("<f4" if bits == 32 else "<f8").tobytes()
    elif bits == 8:
        payload = np.clip(np.round(flat * 127 + 128), 0, 255).astype(np.uint8).tobytes()
    elif bits == 16:
        payload = np.clip(np.round(flat * 32767), -32768, 32767).astype("<i2").tobytes()
    elif bits == 24:
        values = np.clip(np.round(flat * (2**23 - 1)), -(2**23), 2**23 - 1).astype("<i4")
        payload = b"".join(int(v).to_bytes(3, "little", signed=True) for v in values)
    else:
        payload = np.clip(np.round(flat * (2**31 - 1)), -(2**31), 2**31 - 1).astype("<i4").tobytes()
    tag = 3 if float_format else 1
    block = channels * bits // 8
    if extensible:
        guid = struct.pack("<H", tag) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
        fmt = struct.pack(
            "<HHIIHHHHI", 0xFFFE, channels, rate_hz, rate_hz * block, block, bits, 22, bits, 0
        )
        fmt += guid
    else:
        fmt = struct.pack("<HHIIHH", tag, channels, rate_hz, rate_hz * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"LIST" + struct.pack("<I", 4) + b"INFO"  # an extra chunk readers must skip
    body += (
        b"data" + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")
    )
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def tone(rate_hz: int, seconds: float = 1.0, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate_hz * seconds)) / rate_hz
    return (amplitude * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float64)


def dominant_hz(clip: AudioClip) -> float:
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    return float(np.fft.rfftfreq(samples.size, 1 / clip.sample_rate_hz)[np.argmax(spectrum)])


def peak(clip: AudioClip) -> float:
    return float(np.abs(np.frombuffer(clip.pcm, dtype="<i2")).max()) / 32768.0


@pytest.mark.parametrize("rate_hz", [8000, 16000, 22050, 44100, 48000])
def test_any_rate_becomes_16k_with_pitch_duration_and_level_kept(
    tmp_path: Path, rate_hz: int
) -> None:
    path = make_wav(tmp_path / "tone.wav", tone(rate_hz), rate_hz)
    clip = read_wav(path)
    assert clip.sample_rate_hz == SAMPLE_RATE_HZ
    assert clip.duration_seconds == pytest.approx(1.0, abs=0.001)
    assert dominant_hz(clip) == pytest.approx(TONE_HZ, abs=2.0)
    assert peak(clip) == pytest.approx(0.5, abs=0.02)


@pytest.mark.parametrize(
    ("bits", "float_format", "extensible"),
    [
        (8, False, False),
        (16, False, True),
        (24, False, False),
        (24, False, True),
        (32, False, False),
        (32, True, False),
        (64, True, False),
        (32, True, True),
    ],
)
def test_every_sample_format_reads_the_same_signal(
    tmp_path: Path, bits: int, float_format: bool, extensible: bool
) -> None:
    path = make_wav(
        tmp_path / "tone.wav",
        tone(22050),
        22050,
        bits=bits,
        float_format=float_format,
        extensible=extensible,
    )
    clip = read_wav(path)
    reference = read_wav(make_wav(tmp_path / "ref.wav", tone(22050), 22050, bits=16))
    got = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64) / 32768
    want = np.frombuffer(reference.pcm, dtype="<i2").astype(np.float64) / 32768
    tolerance = 0.01 if bits == 8 else 0.0005  # 8-bit quantisation is coarse
    assert np.abs(got - want).max() < tolerance


def test_stereo_is_mixed_to_mono(tmp_path: Path) -> None:
    left = tone(44100)
    stereo = np.stack([left, np.zeros_like(left)], axis=1)
    clip = read_wav(make_wav(tmp_path / "stereo.wav", stereo, 44100, bits=24))
    assert clip.duration_seconds == pytest.approx(1.0, abs=0.001)
    assert peak(clip) == pytest.approx(0.25, abs=0.01)  # one silent channel halves the mix
    assert dominant_hz(clip) == pytest.approx(TONE_HZ, abs=2.0)


def test_downsampling_removes_what_16k_cannot_hold(tmp_path: Path) -> None:
    rate_hz = 48000
    t = np.arange(rate_hz) / rate_hz
    high = 0.5 * np.sin(2 * np.pi * 12000 * t)  # above 8 kHz: would alias to 4 kHz if not filtered
    clip = read_wav(make_wav(tmp_path / "high.wav", high, rate_hz))
    middle = np.frombuffer(clip.pcm, dtype="<i2")[1000:-1000].astype(np.float64) / 32768
    assert np.sqrt(np.mean(middle**2)) < 0.005  # the cut edges click; the middle is clean


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    pcm = (np.round(tone(16000) * 32767)).astype("<i2").tobytes()
    write_wav(tmp_path / "out.wav", AudioClip(pcm))
    assert read_wav(tmp_path / "out.wav").pcm == pcm


def test_resample_of_empty_input_is_empty() -> None:
    assert resample(np.zeros(0, np.float32), 44100, 16000).size == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not a WAV file"),
        (b"hello, this is a text file\n", "not a WAV file"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", "no format chunk"),
        (
            b"RIFF\x1c\x00\x00\x00WAVEfmt \x10\x00\x00\x00"
            b"\x01\x00\x01\x00\x80>\x00\x00\x00}\x00\x00\x02\x00\x10\x00",
            "no data chunk",
        ),
    ],
)
def test_broken_or_foreign_file_is_a_one_line_error_naming_file_and_fix(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "broken.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError) as caught:
        read_wav(path)
    message = caught.value.message
    assert str(path) in message and expected in message
    assert "sox" in message and "\n" not in message


def test_unsupported_encoding_names_it(tmp_path: Path) -> None:
    path = make_wav(tmp_path / "alaw.wav", tone(8000), 8000, bits=8)
    data = bytearray(path.read_bytes())
    data[20:22] = struct.pack("<H", 6)  # A-law
    path.write_bytes(bytes(data))
    with pytest.raises(AudioError, match=r"unsupported WAV encoding \(format 0x0006, 8 bits\)"):
        read_wav(path)


def test_missing_file_and_folder_are_clear(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="no such file"):
        read_wav(tmp_path / "absent.wav")
    with pytest.raises(AudioError, match="is a folder"):
        read_wav(tmp_path)


def test_wav_source_chunks_like_a_microphone(tmp_path: Path) -> None:
    clip = read_wav(make_wav(tmp_path / "tone.wav", tone(16000, seconds=0.51), 16000))
    source = WavFileSource(tmp_path / "tone.wav")
    assert isinstance(source, AudioSource) and source.kind == "wav"
    chunks = []
    while (chunk := source.read_chunk(timeout_seconds=0.0)) is not None:
        chunks.append(chunk)
    assert all(len(chunk) == CHUNK_BYTES for chunk in chunks[:-1])
    assert 0 < len(chunks[-1]) <= CHUNK_BYTES
    assert b"".join(chunks) == clip.pcm
    assert source.read_chunk(0.0) is None


def test_wav_source_paced_in_real_time_says_nothing_arrived_yet() -> None:
    source = WavFileSource(AudioClip(b"\x00\x01" * 16000), realtime=True)
    # The first 20 ms chunk is not due yet, and a zero timeout does not wait for it.
    assert source.read_chunk(timeout_seconds=0.0) == b""
    assert source.read_chunk(timeout_seconds=1.0) == b"\x00\x01" * (CHUNK_BYTES // 2)
    source.close()
    assert source.read_chunk(timeout_seconds=1.0) is None


def test_wav_source_refuses_a_clip_at_another_rate() -> None:
    with pytest.raises(AudioError, match="22050 Hz"):
        WavFileSource(AudioClip(b"\x00\x00" * 100, sample_rate_hz=22050))


def flite_clip(tmp_path: Path, text: str, voice: str) -> AudioClip:
    if shutil.which("flite") is None:
        pytest.skip("flite is not installed (apt-get install flite)")
    raw = tmp_path / f"{voice}.wav"
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True)
    return read_wav(raw)


def test_split_at_pauses_finds_two_spoken_turns(tmp_path: Path) -> None:
    first = flite_clip(tmp_path, "I can pay four thousand dollars for the car.", "slt")
    second = flite_clip(tmp_path, "What else is included in the price?", "rms")
    silence = b"\x00\x00" * int(1.2 * SAMPLE_RATE_HZ)
    long_clip = AudioClip(silence[:8000] + first.pcm + silence + second.pcm + silence[:8000])
    pieces = split_at_pauses(long_clip, min_silence_seconds=0.6)
    assert len(pieces) == 2
    for piece, original in zip(pieces, (first, second), strict=True):
        # each piece is its utterance, give or take the padding and flite's own lead-in silence
        assert abs(piece.duration_seconds - original.duration_seconds) < 0.5
    # a pause shorter than asked for does not split (flite adds its own silence, under 1 s)
    assert len(split_at_pauses(long_clip, min_silence_seconds=3.0)) == 1


def test_split_at_pauses_of_silence_is_empty() -> None:
    assert split_at_pauses(AudioClip(b"\x00\x00" * 16000)) == []
    assert split_at_pauses(AudioClip(b"")) == []

"""WAV files in and out, converted at the edge to the one internal format.

Reading parses the RIFF chunks itself rather than using the `wave` module, because
`wave` (Python 3.11) refuses IEEE-float and most WAVE_FORMAT_EXTENSIBLE files,
which recorders and editors write every day. Every file becomes 16 kHz mono
16-bit PCM (`voicecoach.ports`): channels are averaged, samples scaled to
[-1, 1], then resampled with a windowed-sinc filter in numpy (no scipy needed).

`WavFileSource` chunks a clip exactly like a microphone (`ports.CHUNK_BYTES`), so
the session runner cannot tell a file from a device; `split_at_pauses` cuts one
long recording of several turns at its silences.

Raises `AudioError` with a one-line message naming the file and the fix.
"""

from __future__ import annotations

import struct
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from voicecoach.errors import AudioError
from voicecoach.ports import (
    CHUNK_BYTES,
    CHUNK_SECONDS,
    SAMPLE_RATE_HZ,
    SAMPLE_WIDTH_BYTES,
    AudioClip,
)

_FORMAT_PCM = 0x0001
_FORMAT_FLOAT = 0x0003
_FORMAT_EXTENSIBLE = 0xFFFE
_SUPPORTED_INT_BITS = (8, 16, 24, 32)
_SUPPORTED_FLOAT_BITS = (32, 64)
_CONVERT_HINT = "convert it with `sox IN.wav -r 16000 -c 1 -b 16 OUT.wav`"

# Half-width of the resampling filter in input samples (at the lower of the two rates):
# 16 zero crossings keep aliasing under about -60 dB, enough for speech recognition.
_SINC_HALF_WIDTH = 16
_RESAMPLE_BLOCK = 4_096  # output samples per vectorised block: bounds memory on long files
_KAISER_BETA = 8.6


def read_wav(path: str | Path) -> AudioClip:
    """Read any PCM or float WAV file and return it as 16 kHz mono 16-bit PCM.

    Raises:
        AudioError: the file is missing, not a WAV file, broken, or in an unsupported encoding.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AudioError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise AudioError(f"{path}: is a folder, not a WAV file; give a .wav file") from None
    except OSError as error:
        raise AudioError(
            f"{path}: cannot read it ({error.strerror}); check its permissions"
        ) from None
    samples, rate_hz = _decode_wav(data, path)
    return AudioClip(pcm=float_to_pcm16(resample(samples, rate_hz, SAMPLE_RATE_HZ)))


def write_wav(path: str | Path, clip: AudioClip) -> None:
    """Write a clip as a mono 16-bit PCM WAV file at the clip's own rate.

    Raises:
        AudioError: the file cannot be written.
    """
    path = Path(path)
    try:
        with wave.open(str(path), "wb") as writer:
            writer.setnchannels(1)
            writer.setsampwidth(SAMPLE_WIDTH_BYTES)
            writer.setframerate(clip.sample_rate_hz)
            writer.writeframes(clip.pcm)
    except OSError as error:
        raise AudioError(
            f"{path}: cannot write it ({error.strerror}); check the folder exists and is writable"
        ) from None


def _decode_wav(data: bytes, path: Path) -> tuple[np.ndarray, int]:
    """Return mono float32 samples in [-1, 1] and the file's sample rate."""
    if len(data) < 12 or data[0:4] not in (b"RIFF", b"RIFX") or data[8:12] != b"WAVE":
        raise AudioError(f"{path}: not a WAV file (no RIFF/WAVE header); {_CONVERT_HINT}")
    if data[0:4] == b"RIFX":
        raise AudioError(f"{path}: big-endian RIFX WAV is not supported; {_CONVERT_HINT}")
    fmt: bytes | None = None
    payload: bytes | None = None
    for chunk_id, chunk in _chunks(data):
        if chunk_id == b"fmt " and fmt is None:
            fmt = chunk
        elif chunk_id == b"data" and payload is None:
            payload = chunk
    if fmt is None or len(fmt) < 16:
        raise AudioError(f"{path}: broken WAV file (no format chunk); {_CONVERT_HINT}")
    if payload is None:
        raise AudioError(f"{path}: broken WAV file (no data chunk); {_CONVERT_HINT}")
    format_tag, channels, rate_hz, _byte_rate, block_align, bits = struct.unpack(
        "<HHIIHH", fmt[:16]
    )
    if format_tag == _FORMAT_EXTENSIBLE and len(fmt) >= 26:
        format_tag = struct.unpack("<H", fmt[24:26])[0]  # first two bytes of the sub-format GUID
    if channels < 1 or rate_hz < 1000 or bits < 8:
        raise AudioError(
            f"{path}: broken WAV header ({channels} channels, {rate_hz} Hz, {bits} bits); "
            f"{_CONVERT_HINT}"
        )
    supported = (format_tag == _FORMAT_PCM and bits in _SUPPORTED_INT_BITS) or (
        format_tag == _FORMAT_FLOAT and bits in _SUPPORTED_FLOAT_BITS
    )
    if not supported:
        kind = {_FORMAT_PCM: "integer PCM", _FORMAT_FLOAT: "float"}.get(
            format_tag, f"format 0x{format_tag:04x}"
        )
        raise AudioError(f"{path}: unsupported WAV encoding ({kind}, {bits} bits); {_CONVERT_HINT}")
    sample_width = bits // 8
    frame_bytes = sample_width * channels
    if block_align and block_align != frame_bytes:
        raise AudioError(f"{path}: broken WAV header (block size {block_align}); {_CONVERT_HINT}")
    # a truncated last frame is dropped, not fatal
    usable = len(payload) - len(payload) % frame_bytes
    raw = payload[:usable]
    samples = _to_float(raw, format_tag, sample_width)
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1, dtype=np.float32)
    return samples.astype(np.float32, copy=False), rate_hz


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Yield (id, body) for each RIFF sub-chunk; a data chunk cut short yields what is there."""
    offset = 12
    while offset + 8 <= len(data):
        chunk_id = data[offset : offset + 4]
        (size,) = struct.unpack("<I", data[offset + 4 : offset + 8])
        body = data[offset + 8 : offset + 8 + size]
        yield chunk_id, body
        offset += 8 + size + (size & 1)  # chunks are padded to even sizes


def _to_float(raw: bytes, format_tag: int, sample_width: int) -> np.ndarray:
    if format_tag == _FORMAT_FLOAT:
        dtype = "<f4" if sample_width == 4 else "<f8"
        values = np.frombuffer(raw, dtype=dtype).astype(np.float32)
        return np.nan_to_num(np.clip(values, -1.0, 1.0))
    if sample_width == 1:  # 8-bit WAV is unsigned, centred on 128
        return (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    if sample_width == 2:
        return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if sample_width == 3:
        triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        unsigned = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        signed = np.where(unsigned >= 1 << 23, unsigned - (1 << 24), unsigned)
        return signed.astype(np.float32) / float(1 << 23)
    return (np.frombuffer(raw, dtype="<i4").astype(np.float64) / float(1 << 31)).astype(np.float32)


def float_to_pcm16(samples: np.ndarray) -> bytes:
    """Scale float samples in [-1, 1] to 16-bit little-endian PCM bytes (clipping the rest)."""
    scaled = np.clip(np.round(samples * 32768.0), -32768, 32767)
    return scaled.astype("<i2").tobytes()


def pcm16_to_float(pcm: bytes) -> np.ndarray:
    """16-bit little-endian PCM bytes to float32 samples in [-1, 1]."""
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def resample(samples: np.ndarray, from_rate_hz: int, to_rate_hz: int) -> np.ndarray:
    """Resample mono float samples with a Kaiser-windowed sinc (band-limited, any ratio).

    Downsampling lowers the filter's cut-off to the new Nyquist frequency so that
    what lies above it is removed rather than folded back onto speech.
    """
    if from_rate_hz == to_rate_hz or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    ratio = to_rate_hz / from_rate_hz
    cutoff = min(1.0, ratio) * 0.97  # a little under Nyquist: room for the transition band
    half_width = int(np.ceil(_SINC_HALF_WIDTH / min(1.0, ratio)))
    out_count = int(np.floor(samples.size * ratio))
    source = np.concatenate(
        [
            np.zeros(half_width, np.float32),
            samples.astype(np.float32),
            np.zeros(half_width + 1, np.float32),
        ]
    )
    taps = np.arange(-half_width + 1, half_width + 1)
    output = np.empty(out_count, dtype=np.float32)
    for start in range(0, out_count, _RESAMPLE_BLOCK):
        positions = np.arange(start, min(start + _RESAMPLE_BLOCK, out_count)) / ratio
        base = np.floor(positions).astype(np.int64)
        frac = positions - base
        offsets = taps[None, :] - frac[:, None]  # distance of each tap from the exact position
        window = np.i0(_KAISER_BETA * np.sqrt(np.clip(1.0 - (offsets / half_width) ** 2, 0.0, 1.0)))
        weights = cutoff * np.sinc(cutoff * offsets) * window / np.i0(_KAISER_BETA)
        gathered = source[(base[:, None] + taps[None, :]) + half_width]
        output[start : start + positions.size] = np.sum(gathered * weights, axis=1)
    return output


class WavFileSource:
    """An `AudioSource` (kind "wav") that hands out a WAV file in microphone-sized chunks.

    With `realtime=True` chunks are released no faster than they would be spoken,
    which is what a test of endpointing or barge-in timing needs; by default they
    come as fast as they are read, for batch work.

    Raises `AudioError` from the constructor when the file cannot be read.
    """

    kind = "wav"

    def __init__(self, path_or_clip: str | Path | AudioClip, realtime: bool = False) -> None:
        clip = path_or_clip if isinstance(path_or_clip, AudioClip) else read_wav(path_or_clip)
        if clip.sample_rate_hz != SAMPLE_RATE_HZ:
            raise AudioError(
                f"clip is at {clip.sample_rate_hz} Hz, expected {SAMPLE_RATE_HZ} Hz: "
                "read it with read_wav"
            )
        self.clip = clip
        self.realtime = realtime
        self._offset = 0
        self._started_at: float | None = None
        self._closed = False

    @property
    def duration_seconds(self) -> float:
        return self.clip.duration_seconds

    def read_chunk(self, timeout_seconds: float) -> bytes | None:
        """Return the next `CHUNK_BYTES` of PCM (the last may be shorter), None at the end."""
        if self._closed or self._offset >= len(self.clip.pcm):
            return None
        if self.realtime:
            now = time.monotonic()
            if self._started_at is None:
                self._started_at = now
            chunk_index = self._offset // CHUNK_BYTES
            due_at = self._started_at + (chunk_index + 1) * CHUNK_SECONDS
            wait_seconds = due_at - now
            if wait_seconds > timeout_seconds:
                time.sleep(max(0.0, timeout_seconds))
                return b""
            if wait_seconds > 0:
                time.sleep(wait_seconds)
        chunk = self.clip.pcm[self._offset : self._offset + CHUNK_BYTES]
        self._offset += len(chunk)
        return chunk

    def close(self) -> None:
        self._closed = True


def frame_levels_dbfs(clip: AudioClip, frame_seconds: float = CHUNK_SECONDS) -> np.ndarray:
    """RMS level of each frame in dBFS (-100 for digital silence)."""
    samples = pcm16_to_float(clip.pcm)
    frame_len = max(1, int(round(frame_seconds * clip.sample_rate_hz)))
    count = samples.size // frame_len
    if count == 0:
        return np.zeros(0, dtype=np.float32)
    frames = samples[: count * frame_len].reshape(count, frame_len).astype(np.float64)
    rms = np.sqrt(np.mean(frames * frames, axis=1))
    return np.maximum(20.0 * np.log10(np.maximum(rms, 1e-10)), -100.0).astype(np.float32)


def split_at_pauses(
    clip: AudioClip,
    min_silence_seconds: float = 0.6,
    *,
    pad_seconds: float = 0.2,
    min_speech_seconds: float = 0.15,
) -> list[AudioClip]:
    """Cut one long recording of several turns at its pauses.

    A frame is silent when it is quieter than both -40 dBFS and 25 dB under the
    loudest frame (relative, so that quiet recordings still split; absolute, so that
    a noisy room is not all speech), and always under -60 dBFS. Each returned clip
    keeps `pad_seconds` of the pause on either side (recognisers need a little
    lead-in); stretches shorter than `min_speech_seconds` (clicks, breaths) are dropped.
    """
    frame_seconds = CHUNK_SECONDS
    levels = frame_levels_dbfs(clip, frame_seconds)
    if levels.size == 0:
        return []
    threshold_dbfs = max(-60.0, min(-40.0, float(levels.max()) - 25.0))
    voiced = levels > threshold_dbfs
    min_gap_frames = max(1, int(round(min_silence_seconds / frame_seconds)))
    # voiced runs, then merge runs separated by less than the minimum pause
    runs: list[list[int]] = []
    index = 0
    while index < voiced.size:
        if voiced[index]:
            end = index
            while end < voiced.size and voiced[end]:
                end += 1
            if runs and index - runs[-1][1] < min_gap_frames:
                runs[-1][1] = end
            else:
                runs.append([index, end])
            index = end
        else:
            index += 1
    frame_bytes = int(round(frame_seconds * clip.sample_rate_hz)) * SAMPLE_WIDTH_BYTES
    pad_frames = int(round(pad_seconds / frame_seconds))
    min_frames = max(1, int(round(min_speech_seconds / frame_seconds)))
    pieces: list[AudioClip] = []
    for start, end in runs:
        if end - start < min_frames:
            continue
        first = max(0, start - pad_frames)
        last = min(voiced.size, end + pad_frames)
        pieces.append(
            AudioClip(clip.pcm[first * frame_bytes : last * frame_bytes], clip.sample_rate_hz)
        )
    return pieces

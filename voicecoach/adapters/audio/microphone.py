"""The microphone as a `voicecoach.ports.AudioSource` (kind "mic"), through sounddevice.

Shape, and why:
- The device is opened at a rate it supports (16 kHz when it accepts it, else
  its default, e.g. 44.1 or 48 kHz: many USB microphones refuse 16 kHz) and in
  as few channels as it allows; conversion to 16 kHz mono s16 happens in
  `read_chunk`, on the consumer's thread, never in the audio callback.
- The PortAudio callback only copies bytes into a bounded queue. If the
  consumer falls behind, blocks are dropped and counted (`dropped_block_count`)
  instead of blocking the audio thread; an input overflow reported by the
  device is counted (`overflow_count`) and survived.
- `read_chunk` returns exactly `ports.CHUNK_BYTES` (20 ms), so a microphone
  looks the same to the runner as a WAV file chunked like one.
"""

from __future__ import annotations

import queue
import threading
import time
from typing import Any

from voicecoach.adapters.audio.devices import (
    choose_stream_format,
    import_sounddevice,
    resolve_device,
)
from voicecoach.adapters.audio.resample import (
    Resampler,
    float_to_pcm16,
    interleaved_pcm16_to_mono,
)
from voicecoach.errors import AudioError, MicrophoneUnavailableError
from voicecoach.ports import CHUNK_BYTES, CHUNK_SECONDS, SAMPLE_RATE_HZ

_END = None  # queue sentinel: the stream ended


class MicrophoneSource:
    """Live audio from an input device, as 16 kHz mono s16 chunks of `CHUNK_BYTES`.

    Raises `MicrophoneUnavailableError` when no input device exists or the
    chosen one cannot be opened, `MissingDependencyError` without sounddevice
    or PortAudio.
    """

    kind = "mic"

    def __init__(
        self,
        device: int | str | None = None,
        *,
        device_rate_hz: int | None = None,
        queue_seconds: float = 10.0,
    ) -> None:
        """Open and start the device.

        Args:
            device: index, name substring, or None for the default input.
            device_rate_hz: force the device rate (tests use it to exercise
                resampling); by default 16 kHz if supported, else the device's own.
            queue_seconds: how much audio may wait for the consumer before
                blocks are dropped.
        """
        sd = import_sounddevice()
        self._sd = sd
        info = resolve_device(device, "input")
        self.device_index: int = info["index"]
        self.device_name: str = info["name"]
        self.device_rate_hz, self.device_channels = self._choose_format(info, device_rate_hz)
        self._block_frames = max(1, int(round(self.device_rate_hz * CHUNK_SECONDS)))
        max_blocks = max(4, int(queue_seconds / CHUNK_SECONDS))
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=max_blocks)
        self._resampler = Resampler(self.device_rate_hz, SAMPLE_RATE_HZ)
        self._pending = bytearray()
        self._overflow_count = 0
        self._dropped_block_count = 0
        self._closed = False
        self._ended = False
        self._close_lock = threading.Lock()
        try:
            self._stream = sd.RawInputStream(
                device=self.device_index,
                samplerate=self.device_rate_hz,
                channels=self.device_channels,
                dtype="int16",
                blocksize=self._block_frames,
                callback=self._on_audio,
                finished_callback=self._on_finished,
            )
            self._stream.start()
        except sd.PortAudioError as error:
            raise MicrophoneUnavailableError(
                f"cannot open microphone {self.device_name!r} ({error}): "
                "pick another with --device, or use typed turns (--input typed)"
            ) from error

    def _choose_format(self, info: dict[str, Any], forced_rate_hz: int | None) -> tuple[int, int]:
        """(rate, channels) the device accepts: 16 kHz mono if possible, converted later."""
        chosen = choose_stream_format(info, "input", forced_rate_hz)
        if isinstance(chosen, tuple):
            return chosen
        raise MicrophoneUnavailableError(
            f"microphone {info['name']!r} accepts none of the usual formats "
            f"({'; '.join(chosen[:2])}): "
            "pick another with --device, or use typed turns (--input typed)"
        )

    # Audio thread: copy and count only.
    def _on_audio(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        if status.input_overflow:
            self._overflow_count += 1
        try:
            self._queue.put_nowait(bytes(indata))
        except queue.Full:
            self._dropped_block_count += 1

    def _on_finished(self) -> None:
        try:
            self._queue.put_nowait(_END)
        except queue.Full:
            self._ended = True  # seen by read_chunk once the queue drains

    @property
    def input_latency_seconds(self) -> float:
        """How long ago a chunk was spoken when the device delivered it (device-reported)."""
        return float(self._stream.latency)

    @property
    def overflow_count(self) -> int:
        """Callbacks in which the device reported lost input (the consumer or system was late)."""
        return self._overflow_count

    @property
    def dropped_block_count(self) -> int:
        """Device blocks thrown away because nobody read them in time."""
        return self._dropped_block_count

    def read_chunk(self, timeout_seconds: float) -> bytes | None:
        """Next `CHUNK_BYTES` of 16 kHz mono PCM; b"" if none in time; None once closed or ended."""
        if self._closed:
            return None
        deadline = time.monotonic() + max(0.0, timeout_seconds)
        while len(self._pending) < CHUNK_BYTES:
            remaining = deadline - time.monotonic()
            try:
                block = (
                    self._queue.get(timeout=remaining)
                    if remaining > 0
                    else self._queue.get_nowait()
                )
            except queue.Empty:
                if self._ended or self._closed:
                    return None
                return b""  # a partial chunk stays pending for the next call
            if block is _END:
                self._ended = True
                return self._take_rest() if self._pending else None
            self._pending += self._convert(block)
        chunk = bytes(self._pending[:CHUNK_BYTES])
        del self._pending[:CHUNK_BYTES]
        return chunk

    def _take_rest(self) -> bytes:
        chunk = bytes(self._pending)
        self._pending.clear()
        return chunk

    def _convert(self, block: bytes) -> bytes:
        mono = interleaved_pcm16_to_mono(block, self.device_channels)
        if self.device_rate_hz == SAMPLE_RATE_HZ:
            return block if self.device_channels == 1 else float_to_pcm16(mono)
        return float_to_pcm16(self._resampler.process(mono))

    def close(self) -> None:
        """Stop and release the device; safe to call more than once."""
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        try:
            self._stream.abort()
            self._stream.close()
        except self._sd.PortAudioError as error:
            raise AudioError(
                f"the microphone did not close cleanly ({error}): restart voicecoach"
            ) from error

    def __enter__(self) -> MicrophoneSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

"""Where the counterpart's voice goes: a speaker through sounddevice, or nowhere in real time.

`SpeakerSink` keeps one output stream open for its whole life and feeds it
silence between clips. Opening a device costs tens of milliseconds; with the
stream already running, `play()` only hands the clip to the audio callback,
so the first sample reaches the device within one block (20 ms) of the call,
which is what keeps end-of-turn-to-voice under the 250 ms target. For the
same reason `stop()` (barge-in) takes effect at the next block.

`NullSink` plays nowhere but keeps real-time semantics (a clip "plays" for
its duration and can be stopped), for headless runs and tests of the runner.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np

from voicecoach.adapters.audio.devices import (
    choose_stream_format,
    import_sounddevice,
    resolve_device,
)
from voicecoach.adapters.audio.resample import float_to_pcm16, pcm16_to_float, resample
from voicecoach.errors import AudioError
from voicecoach.ports import CHUNK_SECONDS, SAMPLE_WIDTH_BYTES, AudioClip

_STOP_ACK_SECONDS = 0.25  # how long stop() waits for the audio thread to confirm


class SpeakerPlayback:
    """One clip on a `SpeakerSink`; the audio callback advances it block by block."""

    def __init__(self, pcm: bytes, frame_bytes: int, rate_hz: int) -> None:
        self._pcm = pcm
        self._frame_bytes = frame_bytes
        self._rate_hz = rate_hz
        self._position = 0  # bytes already handed to the device
        self._stop_requested = False
        self._done = threading.Event()
        self._first_sample_at: float | None = None
        self.stopped = False
        self.finished_at: float | None = None

    # Called from the audio thread with the block to fill; returns True when this clip is over.
    def _fill(self, outdata: Any, nbytes: int) -> bool:
        if self._stop_requested:
            outdata[:] = bytes(nbytes)
            self._finish(stopped=True)
            return True
        piece = self._pcm[self._position : self._position + nbytes]
        if self._first_sample_at is None and piece:
            self._first_sample_at = time.monotonic()
        self._position += len(piece)
        if len(piece) < nbytes:
            piece += bytes(nbytes - len(piece))
        outdata[:] = piece
        if self._position >= len(self._pcm):
            self._finish(stopped=False)
            return True
        return False

    def _finish(self, *, stopped: bool) -> None:
        if not self._done.is_set():
            self.stopped = stopped
            self.finished_at = time.monotonic()
            self._done.set()

    def stop(self) -> None:
        """Silence this clip from the next block on (barge-in); returns once that happened."""
        if self._done.is_set():
            return
        self._stop_requested = True
        if not self._done.wait(_STOP_ACK_SECONDS):
            self._finish(stopped=True)  # the stream is gone; nothing is playing any more

    def wait(self, timeout_seconds: float | None = None) -> bool:
        """Block until the last block was handed to the device or the clip was stopped."""
        return self._done.wait(timeout_seconds)

    @property
    def playing(self) -> bool:
        return not self._done.is_set()

    @property
    def first_sample_at(self) -> float | None:
        return self._first_sample_at

    @property
    def played_seconds(self) -> float:
        """How much of the clip went to the device (less than its length if stopped)."""
        return self._position / (self._frame_bytes * self._rate_hz)


class SpeakerSink:
    """Plays `AudioClip`s on an output device, one at a time, interruptible.

    Raises `AudioError` when no output device exists or it cannot be opened,
    `MissingDependencyError` without sounddevice or PortAudio.
    """

    def __init__(
        self, device: int | str | None = None, *, device_rate_hz: int | None = None
    ) -> None:
        """Open the device and start feeding it silence.

        Args:
            device: index, name substring, or None for the default output.
            device_rate_hz: force the device rate (tests use it to exercise
                resampling); by default 16 kHz if supported, else the device's own.
        """
        sd = import_sounddevice()
        self._sd = sd
        info = resolve_device(device, "output")
        self.device_index: int = info["index"]
        self.device_name: str = info["name"]
        self.device_rate_hz, self.device_channels = self._choose_format(info, device_rate_hz)
        self._frame_bytes = SAMPLE_WIDTH_BYTES * self.device_channels
        self._lock = threading.Lock()
        self._current: SpeakerPlayback | None = None
        self._underflow_count = 0
        self._closed = False
        try:
            self._stream = sd.RawOutputStream(
                device=self.device_index,
                samplerate=self.device_rate_hz,
                channels=self.device_channels,
                dtype="int16",
                blocksize=max(1, int(round(self.device_rate_hz * CHUNK_SECONDS))),
                latency="low",
                callback=self._on_audio,
            )
            self._stream.start()
        except sd.PortAudioError as error:
            raise AudioError(
                f"cannot open audio output {self.device_name!r} ({error}): "
                "pick another with --device"
            ) from error

    def _choose_format(self, info: dict[str, Any], forced_rate_hz: int | None) -> tuple[int, int]:
        chosen = choose_stream_format(info, "output", forced_rate_hz)
        if isinstance(chosen, tuple):
            return chosen
        raise AudioError(
            f"audio output {info['name']!r} accepts none of the usual formats "
            f"({'; '.join(chosen[:2])}): pick another with --device"
        )

    def _on_audio(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        if status.output_underflow:
            self._underflow_count += 1
        nbytes = frames * self._frame_bytes
        playback = self._current
        if playback is None:
            outdata[:] = bytes(nbytes)
            return
        if playback._fill(outdata, nbytes):
            with self._lock:
                if self._current is playback:
                    self._current = None

    @property
    def output_latency_seconds(self) -> float:
        """How long after `first_sample_at` a sample is heard, as the device reports it.

        For aligning the voice with its echo in the microphone.
        """
        return float(self._stream.latency)

    @property
    def underflow_count(self) -> int:
        """Blocks the device asked for too late (audible clicks); for diagnostics."""
        return self._underflow_count

    def play(self, clip: AudioClip) -> SpeakerPlayback:
        """Start playing `clip` (stopping any clip still playing); returns at once."""
        if self._closed:
            raise AudioError("the speaker was closed: open a new one to play more audio")
        playback = SpeakerPlayback(self._device_pcm(clip), self._frame_bytes, self.device_rate_hz)
        with self._lock:
            previous, self._current = self._current, playback
        if previous is not None:
            previous._finish(stopped=True)
        if not playback._pcm:
            playback._finish(stopped=False)
            with self._lock:
                if self._current is playback:
                    self._current = None
        return playback

    def _device_pcm(self, clip: AudioClip) -> bytes:
        """The clip in the device's rate and channel count."""
        pcm = clip.pcm[: len(clip.pcm) - len(clip.pcm) % SAMPLE_WIDTH_BYTES]
        if clip.sample_rate_hz != self.device_rate_hz and pcm:
            pcm = float_to_pcm16(
                resample(pcm16_to_float(pcm), clip.sample_rate_hz, self.device_rate_hz)
            )
        if self.device_channels > 1 and pcm:
            samples = np.frombuffer(pcm, dtype="<i2")
            pcm = np.repeat(samples, self.device_channels).astype("<i2").tobytes()
        return pcm

    def close(self) -> None:
        """Stop any clip and release the device; safe to call more than once."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            playback, self._current = self._current, None
        if playback is not None:
            playback._finish(stopped=True)
        try:
            self._stream.abort()
            self._stream.close()
        except self._sd.PortAudioError as error:
            raise AudioError(
                f"the speaker did not close cleanly ({error}): restart voicecoach"
            ) from error

    def __enter__(self) -> SpeakerSink:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class NullPlayback:
    """A clip "playing" nowhere: it lasts its duration unless stopped."""

    def __init__(self, duration_seconds: float) -> None:
        self._started_at = time.monotonic()
        self._ends_at = self._started_at + duration_seconds
        self._stopped = threading.Event()
        self.stopped = False

    def stop(self) -> None:
        if self.playing:
            self.stopped = True
        self._stopped.set()

    def wait(self, timeout_seconds: float | None = None) -> bool:
        remaining = self._ends_at - time.monotonic()
        if timeout_seconds is not None and timeout_seconds < remaining:
            self._stopped.wait(max(0.0, timeout_seconds))
            return not self.playing
        self._stopped.wait(max(0.0, remaining))
        return True

    @property
    def playing(self) -> bool:
        return not self._stopped.is_set() and time.monotonic() < self._ends_at

    @property
    def first_sample_at(self) -> float | None:
        return self._started_at


class NullSink:
    """An `AudioSink` with no device: clips take their real duration and can be stopped."""

    def __init__(self) -> None:
        self._current: NullPlayback | None = None

    def play(self, clip: AudioClip) -> NullPlayback:
        if self._current is not None:
            self._current.stop()
        self._current = NullPlayback(clip.duration_seconds)
        return self._current

    def close(self) -> None:
        if self._current is not None:
            self._current.stop()

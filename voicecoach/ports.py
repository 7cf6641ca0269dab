"""Small interfaces between the session runner and the engine adapters.

One audio format crosses these boundaries: 16 kHz, 16-bit signed little-endian,
mono PCM (`SAMPLE_RATE_HZ`). Adapters convert at the edge (device rates, WAV
files of any rate or channel count, the voice's native rate). Each adapter
documents which `voicecoach.errors` subclass it raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from voicecoach.core.transcript import WordTiming

SAMPLE_RATE_HZ = 16_000
SAMPLE_WIDTH_BYTES = 2
CHUNK_SECONDS = 0.02  # 20 ms chunks: small enough for barge-in, big enough for cheap callbacks
CHUNK_BYTES = int(SAMPLE_RATE_HZ * CHUNK_SECONDS) * SAMPLE_WIDTH_BYTES


@dataclass(frozen=True)
class AudioClip:
    """Mono 16-bit PCM at `sample_rate_hz` (16 kHz everywhere inside voicecoach)."""

    pcm: bytes
    sample_rate_hz: int = SAMPLE_RATE_HZ

    @property
    def duration_seconds(self) -> float:
        return len(self.pcm) / (SAMPLE_WIDTH_BYTES * self.sample_rate_hz)


@dataclass(frozen=True)
class Recognition:
    """Final result of one utterance: text (lower case, no punctuation) and word times."""

    text: str
    words: tuple[WordTiming, ...] = ()


@runtime_checkable
class RecognitionStream(Protocol):
    """One utterance being recognised, fed as it is spoken.

    Raises `RecogniserError` if the engine fails mid-stream.
    """

    def accept_chunk(self, pcm: bytes) -> str | None:
        """Feed 16 kHz mono PCM; return the new partial text when it changed, else None."""
        ...

    def finish(self) -> Recognition:
        """End the utterance and return the final result; the stream is then spent."""
        ...


@runtime_checkable
class Recogniser(Protocol):
    """A loaded speech recogniser; loading (the slow part) happens in the constructor.

    Constructors raise `ModelError` for a missing or broken model and
    `MissingDependencyError` when the engine package is absent.
    """

    name: str

    def open_stream(self) -> RecognitionStream: ...

    def close(self) -> None: ...


@runtime_checkable
class AudioSource(Protocol):
    """Where the trainee's audio comes from: a microphone or a WAV file chunked like one.

    Raises `AudioError` (or `MicrophoneUnavailableError`) when it cannot be opened.
    """

    kind: str  # "mic" or "wav"

    def read_chunk(self, timeout_seconds: float) -> bytes | None:
        """Return the next chunk of PCM, b"" if nothing arrived in time, None when ended."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class Playback(Protocol):
    """A clip being played; stoppable at once (barge-in)."""

    def stop(self) -> None: ...

    def wait(self, timeout_seconds: float | None = None) -> bool:
        """Block until playback ends; return True if it ended (or was stopped)."""
        ...

    @property
    def playing(self) -> bool: ...

    @property
    def first_sample_at(self) -> float | None:
        """`time.monotonic()` when the first sample went to the device, None before."""
        ...


@runtime_checkable
class AudioSink(Protocol):
    """Where the counterpart's voice goes: a speaker through sounddevice, or nowhere."""

    def play(self, clip: AudioClip) -> Playback: ...

    def close(self) -> None: ...


@runtime_checkable
class Voice(Protocol):
    """Text-to-speech rendered to audio (never played by the voice itself).

    Raises `VoiceError` when no voice is available or rendering failed.
    """

    def render(
        self, text: str, voice_id: str | None = None, rate_wpm: int | None = None
    ) -> AudioClip: ...

    def close(self) -> None: ...

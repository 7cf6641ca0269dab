"""vosk recogniser: always given an explicit model folder.

vosk, given no path, tries to download a model into the user's cache; voicecoach
never lets it (offline and private), so `VoskRecogniser` needs a folder. Loading
the model takes seconds and happens once in the constructor; a Kaldi recogniser
for a stream costs tens of milliseconds to build, so finished ones are reset and
reused, which keeps `open_stream` cheap.

Raises `MissingDependencyError` at import without vosk, `ModelError` for a
missing or broken model folder, `RecogniserError` when decoding fails.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from voicecoach.adapters.models import looks_like_vosk_model
from voicecoach.core.transcript import WordTiming
from voicecoach.errors import MissingDependencyError, ModelError, RecogniserError
from voicecoach.ports import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, Recognition

try:
    import vosk
except ImportError as error:  # pragma: no cover - exercised only without the package
    raise MissingDependencyError(
        "vosk is not installed: run `pip install vosk` (its wheel bundles libvosk; "
        "on Linux it needs glibc 2.17+ and libstdc++ from the system)"
    ) from error

except OSError as error:  # pragma: no cover - libvosk.so failed to load
    raise MissingDependencyError(
        f"vosk's native library libvosk could not be loaded ({error}): "
        "reinstall it with `pip install --force-reinstall vosk` "
        "and make sure libstdc++ is installed"
    ) from error

_MODEL_FETCH_HINT = (
    "run `voicecoach models fetch en-us-small` or pass --vosk-model PATH to a model folder"
)


def check_model_dir(path: str | Path) -> Path:
    """Return the folder if it looks like a vosk model, else raise `ModelError` with a fix.

    Checked here rather than left to vosk because vosk prints its own complaint on
    stderr (over the terminal UI) before raising a bare `Exception`.
    """
    folder = Path(path).expanduser()
    if not folder.exists():
        raise ModelError(f"vosk model folder {folder} does not exist: {_MODEL_FETCH_HINT}")
    if not folder.is_dir():
        raise ModelError(
            f"vosk model {folder} is a file, not a folder: unpack it first, or {_MODEL_FETCH_HINT}"
        )
    if not looks_like_vosk_model(folder):
        raise ModelError(
            f"{folder} is not a vosk model folder (no am/final.mdl and conf/): "
            f"point to the unpacked model folder, or {_MODEL_FETCH_HINT}"
        )
    return folder


class VoskRecogniser:
    """vosk (Kaldi) with one loaded model folder; streams share the model."""

    name = "vosk"

    def __init__(self, model_path: str | Path) -> None:
        folder = check_model_dir(model_path)
        vosk.SetLogLevel(-1)  # Kaldi logs every model load on stderr otherwise
        try:
            self._model = vosk.Model(str(folder))
        except Exception as error:  # vosk raises a bare Exception("Failed to create a model")
            raise ModelError(
                f"vosk could not load the model in {folder} ({error}): the folder is incomplete or "
                f"for another vosk version; fetch it again, or {_MODEL_FETCH_HINT}"
            ) from None
        self.model_path = folder
        self._lock = threading.Lock()
        # (Kaldi recogniser, seconds of audio it has heard): Reset() clears the
        # hypothesis but not its clock, so word times are shifted back by that much.
        self._idle: list[tuple[Any, float]] = []
        self._closed = False

    def open_stream(self) -> VoskStream:
        """Start a new utterance on a fresh or reset Kaldi recogniser."""
        with self._lock:
            if self._closed:
                raise RecogniserError("the vosk recogniser was closed; load it again")
            reused = self._idle.pop() if self._idle else None
        if reused is None:
            try:
                kaldi = vosk.KaldiRecognizer(self._model, SAMPLE_RATE_HZ)
            except Exception as error:
                raise RecogniserError(f"vosk could not start a recogniser ({error})") from None
            kaldi.SetWords(True)
            return VoskStream(self, kaldi, offset_seconds=0.0)
        kaldi, offset_seconds = reused
        kaldi.Reset()
        return VoskStream(self, kaldi, offset_seconds=offset_seconds)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._idle.clear()

    def _release(self, kaldi: Any, offset_seconds: float) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < 2:
                self._idle.append((kaldi, offset_seconds))


class VoskStream:
    """One utterance on one Kaldi recogniser.

    vosk ends a segment by itself at a pause inside the stream; those segments are
    kept and joined so the stream still returns one utterance, with word times
    counted from the start of the stream.
    """

    def __init__(self, recogniser: VoskRecogniser, kaldi: Any, offset_seconds: float) -> None:
        self._recogniser = recogniser
        self._kaldi: Any = kaldi
        self._offset_seconds = offset_seconds
        self._fed_bytes = 0
        self._segments: list[dict[str, Any]] = []
        self._partial = ""

    def accept_chunk(self, pcm: bytes) -> str | None:
        """Feed 16 kHz mono s16 PCM; return the partial text (all segments) when it changed."""
        if self._kaldi is None:
            raise RecogniserError("this recognition stream is finished; open a new stream")
        if not pcm:
            return None
        self._fed_bytes += len(pcm)
        try:
            segment_ended = self._kaldi.AcceptWaveform(pcm)
            if segment_ended:
                self._segments.append(json.loads(self._kaldi.Result()))
                current = ""
            else:
                current = str(json.loads(self._kaldi.PartialResult()).get("partial", ""))
        except (ValueError, RuntimeError) as error:
            raise RecogniserError(f"vosk failed while decoding ({error})") from None
        partial = " ".join(
            part for part in (*self._segment_texts(), current.strip()) if part
        ).lower()
        if partial == self._partial:
            return None
        self._partial = partial
        return partial

    def finish(self) -> Recognition:
        """End the utterance: the final text (lower case) and word times in seconds."""
        if self._kaldi is None:
            raise RecogniserError("this recognition stream is finished; open a new stream")
        kaldi, self._kaldi = self._kaldi, None
        try:
            self._segments.append(json.loads(kaldi.FinalResult()))
        except (ValueError, RuntimeError) as error:
            raise RecogniserError(f"vosk failed to finish the utterance ({error})") from None
        offset = self._offset_seconds
        self._recogniser._release(
            kaldi, offset + self._fed_bytes / (SAMPLE_RATE_HZ * SAMPLE_WIDTH_BYTES)
        )
        words = tuple(
            WordTiming(
                word=str(item["word"]).lower(),
                start_seconds=round(max(0.0, float(item["start"]) - offset), 3),
                end_seconds=round(max(0.0, float(item["end"]) - offset), 3),
                confidence=float(item.get("conf", 1.0)),
            )
            for segment in self._segments
            for item in segment.get("result", [])
        )
        return Recognition(text=" ".join(self._segment_texts()).lower(), words=words)

    def _segment_texts(self) -> list[str]:
        return [
            str(segment.get("text", "")).strip()
            for segment in self._segments
            if segment.get("text")
        ]

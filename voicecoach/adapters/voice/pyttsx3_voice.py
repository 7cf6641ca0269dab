"""`voicecoach.ports.Voice` through pyttsx3 (espeak-ng on Linux), isolated in a worker process.

pyttsx3 blocks in `runAndWait`, refuses a second run loop in one process,
sometimes writes an empty file, asserts on empty text and prints to stdout; its
C engine can also hang or crash. So the engine lives in a long-lived child
process (`voicecoach.adapters.voice.worker`) that keeps one engine and renders
one line at a time to a WAV file; this side sends requests with a timeout,
reads the file, converts it to 16 kHz mono, and restarts the worker when it
dies or stops answering. The worker's stderr goes to a log file or /dev/null,
never to the terminal (the Textual app owns it).

Latency: starting the worker (Python, pyttsx3, espeak-ng's voice data) is the
slow part, so the constructor starts it and `warm()` (called by the
constructor unless `warm=False`) waits for it and renders a first line. A warm
render of one sentence takes tens of milliseconds; `render_sentences()` lets a
player start on the first sentence of a long line while the rest is rendered.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Iterator
from ctypes.util import find_library
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from voicecoach.adapters.audio.resample import resample_pcm16
from voicecoach.errors import MissingDependencyError, VoiceError
from voicecoach.ports import SAMPLE_RATE_HZ, AudioClip


def _check_installed() -> None:
    if importlib.util.find_spec("pyttsx3") is None:
        raise MissingDependencyError(
            "the pyttsx3 package is missing: pip install pyttsx3 "
            "(on Linux it also needs espeak-ng: apt-get install espeak-ng)"
        )
    if sys.platform.startswith("linux") and not (
        find_library("espeak-ng") or find_library("espeak")
    ):
        raise MissingDependencyError(
            "the espeak-ng library is missing (pyttsx3's voice on Linux): apt-get install espeak-ng"
        )


_check_installed()

DEFAULT_RATE_WPM = 165  # a little under espeak's 175: clearer for a listener practising
MIN_RATE_WPM = 80
MAX_RATE_WPM = 400
DEFAULT_TIMEOUT_SECONDS = 15.0
START_TIMEOUT_SECONDS = 20.0
# A render of text with at least one letter or digit shorter than this is an engine failure.
MIN_SPEECH_SECONDS = 0.05
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
_LONG_SENTENCE_WORDS = 12
_MIN_PIECE_WORDS = 3
_SPEAKABLE = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class VoiceInfo:
    """One installed voice: `id` is what scenarios may name (as may a language or a name)."""

    id: str
    name: str
    languages: tuple[str, ...]
    gender: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "languages": list(self.languages),
            "gender": self.gender,
        }


class _WorkerFailure(Exception):
    """The worker died, hung or answered nonsense; the caller restarts it."""


class _Worker:
    """One worker process and the thread that reads its answers."""

    def __init__(self, log_path: Path | None) -> None:
        package_root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ)
        # The worker must import this package even when it is not installed (a checkout).
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        env["PYTHONUNBUFFERED"] = "1"
        self._log: IO[bytes] | None = None
        if log_path is not None:
            try:
                self._log = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
            except OSError as error:
                raise VoiceError(
                    f"cannot write the voice log {log_path} ({error.strerror}): "
                    "pick a writable folder"
                ) from error
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "voicecoach.adapters.voice.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log if self._log is not None else subprocess.DEVNULL,
                env=env,
                # Ctrl-C in the terminal is the app's to handle, not the worker's.
                start_new_session=True,
            )
        except OSError as error:
            self._close_log()
            raise VoiceError(
                f"cannot start the voice worker ({error}): reinstall voicecoach"
            ) from error
        self._answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(
            target=self._read_answers, name="voice-worker-reader", daemon=True
        )
        self._reader.start()
        self._ids = itertools.count(1)
        self.voices: list[VoiceInfo] = []
        self.default_voice: str | None = None
        self.ready = False

    def _read_answers(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            try:
                self._answers.put(json.loads(raw))
            except ValueError:
                continue  # not protocol: ignore rather than desynchronise
        self._answers.put(None)  # end of output: the worker is gone

    def wait_ready(self, timeout_seconds: float) -> None:
        if self.ready:
            return
        message = self._next(timeout_seconds)
        if message.get("event") == "failed":
            raise VoiceError(
                f"the voice engine failed to start ({message.get('error')}): "
                "install espeak-ng (apt-get install espeak-ng) and pyttsx3, or run with --no-voice"
            )
        if message.get("event") != "ready":
            raise _WorkerFailure(f"unexpected first message {message!r}")
        self.voices = [
            VoiceInfo(
                id=str(item["id"]),
                name=str(item.get("name") or item["id"]),
                languages=tuple(str(language) for language in item.get("languages") or ()),
                gender=item.get("gender"),
            )
            for item in message.get("voices", [])
        ]
        default = message.get("default_voice")
        self.default_voice = str(default) if default else None
        self.ready = True

    def request(self, payload: dict[str, Any], timeout_seconds: float) -> dict[str, Any]:
        request_id = next(self._ids)
        line = json.dumps({"id": request_id, **payload}) + "\n"
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(line.encode("utf-8"))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise _WorkerFailure(f"worker input closed ({error})") from error
        deadline = time.monotonic() + timeout_seconds
        while True:
            answer = self._next(deadline - time.monotonic())
            if answer.get("id") == request_id:
                return answer
            # An answer to an earlier request that timed out: skip it.

    def _next(self, timeout_seconds: float) -> dict[str, Any]:
        try:
            message = self._answers.get(timeout=max(0.001, timeout_seconds))
        except queue.Empty as error:
            raise _WorkerFailure(f"no answer within {timeout_seconds:.1f} s") from error
        if message is None:
            self._answers.put(None)  # stay "ended" for later calls
            raise _WorkerFailure(f"worker exited with status {self.process.poll()}")
        return message

    def stop(self, *, force: bool = False) -> None:
        """End the worker: politely (end of input), then by force; at once if `force` (hung)."""
        if self.process.poll() is None:
            if force:
                self.process.kill()
            try:
                assert self.process.stdin is not None
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._reader.join(timeout=2)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


class Pyttsx3Voice:
    """Renders counterpart lines to 16 kHz mono `AudioClip`s; thread-safe, one render at a time.

    Raises `VoiceError` when the engine cannot start or a render fails twice,
    `MissingDependencyError` (at import) without pyttsx3 or espeak-ng.
    """

    name = "pyttsx3"

    def __init__(
        self,
        default_voice: str | None = None,
        default_rate_wpm: int = DEFAULT_RATE_WPM,
        *,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        log_path: Path | str | None = None,
        warm: bool = True,
    ) -> None:
        """Start the worker (and by default wait for it and render a first line).

        Args:
            default_voice: voice for lines that name none: an id ("gmw/en-us"),
                a language code ("en-us") or a name; unknown falls back to the engine's.
            default_rate_wpm: speaking rate in words per minute.
            timeout_seconds: longest a single render may take before the worker
                is considered hung and restarted.
            log_path: where the worker's stderr goes; None sends it to /dev/null.
            warm: wait for the worker now rather than on the first render.
        """
        self._timeout_seconds = timeout_seconds
        self._log_path = Path(log_path) if log_path is not None else None
        self._default_voice_request = default_voice
        self.default_rate_wpm = _clamp_rate(default_rate_wpm)
        self._lock = threading.RLock()
        self._closed = False
        self._temp_dir = Path(tempfile.mkdtemp(prefix="voicecoach-voice-"))
        self._file_ids = itertools.count(1)
        self.restart_count = 0
        self._worker: _Worker | None = None
        try:
            self._worker = _Worker(self._log_path)
            if warm:
                self.warm()
        except BaseException:
            self.close()  # no worker or temporary folder left behind
            raise

    # Worker lifecycle -------------------------------------------------------

    def warm(self, voice_id: str | None = None, rate_wpm: int | None = None) -> None:
        """Wait for the worker and render one short line, so the next render is fast.

        Pass the scenario's voice so its data is loaded too (the first use of a
        voice costs espeak-ng tens of milliseconds).
        """
        self.render("Ready.", voice_id, rate_wpm)

    def _ready_worker(self) -> _Worker:
        if self._closed:
            raise VoiceError("the voice was closed: create a new one to render more lines")
        if self._worker is None:
            self._worker = _Worker(self._log_path)
            self.restart_count += 1
        try:
            self._worker.wait_ready(START_TIMEOUT_SECONDS)
        except _WorkerFailure as error:
            self._discard_worker(force=True)
            raise VoiceError(
                f"the voice engine did not start ({error}): check `voicecoach doctor`, "
                "or run with --no-voice"
            ) from error
        except VoiceError:
            self._discard_worker()
            raise
        return self._worker

    def _discard_worker(self, *, force: bool = False) -> None:
        if self._worker is not None:
            self._worker.stop(force=force)
            self._worker = None

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id (None when none is running); for diagnostics and tests."""
        worker = self._worker
        return worker.process.pid if worker is not None and worker.process.poll() is None else None

    # Voices ----------------------------------------------------------------

    def list_voices(self) -> list[VoiceInfo]:
        """The voices the engine offers."""
        with self._lock:
            return list(self._ready_worker().voices)

    def resolve_voice(self, voice_id: str | None) -> str | None:
        """The engine voice id for an id, language code or name; the default if unknown or None."""
        with self._lock:
            worker = self._ready_worker()
            for wanted in (voice_id, self._default_voice_request):
                found = _match_voice(wanted, worker.voices)
                if found is not None:
                    return found
            return worker.default_voice

    # Rendering ---------------------------------------------------------------

    def render(
        self, text: str, voice_id: str | None = None, rate_wpm: int | None = None
    ) -> AudioClip:
        """The line as 16 kHz mono speech; empty text gives an empty clip, the engine unasked."""
        if not _SPEAKABLE.search(text or ""):
            return AudioClip(b"", SAMPLE_RATE_HZ)
        rate = _clamp_rate(rate_wpm if rate_wpm is not None else self.default_rate_wpm)
        with self._lock:
            voice = self.resolve_voice(voice_id)
            problem = ""
            for _attempt in range(2):
                try:
                    clip = self._render_once(text, voice, rate)
                except _WorkerFailure as error:
                    problem = str(error)
                    self._discard_worker(force=True)  # dead or hung; the next attempt restarts it
                    continue
                except _RenderRefused as error:
                    problem = str(error)
                    continue
                if clip.duration_seconds >= MIN_SPEECH_SECONDS:
                    return clip
                problem = f"the engine produced {clip.duration_seconds:.3f} s of audio"
            raise VoiceError(
                f"the voice could not say a line ({problem}): "
                "check `voicecoach doctor`, or run with --no-voice"
            )

    def render_sentences(
        self, text: str, voice_id: str | None = None, rate_wpm: int | None = None
    ) -> Iterator[AudioClip]:
        """One clip per sentence, each rendered when asked for, so playback can start early."""
        for sentence in split_sentences(text):
            yield self.render(sentence, voice_id, rate_wpm)

    def _render_once(self, text: str, voice: str | None, rate_wpm: int) -> AudioClip:
        worker = self._ready_worker()
        path = self._temp_dir / f"line-{next(self._file_ids)}.wav"
        try:
            answer = worker.request(
                {
                    "op": "render",
                    "text": text,
                    "voice": voice,
                    "rate_wpm": rate_wpm,
                    "path": str(path),
                },
                self._timeout_seconds,
            )
            if not answer.get("ok"):
                raise _RenderRefused(str(answer.get("error")))
            engine_rate_hz = answer.get("sample_rate_hz")
            return _read_clip(path, int(engine_rate_hz) if engine_rate_hz else None)
        finally:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        """Stop the worker and remove temporary files; safe to call more than once."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._discard_worker()
            shutil.rmtree(self._temp_dir, ignore_errors=True)

    def __enter__(self) -> Pyttsx3Voice:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _RenderRefused(Exception):
    """The engine answered but reported an error for this line."""


def _read_clip(path: Path, engine_rate_hz: int | None = None) -> AudioClip:
    """The worker's WAV as a 16 kHz mono clip; a missing or unreadable file is an empty clip.

    `engine_rate_hz`, when known, overrides the header (pyttsx3 always writes 22050).
    """
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise _RenderRefused(f"unexpected sample width {wav.getsampwidth()} bytes")
            rate_hz = engine_rate_hz or wav.getframerate()
            channels = wav.getnchannels()
            pcm = wav.readframes(wav.getnframes())
    except (FileNotFoundError, EOFError, wave.Error):
        return AudioClip(b"", SAMPLE_RATE_HZ)
    if rate_hz != SAMPLE_RATE_HZ or channels != 1:
        pcm = resample_pcm16(pcm, rate_hz, SAMPLE_RATE_HZ, channels)
    return AudioClip(pcm, SAMPLE_RATE_HZ)


def _clamp_rate(rate_wpm: int) -> int:
    return max(MIN_RATE_WPM, min(MAX_RATE_WPM, int(rate_wpm)))


def _match_voice(wanted: str | None, voices: list[VoiceInfo]) -> str | None:
    """Match by id, then language code, then name, ignoring case; a "+variant" suffix is kept."""
    if not wanted or not wanted.strip():
        return None
    base, plus, variant = wanted.strip().partition("+")
    key = base.casefold()
    for matches in (
        lambda voice: voice.id.casefold() == key,
        lambda voice: key in (language.casefold() for language in voice.languages),
        lambda voice: voice.name.casefold() == key,
    ):
        for voice in voices:
            if matches(voice):
                return voice.id + (plus + variant if variant else "")
    return None


def split_sentences(text: str) -> list[str]:
    """Pieces of a line to render one by one: sentences, long ones cut at clause boundaries.

    Short fragments are joined to a neighbour so each clip sounds natural; a
    sentence longer than `_LONG_SENTENCE_WORDS` is cut at commas or semicolons
    (pieces of at least `_MIN_PIECE_WORDS`), so the first clip, the one the
    listener waits for, renders quickly.
    """
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text or ""):
        sentence = sentence.strip()
        if not sentence:
            continue
        if len(sentence.split()) > _LONG_SENTENCE_WORDS:
            pieces.extend(
                clause.strip() for clause in _CLAUSE_END.split(sentence) if clause.strip()
            )
        else:
            pieces.append(sentence)
    joined: list[str] = []
    carry = ""
    for piece in pieces:
        candidate = f"{carry} {piece}".strip()
        if len(candidate.split()) < _MIN_PIECE_WORDS:
            carry = candidate
            continue
        joined.append(candidate)
        carry = ""
    if carry:
        if joined:
            joined[-1] = f"{joined[-1]} {carry}"
        else:
            joined.append(carry)
    return joined


def list_voices() -> list[dict[str, Any]]:
    """Voices of the installed engine, for `doctor` and a voice picker (starts a worker briefly)."""
    with Pyttsx3Voice(warm=False) as voice:
        return [info.as_dict() for info in voice.list_voices()]

"""pocketsphinx recogniser: the default, because its wheel ships a US English model.

The decoder is built once (loading the acoustic model, dictionary and language
model is the slow part) and reused by every stream: `open_stream` only starts a
new utterance. pocketsphinx decodes one utterance at a time, so a recogniser
has at most one live stream; opening another abandons the previous one.

Raises `MissingDependencyError` at import without pocketsphinx, `ModelError` when
the model files are missing or broken, `RecogniserError` when decoding fails.
"""

from __future__ import annotations

import contextlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from voicecoach.core.transcript import WordTiming
from voicecoach.errors import MissingDependencyError, ModelError, RecogniserError
from voicecoach.ports import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, Recognition

try:
    import pocketsphinx
except ImportError as error:  # pragma: no cover - exercised only without the package
    raise MissingDependencyError(
        "pocketsphinx is not installed: run `pip install pocketsphinx` "
        "(it needs no system library; its wheel bundles the English model)"
    ) from error

FRAMES_PER_SECOND = 100  # pocketsphinx segment times are in 10 ms frames
_ALTERNATE_PRONUNCIATION = re.compile(r"\(\d+\)$")
# Partials: asking the decoder for its hypothesis costs a backtrace, so do it at
# most every 100 ms; the screen cannot show faster changes usefully anyway.
_PARTIAL_EVERY_BYTES = int(0.1 * SAMPLE_RATE_HZ) * SAMPLE_WIDTH_BYTES


@dataclass(frozen=True)
class SphinxSettings:
    """Decoder settings, tuned on ../shared/corpora/speech (see docs/speed.md).

    The bundled model's own defaults are kept where tuning did not help; the
    fields below are the ones measured to change accuracy or speed.
    """

    beam: float = 1e-48
    # A narrower word-exit beam than pocketsphinx's 7e-29: same word error rate on the
    # corpus with max_words_per_frame=20, CPU real-time factor 0.30 -> 0.22.
    word_beam: float = 1e-24
    language_weight: float = 6.5
    max_hmms_per_frame: int = 30_000
    # At most this many word exits per frame (pocketsphinx: unlimited). Bounds the
    # lattice, so the bestpath search in `finish()` stays short on long turns:
    # the slowest finish() on the corpus fell from 0.46-0.69 s to 0.16 s of CPU, for
    # one more word wrong out of 408.
    max_words_per_frame: int = 20
    # fwdflat, the flat-lexicon second pass, is on in pocketsphinx by default; on the
    # real recordings it made the word error rate worse (0.284 against 0.272) and it
    # runs at the end of the utterance, i.e. while the trainee waits for a reply.
    second_pass: bool = False
    # bestpath, a lattice search at the end of the utterance: without it the word
    # error rate rose from 0.257 to 0.279.
    best_path: bool = True
    cmn_init: str = "40,3,-1"
    # Dither (tiny noise added to the samples) keeps the log energy of exact digital
    # silence (a muted device, a null sink, padding) finite; measured WER 0.260 with it
    # against 0.272 without. A fixed seed keeps results repeatable.
    dither: bool = True
    dither_seed: int = 1


class SphinxRecogniser:
    """pocketsphinx with a model folder (default: the US English model inside the wheel)."""

    name = "sphinx"

    def __init__(
        self, model_dir: str | Path | None = None, settings: SphinxSettings | None = None
    ) -> None:
        self.settings = settings or SphinxSettings()
        base = (
            Path(model_dir)
            if model_dir is not None
            else Path(pocketsphinx.get_model_path()) / "en-us"
        )
        acoustic = base / "en-us"
        language_model = base / "en-us.lm.bin"
        dictionary = base / "cmudict-en-us.dict"
        for needed in (acoustic / "mdef", language_model, dictionary):
            if not needed.exists():
                raise ModelError(
                    f"pocketsphinx model file {needed} is missing: "
                    "reinstall it with `pip install --force-reinstall pocketsphinx`"
                )
        self.model_dir = base
        try:
            self._decoder = pocketsphinx.Decoder(
                hmm=str(acoustic),
                lm=str(language_model),
                dict=str(dictionary),
                samprate=SAMPLE_RATE_HZ,
                beam=self.settings.beam,
                wbeam=self.settings.word_beam,
                lw=self.settings.language_weight,
                maxhmmpf=self.settings.max_hmms_per_frame,
                maxwpf=self.settings.max_words_per_frame,
                fwdflat=self.settings.second_pass,
                bestpath=self.settings.best_path,
                cmninit=self.settings.cmn_init,
                dither=self.settings.dither,
                seed=self.settings.dither_seed,
                loglevel="FATAL",  # its INFO lines would scribble over the terminal UI
            )
        except (RuntimeError, ValueError) as error:
            raise ModelError(
                f"pocketsphinx could not load its model from {base} ({error}): "
                "reinstall it with `pip install --force-reinstall pocketsphinx`"
            ) from None
        self._logmath = self._decoder.get_logmath()
        self._lock = threading.Lock()
        self._active: SphinxStream | None = None
        self._closed = False

    def open_stream(self) -> SphinxStream:
        """Start a new utterance; cheap, the model stays loaded."""
        with self._lock:
            if self._closed:
                raise RecogniserError("the pocketsphinx recogniser was closed; load it again")
            if self._active is not None:
                self._active._abandon()
            stream = SphinxStream(self)
            try:
                self._decoder.start_utt()
            except RuntimeError as error:
                raise RecogniserError(
                    f"pocketsphinx could not start an utterance ({error})"
                ) from None
            self._active = stream
            return stream

    def close(self) -> None:
        with self._lock:
            if self._active is not None:
                self._active._abandon()
            self._closed = True

    # --- called by SphinxStream under the lock -------------------------------

    def _process(self, stream: SphinxStream, pcm: bytes) -> None:
        if self._active is not stream:
            raise RecogniserError(
                "this pocketsphinx stream was replaced by a newer one; open a new stream"
            )
        try:
            self._decoder.process_raw(pcm, False, False)
        except RuntimeError as error:
            raise RecogniserError(f"pocketsphinx failed while decoding ({error})") from None

    def _partial(self) -> str:
        hypothesis = self._decoder.hyp()
        return _clean_text(hypothesis.hypstr) if hypothesis is not None else ""

    def _finish(self, stream: SphinxStream) -> Recognition:
        if self._active is not stream:
            raise RecogniserError(
                "this pocketsphinx stream was replaced by a newer one; open a new stream"
            )
        self._active = None
        try:
            self._decoder.end_utt()
        except RuntimeError as error:
            raise RecogniserError(
                f"pocketsphinx failed to finish the utterance ({error})"
            ) from None
        words: list[WordTiming] = []
        for segment in self._decoder.seg() or ():  # None when nothing was decoded
            word = _ALTERNATE_PRONUNCIATION.sub("", segment.word)
            if _is_filler(word):
                continue
            confidence = min(1.0, max(0.0, float(self._logmath.exp(segment.prob))))
            words.append(
                WordTiming(
                    word=word.lower(),
                    start_seconds=segment.start_frame / FRAMES_PER_SECOND,
                    end_seconds=(segment.end_frame + 1) / FRAMES_PER_SECOND,
                    confidence=confidence,
                )
            )
        hypothesis = self._decoder.hyp()
        text = _clean_text(hypothesis.hypstr) if hypothesis is not None else ""
        if not text:
            words = []
        return Recognition(text=text, words=tuple(words))

    def _end_abandoned(self) -> None:
        self._active = None
        with contextlib.suppress(RuntimeError):  # the utterance is being thrown away anyway
            self._decoder.end_utt()


class SphinxStream:
    """One utterance fed to the shared pocketsphinx decoder."""

    def __init__(self, recogniser: SphinxRecogniser) -> None:
        self._recogniser = recogniser
        self._partial = ""
        self._bytes_since_partial = 0
        self._spent = False
        self._pending = b""  # an odd trailing byte waits for its partner

    def accept_chunk(self, pcm: bytes) -> str | None:
        """Feed 16 kHz mono s16 PCM; return the partial text when it changed."""
        if self._spent:
            raise RecogniserError("this recognition stream is finished; open a new stream")
        data = self._pending + pcm
        usable = len(data) - len(data) % SAMPLE_WIDTH_BYTES
        self._pending = data[usable:]
        if not usable:
            return None
        with self._recogniser._lock:
            self._recogniser._process(self, data[:usable])
            self._bytes_since_partial += usable
            if self._bytes_since_partial < _PARTIAL_EVERY_BYTES:
                return None
            self._bytes_since_partial = 0
            partial = self._recogniser._partial()
        if partial == self._partial:
            return None
        self._partial = partial
        return partial

    def finish(self) -> Recognition:
        """End the utterance: the final text (lower case) and word times in seconds."""
        if self._spent:
            raise RecogniserError("this recognition stream is finished; open a new stream")
        self._spent = True
        with self._recogniser._lock:
            return self._recogniser._finish(self)

    def _abandon(self) -> None:
        """Called under the recogniser's lock when a newer stream replaces this one."""
        self._spent = True
        self._recogniser._end_abandoned()


def _is_filler(word: str) -> bool:
    return word in ("<s>", "</s>", "<sil>") or word.startswith("[") or word.startswith("+")


def _clean_text(text: str) -> str:
    words = [_ALTERNATE_PRONUNCIATION.sub("", word) for word in text.split()]
    return " ".join(word.lower() for word in words if not _is_filler(word))

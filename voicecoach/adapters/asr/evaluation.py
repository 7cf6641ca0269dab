"""Measuring a recogniser: text normalisation, word error rate, the speech corpus.

Shared by the accuracy tests and `benchmarks/asr_rtf.py` so that both score the
same way. References are written text ("6 × 10 = 60", "Mr.", "12%") while
recognisers return spoken words, so both sides are normalised to lower-case
words without punctuation, with digits spelt out (num2words, a test dependency;
without it digits are kept, which only costs those few words).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from voicecoach.adapters.wav import read_wav
from voicecoach.ports import AudioClip, Recogniser

_SYMBOLS = {"×": " times ", "=": " equals ", "%": " percent ", "&": " and ", "+": " plus "}
_ABBREVIATIONS = {"mr": "mister", "mrs": "missus", "dr": "doctor", "st": "saint"}


def normalise_words(text: str) -> list[str]:
    """Lower-case words, digits spelt out, punctuation and hyphens dropped."""
    text = text.lower()
    for symbol, spoken in _SYMBOLS.items():
        text = text.replace(symbol, spoken)
    text = re.sub(r"\d+(?:\.\d+)?", lambda match: f" {_spell_number(match.group())} ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    words = [word.strip("'") for word in text.split()]
    return [_ABBREVIATIONS.get(word, word) for word in words if word]


def _spell_number(digits: str) -> str:
    try:
        from num2words import num2words
    except ImportError:
        return digits
    return str(num2words(float(digits) if "." in digits else int(digits)))


def word_errors(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Substitutions + deletions + insertions (Levenshtein distance over words)."""
    previous = list(range(len(hypothesis) + 1))
    for row, ref_word in enumerate(reference, start=1):
        current = [row] + [0] * len(hypothesis)
        for column, hyp_word in enumerate(hypothesis, start=1):
            current[column] = min(
                previous[column] + 1,
                current[column - 1] + 1,
                previous[column - 1] + (ref_word != hyp_word),
            )
        previous = current
    return previous[-1]


def word_error_rate(pairs: Sequence[tuple[str, str]]) -> float:
    """Corpus WER over (reference, hypothesis) texts: total errors / total reference words."""
    errors = 0
    words = 0
    for reference, hypothesis in pairs:
        ref_words = normalise_words(reference)
        errors += word_errors(ref_words, normalise_words(hypothesis))
        words += len(ref_words)
    return errors / words if words else 0.0


@dataclass(frozen=True)
class SpeechSample:
    """One clip of the speech corpus with its reference text."""

    name: str
    clip: AudioClip
    reference: str


def load_speech_corpus(folder: Path, listing: str = "transcripts.tsv") -> list[SpeechSample]:
    """Read `transcripts.tsv` (file<TAB>text) and its clips (WAV of any rate, or raw 16 kHz s16)."""
    samples = []
    with (folder / listing).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = folder / row["file"]
            # a .raw file is headerless 16 kHz mono s16 (the corpus' SOURCE.md)
            clip = AudioClip(path.read_bytes()) if path.suffix == ".raw" else read_wav(path)
            samples.append(SpeechSample(name=row["file"], clip=clip, reference=row["text"]))
    return samples


def transcribe_clip(recogniser: Recogniser, clip: AudioClip, chunk_bytes: int = 640) -> str:
    """Feed a clip through one stream in microphone-sized chunks and return the final text."""
    stream = recogniser.open_stream()
    for chunk in _chunks(clip.pcm, chunk_bytes):
        stream.accept_chunk(chunk)
    return stream.finish().text


def _chunks(pcm: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(pcm), size):
        yield pcm[start : start + size]

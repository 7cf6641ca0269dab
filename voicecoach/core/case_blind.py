"""Case-blind regular expressions in the form Python's regex engine runs cheaply.

Shared by the number reader and the feedback detectors; only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


class CaseBlindPattern:
    """A case-blind pattern in a form sre runs cheaply, with the same matches (speed only).

    Under re.I sre folds the case of every character it compares; an ASCII text
    lower-cased keeps every position, so it is read by the pattern compiled without
    re.I, and any other text by the re.I one. A `spaced` pattern starts with `\\W` where
    the plain form would start with `\\b` before a word, and is read on " " + text: sre
    skips ahead to a `\\W` in a tight loop, while at a leading `\\b` or lookahead it tries
    every position. The `\\W` (or the space put in front) sits at index p of the spaced
    text exactly when a word starts at p in the text, so a match's start() is the
    start of its words in the text and every other offset is one more than in the text.
    """

    def __init__(self, source: str, spaced: bool = False) -> None:
        self._plain = re.compile(source)
        self._folding = re.compile(source, re.I)
        self._prefix = " " if spaced else ""

    def _read(self, text: str) -> tuple[re.Pattern[str], str]:
        if text.isascii():
            return self._plain, self._prefix + text.lower()
        return self._folding, self._prefix + text

    def search(self, text: str) -> re.Match[str] | None:
        pattern, subject = self._read(text)
        return pattern.search(subject)

    def match(self, text: str) -> re.Match[str] | None:
        pattern, subject = self._read(text)
        return pattern.match(subject)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """As re.finditer on the text (spaced: offsets as `search`)."""
        pattern, subject = self._read(text)
        # a spaced match may end just after the \\W the next one starts with: read on from
        # the match's last character, as finditer on the text reads on from its end
        back = len(self._prefix)
        found = pattern.search(subject)
        while found:
            yield found
            found = pattern.search(subject, max(found.end() - back, found.start() + 1))


def by_first_letter(starts: Iterable[tuple[str, str]]) -> str:
    """An alternation with one branch per first letter: ("t", "en"), ("t", "wo") -> "t(?:en|wo)".

    Each start is (first letter, rest of the pattern); rests keep their order within a letter.
    Why: a branch that opens with a letter is rejected in one comparison, so a pattern that
    jumps to word edges (a leading "\\W") tries one branch per word, not every alternative.
    """
    rests: dict[str, list[str]] = {}
    for letter, rest in starts:
        rests.setdefault(letter, []).append(rest)
    return "|".join(f"{letter}(?:{'|'.join(group)})" for letter, group in sorted(rests.items()))

"""Text normalisation shared by the affect detectors (emotion, influence, stats).

Typed chat, tokenised corpus text ("don ’ t") and recogniser output ("dont",
"don t", no punctuation, lower case) must all reach the same rules, so every
detector matches against one normal form: lower case, straight apostrophes
removed inside contractions, runs of spaces collapsed. Punctuation other than
apostrophes is kept, because "!" and "?" carry signal when they are present;
no rule may *need* them, since spoken turns never have them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from voicecoach.core.case_blind import by_first_letter

_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc`´]")
# "don ' t", "I ' m" (tokenised corpora) and "don't" all become "dont", "im".
_SPACED_APOSTROPHE = re.compile(r"(\w)\s*'\s*(\w)")
# Recogniser or stripped text that split a contraction: "don t", "you re", "i m".
_SPLIT_CONTRACTION = re.compile(
    r"\b(don|can|won|isn|aren|wasn|weren|didn|doesn|wouldn|couldn|shouldn|haven|hasn|hadn|ain)\s+(t)\b"
    r"|\b(you|we|they|who|what)\s+(re)\b"
    r"|\b(i)\s+(m)\b"
    r"|\b(i|you|we|they|he|she|it|that|there)\s+(ll|ve|d)\b"
    r"|\b(it|that|what|there|here|he|she|who|lets|let)\s+(s)\b"
)
# The second half of a split contraction ("don t", "you re"): without one, nothing to join.
_CONTRACTION_TAIL = re.compile(r"\s(?:t|re|m|ll|ve|d|s)\b")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _join_split(match: re.Match[str]) -> str:
    return "".join(part for part in match.groups() if part)


@lru_cache(maxsize=1024)
def normalise(text: str) -> str:
    """Lower-case `text`, fold contractions to apostrophe-free words, collapse spaces.

    Cached: the overreach and influence detectors read the same turn.
    """
    lowered = text.lower()
    if not lowered.isascii() or "`" in lowered:
        lowered = _APOSTROPHES.sub("'", lowered)
    # each substitution only where it can apply: most turns have no apostrophe at all
    joined = _SPACED_APOSTROPHE.sub(r"\1\2", lowered) if "'" in lowered else lowered
    if _CONTRACTION_TAIL.search(joined) is not None:
        joined = _SPLIT_CONTRACTION.sub(_join_split, joined)
    return " ".join(joined.split())


def words(text: str) -> list[str]:
    """The words of `text` (letters and digits), lower case, apostrophes dropped."""
    return [w.replace("'", "") for w in _WORD.findall(normalise(text))]


_LOOKBEHIND = re.compile(r"^\(\?<!(?:[^()\\]|\\.)*\)")
_REPEAT = ("?", "*", "{")


# From this many terms the grouped alternation is faster than the plain one (measured).
_GROUP_FROM_TERMS = 25


def _closing_paren(term: str, opening: int) -> int | None:
    """The index of the parenthesis that closes the one at `opening`, or None."""
    depth = 0
    index = opening
    while index < len(term):
        char = term[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            return None  # a character class: not read here
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _top_level_options(group: str) -> list[str]:
    """The alternatives of a group's body, split at the bars outside any inner group."""
    options, depth, start, escaped = [], 0, 0, False
    for index, char in enumerate(group):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            options.append(group[start:index])
            start = index + 1
    options.append(group[start:])
    return options


def first_letters(term: str) -> frozenset[str] | None:
    """The letters a term's match can start with, or None when that cannot be read off simply.

    Reads a leading word, a leading group of alternatives (nested groups too), and an
    optional leading group ("(?:i )?could"), whose letters join those of what follows it;
    `_leading_letters` does the reading. A term led by a lookahead or "^" stays among those
    tried everywhere, last, so that the alternation keeps its order (and its spans).
    """
    if term.startswith(("(?=", "(?!", "^")):
        return None
    starts = _leading_letters(term)
    return None if starts is None else frozenset(letter for letter, _ in starts)


def compile_terms(terms: tuple[str, ...]) -> TermPattern:
    """One alternation of regex fragments, bounded by word edges, for a normalised text.

    Python's regex engine tries every alternative at every word start, which is
    slow for a lexicon of a hundred phrases. The terms are therefore grouped by
    the letter they start with, each group behind a one-letter lookahead, so
    only the group for the letter at hand is tried. The matches are the same
    as the plain alternation's (terms whose first letter cannot be read off
    are tried everywhere, last). Short lists stay plain: the guards cost more
    than they save there. Every list also gets a quick test in front
    (`TermPattern`), since most turns hold none of its terms.
    """
    alternation = "|".join(terms) if len(terms) < _GROUP_FROM_TERMS else grouped_alternation(terms)
    return TermPattern(re.compile(r"\b(?:" + alternation + r")\b"), _presence_test(terms))


class TermPattern:
    """A compiled lexicon: its alternation, behind a quick "is any term here at all?" test.

    Why: even grouped by first letter, the alternation is entered at every word start.
    The test (`_presence_test`) finds the same turns several times faster, so the full
    pattern, whose match positions the detectors need, runs only on the few turns that
    hold a term. It answers for the whole text only; a search within bounds goes
    straight to the full pattern.
    """

    __slots__ = ("full", "pattern", "_present", "_full_ascii", "_present_ascii")

    def __init__(self, full: re.Pattern[str], present: re.Pattern[str] | None) -> None:
        self.full = full
        self.pattern = full.pattern
        self._present = present
        # Each pattern again with re.ASCII, for ASCII text (almost every turn): sre then
        # decides \b, \w and \W by a table lookup instead of Unicode database calls. On
        # ASCII text the two read alike (no term uses \s, whose ASCII form differs).
        self._full_ascii = re.compile(full.pattern, re.ASCII)
        self._present_ascii = re.compile(present.pattern, re.ASCII) if present else None

    def may_hold(self, text: str) -> bool:
        """False only when no term matches anywhere in `text` (a normalised turn)."""
        if self._present is None:
            return self._full(text).search(text) is not None
        return not self._ruled_out(text)

    def _full(self, text: str) -> re.Pattern[str]:
        return self._full_ascii if text.isascii() else self.full

    def _ruled_out(self, text: str) -> bool:
        """Whether the presence test rules every term out; without a test, nothing is."""
        present = self._present_ascii if text.isascii() else self._present
        return present is not None and present.search(" " + text) is None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if endpos is not None:
            return self._full(text).search(text, pos, endpos)
        if pos == 0 and self._ruled_out(text):
            return None
        return self._full(text).search(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return iter(()) if self._ruled_out(text) else self._full(text).finditer(text)

    def findall(self, text: str) -> list[Any]:
        return [] if self._ruled_out(text) else self._full(text).findall(text)


# A term the presence test cannot take apart: it is then not built, and the full pattern
# answers alone. A "^" inside a term and back-references would read differently once the
# test adds its leading character; named groups may not repeat.
_UNSPLITTABLE = re.compile(r"(?<!\[)(?<!^)\^|\\[1-9]|\(\?P")


def _leading_letters(term: str) -> list[tuple[str, str]] | None:
    """The ways a term's match can start: (its first letter, the rest of the term), or None.

    Reads a leading word, a leading group of alternatives (nested or optional) and a term
    that is itself "foo|bar", spelling each alternative out. A leading "(?<!x)" is kept,
    moved after the letter as "(?<!xL)", which tests the same characters; a leading
    lookahead or "^" is dropped, so the starts found may be more than the term's, never fewer.
    """
    alternatives = _top_level_options(term)
    if len(alternatives) > 1:  # "foo|bar" in a list of terms is two terms
        starts: list[tuple[str, str]] = []
        for alternative in alternatives:
            found = _leading_letters(alternative)
            if found is None:
                return None
            starts.extend(found)
        return starts
    if term.startswith("(?!") or term.startswith("(?="):
        closing = _closing_paren(term, 0)
        if closing is None:
            return None
        term = term[closing + 1 :]  # the test then finds more than the term: only ever more
    term = term.removeprefix("^")
    behind: list[str] = []
    while (match := _LOOKBEHIND.match(term)) is not None:
        behind.append(match.group(0)[:-1])
        term = term[match.end() :]
    term = term.removeprefix("\\b")
    if term[:1].isalpha() and term[:1].islower():
        if term[1:2] in _REPEAT:
            return None
        rest = term[0] + "*" + term[2:] if term[1:2] == "+" else term[1:]  # "u+m": "u", "u*m"
        return [(term[0], "".join(f"{b}{term[0]})" for b in behind) + rest)]
    if not term.startswith("(?:"):
        return None
    closing = _closing_paren(term, 0)
    if closing is None:
        return None
    mark = term[closing + 1 : closing + 2]
    if mark in _REPEAT and mark != "?":
        return None
    rest = term[closing + 2 :] if mark == "?" else term[closing + 1 :]
    options = _top_level_options(term[3:closing])
    if "" in options:  # "(?:a|)x": read no further than "(?:a)?x" would be
        return None
    options += [""] if mark == "?" else []
    before = "".join(f"{b})" for b in behind)
    starts = []
    for option in options:
        found = _leading_letters(before + option + rest)
        if found is None:
            return None
        starts.extend(found)
    return starts


def _presence_test(terms: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern that finds a match in " " + text whenever the alternation finds one in text.

    Each term is spelt out by its first letter, and the pattern begins by consuming the
    non-word character before that letter (hence the added space). A pattern that begins
    with a character class lets the regex engine skip straight to word edges, and a branch
    that begins with a letter is rejected in one comparison; a leading "\\b" and the
    letter lookaheads of `grouped_alternation` allow neither. A term's leading lookahead
    or "^" is left out, so the test may pass a turn the full pattern then rejects, never
    the reverse. None when a term cannot be spelt out so.
    """
    spelt: list[tuple[str, str]] = []
    for term in terms:
        if _UNSPLITTABLE.search(term):
            return None
        starts = _leading_letters(term)
        if starts is None:
            return None
        spelt.extend(starts)
    return re.compile(r"\W(?:" + by_first_letter(spelt) + r")\b")


def grouped_alternation(terms: Sequence[str]) -> str:
    """The terms as one alternation, grouped by first letter behind one-letter lookaheads.

    Matches what the plain alternation matches (a term whose first letter cannot be
    read off is tried everywhere, last); only faster, for a long list of terms.
    """
    by_letter: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for term in terms:
        letters = first_letters(term)
        if letters is None:
            anywhere.append(term)
        else:
            for letter in sorted(letters):
                by_letter.setdefault(letter, []).append(term)
    branches = [f"(?={letter})(?:{'|'.join(group)})" for letter, group in sorted(by_letter.items())]
    branches.extend(anywhere)
    return "|".join(branches)


# Words after which a heated phrase is being denied or disclaimed ("not ridiculous",
# "I don't mean to insult you"): the phrase then reports calm, not heat.
NEGATION_BEFORE = re.compile(
    # "if not" / "or not" stand for "otherwise" ("3800 firm, if not good luck ..."): no denial
    r"\b(?:(?<!if )(?<!or )not|never|no|without|isnt|wasnt|arent|nothing|dont mean to"
    r"|didnt mean to|not trying to|not to|hardly)\s+(?:\w+\s+){0,2}$"
)

# Calm negotiation talk the heat model must leave alone (feedback-rubric.md: politeness,
# warmth, empathy and a calm statement of a limit are not overreach). The phrase rules do
# not consult this: "that's ridiculous, thanks" is still contempt.
CALM_GUARD = re.compile(
    r"\b(?:please(?! please)|thanks?|thank you|appreciate|sorry|i understand|understandable"
    r"|no problem|no worries|fair enough|sounds (?:good|fair|great)|i hope|hope you"
    r"|(?:more than|over|above|beyond|outside) (?:my|our) (?:budget|limit|range|price range)"
    r"|(?:my|our) (?:budget|limit|max(?:imum)?|bottom line|best (?:price|offer))"
    r"|(?:cant|cannot|couldnt|wont) (?:go|do|pay|afford|offer|accept|take) (?:any )?"
    r"(?:higher|lower|more|less|that)"
    r"|too (?:high|low|much|expensive|steep) for me)\b"
)

# Price and item talk: the heat model learnt everyday quarrels, and in a turn about a number,
# an offer or the items being split its words mean something else ("give me the hat", "no,
# 520"). Heat in such turns is left to the phrase rules, which were built on negotiations.
NEGOTIATION_TALK = re.compile(
    r"\$|\d|\b(?:price|offer|offers|deal|budget|cash|dollars?|bucks|discount|listing|listed"
    r"|lower|higher|counter|pay|afford|sell|selling|buy|buying"
    r"|books?|hats?|balls?|food|water|firewood|packages?|extra|rest of)\b"
)

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
from collections.abc import Sequence
from functools import lru_cache

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
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _join_split(match: re.Match[str]) -> str:
    return "".join(part for part in match.groups() if part)


@lru_cache(maxsize=1024)
def normalise(text: str) -> str:
    """Lower-case `text`, fold contractions to apostrophe-free words, collapse spaces.

    Cached: the overreach and influence detectors read the same turn.
    """
    lowered = _APOSTROPHES.sub("'", text.lower())
    joined = _SPACED_APOSTROPHE.sub(r"\1\2", lowered)
    joined = _SPLIT_CONTRACTION.sub(_join_split, joined)
    return _SPACES.sub(" ", joined).strip()


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
    optional leading group ("(?:i )?could"), whose letters join those of what follows it.
    """
    while (behind := _LOOKBEHIND.match(term)) is not None:
        term = term[behind.end() :]
    term = term.removeprefix("\\b")  # a word edge matches no letter of its own
    if term[:1].isalpha() and term[:1].islower():
        return None if term[1:2] in _REPEAT else frozenset(term[0])
    if not term.startswith("(?:"):
        return None
    closing = _closing_paren(term, 0)
    if closing is None:
        return None
    letters: set[str] = set()
    for option in _top_level_options(term[3:closing]):
        found = first_letters(option)
        if found is None:
            return None
        letters |= found
    if term[closing + 1 : closing + 2] in _REPEAT:
        rest = first_letters(term[closing + 2 :])
        if rest is None or term[closing + 1 : closing + 2] != "?":
            return None
        letters |= rest
    return frozenset(letters)


def compile_terms(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of regex fragments, bounded by word edges, for a normalised text.

    Python's regex engine tries every alternative at every word start, which is
    slow for a lexicon of a hundred phrases. The terms are therefore grouped by
    the letter they start with, each group behind a one-letter lookahead, so
    only the group for the letter at hand is tried. The matches are the same
    as the plain alternation's (terms whose first letter cannot be read off
    are tried everywhere, last). Short lists stay plain: the guards cost more
    than they save there.
    """
    if len(terms) < _GROUP_FROM_TERMS:
        return re.compile(r"\b(?:" + "|".join(terms) + r")\b")
    return re.compile(r"\b(?:" + grouped_alternation(terms) + r")\b")


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
    r"\b(?:not|never|no|without|isnt|wasnt|arent|nothing|dont mean to|didnt mean to|not trying to"
    r"|not to|hardly)\s+(?:\w+\s+){0,2}$"
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

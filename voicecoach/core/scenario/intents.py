"""Read what the trainee did in a turn: greeting, question, offer, acceptance...

The text is recogniser output as often as typed text, so it is read in lower
case, without punctuation, with numbers in words, and with small word errors
forgiven (a long word matches a phrase word that is at least 80 % similar).
The five feedback labels (unpaid/traded concession, overreach, push,
question) are not re-detected here: they come in as the feedback engine's
flags, one source of truth.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from voicecoach.core.numbers import find_amounts
from voicecoach.core.scenario.model import Intent, Scenario, Term, TermKind
from voicecoach.core.transcript import Flag

_FLAG_INTENTS = {
    "concession.unpaid": Intent.CONCESSION_UNPAID,
    "concession.traded": Intent.CONCESSION_TRADED,
    "emotion.overreach": Intent.OVERREACH,
    "influence.push": Intent.PUSH,
    "influence.question": Intent.QUESTION_OPEN,
}

GREETINGS = (
    "hi",
    "hello",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
    "nice to meet you",
    "thanks for meeting",
    "thanks for taking",
)
OPEN_WORDS = ("what", "why", "how", "which", "where", "when", "who", "whats", "hows")
OPEN_PHRASES = (
    "tell me",
    "walk me through",
    "help me understand",
    "i wonder",
    "im curious",
    "curious about",
    "can you explain",
    "could you explain",
)
CLOSED_STARTS = (
    "is",
    "are",
    "do",
    "does",
    "did",
    "can",
    "could",
    "would",
    "will",
    "have",
    "has",
    "was",
    "were",
    "should",
    "any",
)
CLAUSE_MARKERS = frozenset(
    [
        "ok",
        "okay",
        "so",
        "and",
        "but",
        "well",
        "yes",
        "yeah",
        "no",
        "great",
        "also",
        "then",
        "oh",
        "hi",
        "hello",
        "sure",
        "alright",
        "right",
        "thanks",
        "cool",
        "fine",
        "hmm",
        "um",
        "uh",
        "just",
        "now",
        "first",
        "one",
    ]
)
SUBJECTS = frozenset(
    [
        "you",
        "it",
        "the",
        "this",
        "that",
        "there",
        "your",
        "we",
        "i",
        "he",
        "she",
        "they",
        "a",
        "any",
        "its",
        "these",
        "those",
    ]
)
WH_FOLLOWERS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "will",
        "should",
        "much",
        "many",
        "long",
        "about",
        "kind",
        "sort",
        "matters",
    ]
)
ACCEPT_PHRASES = (
    "its a deal", "thats a deal", "youve got a deal", "you have a deal", "we have a deal", "deal",
    "agreed", "i agree", "i accept", "we accept", "ill take it", "well take it", "i can accept",
    "sounds good", "lets do it", "lets do that", "works for me", "that works", "ok fine",
    "okay fine",
    "fine by me", "lets shake on it", "sold", "count me in", "lets go with that", "ill sign",
    "we can sign",
)  # fmt: skip
NEGATIONS = ("no", "not", "never", "dont", "cant", "cannot", "wont", "isnt", "doesnt", "without")
REJECT_PHRASES = (
    "too much", "too high", "too low", "too expensive", "too steep", "cant do that", "cant do it",
    "cant accept", "cant go", "not acceptable", "doesnt work", "wont work", "not going to work",
    "no thanks", "thats a no", "i dont think so", "out of my budget", "over my budget",
    "cant afford",
    "no way", "not enough", "thats steep",
)  # fmt: skip
WALK_PHRASES = (
    "walk away", "im walking", "ill walk", "i will walk", "im leaving", "im going to leave",
    "i am leaving", "no deal", "ill pass", "i will pass", "im out", "were done", "we are done",
    "forget it", "goodbye", "ill go elsewhere", "ill take my business", "not interested anymore",
    "end this", "call it a day", "lets leave it", "ill leave it", "we will leave it",
)  # fmt: skip
ALTERNATIVE_PHRASES = (
    "another dealer", "other dealer", "another offer", "other offer", "another quote",
    "other quote",
    "another supplier", "other supplier", "another vendor", "other vendor", "competitor",
    "somewhere else", "elsewhere", "other options", "another option", "alternative", "alternatives",
    "another company", "other company", "other candidate", "another client", "other clients",
    "i could just", "down the road", "across town", "a better price", "already offered",
    "quoted me", "offered me", "another job", "other job",
)  # fmt: skip
PRESSURE_PHRASES = (
    "deadline", "by friday", "by monday", "by tomorrow", "by the end of", "by next week",
    "as soon as possible", "asap", "urgent", "urgently", "running out of time", "no time",
    "i really need", "i need it today", "i need it by", "i need this by", "we need it by",
    "i have to have", "have no choice", "no other option", "my car died", "my car broke",
    "need to decide today", "my boss needs", "out of options", "i start monday", "rent is due",
)  # fmt: skip
OFFER_CUES = (
    "i can do", "i could do", "ill do", "i can pay", "i could pay", "ill pay", "i will pay",
    "i offer", "i can offer", "i could offer", "my offer", "how about", "what about",
    "would you take",
    "would you do", "can you do", "could you do", "ill give", "i can give", "i can go",
    "i could go",
    "ill go", "meet at", "meet me at", "lets say", "settle", "lets do", "we can do", "we could do",
    "we offer", "we can pay", "we can go", "i would do", "id do", "id pay", "i want", "we want",
    "im asking", "i ask", "i need", "we need", "deal at", "agree to", "accept",
)  # fmt: skip
_CREDIBLE_MARKERS = (
    "offered",
    "quoted",
    "quote",
    "offer",
    "for",
    "at",
    "already",
    "signed",
    "called",
)


@dataclass(frozen=True)
class TurnReading:
    """Everything the engine needs from one trainee turn."""

    text: str
    words: tuple[str, ...]
    intents: frozenset[Intent]
    offers: dict[str, float] = field(default_factory=dict)  # numeric term id -> number named
    extras: tuple[str, ...] = ()  # extra term ids asked for
    interests: tuple[str, ...] = ()  # interest ids whose trade words were named
    asked_interest: str | None = None  # interest an open question was about
    credible_alternative: bool = False

    def has(self, *intents: Intent) -> bool:
        return any(intent in self.intents for intent in intents)


def normalise(text: str) -> tuple[str, ...]:
    """Lower-case words without apostrophes or punctuation ("I'm" -> "im")."""
    text = text.lower().replace("’", "'").replace("'", "")
    return tuple(re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text))


@lru_cache(maxsize=1 << 16)
def _same(word: str, wanted: str) -> bool:
    """Equal, or a long word at most a letter or two off (a recogniser's small error)."""
    if word == wanted:
        return True
    if len(wanted) < 5 or abs(len(word) - len(wanted)) > 2:
        return False
    matcher = difflib.SequenceMatcher(None, word, wanted)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


@lru_cache(maxsize=64)
def _word_index(words: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        index.setdefault(word, []).append(position)
    return {word: tuple(at) for word, at in index.items()}


@lru_cache(maxsize=4096)
def _split(phrase: str) -> tuple[str, ...]:
    return tuple(normalise(phrase))


def phrase_starts(words: Sequence[str], phrase: str) -> Iterator[int]:
    """Every index where `phrase` starts in `words` (small word errors forgiven)."""
    wanted = _split(phrase)
    if not wanted:
        return
    words = tuple(words)
    index = _word_index(words)
    first = wanted[0]
    if len(first) < 5:  # short words must match exactly: look them up, do not scan
        starts = index.get(first, ())
    else:
        starts = tuple(sorted(i for word, at in index.items() if _same(word, first) for i in at))
    last_start = len(words) - len(wanted)
    for start in starts:
        if start <= last_start and all(
            _same(words[start + i], w) for i, w in enumerate(wanted[1:], start=1)
        ):
            yield start


def find_phrase(words: Sequence[str], phrase: str) -> int:
    """Index where `phrase` first starts in `words`, or -1."""
    return next(phrase_starts(words, phrase), -1)


def has_phrase(words: Sequence[str], phrases: Iterable[str]) -> bool:
    return any(find_phrase(words, phrase) >= 0 for phrase in phrases)


def _negated_before(words: Sequence[str], index: int) -> bool:
    return any(w in NEGATIONS for w in words[max(0, index - 3) : index])


def _is_accept(words: Sequence[str]) -> bool:
    for phrase in ACCEPT_PHRASES:
        index = find_phrase(words, phrase)
        if index >= 0 and not _negated_before(words, index):
            if phrase == "deal" and (
                words[index - 1 : index] in (["a"], ["the"], ["best"], ["good"], ["great"])
            ):
                continue  # "a good deal", "the best deal": talking about a deal, not closing one
            return True
    return False


def _attribute(
    term_candidates: Sequence[Term], words_before: Sequence[str], words_after: Sequence[str]
) -> Term:
    nearby = (*words_before[-4:], *words_after[:4])
    for term in term_candidates:
        if any(find_phrase(nearby, word) >= 0 for word in term.words):
            return term
    return term_candidates[0]


def _clause_start(words: Sequence[str], index: int) -> bool:
    return index == 0 or words[index - 1] in CLAUSE_MARKERS


def _question_kind(text: str, words: Sequence[str]) -> Intent | None:
    """Open or closed question, also without a question mark (recogniser output has none)."""
    if has_phrase(words, OPEN_PHRASES):
        return Intent.QUESTION_OPEN
    for index, word in enumerate(words):
        follows = words[index + 1] if index + 1 < len(words) else ""
        if word in OPEN_WORDS and (_clause_start(words, index) or follows in WH_FOLLOWERS):
            return Intent.QUESTION_OPEN
    for index, word in enumerate(words[:-1]):
        if word in CLOSED_STARTS and words[index + 1] in SUBJECTS and _clause_start(words, index):
            return Intent.QUESTION_CLOSED
    if "?" in text:
        return (
            Intent.QUESTION_OPEN if any(w in OPEN_WORDS for w in words) else Intent.QUESTION_CLOSED
        )
    return None


def read_offers(text: str, scenario: Scenario) -> dict[str, float]:
    """Numbers the trainee named, each given to a numeric term by unit, range and nearby words."""
    words = normalise(text)
    cues = sorted(
        start + len(_split(cue)) for cue in OFFER_CUES for start in phrase_starts(words, cue)
    )
    found: dict[str, list[tuple[int, float]]] = {}
    for amount in find_amounts(text):
        candidates = [
            term
            for term in scenario.numeric_terms
            if term.minimum <= amount.value <= term.maximum
            and (
                amount.unit is None
                or amount.unit == term.unit
                or (term.unit is None and amount.unit == "currency")
            )
        ]
        if not candidates:
            continue
        before = normalise(text[: amount.start])
        term = _attribute(candidates, before, normalise(text[amount.end :]))
        found.setdefault(term.id, []).append((len(before), amount.value))
    offers: dict[str, float] = {}
    for term_id, numbers in found.items():
        # "2350 is too much, can we meet at 2100": the number after the last offer cue is
        # the offer; with no cue, the last number named (earlier ones are often references)
        after_cue = [value for index, value in numbers if cues and index >= cues[-1] - 1]
        offers[term_id] = after_cue[0] if after_cue else numbers[-1][1]
    return offers


def read_turn(text: str, flags: Iterable[Flag], scenario: Scenario) -> TurnReading:
    """Read one trainee turn against a scenario (its terms, interests, alternative words)."""
    words = normalise(text)
    intents: set[Intent] = set()
    for flag in flags:
        intent = _FLAG_INTENTS.get(flag.label)
        if intent is not None:
            intents.add(intent)
    offers = read_offers(text, scenario)
    if offers:
        intents.add(Intent.OFFER)
    if words and has_phrase(words[:6], GREETINGS):
        intents.add(Intent.GREETING)
    question_kind = _question_kind(text, words)
    if question_kind is not None:
        intents.add(question_kind)
    question = Intent.QUESTION_OPEN in intents or Intent.QUESTION_CLOSED in intents
    if not question and _is_accept(words):
        intents.add(Intent.ACCEPT)
    if has_phrase(words, WALK_PHRASES) and not question:
        intents.add(Intent.WALK_AWAY)
        intents.discard(Intent.ACCEPT)  # "no deal"
    if has_phrase(words, REJECT_PHRASES):
        intents.add(Intent.REJECT)
        intents.discard(Intent.ACCEPT)
    alternative = has_phrase(words, ALTERNATIVE_PHRASES) or has_phrase(
        words, scenario.alternative_words
    )
    credible = False
    if alternative:
        intents.add(Intent.ALTERNATIVE)
        credible = (
            bool(find_amounts(text))
            or has_phrase(words, scenario.alternative_words)
            or (
                has_phrase(words, ALTERNATIVE_PHRASES)
                and any(w in _CREDIBLE_MARKERS for w in words)
            )
        )
        if offers and not has_phrase(words, OFFER_CUES):
            # "the dealer across town has one for 17,200": the number is the alternative's
            offers = {}
            intents.discard(Intent.OFFER)
    if has_phrase(words, PRESSURE_PHRASES):
        intents.add(Intent.PRESSURE)
    extras = tuple(
        term.id for term in scenario.terms
        if term.kind is TermKind.EXTRA and has_phrase(words, term.words)
    )  # fmt: skip
    if extras:
        intents.add(Intent.ASK_EXTRA)
    interests = tuple(i.id for i in scenario.interests if has_phrase(words, i.trade_words))
    asked = next(
        (i.id for i in scenario.interests if i.ask_words and has_phrase(words, i.ask_words)), None
    )
    if not intents:
        intents.add(Intent.OTHER)
    return TurnReading(
        text=text, words=words, intents=frozenset(intents), offers=offers, extras=extras,
        interests=interests, asked_interest=asked, credible_alternative=credible,
    )  # fmt: skip

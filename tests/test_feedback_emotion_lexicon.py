"""The one normal form every affect rule reads: typed, tokenised and recognised text agree."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from voicecoach.core.feedback import emotion, influence
from voicecoach.core.feedback.lexicon import compile_terms, first_letters, normalise, words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Don't you DARE", "dont you dare"),
        ("don ’ t", "dont"),  # DailyDialog tokenisation with a curly apostrophe
        ("don t", "dont"),  # recogniser or stripped text that split the contraction
        ("you re kidding", "youre kidding"),
        ("I'm   begging you", "im begging you"),
        ("i m begging you", "im begging you"),
        ("That’s ridiculous!", "thats ridiculous!"),
        ("it s fine", "its fine"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_words_drop_punctuation_and_apostrophes() -> None:
    assert words("Well, I'd pay $450 -- not a cent more!") == [
        "well",
        "id",
        "pay",
        "450",
        "not",
        "a",
        "cent",
        "more",
    ]


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


# --- the letter-grouped alternation finds exactly what the plain one finds ------------------

FAMILIES = {family.name: family.pattern for family in emotion._FAMILIES}
LEXICONS = [
    FAMILIES["contempt"],
    FAMILIES["pleading"],
    FAMILIES["blame"],
    FAMILIES["condescension"],
    FAMILIES["threat"],
    FAMILIES["swearing"],
    influence._PUSH,
    influence._QUESTION,
]
VOCABULARY = [
    "i",
    "im",
    "you",
    "youre",
    "thats",
    "this",
    "is",
    "a",
    "so",
    "what",
    "why",
    "how",
    "are",
    "kidding",
    "me",
    "ridiculous",
    "not",
    "dont",
    "mean",
    "to",
    "insult",
    "rip",
    "off",
    "ripping",
    "us",
    "off",
    "begging",
    "please",
    "really",
    "need",
    "it",
    "need",
    "hell",
    "damn",
    "trust",
    "believe",
    "tell",
    "it",
    "wont",
    "last",
    "long",
    "take",
    "leave",
    "matters",
    "most",
    "to",
    "your",
    "priority",
    "budget",
    "would",
    "make",
    "work",
    "of",
    "any",
    "value",
    "do",
    "have",
    "enough",
    "water",
    "food",
    "450",
]


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(re.sub(r"\(\?=[a-z]\)", "", pattern.pattern))


def test_grouping_is_used_for_long_lexicons() -> None:
    assert "(?=r)" in FAMILIES["contempt"].pattern
    assert compile_terms(("alpha", "beta")).pattern == r"\b(?:alpha|beta)\b"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
def test_grouped_alternation_matches_like_plain(tokens: list[str]) -> None:
    text = " ".join(tokens)
    for pattern in LEXICONS:
        grouped, plain = pattern.search(text), _plain(pattern).search(text)
        assert (grouped is None) == (plain is None)
        if grouped is not None and plain is not None:
            assert grouped.start() == plain.start()


def test_grouped_alternation_on_real_dialogue() -> None:
    folder = shared_path("corpora", "dailydialog", "validation")
    lines = (folder / "dialogues_validation.txt").read_text(encoding="utf-8").splitlines()[:300]
    texts = [normalise(turn) for line in lines for turn in line.split("__eou__")[:-1]]
    for pattern in LEXICONS:
        plain = _plain(pattern)
        assert [bool(pattern.search(t)) for t in texts] == [bool(plain.search(t)) for t in texts]


@pytest.mark.parametrize(
    ("term", "letters"),
    [
        ("get lost", {"g"}),
        ("(?<![a-z] )get lost", {"g"}),
        ("(?:what an?|such an?|absolutely) terrible", {"w", "s", "a"}),
        ("(?:ill|my (?:kids|family) will|gonna) starve", {"i", "m", "g"}),
        ("(?:i )?(?:could|couldnt) care less", {"i", "c"}),
        ("(?:and )?youre telling me", {"a", "y"}),
    ],
)
def test_first_letters_reads_nested_and_optional_groups(term: str, letters: set[str]) -> None:
    assert first_letters(term) == frozenset(letters)


@pytest.mark.parametrize(
    "term", ["a?b", "(?:a|)x", r"\w+ foo", "(?:foo)?", "[ab]c", "(?:x|y)*z", r"(?:\(|a)b"]
)
def test_first_letters_gives_up_where_a_match_could_start_anywhere(term: str) -> None:
    assert first_letters(term) is None


def test_combined_family_scan_matches_exactly_when_a_family_does() -> None:
    folder = shared_path("corpora", "dailydialog", "validation")
    lines = (folder / "dialogues_validation.txt").read_text(encoding="utf-8").splitlines()
    texts = [normalise(turn) for line in lines for turn in line.split("__eou__")[:-1]]
    hits = 0
    for text in texts:
        any_family = any(f.pattern.search(text) for f in emotion._FAMILIES)
        hits += any_family
        assert (emotion._ANY_FAMILY.search(text) is not None) == any_family, text
    assert hits >= 40  # the check is not vacuous

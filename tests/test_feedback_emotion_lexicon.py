"""The one normal form every affect rule reads: typed, tokenised and recognised text agree."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from voicecoach.core.feedback import emotion, influence, lexicon, stats
from voicecoach.core.feedback.lexicon import (
    TermPattern,
    compile_terms,
    first_letters,
    normalise,
    words,
)


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
        ("foo|bar", {"f", "b"}),  # a term that is itself two alternatives starts with either
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


# --- normalise skips what cannot apply, and gives what the four plain substitutions give ----

_SPLIT = re.compile(
    r"\b(don|can|won|isn|aren|wasn|weren|didn|doesn|wouldn|couldn|shouldn|haven|hasn|hadn|ain)"
    r"\s+(t)\b|\b(you|we|they|who|what)\s+(re)\b|\b(i)\s+(m)\b"
    r"|\b(i|you|we|they|he|she|it|that|there)\s+(ll|ve|d)\b"
    r"|\b(it|that|what|there|here|he|she|who|lets|let)\s+(s)\b"
)


def _plain_normalise(text: str) -> str:
    lowered = re.sub(r"[\u2019\u2018\u02bc`´]", "'", text.lower())
    joined = re.sub(r"(\w)\s*'\s*(\w)", r"\1\2", lowered)
    joined = _SPLIT.sub(lambda m: "".join(p for p in m.groups() if p), joined)
    return re.sub(r"\s+", " ", joined).strip()


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["don", "t", "you", "re", "i", "m", "it", "s", "'", "`", "’", " ", "  ", "\t", "x"]
            + ["Don", "IT", "ll", "ve", "d", "rock", "n", "roll", "İ", "\n", "!"]
        ),
        max_size=14,
    )
)
def test_normalise_matches_the_plain_substitutions(parts: list[str]) -> None:
    text = "".join(parts)
    assert normalise(text) == _plain_normalise(text)


@given(st.text())
def test_normalise_matches_the_plain_substitutions_on_any_text(text: str) -> None:
    assert normalise(text) == _plain_normalise(text)


# --- the presence test in front of a long lexicon never misses a turn the lexicon matches ---

GATED = [
    *(family.pattern for family in emotion._FAMILIES),
    *(
        value
        for module in (emotion, influence, stats)
        for value in vars(module).values()
        if isinstance(value, TermPattern) and value._present is not None
    ),
    *(pattern for pattern in stats._TACTICS.values() if pattern._present is not None),
]


def test_lexicons_get_a_presence_test() -> None:
    assert emotion._ANY_FAMILY._present is not None
    assert influence._QUESTION._present is not None  # a lookahead-led term is left out of it
    assert compile_terms(("alpha", "beta"))._present is not None  # short lists too
    assert compile_terms(("alpha", r"(?:\w+ )?beta"))._present is None  # can start anywhere
    assert len(GATED) >= 12


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
def test_presence_test_never_misses(tokens: list[str]) -> None:
    text = " ".join(tokens)
    for pattern in GATED:
        if pattern.full.search(text) is not None:
            assert pattern.may_hold(text), (pattern.pattern[:60], text)
        assert (pattern.search(text) is None) == (pattern.full.search(text) is None)


def test_presence_test_on_real_dialogue() -> None:
    folder = shared_path("corpora", "dailydialog", "validation")
    lines = (folder / "dialogues_validation.txt").read_text(encoding="utf-8").splitlines()
    texts = [normalise(turn) for line in lines for turn in line.split("__eou__")[:-1]]
    for pattern in GATED:
        found = [bool(pattern.full.search(t)) for t in texts]
        assert [a and pattern.may_hold(t) for a, t in zip(found, texts, strict=True)] == found
    skipped = sum(not emotion._ANY_FAMILY.may_hold(t) for t in texts)
    assert skipped > 0.9 * len(texts)  # the test does turn most calm turns away


@pytest.mark.parametrize(
    ("term", "starts"),
    [
        ("get lost", [("g", "et lost")]),
        ("(?<![a-z] )get lost", [("g", "(?<![a-z] g)et lost")]),
        ("(?:i )?could", [("i", " could"), ("c", "ould")]),
        ("foo|bar", [("f", "oo"), ("b", "ar")]),
        ("u+m", [("u", "u*m")]),
        ("^why$", [("w", "hy$")]),
        ("(?!how are)(?:how|why) so", [("h", "ow so"), ("w", "hy so")]),
    ],
)
def test_terms_are_spelt_out_by_first_letter(term: str, starts: list[tuple[str, str]]) -> None:
    assert lexicon._leading_letters(term) == starts


@pytest.mark.parametrize("term", [r"\w+ foo", "[ab]c", "(?:x|y)*z", "(?:foo)?"])
def test_terms_that_can_start_anywhere_get_no_presence_test(term: str) -> None:
    terms = (term, *(f"word{n}" for n in range(30)))
    assert lexicon._presence_test(terms) is None
    pattern = compile_terms(terms)  # the full pattern then answers alone, as before
    for text in ("a foo here", "ac", "xyz", "foo", "word7"):
        assert (pattern.search(text) is None) == (pattern.full.search(text) is None)


def test_bounded_search_reads_the_full_pattern() -> None:
    pattern = compile_terms(tuple(f"term{n}" for n in range(30)))
    assert pattern.search("x term3 y", 0, 7) is not None
    assert pattern.search("x term3 y", 3) is None
    assert [m.group(0) for m in pattern.finditer("term1 and term22")] == ["term1", "term22"]
    assert pattern.findall("nothing here") == []

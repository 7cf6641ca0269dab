"""The one normal form every affect rule reads: typed, tokenised and recognised text agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voicecoach.core.feedback.lexicon import normalise, words


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

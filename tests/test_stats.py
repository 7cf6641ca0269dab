"""Session statistics on a constructed transcript."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.core.feedback.stats import OVERUSE_TURNS, summarize_session
from voicecoach.core.transcript import Flag, Severity, Speaker, Turn

QUESTION_FLAG = Flag("influence.question", Severity.INFO, "what matters most to you", "why", "tip")


def turn(
    index: int, speaker: Speaker, text: str, start: float, end: float, flags: tuple[Flag, ...] = ()
) -> Turn:
    return Turn(
        index=index, speaker=speaker, text=text, start_seconds=start, end_seconds=end, flags=flags
    )


T, C = Speaker.TRAINEE, Speaker.COUNTERPART

SESSION = [
    turn(0, C, "Hi, thanks for coming to see the bike.", 0.0, 2.0),
    turn(1, T, "Um, hi. What matters most to you in selling it?", 2.0, 6.0, (QUESTION_FLAG,)),
    turn(2, C, "A quick sale, honestly.", 6.0, 8.0),
    turn(
        3,
        T,
        "I can offer 300. I have another offer from a dealer, you know, so I can walk away.",
        8.0,
        14.0,
    ),
    turn(4, T, "It's, like, a fair price and everyone says so.", 14.0, 17.0),
    turn(5, C, "I was hoping for 400.", 17.0, 19.0),
    turn(6, T, "I need it by Friday, my boss wants me on the road.", 19.0, 22.0),
]


@pytest.fixture
def summary() -> dict:
    return summarize_session(SESSION, "buyer")


def test_talk_share(summary: dict) -> None:
    trainee_words = 10 + 18 + 9 + 12
    counterpart_words = 8 + 4 + 5
    assert summary["words"] == {"trainee": trainee_words, "counterpart": counterpart_words}
    assert summary["talk_share_words"] == pytest.approx(
        trainee_words / (trainee_words + counterpart_words), abs=1e-3
    )
    assert summary["talk_share_seconds"] == pytest.approx(16.0 / 22.0, abs=1e-3)


def test_questions_and_monologue(summary: dict) -> None:
    assert summary["questions_asked"] == 1
    assert summary["open_questions"] == 1
    # turns 3 and 4 run together with no counterpart turn between them
    assert summary["longest_monologue"] == {"words": 27, "seconds": 9.0}
    assert summary["words_per_minute"] == pytest.approx(60 * 49 / 16.0, abs=0.1)


def test_fillers(summary: dict) -> None:
    assert summary["filler_words"]["by_word"] == {"um": 1, "you know": 1, "like": 1}
    assert summary["filler_words"]["total"] == 3


def test_first_number_alternative_pressure(summary: dict) -> None:
    assert summary["first_number"]["speaker"] == "trainee"
    assert summary["first_number"]["value"] == 300.0
    assert [m["turn_index"] for m in summary["alternative_mentioned"]] == [3]
    assert {m["turn_index"] for m in summary["pressure_revealed"]} == {6}


def test_tactics_and_overuse_note(summary: dict) -> None:
    assert summary["tactics"]["social proof"]["turns"] == [4]
    assert summary["tactics"]["social proof"]["note"] is None
    scarce = [
        turn(i, T, text, 0.0, 0.0)
        for i, text in enumerate(
            [
                "It won't last, it's the last one.",
                "Other buyers are interested.",
                "This offer is today only.",
            ]
        )
    ]
    tactics = summarize_session(scarce, "seller")["tactics"]
    assert tactics["scarcity"]["count"] == OVERUSE_TURNS
    assert "backfire" in tactics["scarcity"]["note"] or "bluff" in tactics["scarcity"]["note"]


def test_untimed_session_has_no_seconds() -> None:
    typed = [turn(0, T, "I would like 400, like I said.", 0.0, 0.0), turn(1, C, "No.", 0.0, 0.0)]
    summary = summarize_session(typed, None)
    assert summary["talk_share_seconds"] is None
    assert summary["words_per_minute"] is None
    assert summary["longest_monologue"]["seconds"] is None
    assert summary["filler_words"]["total"] == 0  # "would like" wants, "like I said" compares
    assert summary["first_number"]["value"] == 400.0
    json.dumps(summary)


def test_counterpart_numbers_first() -> None:
    summary = summarize_session(
        [turn(0, C, "It's listed at 2,500 dollars.", 0, 1), turn(1, T, "Ok 2000?", 1, 2)], "buyer"
    )
    assert summary["first_number"]["speaker"] == "counterpart"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.text(), st.floats(0, 100), st.floats(0, 100)), max_size=6)
)
def test_no_exception_on_arbitrary_turns(rows: list[tuple[bool, str, float, float]]) -> None:
    turns = [
        turn(i, T if is_trainee else C, text, a, b)
        for i, (is_trainee, text, a, b) in enumerate(rows)
    ]
    json.dumps(summarize_session(turns, "buyer"))

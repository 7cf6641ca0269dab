"""The feedback engine API, the session memory, robustness, and the dev-set bounds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO_ROOT, shared_path
from voicecoach.core.feedback import SessionFeedback, Utterance, assess, labels_of
from voicecoach.core.feedback.concession import detect_concessions
from voicecoach.core.feedback.prosody import ProsodyReading
from voicecoach.core.transcript import FLAG_LABELS, Flag, Speaker


def test_assess_returns_frozen_flags_with_every_field() -> None:
    flags = assess(
        Utterance(
            "ok, 450 then", ("buyer: 400?", "seller: 500.", "buyer: 400 is my max."), "seller"
        )
    )
    assert isinstance(flags, tuple)
    assert flags and all(isinstance(flag, Flag) for flag in flags)
    for flag in flags:
        assert flag.label in FLAG_LABELS
        assert flag.span and flag.why and flag.tip


def test_one_flag_per_label_in_rubric_order() -> None:
    text = "Alright, I can go down to 450. What matters most to you in this deal?"
    flags = assess(Utterance(text, ("buyer: 400?", "seller: 500.", "buyer: 400."), "seller"))
    labels = [flag.label for flag in flags]
    assert labels == sorted(set(labels), key=FLAG_LABELS.index)
    assert "concession.unpaid" in labels and "influence.question" in labels


def test_session_keeps_context_across_turns() -> None:
    session = SessionFeedback(
        trainee_role="seller", counterpart_role="buyer", setting="listing price $500"
    )
    assert session.assess_turn("Hi! It's in great shape.") == ()
    session.add_counterpart_turn("Would you take 400?")
    first = session.assess_turn("Hmm, I could do 470.")
    assert labels_of(first) == ["concession.unpaid"]
    session.add_counterpart_turn("Still too much. 420?")
    second = session.assess_turn("If you pick it up today, 450.")
    assert labels_of(second) == ["concession.traded"]
    assert session.context[1] == "buyer: Would you take 400?"
    assert [turn.speaker for turn in session.turns] == [
        Speaker.TRAINEE,
        Speaker.COUNTERPART,
        Speaker.TRAINEE,
        Speaker.COUNTERPART,
        Speaker.TRAINEE,
    ]


def test_session_without_roles_reads_me_and_them() -> None:
    session = SessionFeedback()
    session.assess_turn("I'd want 500 for it.")
    session.add_counterpart_turn("I can pay 400.")
    assert labels_of(session.assess_turn("ok, 450 then")) == ["concession.unpaid"]


def test_summary_delegates_to_stats_with_the_turns_seen() -> None:
    session = SessionFeedback(trainee_role="buyer", counterpart_role="seller")
    session.add_counterpart_turn("It's 500.")
    session.assess_turn("What matters most to you about the sale?")
    summary = session.summary()
    assert summary["trainee_role"] == "buyer"
    assert summary["turns"] == {"trainee": 1, "counterpart": 1}


def test_prosody_goes_through_one_baseline_per_session() -> None:
    session = SessionFeedback(trainee_role="buyer", counterpart_role="seller")
    calm = ProsodyReading(loudness_dbfs=-30.0, pitch_hz=120.0, duration_seconds=2.0)
    for _ in range(4):
        assert "emotion.overreach" not in labels_of(
            session.assess_turn("That sounds fine.", prosody=calm)
        )
    shouted = ProsodyReading(loudness_dbfs=-12.0, pitch_hz=125.0, duration_seconds=2.0)
    assert "emotion.overreach" in labels_of(
        session.assess_turn("That sounds fine.", prosody=shouted)
    )
    assert session.turns[-1].end_seconds > session.turns[0].end_seconds


_line = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda who, text: f"{who}: {text}",
        st.sampled_from(["buyer", "seller", "me", "them", "x"]),
        st.text(max_size=60),
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=200),
    context=st.lists(_line, max_size=6),
    role=st.one_of(st.none(), st.sampled_from(["buyer", "seller", "camper", "", "candidate"])),
    setting=st.one_of(
        st.none(),
        st.text(max_size=40),
        st.just("listing price $100.0"),
        st.just("splitting books, hats and balls"),
    ),
)
def test_no_exception_on_arbitrary_input(
    text: str, context: list[str], role: str | None, setting: str | None
) -> None:
    flags = assess(Utterance(text, tuple(context), role, setting))
    assert all(flag.label in FLAG_LABELS for flag in flags)
    assert not {"concession.unpaid", "concession.traded"} <= set(labels_of(flags))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=100_000), min_size=1, max_size=5))
def test_no_exception_on_number_heavy_negotiations(numbers: list[int]) -> None:
    context = tuple(
        f"{'buyer' if i % 2 else 'seller'}: how about {n}?" for i, n in enumerate(numbers)
    )
    detect_concessions(f"ok {numbers[-1] + 1} then", context, "seller", "listing price $50000")


def _dev_scores() -> dict[str, float]:
    """F1 per label on the coach-labelled dev set, computed by the benchmark's own code."""
    path = shared_path("labels", "dev.jsonl")
    sys.path.insert(0, str(REPO_ROOT))
    from benchmarks.feedback_eval import predict, scores, spoken

    rows = [
        json.loads(line)
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    typed = scores(rows, [predict(row) for row in rows])
    said = scores(rows, [predict(row, spoken) for row in rows])
    return {
        **{f"typed {label}": typed[label]["f1"] for label in FLAG_LABELS},
        **{f"spoken {label}": said[label]["f1"] for label in FLAG_LABELS},
    }


def test_dev_set_concession_f1_does_not_regress() -> None:
    f1 = _dev_scores()
    # Bounds a little below what docs/feedback.md reports, so a regression fails.
    assert f1["typed concession.unpaid"] >= 0.83
    assert f1["typed concession.traded"] >= 0.77
    assert f1["spoken concession.unpaid"] >= f1["typed concession.unpaid"] - 0.05
    assert f1["spoken concession.traded"] >= f1["typed concession.traded"] - 0.05


def test_other_labellers_sets_resolve_from_the_corpora_and_hold_their_level() -> None:
    """11,177 turns of the negotiation files in thirty-nine more labelled sets (refs)."""
    shared_path("corpora", "craigslistbargain", "test.json")
    shared_path("corpora", "craigslistbargain", "validation.json")
    shared_path("corpora", "casino", "casino_test.json")
    shared_path("corpora", "casino", "casino_valid.json")
    shared_path("corpora", "casino", "casino_train.json")
    shared_path("corpora", "dealornodeal", "test.txt")
    shared_path("corpora", "dealornodeal", "val.txt")
    sys.path.insert(0, str(REPO_ROOT))
    from benchmarks.feedback_eval import load_dev, predict, scores

    rows = []
    sets = (
        ("second", 320),
        ("third", 270),
        ("fourth", 270),
        ("fifth", 270),
        ("sixth", 270),
        ("seventh", 270),
        ("eighth", 270),
        ("ninth", 270),
        ("tenth", 270),
        ("eleventh", 270),
        ("twelfth", 264),
        ("thirteenth", 206),
        ("fourteenth", 180),
        ("fifteenth", 300),
        ("sixteenth", 300),
        ("seventeenth", 300),
        ("eighteenth", 300),
        ("nineteenth", 300),
        ("twentieth", 300),
        ("twentyfirst", 300),
        ("twentysecond", 300),
        ("twentythird", 300),
        ("twentyfourth", 300),
        ("twentyfifth", 300),
        ("twentysixth", 300),
        ("twentyseventh", 300),
        ("twentyeighth", 300),
        ("twentyninth", 300),
        ("thirtieth", 300),
        ("thirtyfirst", 300),
        ("thirtysecond", 300),
        ("thirtythird", 300),
        ("thirtyfourth", 300),
        ("thirtyfifth", 300),
        ("thirtysixth", 300),
        ("thirtyseventh", 300),
        ("thirtyeighth", 300),
        ("thirtyninth", 300),
        ("fortieth", 277),
        ("fortyfirst", 300),
        ("fortysecond", 300),
        ("fortythird", 300),
        ("fortyfourth", 300),
        ("fortyfifth", 300),
        ("fortysixth", 300),
        ("fortyseventh", 300),
        ("fortyeighth", 300),
        ("fortyninth", 300),
        ("fiftieth", 300),
        ("fiftyfirst", 300),
        ("fiftysecond", 300),
        ("fiftythird", 300),
        ("fiftyfourth", 300),
        ("fiftyfifth", 300),
        ("fiftysixth", 300),
        ("fiftyseventh", 300),
        ("fiftyeighth", 300),
        ("fiftyninth", 300),
        ("sixtieth", 300),
        ("sixtyfirst", 300),
        ("sixtysecond", 300),
        ("sixtythird", 300),
        ("sixtyfourth", 300),
        ("sixtyfifth", 300),
        ("sixtysixth", 300),
        ("sixtyseventh", 300),
        ("sixtyeighth", 300),
        ("sixtyninth", 300),
        ("seventieth", 300),
        ("seventyfirst", 300),
        ("seventysecond", 300),
        ("seventythird", 300),
        ("seventyfourth", 300),
        ("seventyfifth", 300),
        ("seventysixth", 300),
        ("seventyseventh", 300),
        ("seventyeighth", 300),
        ("seventyninth", 300),
        ("eightieth", 300),
        ("eightyfirst", 300),
        ("eightysecond", 300),
        ("eightythird", 300),
        ("eightyfourth", 300),
    )
    for name, size in sets:
        these = load_dev(REPO_ROOT / "benchmarks" / "data" / f"{name}-labeller.jsonl")
        assert len(these) == size
        rows.extend(these)
    assert all(row["text"].strip() for row in rows)
    assert all(isinstance(row["context"], list) for row in rows)
    assert sum(not row["context"] for row in rows) < len(rows) // 20  # a few opening turns
    table = scores(rows, [predict(row) for row in rows])
    # a little below docs/feedback.md ("Other labellers"), so a regression fails
    assert table["concession.unpaid"]["f1"] >= 0.73
    assert table["concession.traded"]["f1"] >= 0.60
    assert table["influence.question"]["f1"] >= 0.83
    assert table["emotion.overreach"]["f1"] >= 0.54
    assert table["influence.push"]["f1"] >= 0.34


def test_second_labellers_label_the_same_turns_and_agree_with_the_first() -> None:
    """Two blind labellers of one set agree far above the engine: the gap is the engine's."""
    shared_path("corpora", "casino", "casino_train.json")
    shared_path("corpora", "craigslistbargain", "test.json")
    sys.path.insert(0, str(REPO_ROOT))
    from benchmarks.feedback_eval import scores
    from benchmarks.labeller_agreement import kappa, load_pairs, paired_sets

    names = paired_sets()
    assert names == ["seventythird", "sixtieth"]
    first, second = load_pairs(names)  # raises if the two files label different turns
    assert len(first) == len(second) == 600
    assert [row["ref"] for row in first] == [row["ref"] for row in second]
    with pytest.raises(ValueError, match="name a set with two label files"):
        load_pairs(["dev"])
    between = scores(first, [row["labels"] for row in second])
    for label in ("concession.unpaid", "concession.traded", "influence.question"):
        assert between[label]["f1"] >= 0.85, label
    assert kappa([True, False, False, True], [True, False, False, True]) == 1.0
    assert abs(kappa([True, False, True, False], [True, True, False, False])) < 1e-9


def test_deal_or_no_deal_context_is_read_from_the_speakers_side() -> None:
    """Each Deal or No Deal line is one side's log ("YOU"), but a labelled turn may be "THEM"'s:
    its context must still call the speaker "me", or the labeller and the engine read a reply
    to the trainee's own words."""
    path = shared_path("corpora", "dealornodeal", "test.txt")
    sys.path.insert(0, str(REPO_ROOT))
    from benchmarks.feedback_eval import turn_at

    checked = 0
    for index, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines()[:40]):
        speakers = [part.split(":")[0] for part in line.split("<eos>")[:-1]]
        speakers = [who.split()[-1] for who in speakers]
        for at in range(1, len(speakers)):
            text, context = turn_at(f"dealornodeal/test.txt/{index}/{at}")
            assert text.strip()
            assert len(context) == min(at, 8)
            # the turn just before was the other side's, whichever side is speaking
            assert context[-1].startswith("them: ")
            if at >= 2:
                assert context[-2].startswith("me: ")
            checked += speakers[at] == "THEM"
    assert checked > 20  # the case that was wrong: a turn spoken by the file's "THEM"

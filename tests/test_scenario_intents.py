"""Reading a trainee turn: typed text and recogniser output (lower case, no punctuation,
numbers in words, small word errors), measured on real CraigslistBargain utterances."""

from __future__ import annotations

import dataclasses
import json

import pytest

from voicecoach.core.scenario import (
    Intent,
    Scenario,
    bundled_scenarios_dir,
    load_scenario,
    read_turn,
)
from voicecoach.core.scenario.intents import normalise
from voicecoach.core.transcript import Flag, Severity

from .conftest import shared_path


@pytest.fixture(scope="module")
def car() -> Scenario:
    return load_scenario(bundled_scenarios_dir() / "used-car.toml")


@pytest.fixture(scope="module")
def laptops() -> Scenario:
    return load_scenario(bundled_scenarios_dir() / "procurement-buy.toml")


In = Intent
CASES: list[tuple[str, set[Intent], dict[str, float]]] = [
    ("Hi Rick, nice to meet you.", {In.GREETING}, {}),
    ("good morning", {In.GREETING}, {}),
    ("what matters most to you this month", {In.QUESTION_OPEN}, {}),
    ("so why is the end of the month important", {In.QUESTION_OPEN}, {}),
    ("tell me about the service history", {In.QUESTION_OPEN}, {}),
    ("is the price negotiable", {In.QUESTION_CLOSED}, {}),
    ("okay and does it have winter tires", {In.QUESTION_CLOSED, In.ASK_EXTRA}, {}),
    ("i can do sixteen thousand five hundred", {In.OFFER}, {"price": 16500}),
    ("how about sixteen five", {In.OFFER, In.QUESTION_OPEN}, {"price": 16500}),
    ("I could pay $16,200 cash", {In.OFFER}, {"price": 16200}),
    ("would you take 16.5k", {In.OFFER, In.QUESTION_CLOSED}, {"price": 16500}),
    (
        "seventeen thousand is too much can we meet at sixteen eight",
        {In.OFFER, In.REJECT},
        {"price": 16800},
    ),
    ("its a deal", {In.ACCEPT}, {}),
    ("okay you got a deal", {In.ACCEPT}, {}),
    ("deal at seventeen thousand", {In.ACCEPT, In.OFFER}, {"price": 17000}),
    ("what is the best deal you can do", {In.QUESTION_OPEN}, {}),
    ("no deal im leaving", {In.WALK_AWAY}, {}),
    ("i think ill walk away", {In.WALK_AWAY}, {}),
    ("that's too expensive for me", {In.REJECT}, {}),
    ("the private seller across town has a 2018 civic for seventeen two", {In.ALTERNATIVE}, {}),
    ("i have other options", {In.ALTERNATIVE}, {}),
    ("i need it by friday my car died", {In.PRESSURE}, {}),
    ("i neeed it by fridy", {In.PRESSURE}, {}),  # small recogniser errors
    ("okay agred", {In.ACCEPT}, {}),
    ("throw in the snow tires", {In.ASK_EXTRA}, {}),
    ("hmm", {In.OTHER}, {}),
    ("", {In.OTHER}, {}),
]


@pytest.mark.parametrize(("text", "intents", "offers"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_read_turn(
    car: Scenario, text: str, intents: set[Intent], offers: dict[str, float]
) -> None:
    reading = read_turn(text, (), car)
    assert set(reading.intents) == intents
    assert reading.offers == dict(offers or {})


def test_credible_alternative_needs_specifics(car: Scenario) -> None:
    assert read_turn("another dealer offered me seventeen thousand", (), car).credible_alternative
    assert read_turn("the private seller across town", (), car).credible_alternative
    assert not read_turn("i have other options", (), car).credible_alternative


def test_flags_become_intents_and_are_not_redetected(car: Scenario) -> None:
    flags = tuple(
        Flag(label, Severity.WARNING, "", "", "")
        for label in ("concession.unpaid", "emotion.overreach", "influence.push")
    )
    reading = read_turn("fine", flags, car)
    assert {In.CONCESSION_UNPAID, In.OVERREACH, In.PUSH} <= reading.intents
    # the same words without the feedback engine's verdict: nothing of the kind
    assert not read_turn("this is ridiculous you are ripping me off", (), car).has(In.OVERREACH)


def test_interest_words_and_targeted_questions(car: Scenario) -> None:
    reading = read_turn("if we sign today can you do sixteen thousand", (), car)
    assert reading.interests == ("quota",)
    assert read_turn("how would i pay for it with a loan", (), car).asked_interest == "financing"


def test_numbers_go_to_the_term_by_unit_and_range(laptops: Scenario) -> None:
    reading = read_turn(
        "we can do eleven hundred dollars per laptop delivery in twenty one days "
        "and ninety seven percent of repairs",
        (),
        laptops,
    )
    assert reading.offers == {"price": 1100, "delivery_days": 21, "service_level": 97}


def test_normalise_recogniser_style() -> None:
    assert normalise("I'm OK—it's $16,500!") == ("im", "ok", "its", "16", "500")


@pytest.mark.slow
def test_craigslist_prices_and_questions() -> None:
    """Real buyer/seller utterances: offers read with the price the annotators gave."""
    path = shared_path("corpora", "craigslistbargain", "validation.json")
    base = load_scenario(bundled_scenarios_dir() / "used-car.toml")
    counts: dict[str, list[int]] = {}

    def count(key: str, ok: bool) -> None:
        hits = counts.setdefault(key, [0, 0])
        hits[0] += int(ok)
        hits[1] += 1

    for line in path.read_text(encoding="utf-8").splitlines():
        dialogue = json.loads(line)
        listing = dialogue["items"]["Price"][0]
        if listing <= 0:
            continue
        term = dataclasses.replace(base.terms[0], minimum=listing * 0.2, maximum=listing * 3)
        scenario = dataclasses.replace(base, terms=(term,))
        acts = dialogue["dialogue_acts"]
        for text, act, price in zip(
            dialogue["utterance"], acts["intent"], acts["price"], strict=False
        ):
            if not text:
                continue
            for style, said in (("typed", text), ("asr", " ".join(normalise(text)))):
                reading = read_turn(said, (), scenario)
                if act in ("init-price", "counter-price") and price > 0:
                    got = reading.offers.get("price")
                    count(
                        f"{style} price",
                        got is not None and abs(got - price) <= max(1, price / 100),
                    )
                if act == "inquiry":
                    count(f"{style} question", reading.has(In.QUESTION_OPEN, In.QUESTION_CLOSED))
    rates = {key: ok / total for key, (ok, total) in counts.items()}
    assert counts["typed price"][1] > 1000
    # measured: typed price 0.913, asr price 0.889, typed question 0.996, asr question 0.655
    assert rates["typed price"] >= 0.90, rates
    assert rates["asr price"] >= 0.87, rates
    assert rates["typed question"] >= 0.95, rates
    assert rates["asr question"] >= 0.60, rates

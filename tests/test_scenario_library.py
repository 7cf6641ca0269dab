"""Every bundled scenario: valid, playable to a deal in more than one way, and to a walk-away.

The walks are built from each scenario's own numbers and words, with numbers
spelled out the way a recogniser writes them ("sixteen thousand two hundred"),
so a new scenario is covered by adding its file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from num2words import num2words

from voicecoach.core.feedback import SessionFeedback
from voicecoach.core.scenario import (
    Finish,
    Say,
    Scenario,
    ScenarioRun,
    Term,
    bundled_scenarios_dir,
    discover_scenarios,
    load_scenario,
)
from voicecoach.core.transcript import Flag, Severity

SCENARIO_FILES = sorted(bundled_scenarios_dir().glob("*.toml"))
TRADED = (Flag("concession.traded", Severity.INFO, "", "", ""),)

SITUATIONS = {
    "sales-discovery", "procurement-sell", "procurement-buy", "job-offer", "contract-renewal",
    "freelance-rate", "used-car", "household-budget", "department-budget",
}  # fmt: skip


def spoken(term: Term, value: float) -> str:
    """A number as a recogniser writes it: words, no punctuation, with its unit."""
    words = num2words(value if not float(value).is_integer() else int(value))
    words = words.replace(",", "").replace("-", " ").replace(" and ", " ")
    match term.unit:
        case "currency":
            return f"{words} dollars"
        case "percent" | "days" | "weeks" | "months" | "years":
            return f"{words} {term.unit}"
    return words


def between(term: Term, share: float) -> float:
    """A number `share` of the way from the trainee's target toward their walk-away point."""
    value = term.trainee_target + (term.trainee_walk_away - term.trainee_target) * share
    return round(value / term.round_to) * term.round_to


@pytest.fixture(scope="module", params=SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    path: Path = request.param
    return load_scenario(path)


def test_library_covers_the_situations_with_distinct_personas() -> None:
    entries = discover_scenarios([bundled_scenarios_dir()])
    assert all(entry.ok for entry in entries), [entry.error for entry in entries if not entry.ok]
    scenarios = [entry.scenario for entry in entries if entry.scenario is not None]
    assert len(scenarios) >= 8
    assert {s.id for s in scenarios} >= SITUATIONS
    assert len({s.persona.voice for s in scenarios}) == len(scenarios)
    assert len({s.persona.name for s in scenarios}) == len(scenarios)
    for s in scenarios:
        assert 5 <= s.brief.time_budget_minutes <= 15, s.id
        assert s.path is not None and s.path.stem == s.id


def test_scenario_has_varied_lines_and_sane_numbers(scenario: Scenario) -> None:
    for key in ("probe", "hold", "nibble", "reciprocate", "counter", "accept", "prompt"):
        assert len(scenario.lines[key]) >= 2, f"{scenario.id}: only one '{key}' line"
    assert scenario.interests, scenario.id
    for term in scenario.numeric_terms:
        # a zone of agreement exists: the counterpart's limit is acceptable to the trainee
        assert not term.better_for_counterpart(term.counterpart_limit, term.trainee_walk_away) or (
            term.counterpart_limit == term.trainee_walk_away
        ), f"{scenario.id}.{term.id}: no zone of agreement"


class Walk:
    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.run = ScenarioRun(scenario, seed=seed)
        self.feedback = SessionFeedback(
            trainee_role=scenario.trainee_role, counterpart_role=scenario.counterpart_role
        )
        self.finish: Finish | None = None
        self.feed(self.run.start())

    def feed(self, effects: list[Say | Finish]) -> None:
        for effect in effects:
            if isinstance(effect, Say):
                assert effect.text and "{" not in effect.text, effect
                self.feedback.add_counterpart_turn(effect.text)
            else:
                self.finish = effect

    def turn(self, text: str, flags: tuple[Flag, ...] | None = None) -> None:
        real = self.feedback.assess_turn(text)
        self.feed(self.run.on_trainee_turn(text, real if flags is None else flags))

    def trade_until_deal(self, words: str) -> None:
        """Traded offers from the trainee's target toward their walk-away, then accept the table."""
        for share in (0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 1.0):
            if self.finish is not None:
                return
            offer = " and ".join(spoken(t, between(t, share)) for t in self.scenario.numeric_terms)
            self.turn(f"if {words} i can do {offer}", TRADED)
        if self.finish is None:
            self.turn("ok you have a deal", ())


def _deal_share(walk: Walk) -> float:
    assert walk.finish is not None, walk.run.outcome()
    outcome = walk.finish.outcome
    assert outcome["result"] == "deal", outcome
    for term in walk.scenario.numeric_terms:
        value = outcome["terms"][term.id]
        assert (
            not term.better_for_counterpart(term.counterpart_limit, value)
            or value == term.counterpart_limit
        )
    share = outcome["share_of_zone"]
    assert isinstance(share, float)
    return share


def test_deal_by_exploring_and_trading_on_an_interest(scenario: Scenario) -> None:
    walk = Walk(scenario)
    walk.turn(f"hello {scenario.persona.name.lower()} thanks for making the time")
    walk.turn("what matters most to you in this")
    assert walk.run.revealed, f"{scenario.id}: an open question revealed nothing"
    interest = next(i for i in scenario.interests if i.id == walk.run.revealed[0])
    walk.trade_until_deal(f"we can agree on {interest.trade_words[0]}")
    assert _deal_share(walk) > 0, f"{scenario.id}: exploring did not beat the walk-away point"


def test_deal_by_a_credible_alternative(scenario: Scenario) -> None:
    walk = Walk(scenario)
    term = scenario.numeric_terms[0]
    walk.turn(f"i can offer {spoken(term, term.trainee_target)}")
    before = walk.run.table[term.id]
    walk.turn(
        f"to be honest {scenario.alternative_words[0]} already offered me something solid", ()
    )
    assert walk.run.table[term.id] != before, f"{scenario.id}: the alternative did not move it"
    walk.trade_until_deal("you confirm it this week")
    _deal_share(walk)


def test_exploring_pays_more_than_haggling(scenario: Scenario) -> None:
    def share(explore: bool) -> float:
        walk = Walk(scenario)
        interest = scenario.interests[0]
        if explore:
            walk.turn("what matters most to you in this")
        walk.trade_until_deal(f"we can agree on {interest.trade_words[0]}")
        return _deal_share(walk)

    assert share(True) > share(False), scenario.id


def test_walk_away_and_impasse(scenario: Scenario) -> None:
    term = scenario.numeric_terms[0]
    walk = Walk(scenario)
    walk.turn(f"my number is {spoken(term, term.trainee_target)}")
    walk.turn("if that does not work for you i will walk away", ())
    assert walk.finish is None and walk.run.moves[-1] == "counter"  # a last chance first
    walk.turn("no thanks im leaving", ())
    assert walk.finish is not None and walk.finish.outcome["result"] == "walk_away"

    stuck = Walk(scenario)
    for _ in range(scenario.max_turns):
        stuck.turn("hmm let me think about that", ())
    assert stuck.finish is not None and stuck.finish.outcome["result"] == "impasse"


def test_silence_prompt_and_seeds(scenario: Scenario) -> None:
    run = ScenarioRun(scenario, seed=1)
    run.start()
    (prompt,) = run.on_silence(scenario.silence_prompt_seconds)
    assert isinstance(prompt, Say) and prompt.move == "prompt"
    openings = {ScenarioRun(scenario, seed=s).start()[0].text for s in range(8)}  # type: ignore[union-attr]
    assert len(openings) > 1, f"{scenario.id}: the opening never varies"


def test_free_concessions_cost_more_than_traded_ones(scenario: Scenario) -> None:
    unpaid = (Flag("concession.unpaid", Severity.WARNING, "", "", ""),)

    def share(flags: tuple[Flag, ...]) -> float:
        walk = Walk(scenario)
        for step in (0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 1.0):
            if walk.finish is not None:
                break
            offer = " and ".join(spoken(t, between(t, step)) for t in scenario.numeric_terms)
            walk.turn(f"well i can do {offer}", flags)
            if flags == unpaid:
                assert walk.run.moves[-1] in {"nibble", "accept"}, walk.run.moves
        if walk.finish is None:
            walk.turn("ok you have a deal", ())
        return _deal_share(walk)

    assert share(unpaid) < share(TRADED), scenario.id

"""Scenario files: valid and broken ones, with the exact error text (file, line, fix)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voicecoach.core.scenario import (
    ScenarioRun,
    bundled_scenarios_dir,
    discover_scenarios,
    find_scenario,
    load_scenario,
    parse_scenario,
    validate_file,
    validate_text,
)
from voicecoach.core.scenario.template import TEMPLATE
from voicecoach.errors import ScenarioError

FIX_SYNTAX = (
    "fix the TOML there: quote text values, one key = value per line, "
    "[table] headers on their own line"
)

BROKEN: list[tuple[str, str, str, list[str]]] = [
    (
        "syntax error",
        'title = "Asking',
        "title = Asking",
        [f"x.toml:6: TOML syntax error at column 9: invalid value; {FIX_SYNTAX}"],
    ),
    (
        "unknown key with a close match",
        "rate_wpm = 160",
        "rate_wmp = 160",
        ["x.toml:26: unknown key 'rate_wmp' in [persona]; did you mean 'rate_wpm'?"],
    ),
    (
        "missing required field",
        'counterpart_role = "landlord"',
        "",
        ["x.toml: missing required field 'counterpart_role'; add counterpart_role = \"...\""],
    ),
    (
        "missing number in a term",
        "counterpart_limit = 1520           # she never goes below this\n",
        "",
        ["x.toml:42: missing required field 'counterpart_limit'; add counterpart_limit = <number>"],
    ),
    (
        "target on the wrong side of the limit",
        "counterpart_limit = 1520",
        "counterpart_limit = 1700",
        [
            "x.toml:49: counterpart_target 1650 is below counterpart_limit 1700 although the "
            "counterpart prefers high numbers; swap the two numbers or change counterpart_prefers"
        ],
    ),
    (
        "transition to an unknown state",
        'to = "talking"',
        'to = "talkng"',
        [
            "x.toml:81: transition to unknown state 'talkng'; did you mean 'talking'?",
            "x.toml:83: state 'talking' cannot be reached from 'opening'; "
            'add a transition with to = "talking" or remove the state',
        ],
    ),
    (
        "state with no way out",
        'from = "*"',
        'from = ["opening"]',
        [
            "x.toml:83: state 'talking' has no way out; add [[states.talking.transitions]] "
            'or a top-level [[transitions]] from = "*"',
            "x.toml:83: state 'talking' has no transition on 'deal'; "
            'add a top-level [[transitions]] with on = ["deal"] and from = "*"',
            "x.toml:83: state 'talking' has no transition on 'left'; "
            'add a top-level [[transitions]] with on = ["left"] and from = "*"',
            "x.toml:83: state 'talking' has no transition on 'stalled'; "
            'add a top-level [[transitions]] with on = ["stalled"] and from = "*"',
        ],
    ),
    (
        "placeholder with no value",
        "Alright, {rent} it is.",
        "Alright, {rnt} it is.",
        ["x.toml:73: placeholder {rnt} has no value; did you mean {rent}?"],
    ),
    (
        "voice id with a space",
        'voice = "gmw/en-gb-x-rp"',
        'voice = "en us"',
        [
            "x.toml:25: voice 'en us' is not a voice id; use an espeak-ng voice such as "
            '"gmw/en-us", "gmw/en-gb-x-rp" or "en-us"'
        ],
    ),
    (
        "unknown transition event",
        'on = ["any"]',
        'on = ["anyy"]',
        ["x.toml:80: transition on unknown event 'anyy'; did you mean 'any'?"],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_template_reports_exact_problems(old: str, new: str, expected: list[str]) -> None:
    assert old in TEMPLATE
    assert [str(p) for p in validate_text(TEMPLATE.replace(old, new), "x.toml")] == expected


def test_template_validates() -> None:
    assert validate_text(TEMPLATE, "template.toml") == []


def test_unreachable_state_is_named_with_its_line() -> None:
    text = TEMPLATE + '\n[states.lost]\nlines.probe = ["Hm."]\n'
    (problem,) = validate_text(text, "x.toml")
    assert problem.line == TEMPLATE.count("\n") + 2
    assert problem.message == "state 'lost' cannot be reached from 'opening'"


def test_missing_end_state_is_reported() -> None:
    text = TEMPLATE.replace('outcome = "impasse"\n', "")
    messages = [p.message for p in validate_text(text, "x.toml")]
    assert 'no end state with outcome = "impasse"' in messages


def test_guard_on_a_term_that_does_not_exist() -> None:
    text = TEMPLATE.replace(
        'on = ["any"]\nto = "talking"', 'on = ["any"]\nif = "offer.rnt >= 1600"\nto = "talking"'
    )
    assert [str(p) for p in validate_text(text, "x.toml")] == [
        "x.toml:81: guard names 'offer.rnt', which has no value; did you mean 'offer.rent'?"
    ]


def test_load_raises_the_first_problem_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(TEMPLATE.replace('to = "talking"', 'to = "talkng"'), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.message == (
        f"{path}:81: transition to unknown state 'talkng'; did you mean 'talking'? "
        f"(+1 more: run 'voicecoach scenarios validate {path}')"
    )
    assert caught.value.code == "scenario"
    assert len(validate_file(path)) == 2


def test_missing_file_is_a_scenario_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ScenarioError, match=r"nope.toml: no such file; check the path"):
        load_scenario(missing)
    (problem,) = validate_file(missing)
    assert problem.message == "no such file"


def test_non_utf8_file_is_a_scenario_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'title = "caf\xe9"\n')
    with pytest.raises(ScenarioError, match="not UTF-8 text; save the scenario as UTF-8"):
        load_scenario(path)


def test_discover_lists_broken_files_with_their_first_error(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "bad.toml").write_text("id = [", encoding="utf-8")
    (tmp_path / "twin.toml").write_text(TEMPLATE, encoding="utf-8")
    entries = discover_scenarios([tmp_path])
    by_path = {e.path.name: e for e in entries}
    assert by_path["good.toml"].ok and by_path["good.toml"].id == "my-scenario"
    assert by_path["bad.toml"].scenario is None and by_path["bad.toml"].id == "bad"
    assert (
        by_path["bad.toml"].error is not None
        and "bad.toml:1: TOML syntax error" in by_path["bad.toml"].error
    )
    assert (
        by_path["twin.toml"].error is not None and "already used by" in by_path["twin.toml"].error
    )


def test_default_dirs_are_bundled_plus_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = TEMPLATE.replace('id = "my-scenario"', 'id = "rent-talk"')
    (tmp_path / "rent.toml").write_text(mine, encoding="utf-8")
    monkeypatch.setenv("VOICECOACH_SCENARIOS_DIR", str(tmp_path))
    ids = [e.id for e in discover_scenarios()]
    assert "used-car" in ids and "rent-talk" in ids
    assert find_scenario("rent-talk").title == "Asking a landlord to lower the rent"
    assert find_scenario(str(tmp_path / "rent.toml")).id == "rent-talk"


def test_find_unknown_id_lists_the_known_ones() -> None:
    with pytest.raises(ScenarioError) as caught:
        find_scenario("used-cra")
    assert caught.value.message.startswith("no scenario with id 'used-cra'; known ids: ")
    assert "used-car" in caught.value.message


def test_bundled_dir_is_the_repo_scenarios_folder() -> None:
    assert bundled_scenarios_dir() == Path(__file__).resolve().parents[1] / "scenarios"


# ---- properties: nothing but ScenarioError ever escapes ---------------------------------

_TOML_BITS = st.sampled_from(
    [
        "[states.x]", "[[terms]]", "[brief]", "[[transitions]]", 'id = "a"', "step = -1",
        'kind = "extra"', 'on = ["deal"]', 'to = "nowhere"', "lines.open = [1]", 'voice = ""',
        "counterpart_limit = 1e309", 'if = "offer.x >="', "x = {a = 1}", '"quoted.key" = 2',
        "= 3", "[[states.x.transitions]]", 'outcome = "deal"', "minimum = 10", "maximum = 1",
        'lines.probe = "{"', "rate_wpm = true", "[persona]", "[counterpart]",
        "[[counterpart.interests]]", "max_turns = 0",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TOML_BITS, st.text(max_size=30)), max_size=25))
def test_arbitrary_files_give_problems_or_a_runnable_scenario(bits: list[str]) -> None:
    scenario, problems = parse_scenario("\n".join(bits), "fuzz.toml")
    if scenario is None:
        assert problems and all(p.path == "fuzz.toml" and p.message and p.fix for p in problems)
    else:  # whatever validates must also run
        run = ScenarioRun(scenario)
        run.start()
        run.on_trainee_turn("i can do 100", ())
        run.on_silence(60)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_on_disk_raise_only_scenario_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_bytes(data)
        try:
            load_scenario(path)
        except ScenarioError as error:
            assert error.message.startswith(str(path))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(TEMPLATE) - 1), st.text(max_size=8))
def test_template_with_a_random_edit_never_crashes(position: int, insert: str) -> None:
    text = TEMPLATE[:position] + insert + TEMPLATE[position + 1 :]
    problems = validate_text(text, "edit.toml")
    assert all(p.path == "edit.toml" and p.fix for p in problems)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=12), st.integers(min_value=0, max_value=2**32))
def test_arbitrary_turns_never_raise_and_respect_the_limit(turns: list[str], seed: int) -> None:
    scenario = load_scenario(bundled_scenarios_dir() / "used-car.toml")
    run = ScenarioRun(scenario, seed=seed)
    run.start()
    for text in turns:
        run.on_trainee_turn(text, ())
        assert 16200 <= float(run.table["price"]) <= 18900
    assert run.outcome()["result"] in {"running", "deal", "impasse", "walk_away"}


def test_state_defined_only_by_its_transitions_gets_a_line() -> None:
    text = TEMPLATE + '\n[[states.lost.transitions]]\non = ["any"]\nto = "deal"\n'
    assert [str(p) for p in validate_text(text, "x.toml")] == [
        f"x.toml:{TEMPLATE.count(chr(10)) + 2}: state 'lost' cannot be reached from 'opening'; "
        'add a transition with to = "lost" or remove the state'
    ]


def test_literal_braces_are_allowed_in_lines() -> None:
    text = TEMPLATE.replace('"Alright, {rent} it is."', '"Alright, {rent} it is {{smiles}}."')
    scenario, problems = parse_scenario(text, "x.toml")
    assert problems == [] and scenario is not None
    run = ScenarioRun(scenario)
    run.start()
    (say, _) = run.on_trainee_turn("okay deal", ())
    assert say.text.startswith("Alright, $1,650 it is {smiles}.")  # type: ignore[union-attr]

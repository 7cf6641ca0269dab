"""`voicecoach scenarios ...`: list, show, validate, graph, new, through the real entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from voicecoach.cli import main
from voicecoach.core.scenario import validate_text
from voicecoach.core.scenario.template import TEMPLATE


def test_list_shows_every_bundled_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "list"]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"^used-car +Buying a used car from a dealer \(buyer vs Rick, 10 min\)$", out, re.M
    )
    assert len(out.strip().splitlines()) >= 9


def test_list_json_and_a_broken_user_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "oops.toml").write_text('id = "oops"\ntitle = \n', encoding="utf-8")
    monkeypatch.setenv("VOICECOACH_SCENARIOS_DIR", str(tmp_path))
    assert main(["scenarios", "list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    by_id = {e["id"]: e for e in entries}
    assert by_id["used-car"]["ok"] is True
    assert by_id["used-car"]["voice"] == "gmw/en-us"
    assert by_id["used-car"]["terms"] == ["price", "winter_tires"]
    assert by_id["oops"]["ok"] is False
    assert by_id["oops"]["error"].startswith(f"{tmp_path / 'oops.toml'}:2: TOML syntax error")
    assert main(["scenarios", "list"]) == 0
    assert re.search(
        r"^oops +BROKEN: .*oops.toml:2: TOML syntax error", capsys.readouterr().out, re.M
    )


def test_show_prints_the_trainee_brief_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "show", "used-car"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Buying a used car from a dealer"
    assert out[1] == "You are the buyer; Rick is the seller."
    assert "Target: $15,800" in out
    assert not any("16,200" in line or "quota" in line for line in out)  # hidden brief stays hidden


def test_show_unknown_id_is_one_line_and_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "show", "used-cra"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("voicecoach: no scenario with id 'used-cra'; known ids: ")
    assert len(err.strip().splitlines()) == 1


def test_validate_all_bundled_is_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "validate"]) == 0
    out = capsys.readouterr().out
    assert "used-car.toml: ok" in out


def test_validate_reports_every_problem_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(TEMPLATE.replace('to = "talking"', 'to = "talkng"'), encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(TEMPLATE, encoding="utf-8")
    assert main(["scenarios", "validate", str(tmp_path)]) == 3
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{bad}:81: transition to unknown state 'talkng'; did you mean 'talking'?",
        f"{bad}:83: state 'talking' cannot be reached from 'opening'; "
        'add a transition with to = "talking" or remove the state',
        f"{good}: ok",
    ]
    assert captured.err == "1 of 2 scenario files have problems\n"


def test_validate_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "validate", "no/such.toml"]) == 2
    assert "no/such.toml: no such file or folder" in capsys.readouterr().err


def test_graph_prints_mermaid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "graph", "used-car"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "stateDiagram-v2"
    assert "    [*] --> opening" in out
    assert "    opening --> discovery: any" in out
    assert "    bargaining --> closing: any [table.price #lt;= 16800]" in out
    assert "    closing --> deal: deal" in out
    assert "    deal --> [*]: deal" in out


def test_new_prints_a_template_that_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "new"]) == 0
    out = capsys.readouterr().out
    assert out == TEMPLATE
    assert out.count("#") > 20  # commented
    assert validate_text(out, "new.toml") == []


@pytest.mark.parametrize("action", ["list", "show", "validate", "graph", "new"])
def test_every_action_has_help(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["scenarios", action, "--help"])
    assert exited.value.code == 0
    assert f"usage: voicecoach scenarios {action}" in capsys.readouterr().out


def test_scenarios_without_action_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: voicecoach scenarios")
    assert "graph     print the states and transitions as a Mermaid diagram" in out

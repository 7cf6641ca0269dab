"""`voicecoach analyze` on JSON-lines files written by the tests."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from voicecoach.cli import main

HAGGLE = ["buyer: Would you take 400?", "seller: I'm asking 500.", "buyer: 400 is my limit."]


def _write(path: Path, records: list[object]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_analyze_file_writes_one_line_per_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": "ok, 450 then", "context": HAGGLE, "role": "seller"},
            {
                "id": 2,
                "text": "If you can pick it up today, I can do 450.",
                "context": HAGGLE,
                "role": "seller",
            },
            {"id": "c", "text": "Is it still available?"},
        ],
    )
    assert main(["analyze", str(source)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c"]
    assert out[0]["labels"] == ["concession.unpaid"]
    assert out[1]["labels"] == ["concession.traded"]
    assert out[2] == {"id": "c", "labels": [], "flags": []}
    flag = out[0]["flags"][0]
    assert set(flag) == {"label", "severity", "span", "why", "tip"}
    assert "450" in flag["tip"]


def test_setting_gives_the_listing_price(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "in.jsonl",
        [
            {
                "id": 1,
                "text": "How about 420?",
                "context": ["buyer: Would you take 350?"],
                "role": "seller",
                "setting": "listing price $480",
            },
        ],
    )
    assert main(["analyze", str(source)]) == 0
    assert json.loads(capsys.readouterr().out)["labels"] == ["concession.unpaid"]


def test_bad_lines_are_named_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "in.jsonl",
        [
            {"id": 1, "text": "ok, 450 then", "context": HAGGLE, "role": "seller"},
            "{not json",
            {"id": 3},
            {"id": 4, "text": "hi", "context": "buyer: hi"},
            ["a list"],
            {"id": 6, "text": "fine"},
        ],
    )
    code = main(["analyze", str(source)])
    captured = capsys.readouterr()
    assert code == 2
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == [1, 6]
    errors = captured.err.splitlines()
    assert errors[0].startswith("voicecoach analyze: line 2: not valid JSON")
    assert errors[1] == 'voicecoach analyze: line 3: "text" is missing or not a string'
    assert errors[2].startswith('voicecoach analyze: line 4: "context" must be a list')
    assert errors[3].startswith("voicecoach analyze: line 5: expected a JSON object")
    assert len(errors) == 4


def test_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(tmp_path / "nope.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


def test_stdin_through_the_real_command(tmp_path: Path) -> None:
    line = json.dumps(
        {"id": 7, "text": "Alright, I can go down to 450.", "context": HAGGLE, "role": "seller"}
    )
    result = subprocess.run(
        [sys.executable, "-m", "voicecoach", "analyze", "-"],
        input=line + "\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["labels"] == ["concession.unpaid"]


def test_help_documents_bad_line_handling(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    assert "skipped" in capsys.readouterr().out


def test_dash_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": 1, "text": "hello"}\n'))
    assert main(["analyze"]) == 0
    assert json.loads(capsys.readouterr().out) == {"id": 1, "labels": [], "flags": []}


def test_a_file_saved_with_a_byte_order_mark_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "windows.jsonl"
    record = {"id": "bom", "text": "ok, 450 then", "context": HAGGLE, "role": "seller"}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8-sig")
    assert source.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["analyze", str(source)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == "bom" and out["labels"] == ["concession.unpaid"]

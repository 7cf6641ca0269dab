"""The SQLite store: turns are on disk the moment they are saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from voicecoach.core.transcript import Flag, Severity, Speaker, Turn
from voicecoach.errors import StoreError
from voicecoach.storage import SessionStore, default_db_path


def test_default_location_follows_the_data_dir_override(isolated_user_dirs: Path) -> None:
    assert default_db_path() == isolated_user_dirs / "sessions.sqlite3"


def test_turn_is_readable_by_another_connection_as_soon_as_saved(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db")
    session_id = store.create_session(
        "used-car", "Used car", recogniser="sphinx", input_kind="typed", seed=3
    )
    flag = Flag("concession.unpaid", Severity.WARNING, "ok 450", "why", "try: ...")
    store.save_turn(
        session_id, Turn(0, Speaker.TRAINEE, "ok 450 then", 0.0, 1.5, (flag,), None, {"a": 1})
    )
    other = sqlite3.connect(tmp_path / "s.db")
    rows = other.execute("SELECT speaker, text, flags_json FROM turns").fetchall()
    assert (
        rows[0][0] == "trainee"
        and rows[0][1] == "ok 450 then"
        and "concession.unpaid" in rows[0][2]
    )
    turns = store.turns(session_id)
    assert turns[0].flags == (flag,) and turns[0].meta == {"a": 1}
    store.finish_session(session_id, status="ended", outcome={"result": "deal"}, summary={"q": 2})
    record = store.get_session(session_id)
    assert record.status == "ended" and record.outcome == {"result": "deal"} and record.seed == 3
    store.add_annotation(session_id, 0, "good move?", author="coach")
    assert store.annotations(session_id)[0]["text"] == "good move?"


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open the session database .*--data-dir"):
        SessionStore(blocker / "sub" / "s.db")


def test_unknown_session_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no session 42"):
        SessionStore(tmp_path / "s.db").get_session(42)

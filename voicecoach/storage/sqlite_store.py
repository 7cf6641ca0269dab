"""SQLite session store: every turn committed the moment it ends.

One connection per store, guarded by a lock, because the runner thread writes
while the app thread reads. WAL journaling keeps readers from blocking the
writer and survives a crash mid-session without losing committed turns.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voicecoach.core.transcript import Turn
from voicecoach.errors import StoreError
from voicecoach.storage.paths import default_db_path

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id TEXT NOT NULL,
    scenario_title TEXT NOT NULL DEFAULT '',
    started_at REAL NOT NULL,
    ended_at REAL,
    recogniser TEXT NOT NULL DEFAULT '',
    input_kind TEXT NOT NULL DEFAULT '',
    seed INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'active',
    outcome_json TEXT NOT NULL DEFAULT '{}',
    summary_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    start_seconds REAL NOT NULL,
    end_seconds REAL NOT NULL,
    flags_json TEXT NOT NULL DEFAULT '[]',
    audio_path TEXT,
    meta_json TEXT NOT NULL DEFAULT '{}',
    saved_at REAL NOT NULL,
    UNIQUE (session_id, idx)
);
CREATE TABLE IF NOT EXISTS annotations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    turn_idx INTEGER,
    author TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    created_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class SessionRecord:
    id: int
    scenario_id: str
    scenario_title: str
    started_at: float
    ended_at: float | None
    recogniser: str
    input_kind: str
    seed: int
    status: str
    outcome: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


class SessionStore:
    """Sessions, their turns and annotations in one SQLite file.

    Raises `StoreError` when the file cannot be opened or written.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (sqlite3.Error, OSError) as error:
            raise StoreError(
                f"cannot open the session database {self.path}: {error} "
                "(check the folder is writable, or pass --data-dir)"
            ) from error

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        try:
            with self._lock:
                cursor = self._db.execute(sql, params)
                return int(cursor.lastrowid or 0)
        except sqlite3.Error as error:
            raise StoreError(
                f"cannot write to {self.path}: {error} (is the disk full or read-only?)"
            ) from error

    def create_session(
        self,
        scenario_id: str,
        scenario_title: str = "",
        *,
        recogniser: str = "",
        input_kind: str = "",
        seed: int = 0,
    ) -> int:
        return self._write(
            "INSERT INTO sessions (scenario_id, scenario_title, started_at, recogniser,"
            " input_kind, seed)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (scenario_id, scenario_title, time.time(), recogniser, input_kind, seed),
        )

    def save_turn(self, session_id: int, turn: Turn) -> None:
        """Commit one ended turn (autocommit: it is on disk when this returns)."""
        self._write(
            "INSERT OR REPLACE INTO turns (session_id, idx, speaker, text, start_seconds,"
            " end_seconds,"
            " flags_json, audio_path, meta_json, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                turn.index,
                str(turn.speaker),
                turn.text,
                turn.start_seconds,
                turn.end_seconds,
                json.dumps([f.to_dict() for f in turn.flags]),
                turn.audio_path,
                json.dumps(turn.meta, default=str),
                time.time(),
            ),
        )

    def finish_session(
        self, session_id: int, *, status: str, outcome: dict[str, Any], summary: dict[str, Any]
    ) -> None:
        self._write(
            "UPDATE sessions SET ended_at = ?, status = ?, outcome_json = ?, summary_json ="
            " ? WHERE id = ?",
            (
                time.time(),
                status,
                json.dumps(outcome, default=str),
                json.dumps(summary, default=str),
                session_id,
            ),
        )

    def add_annotation(
        self, session_id: int, turn_index: int | None, text: str, author: str = ""
    ) -> int:
        return self._write(
            "INSERT INTO annotations (session_id, turn_idx, author, text, created_at) VALUES"
            " (?, ?, ?, ?, ?)",
            (session_id, turn_index, author, text, time.time()),
        )

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                return list(self._db.execute(sql, params).fetchall())
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {error}") from error

    def get_session(self, session_id: int) -> SessionRecord:
        rows = self._read(
            "SELECT id, scenario_id, scenario_title, started_at, ended_at, recogniser,"
            " input_kind, seed,"
            " status, outcome_json, summary_json FROM sessions WHERE id = ?",
            (session_id,),
        )
        if not rows:
            raise StoreError(f"no session {session_id} in {self.path} (see the list of sessions)")
        return _record(rows[0])

    def list_sessions(self) -> list[SessionRecord]:
        rows = self._read(
            "SELECT id, scenario_id, scenario_title, started_at, ended_at, recogniser,"
            " input_kind, seed,"
            " status, outcome_json, summary_json FROM sessions ORDER BY id"
        )
        return [_record(row) for row in rows]

    def turns(self, session_id: int) -> list[Turn]:
        rows = self._read(
            "SELECT idx, speaker, text, start_seconds, end_seconds, flags_json, audio_path,"
            " meta_json"
            " FROM turns WHERE session_id = ? ORDER BY idx",
            (session_id,),
        )
        return [
            Turn.from_dict(
                {
                    "index": idx,
                    "speaker": speaker,
                    "text": text,
                    "start_seconds": start,
                    "end_seconds": end,
                    "flags": json.loads(flags),
                    "audio_path": audio,
                    "meta": json.loads(meta),
                }
            )
            for idx, speaker, text, start, end, flags, audio, meta in rows
        ]

    def annotations(self, session_id: int) -> list[dict[str, Any]]:
        rows = self._read(
            "SELECT turn_idx, author, text, created_at FROM annotations WHERE session_id = ?"
            " ORDER BY id",
            (session_id,),
        )
        return [{"turn_index": t, "author": a, "text": x, "created_at": c} for t, a, x, c in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _record(row: tuple[Any, ...]) -> SessionRecord:
    (
        sid,
        scenario_id,
        title,
        started,
        ended,
        recogniser,
        input_kind,
        seed,
        status,
        outcome,
        summary,
    ) = row
    return SessionRecord(
        id=sid,
        scenario_id=scenario_id,
        scenario_title=title,
        started_at=started,
        ended_at=ended,
        recogniser=recogniser,
        input_kind=input_kind,
        seed=seed,
        status=status,
        outcome=json.loads(outcome),
        summary=json.loads(summary),
    )

"""The user's data folder: env `VOICECOACH_DATA_DIR` first, else the platform's convention."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    override = os.environ.get("VOICECOACH_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("voicecoach", appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "sessions.sqlite3"


def session_audio_dir(session_id: int) -> Path:
    return data_dir() / "audio" / f"session-{session_id:05d}"

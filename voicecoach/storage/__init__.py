"""Where sessions are kept: a SQLite file in the user's data folder."""

from voicecoach.storage.paths import data_dir, default_db_path
from voicecoach.storage.sqlite_store import SessionRecord, SessionStore

__all__ = ["SessionRecord", "SessionStore", "data_dir", "default_db_path"]

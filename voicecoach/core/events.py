"""Typed events of a rehearsal session, in the past tense.

A session is a stream of these: the app renders them, the store saves the
turns they carry, the headless command line writes them as JSON, and tests
assert on them. One source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from voicecoach.core.transcript import Flag, Turn


@dataclass(frozen=True)
class SessionStarted:
    session_id: int
    scenario_id: str
    recogniser_name: str
    input_kind: str  # "mic", "typed", "wav"


@dataclass(frozen=True)
class ListeningChanged:
    """The runner started or stopped taking the trainee's audio (pause, push-to-talk)."""

    listening: bool
    reason: str = ""


@dataclass(frozen=True)
class SpeechStarted:
    """Voice activity began in the trainee's audio."""

    at_seconds: float


@dataclass(frozen=True)
class PartialHeard:
    """The recogniser's running hypothesis while the trainee is still talking."""

    text: str


@dataclass(frozen=True)
class TurnHeard:
    """A trainee turn ended and was saved."""

    turn: Turn


@dataclass(frozen=True)
class FeedbackGiven:
    """The feedback engine's verdict on a trainee turn."""

    turn_index: int
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class CounterpartSaid:
    """The counterpart's line was chosen and saved; the voice is about to speak it."""

    turn: Turn


@dataclass(frozen=True)
class VoiceStarted:
    turn_index: int


@dataclass(frozen=True)
class VoiceStopped:
    turn_index: int
    interrupted: bool  # True on barge-in or an explicit stop


@dataclass(frozen=True)
class NoticeRaised:
    """Something the user should know that does not stop the session (overflow, no mic)."""

    code: str
    message: str


@dataclass(frozen=True)
class SessionEnded:
    session_id: int
    outcome: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SessionFailed:
    code: str
    message: str


SessionEvent = (
    SessionStarted
    | ListeningChanged
    | SpeechStarted
    | PartialHeard
    | TurnHeard
    | FeedbackGiven
    | CounterpartSaid
    | VoiceStarted
    | VoiceStopped
    | NoticeRaised
    | SessionEnded
    | SessionFailed
)

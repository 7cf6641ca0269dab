"""Transcript values shared by the runner, the store, the app and exports.

Frozen dataclasses: a turn, once ended, never changes; annotations and scores
are stored beside it, not inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Speaker(StrEnum):
    TRAINEE = "trainee"
    COUNTERPART = "counterpart"


class Severity(StrEnum):
    """How much a flag matters: `info` credits, `warning` nudges, `critical` costs."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


FLAG_LABELS: tuple[str, ...] = (
    "concession.unpaid",
    "concession.traded",
    "emotion.overreach",
    "influence.push",
    "influence.question",
)


@dataclass(frozen=True)
class Flag:
    """One feedback verdict on one trainee turn (see ../shared/feedback-rubric.md)."""

    label: str
    severity: Severity
    span: str
    why: str
    tip: str

    def to_dict(self) -> dict[str, str]:
        return {
            "label": self.label,
            "severity": str(self.severity),
            "span": self.span,
            "why": self.why,
            "tip": self.tip,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        return cls(
            label=str(data["label"]),
            severity=Severity(data.get("severity", "warning")),
            span=str(data.get("span", "")),
            why=str(data.get("why", "")),
            tip=str(data.get("tip", "")),
        )


@dataclass(frozen=True)
class WordTiming:
    """A recognised word with its times in seconds from the start of the utterance."""

    word: str
    start_seconds: float
    end_seconds: float
    confidence: float = 1.0


@dataclass(frozen=True)
class Turn:
    """One ended turn of a session, as saved and shown.

    `meta` carries what the scenario engine reports for a counterpart turn
    (state, move, numbers on the table) and what the runner measured for a
    trainee turn (audio loudness, recogniser name), so it stays JSON-friendly.
    """

    index: int
    speaker: Speaker
    text: str
    start_seconds: float
    end_seconds: float
    flags: tuple[Flag, ...] = ()
    audio_path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [flag.label for flag in self.flags]

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "speaker": str(self.speaker),
            "text": self.text,
            "start_seconds": round(self.start_seconds, 3),
            "end_seconds": round(self.end_seconds, 3),
            "flags": [flag.to_dict() for flag in self.flags],
            "audio_path": self.audio_path,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        return cls(
            index=int(data["index"]),
            speaker=Speaker(data["speaker"]),
            text=str(data["text"]),
            start_seconds=float(data.get("start_seconds", 0.0)),
            end_seconds=float(data.get("end_seconds", 0.0)),
            flags=tuple(Flag.from_dict(f) for f in data.get("flags", [])),
            audio_path=data.get("audio_path"),
            meta=dict(data.get("meta", {})),
        )


def context_line(turn: Turn, trainee_role: str, counterpart_role: str) -> str:
    """Render a turn as the `"speaker: text"` context line the feedback engine reads."""
    role = trainee_role if turn.speaker is Speaker.TRAINEE else counterpart_role
    return f"{role}: {turn.text}"

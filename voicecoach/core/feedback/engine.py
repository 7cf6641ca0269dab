"""The feedback engine: one trainee turn in, the rubric's flags out.

One engine serves the live panel (through `SessionFeedback`, which keeps the
turns so far as context and one running voice baseline per session), the
`voicecoach analyze` command and the benchmarks, so a verdict means the same
everywhere. Detectors are plain functions over (text, context); the engine
only orders and de-duplicates their flags. Only the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from voicecoach.core import numbers
from voicecoach.core.feedback import items as split_items
from voicecoach.core.feedback import lexicon, positions
from voicecoach.core.feedback.concession import detect_concessions
from voicecoach.core.feedback.emotion import detect_overreach
from voicecoach.core.feedback.influence import detect_influence
from voicecoach.core.feedback.prosody import VoiceBaseline
from voicecoach.core.feedback.stats import summarize_session
from voicecoach.core.transcript import FLAG_LABELS, Flag, Speaker, Turn

__all__ = ["Utterance", "assess", "SessionFeedback", "labels_of", "clear_caches"]


@dataclass(frozen=True)
class Utterance:
    """One turn to judge, with what came before it.

    Attributes:
        text: the turn as typed or recognised.
        context: earlier turns, oldest first, as "speaker: text" lines
            ("buyer: ...", or "me: ..."/"them: ..." where "me" is this speaker).
        role: this speaker's role ("buyer", "seller", "candidate", ...), None when unknown.
        setting: one line about the negotiation, e.g. "listing price $2495.0".
    """

    text: str
    context: tuple[str, ...] = ()
    role: str | None = None
    setting: str | None = None


def _label_order(flag: Flag) -> int:
    return FLAG_LABELS.index(flag.label) if flag.label in FLAG_LABELS else len(FLAG_LABELS)


def assess(utterance: Utterance, prosody: Any = None, baseline: Any = None) -> tuple[Flag, ...]:
    """All flags for one turn, at most one per label, in the rubric's order.

    `prosody` is a `prosody.ProsodyReading` of the turn's audio (or None);
    `baseline` the speaker's running `prosody.VoiceBaseline`, which the caller
    updates after this call.
    """
    text = utterance.text or ""
    context = tuple(utterance.context)
    flags: list[Flag] = list(
        detect_concessions(text, context, role=utterance.role, setting=utterance.setting)
    )
    flags.extend(detect_overreach(text, context, prosody, baseline))
    flags.extend(detect_influence(text, context))
    seen: set[str] = set()
    unique: list[Flag] = []
    for flag in sorted(flags, key=_label_order):
        if flag.label not in seen:
            seen.add(flag.label)
            unique.append(flag)
    return tuple(unique)


def clear_caches() -> None:
    """Forget every text the readers cached (amounts, proposals, speakers, item claims).

    The caches are keyed by the text read (and the numbers it is read against),
    so verdicts never depend on them; a session re-reads its context from them
    at each turn. The speed benchmark calls this to time a cold read.
    """
    numbers._cached.cache_clear()
    positions._proposals.cache_clear()
    positions.speaker_and_text.cache_clear()
    split_items._read_claims.cache_clear()
    split_items._read_turn.cache_clear()
    split_items.items_in_setting.cache_clear()
    lexicon.normalise.cache_clear()


def labels_of(flags: Sequence[Flag]) -> list[str]:
    """The labels of some flags, in order, without repeats."""
    return list(dict.fromkeys(flag.label for flag in flags))


@dataclass
class SessionFeedback:
    """Feedback across one session: the context grows with each turn, the voice baseline too.

    Mutable on purpose: it is the running memory of a session; the verdicts
    it returns are frozen `Flag`s.
    """

    trainee_role: str | None = None
    counterpart_role: str | None = None
    setting: str | None = None
    turns: list[Turn] = field(default_factory=list)
    _baseline: Any = field(default=None, repr=False)
    _clock_seconds: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        if self._baseline is None:
            self._baseline = VoiceBaseline()

    @property
    def context(self) -> tuple[str, ...]:
        """The turns so far as "role: text" lines, oldest first."""
        return tuple(self._line(turn) for turn in self.turns)

    def _line(self, turn: Turn) -> str:
        if turn.speaker is Speaker.TRAINEE:
            return f"{self.trainee_role or 'me'}: {turn.text}"
        return f"{self.counterpart_role or 'them'}: {turn.text}"

    def _add(
        self, speaker: Speaker, text: str, flags: tuple[Flag, ...], duration: float | None
    ) -> None:
        seconds = duration if duration is not None and duration > 0 else 0.0
        start = self._clock_seconds
        self._clock_seconds += seconds
        self.turns.append(Turn(len(self.turns), speaker, text, start, self._clock_seconds, flags))

    def assess_turn(
        self, text: str, prosody: Any = None, *, duration_seconds: float | None = None
    ) -> tuple[Flag, ...]:
        """Judge a trainee turn in the context of the session so far, then remember it."""
        utterance = Utterance(text, self.context, self.trainee_role, self.setting)
        flags = assess(utterance, prosody=prosody, baseline=self._baseline)
        if prosody is not None and self._baseline is not None:
            self._baseline.observe(prosody)
        if duration_seconds is None and prosody is not None:
            duration_seconds = getattr(prosody, "duration_seconds", None)
        self._add(Speaker.TRAINEE, text, flags, duration_seconds)
        return flags

    def add_counterpart_turn(self, text: str, *, duration_seconds: float | None = None) -> None:
        """Remember a counterpart turn as context for the next trainee turn."""
        self._add(Speaker.COUNTERPART, text, (), duration_seconds)

    def summary(self, turns: Sequence[Turn] | None = None) -> dict[str, Any]:
        """Per-session statistics (talk share, questions, fillers, ...), from `stats`."""
        seen = list(turns) if turns is not None else list(self.turns)
        return dict(summarize_session(seen, self.trainee_role))

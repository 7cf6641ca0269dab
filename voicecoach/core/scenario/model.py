"""Typed model of a scenario file.

A scenario is data a coach writes by hand (TOML, see docs/scenarios.md); the
loader turns it into these frozen values so the engine never touches raw
dictionaries. Everything the trainee may see lives in `Brief`; everything
else (the counterpart's numbers, interests, pressures) stays hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Direction(StrEnum):
    """Which way a side wants a number to go."""

    HIGH = "high"
    LOW = "low"

    @property
    def opposite(self) -> Direction:
        return Direction.LOW if self is Direction.HIGH else Direction.HIGH


class TermKind(StrEnum):
    NUMBER = "number"
    EXTRA = "extra"  # a yes/no add-on: delivery, training, warranty


class Move(StrEnum):
    """What the counterpart did with its turn (named in `Say.move`)."""

    OPEN = "open"
    PROBE = "probe"
    HOLD = "hold"
    NIBBLE = "nibble"
    RECIPROCATE = "reciprocate"
    REVEAL = "reveal"
    ACCEPT = "accept"
    WALK_AWAY = "walk_away"
    PROMPT = "prompt"
    COUNTER = "counter"


class Ending(StrEnum):
    """How a run ended; an end state names one of these as its `outcome`."""

    DEAL = "deal"
    IMPASSE = "impasse"
    WALK_AWAY = "walk_away"


class Intent(StrEnum):
    """What the trainee did in a turn, read from the words and the feedback flags."""

    GREETING = "greeting"
    QUESTION_OPEN = "question.open"
    QUESTION_CLOSED = "question.closed"
    OFFER = "offer"
    ACCEPT = "accept"
    REJECT = "reject"
    ALTERNATIVE = "alternative"
    WALK_AWAY = "walk_away"
    PRESSURE = "pressure"
    PUSH = "push"
    OVERREACH = "overreach"
    CONCESSION_UNPAID = "concession.unpaid"
    CONCESSION_TRADED = "concession.traded"
    ASK_EXTRA = "ask_extra"
    OTHER = "other"


class EngineEvent(StrEnum):
    """Decisions of the engine that transitions can react to, beside intents."""

    DEAL = "deal"  # an agreement was reached this turn
    LEFT = "left"  # the trainee walked away and the counterpart let them go
    STALLED = "stalled"  # the turn budget ran out without agreement
    ANY = "any"  # matches every turn


#: Every value a transition's `on` may name.
TRANSITION_EVENTS: tuple[str, ...] = (
    *(str(intent) for intent in Intent),
    "question",
    "concession",
    *(str(event) for event in EngineEvent),
)

#: Line keys a scenario can write, and the move each one is said as. Keys after
#: the first eight fall back to the base key of the same move when missing.
LINE_KEYS: dict[str, Move] = {
    "open": Move.OPEN,
    "probe": Move.PROBE,
    "hold": Move.HOLD,
    "nibble": Move.NIBBLE,
    "reciprocate": Move.RECIPROCATE,
    "counter": Move.COUNTER,
    "accept": Move.ACCEPT,
    "prompt": Move.PROMPT,
    "greeting": Move.PROBE,
    "heat": Move.HOLD,
    "push": Move.HOLD,
    "pressure": Move.HOLD,
    "vague_alternative": Move.HOLD,
    "at_limit": Move.HOLD,
    "extra_ask": Move.HOLD,
    "interest_trade": Move.RECIPROCATE,
    "extra": Move.RECIPROCATE,
    "alternative": Move.COUNTER,
    "last_chance": Move.COUNTER,
    "final": Move.ACCEPT,
}

#: Line keys every talk state must resolve (in the state or in the top-level `[lines]`).
REQUIRED_LINE_KEYS: tuple[str, ...] = (
    "probe",
    "hold",
    "nibble",
    "reciprocate",
    "counter",
    "accept",
    "prompt",
)

LINE_FALLBACK: dict[str, str] = {
    "greeting": "probe",
    "heat": "hold",
    "push": "hold",
    "pressure": "hold",
    "vague_alternative": "hold",
    "at_limit": "hold",
    "extra_ask": "hold",
    "interest_trade": "reciprocate",
    "extra": "reciprocate",
    "alternative": "counter",
    "last_chance": "counter",
}


@dataclass(frozen=True)
class Brief:
    """What the trainee reads before speaking: their side of the preparation."""

    situation: str
    role: str
    goal: str
    target: str
    walk_away: str
    alternative: str
    time_budget_minutes: int

    def as_lines(self) -> list[str]:
        """Plain-text lines for a terminal, the app's brief panel or `scenarios show`."""
        return [
            f"Situation: {self.situation}",
            f"Your role: {self.role}",
            f"Goal: {self.goal}",
            f"Target: {self.target}",
            f"Walk-away point: {self.walk_away}",
            f"Alternative if there is no deal: {self.alternative}",
            f"Time budget: {self.time_budget_minutes} minutes",
        ]


@dataclass(frozen=True)
class Persona:
    """Who the counterpart is and how it sounds (voice is an espeak-ng / pyttsx3 id)."""

    name: str
    voice: str
    rate_wpm: int
    temperament: str


@dataclass(frozen=True)
class Interest:
    """Something the counterpart values; open questions reveal it, trades on it pay more."""

    id: str
    reveal: tuple[str, ...]
    trade_words: tuple[str, ...]
    ask_words: tuple[str, ...] = ()
    worth: float = 2.0  # a trade on it moves the counterpart `worth` times its normal step


@dataclass(frozen=True)
class Term:
    """One thing being negotiated: a number, or a yes/no extra."""

    id: str
    label: str
    kind: TermKind
    words: tuple[str, ...] = ()
    unit: str | None = None
    counterpart_prefers: Direction = Direction.HIGH
    counterpart_target: float = 0.0  # its opening number
    counterpart_limit: float = 0.0  # never goes past it
    trainee_target: float = 0.0
    trainee_walk_away: float = 0.0
    step: float = 0.0  # its first concession; shrinks near the limit
    round_to: float = 1.0
    minimum: float = 0.0  # numbers outside [minimum, maximum] are not about this term
    maximum: float = 0.0
    weight: float = 1.0

    @property
    def trainee_prefers(self) -> Direction:
        return self.counterpart_prefers.opposite

    def better_for_counterpart(self, a: float, b: float) -> bool:
        """True when `a` is at least as good as `b` from the counterpart's side."""
        return a >= b if self.counterpart_prefers is Direction.HIGH else a <= b

    def toward(self, value: float, goal: float, amount: float) -> float:
        """Move `value` toward `goal` by at most `amount`, never past it."""
        if value < goal:
            return min(goal, value + amount)
        return max(goal, value - amount)

    def format(self, value: float | bool) -> str:
        """A number as the counterpart says it (the voice reads "$16,400" well)."""
        if isinstance(value, bool):
            return "included" if value else "not included"
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
        match self.unit:
            case "currency":
                return f"${shown}"
            case "percent":
                return f"{value:g} percent"
            case "days" | "weeks" | "months" | "years":
                plain = f"{value:g}"
                return f"{plain} {self.unit[:-1] if value == 1 else self.unit}"
            case _:
                return shown


@dataclass(frozen=True)
class Guard:
    """`left op right` on the numbers of the run; see docs/scenarios.md."""

    left: str
    op: str
    right: str

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"


@dataclass(frozen=True)
class Transition:
    on: tuple[str, ...]
    to: str
    guards: tuple[Guard, ...] = ()
    guard_text: str = ""
    sources: tuple[str, ...] = ()  # only for top-level transitions: states it leaves, "*" for all

    def leaves(self, state_id: str) -> bool:
        return "*" in self.sources or state_id in self.sources


@dataclass(frozen=True)
class State:
    """A phase of the conversation; an end state carries the `outcome` it records."""

    id: str
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    transitions: tuple[Transition, ...] = ()
    outcome: Ending | None = None

    @property
    def is_end(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class Scenario:
    """A whole role-play: brief, persona, hidden brief, terms, states."""

    id: str
    title: str
    brief: Brief
    trainee_role: str
    counterpart_role: str
    persona: Persona
    terms: tuple[Term, ...]
    states: dict[str, State]
    initial_state: str
    lines: dict[str, tuple[str, ...]]
    interests: tuple[Interest, ...] = ()
    pressures: tuple[str, ...] = ()
    alternative_words: tuple[str, ...] = ()
    global_transitions: tuple[Transition, ...] = ()
    silence_prompt_seconds: float = 8.0
    max_turns: int = 16
    path: Path | None = None

    @property
    def numeric_terms(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.kind is TermKind.NUMBER)

    @property
    def extras(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.kind is TermKind.EXTRA)

    def term(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(term_id)

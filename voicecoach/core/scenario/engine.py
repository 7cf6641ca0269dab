"""The counterpart: a state machine that reacts to what the trainee did.

It takes events (start, a trainee turn with the feedback engine's flags, a
long silence) and returns effects (`Say`, `Finish`); it reads no clock and
does no I/O, so every path of every scenario is testable with strings.

The scenario file decides the phases and the words; the behaviour that
teaches is fixed here, the same in every scenario, because it is the lesson:
a free concession is pocketed and followed by a nibble, a traded one is
answered with a step that shrinks near the limit, heat is met with a calm
hold, open questions uncover interests that are worth more than haggling, a
credible alternative moves the counterpart toward its limit, a revealed
deadline makes it firmer, and it never goes past its limit.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from voicecoach.core.scenario.intents import TurnReading, read_turn
from voicecoach.core.scenario.model import (
    LINE_FALLBACK,
    Ending,
    EngineEvent,
    Guard,
    Intent,
    Move,
    Scenario,
    State,
    Term,
    TermKind,
    Transition,
)
from voicecoach.core.transcript import Flag

TableValue = float | bool


@dataclass(frozen=True)
class Say:
    """The counterpart says `text`; `move` and `table` let tests and exports check behaviour."""

    text: str
    state: str
    move: str
    table: dict[str, TableValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Finish:
    """The run is over; `outcome` is JSON-friendly (see `ScenarioRun.outcome`)."""

    outcome: dict[str, Any]


Effect = Say | Finish


@dataclass
class _Decision:
    line_key: str
    move: Move
    event: EngineEvent | None = None
    interest: str | None = None
    extra: str | None = None
    agreed: dict[str, TableValue] = field(default_factory=dict)


class ScenarioRun:
    """One rehearsal of one scenario; deterministic for a given seed."""

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self._rng = random.Random(seed)
        self.state = scenario.initial_state
        self.table: dict[str, TableValue] = {
            term.id: (term.counterpart_target if term.kind is TermKind.NUMBER else False)
            for term in scenario.terms
        }
        self.offers: dict[str, float] = {}
        self.revealed: list[str] = []
        self.questions = 0
        self.turns = 0
        self.pressure_known = False
        self.alternative_used = False
        self.last_chance_given = False
        self.moves: list[str] = []
        self._last_variant: dict[str, str] = {}
        self._previous_offers: dict[str, float] = {}
        self._outcome: dict[str, Any] | None = None

    # ---- public API ------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self._outcome is not None

    def outcome(self) -> dict[str, Any]:
        """Result, terms agreed, share of the trainee's zone captured; `running` before the end."""
        if self._outcome is not None:
            return dict(self._outcome)
        return {
            "result": "running",
            "state": self.state,
            "turns": self.turns,
            "terms": {},
            "share_of_zone": None,
        }

    def start(self) -> list[Effect]:
        """The counterpart's opening line."""
        return [self._say("open", Move.OPEN)]

    def on_silence(self, seconds: float) -> list[Effect]:
        """A prompt once the trainee has been silent for the scenario's `silence_prompt_seconds`."""
        if self.finished or seconds < self.scenario.silence_prompt_seconds:
            return []
        return [self._say("prompt", Move.PROMPT)]

    def on_trainee_turn(self, text: str, flags: Iterable[Flag] = ()) -> list[Effect]:
        """React to one trainee turn; `flags` are the feedback engine's verdict on it."""
        if self.finished or not text.strip():
            return []  # nothing heard is not a turn; a long silence gets its prompt instead
        reading = read_turn(text, tuple(flags), self.scenario)
        self.turns += 1
        if reading.has(Intent.QUESTION_OPEN):
            self.questions += 1
        decision = self._decide(reading)
        if decision.event is None and self.turns >= self.scenario.max_turns:
            decision = _Decision("final", Move.WALK_AWAY, EngineEvent.STALLED)
        target = self._next_state(reading, decision)
        self.state = target.id
        self.moves.append(str(decision.move))
        if target.is_end:
            return self._finish(target, decision)
        if decision.move is Move.REVEAL and decision.interest is not None:
            interest = next(i for i in self.scenario.interests if i.id == decision.interest)
            return [self._say_from(interest.reveal, f"reveal:{interest.id}", Move.REVEAL)]
        return [self._say(decision.line_key, decision.move, extra=decision.extra)]

    # ---- behaviour ---------------------------------------------------------------------
    def _decide(self, reading: TurnReading) -> _Decision:
        """Pick the move; the order of the checks is the order of the lessons.

        Heat first (nothing said in anger is rewarded), then leaving and accepting,
        then trades (a revealed interest is worth more), alternatives, free
        concessions, and plain offers; questions reveal interests when nothing
        else was on the table.
        """
        traded = reading.has(Intent.CONCESSION_TRADED)
        interest_trade = [i for i in reading.interests if i in self.revealed]
        if reading.has(Intent.PRESSURE):
            self.pressure_known = True
        if reading.offers:
            self.offers.update(reading.offers)
        if reading.has(Intent.OVERREACH):
            # never reward heat or desperation, even when it comes with a good number
            return _Decision("heat", Move.HOLD)
        if reading.has(Intent.WALK_AWAY) and not reading.has(Intent.ACCEPT):
            return self._walk_away()
        if reading.has(Intent.ACCEPT) and all(
            self._same(term_id, value) for term_id, value in reading.offers.items()
        ):
            return self._deal(dict(reading.offers))
        factor = 0.0
        key, move = "hold", Move.HOLD
        improved = self._improved(reading.offers) if reading.offers else False
        alternative = reading.credible_alternative and not self.alternative_used
        if traded or interest_trade:
            worth = max(
                (i.worth for i in self.scenario.interests if i.id in interest_trade), default=1.0
            )
            factor = worth if interest_trade else 1.0
            key = "interest_trade" if interest_trade else "reciprocate"
            move = Move.RECIPROCATE
        elif alternative and not reading.offers:
            key, move = "alternative", Move.COUNTER
        elif reading.has(Intent.CONCESSION_UNPAID):
            key, move = "nibble", Move.NIBBLE
        elif alternative:
            key, move = "alternative", Move.COUNTER
        elif improved:
            factor, key, move = 0.5, "counter", Move.COUNTER
        if reading.offers:
            proposal = self._proposal(reading.offers, factor, move)
            if all(
                self.scenario.term(t).better_for_counterpart(v, proposal[t])
                and self.scenario.term(t).better_for_counterpart(
                    v, self.scenario.term(t).counterpart_limit
                )
                for t, v in reading.offers.items()
            ):
                return self._deal(dict(reading.offers))
        if move is Move.RECIPROCATE:
            wanted = [e for e in reading.extras if self.table.get(e) is False]
            if wanted and not interest_trade:
                self.table[wanted[0]] = True
                return _Decision("extra", Move.RECIPROCATE, extra=wanted[0])
            terms = list(reading.offers) or [self.scenario.numeric_terms[0].id]
            self._concede(terms, factor)
            return _Decision(key, move)
        if move is Move.NIBBLE:
            return _Decision(key, move)
        if key == "alternative":
            self.alternative_used = True
            self._concede([t.id for t in self.scenario.numeric_terms], 0.0, halfway=True)
            return _Decision(key, move)
        if reading.has(Intent.PRESSURE):
            return _Decision("pressure", Move.HOLD)
        if move is Move.COUNTER:
            self._concede(list(reading.offers), factor)
            return _Decision(key, move)
        if reading.has(Intent.ALTERNATIVE):
            return _Decision("vague_alternative", Move.HOLD)
        if reading.has(Intent.PUSH):
            return _Decision("push", Move.HOLD)
        if reading.has(Intent.ASK_EXTRA) and any(
            self.table.get(e) is False for e in reading.extras
        ):
            return _Decision("extra_ask", Move.HOLD, extra=reading.extras[0])
        if reading.has(Intent.QUESTION_OPEN):
            pending = [i.id for i in self.scenario.interests if i.id not in self.revealed]
            if pending:
                chosen = reading.asked_interest if reading.asked_interest in pending else pending[0]
                self.revealed.append(chosen)
                return _Decision("reveal", Move.REVEAL, interest=chosen)
            return _Decision("probe", Move.PROBE)
        if reading.offers or reading.has(Intent.REJECT):
            return _Decision("at_limit" if self._at_limit() else "hold", Move.HOLD)
        if reading.has(Intent.GREETING) and not reading.has(Intent.QUESTION_CLOSED):
            return _Decision("greeting", Move.PROBE)
        return _Decision("probe", Move.PROBE)

    def _walk_away(self) -> _Decision:
        offered = {t: v for t, v in self.offers.items()}
        if offered and all(
            self.scenario.term(t).better_for_counterpart(v, self.scenario.term(t).counterpart_limit)
            for t, v in offered.items()
        ):
            return self._deal(offered)  # the last offer is inside its zone: it would rather close
        if not self.last_chance_given and not self._at_limit():
            self.last_chance_given = True
            self._concede([t.id for t in self.scenario.numeric_terms], 0.0, halfway=True)
            return _Decision("last_chance", Move.COUNTER)
        return _Decision("final", Move.WALK_AWAY, EngineEvent.LEFT)

    def _deal(self, offered: Mapping[str, float]) -> _Decision:
        agreed: dict[str, TableValue] = dict(self.table)
        agreed.update(offered)
        for term_id, value in offered.items():
            self.table[term_id] = value
        return _Decision("accept", Move.ACCEPT, EngineEvent.DEAL, agreed=agreed)

    def _same(self, term_id: str, value: float) -> bool:
        term = self.scenario.term(term_id)
        current = self.table[term_id]
        return (
            isinstance(current, float)
            and abs(current - value) <= max(term.round_to, 1e-9) / 2 + 1e-9
            or (isinstance(current, float) and term.better_for_counterpart(value, current))
        )

    def _improved(self, offers: Mapping[str, float]) -> bool:
        """A first number, or a number that moved toward the counterpart since the last one."""
        previous = self._previous_offers
        improved = any(
            t not in previous
            or (self.scenario.term(t).better_for_counterpart(v, previous[t]) and v != previous[t])
            for t, v in offers.items()
        )
        self._previous_offers = {**previous, **offers}
        return improved

    def _at_limit(self) -> bool:
        return all(self.table[t.id] == t.counterpart_limit for t in self.scenario.numeric_terms)

    def _step(self, term: Term, factor: float) -> float:
        span = abs(term.counterpart_target - term.counterpart_limit)
        current = float(self.table[term.id])
        if span == 0:
            return 0.0
        remaining = abs(current - term.counterpart_limit)
        size = term.step * max(0.25, remaining / span) * factor
        return size * (0.5 if self.pressure_known else 1.0)

    def _position_after(self, term: Term, size: float) -> float:
        current = float(self.table[term.id])
        moved = term.toward(current, term.counterpart_limit, size)
        rounded = round(moved / term.round_to) * term.round_to
        if size > 0 and rounded == current and current != term.counterpart_limit:
            rounded = term.toward(current, term.counterpart_limit, term.round_to)
        # rounding must never carry it past its limit
        if not term.better_for_counterpart(rounded, term.counterpart_limit):
            rounded = term.counterpart_limit
        return float(rounded)

    def _proposal(self, offers: Mapping[str, float], factor: float, move: Move) -> dict[str, float]:
        """Where the counterpart would stand after this turn; an offer as good is accepted."""
        proposal: dict[str, float] = {}
        for term_id in offers:
            term = self.scenario.term(term_id)
            size = self._step(term, factor)
            if (
                move is Move.COUNTER and factor == 0.0
            ):  # a credible alternative: halfway to the limit
                size = abs(float(self.table[term_id]) - term.counterpart_limit) / 2
            proposal[term_id] = self._position_after(term, size)
        return proposal

    def _concede(self, term_ids: Iterable[str], factor: float, halfway: bool = False) -> None:
        for term_id in term_ids:
            term = self.scenario.term(term_id)
            if term.kind is not TermKind.NUMBER:
                continue
            size = (
                abs(float(self.table[term_id]) - term.counterpart_limit) / 2
                if halfway
                else self._step(term, factor)
            )
            self.table[term_id] = self._position_after(term, size)

    # ---- states and lines ----------------------------------------------------------------
    def _events(self, reading: TurnReading, decision: _Decision) -> set[str]:
        events = {str(intent) for intent in reading.intents} | {str(EngineEvent.ANY)}
        if reading.has(Intent.QUESTION_OPEN, Intent.QUESTION_CLOSED):
            events.add("question")
        if reading.has(Intent.CONCESSION_TRADED, Intent.CONCESSION_UNPAID):
            events.add("concession")
        if decision.event is not None:
            events.add(str(decision.event))
        return events

    def _value(self, ref: str) -> float | None:
        try:
            return float(ref)
        except ValueError:
            pass
        if ref == "turns":
            return float(self.turns)
        if ref == "revealed":
            return float(len(self.revealed))
        if ref == "questions":
            return float(self.questions)
        prefix, _, term_id = ref.partition(".")
        try:
            term = self.scenario.term(term_id)
        except KeyError:
            return None
        match prefix:
            case "offer":
                return self.offers.get(term_id)
            case "table":
                value = self.table.get(term_id)
                return None if isinstance(value, bool) or value is None else float(value)
            case "limit":
                return term.counterpart_limit
            case "target":
                return term.counterpart_target
        return None

    def _passes(self, guard: Guard) -> bool:
        left, right = self._value(guard.left), self._value(guard.right)
        if left is None or right is None:
            return False
        return {
            "<": left < right, "<=": left <= right, ">": left > right,
            ">=": left >= right, "==": left == right, "!=": left != right,
        }[guard.op]  # fmt: skip

    def _next_state(self, reading: TurnReading, decision: _Decision) -> State:
        states = self.scenario.states
        current = states[self.state]
        events = self._events(reading, decision)
        candidates: list[Transition] = [
            *current.transitions,
            *(t for t in self.scenario.global_transitions if t.leaves(self.state)),
        ]
        matching = [
            t
            for t in candidates
            if events.intersection(t.on) and all(self._passes(g) for g in t.guards)
        ]
        if decision.event is not None:
            wanted = {
                EngineEvent.DEAL: Ending.DEAL,
                EngineEvent.LEFT: Ending.WALK_AWAY,
                EngineEvent.STALLED: Ending.IMPASSE,
            }[decision.event]
            for transition in matching:
                if str(decision.event) in transition.on and states[transition.to].is_end:
                    return states[transition.to]
            return next(s for s in states.values() if s.outcome is wanted)
        # the first match wins; it may be a coach's own ending (a buyer who lost interest)
        return states[matching[0].to] if matching else current

    def _finish(self, state: State, decision: _Decision) -> list[Effect]:
        ending = state.outcome or Ending.IMPASSE
        agreed = decision.agreed if ending is Ending.DEAL else {}
        if ending is Ending.DEAL and not agreed:
            agreed = dict(self.table)
        texts = []
        if decision.move is Move.ACCEPT:
            texts.append(self._line(self._variants("accept", state), "accept"))
        texts.append(self._line(state.lines.get("final", ()), f"{state.id}.final"))
        move = Move.ACCEPT if ending is Ending.DEAL else Move.WALK_AWAY
        say = Say(" ".join(t for t in texts if t), state.id, str(move), dict(self.table))
        self._outcome = self._make_outcome(ending, agreed)
        return [say, Finish(dict(self._outcome))]

    def _make_outcome(self, ending: Ending, agreed: Mapping[str, TableValue]) -> dict[str, Any]:
        shares: dict[str, float] = {}
        if ending is Ending.DEAL:
            for term in self.scenario.numeric_terms:
                value = agreed.get(term.id)
                zone = term.trainee_target - term.trainee_walk_away
                if isinstance(value, float | int) and not isinstance(value, bool) and zone:
                    shares[term.id] = round((float(value) - term.trainee_walk_away) / zone, 3)
        weights = {t.id: t.weight for t in self.scenario.numeric_terms if t.id in shares}
        total = sum(weights.values())
        share = round(sum(shares[t] * w for t, w in weights.items()) / total, 3) if total else None
        return {
            "result": str(ending),
            "state": self.state,
            "terms": dict(agreed),
            "share_of_zone": share,
            "share_by_term": shares,
            "turns": self.turns,
            "revealed": list(self.revealed),
            "moves": list(self.moves),
        }

    def _variants(self, key: str, state: State | None = None) -> tuple[str, ...]:
        state = state or self.scenario.states[self.state]
        probe: str | None = key
        while probe is not None:
            if probe in state.lines:
                return state.lines[probe]
            if probe in self.scenario.lines:
                return self.scenario.lines[probe]
            probe = LINE_FALLBACK.get(probe)
        return ()

    def _say(self, key: str, move: Move, extra: str | None = None) -> Say:
        return self._say_from(self._variants(key), key, move, extra)

    def _say_from(
        self, variants: tuple[str, ...], key: str, move: Move, extra: str | None = None
    ) -> Say:
        return Say(self._line(variants, key, extra), self.state, str(move), dict(self.table))

    def _line(self, variants: tuple[str, ...], key: str, extra: str | None = None) -> str:
        if not variants:
            return ""
        choices = [v for v in variants if v != self._last_variant.get(key)] or list(variants)
        chosen = self._rng.choice(choices)
        self._last_variant[key] = chosen
        return self._fill(chosen, extra)

    def _fill(self, template: str, extra: str | None) -> str:
        values: dict[str, str] = {"name": self.scenario.persona.name}
        for term in self.scenario.terms:
            shown = term.format(self.table[term.id])
            values[term.id] = values[f"term.{term.id}"] = shown
            if term.kind is TermKind.NUMBER:
                offer = self.offers.get(term.id)
                values[f"offer.{term.id}"] = term.format(offer) if offer is not None else shown
        if extra is not None:
            values["extra"] = self.scenario.term(extra).label
        else:
            values["extra"] = next((t.label for t in self.scenario.extras), "that")
        parts: list[str] = []
        for literal, name, _, _ in string.Formatter().parse(template):
            parts.append(literal)
            if name is not None:
                parts.append(values.get(name, ""))
        return "".join(parts)

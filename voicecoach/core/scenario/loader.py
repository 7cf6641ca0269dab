"""Load and validate scenario files (TOML), reporting every problem with its place.

A scenario is written by a coach, so a mistake in it is expected input, not a
bug: each problem names the file, the line (tomllib gives it for syntax
errors; for everything else `locate` finds the key's line in the text) and
the fix. `validate_file` returns all problems at once for the `validate`
command; `load_scenario` raises the first as a `ScenarioError`.
"""

from __future__ import annotations

import difflib
import re
import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicecoach.core.scenario.locate import KeyPath, key_lines, line_of
from voicecoach.core.scenario.model import (
    LINE_KEYS,
    REQUIRED_LINE_KEYS,
    TRANSITION_EVENTS,
    Brief,
    Direction,
    Ending,
    EngineEvent,
    Guard,
    Interest,
    Persona,
    Scenario,
    State,
    Term,
    TermKind,
    Transition,
)
from voicecoach.errors import ScenarioError

TOP_KEYS = (
    "id", "title", "trainee_role", "counterpart_role", "silence_prompt_seconds", "max_turns",
    "initial_state", "brief", "persona", "counterpart", "terms", "lines", "states", "transitions",
)  # fmt: skip
BRIEF_KEYS = (
    "situation", "role", "goal", "target", "walk_away", "alternative", "time_budget_minutes",
)  # fmt: skip
PERSONA_KEYS = ("name", "voice", "rate_wpm", "temperament")
COUNTERPART_KEYS = ("pressures", "interests", "alternative_words")
INTEREST_KEYS = ("id", "reveal", "trade_words", "ask_words", "worth")
NUMBER_TERM_KEYS = (
    "id", "label", "kind", "words", "unit", "counterpart_prefers", "counterpart_target",
    "counterpart_limit", "trainee_target", "trainee_walk_away", "step", "round_to", "minimum",
    "maximum", "weight",
)  # fmt: skip
EXTRA_TERM_KEYS = ("id", "label", "kind", "words")
STATE_KEYS = ("lines", "transitions", "outcome")
TRANSITION_KEYS = ("on", "to", "if")
GLOBAL_TRANSITION_KEYS = ("from", "on", "to", "if")
UNITS = ("currency", "percent", "days", "weeks", "months", "years")
GUARD_REFS = ("turns", "revealed", "questions")
GUARD_OPS = ("<=", ">=", "==", "!=", "<", ">")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_VOICE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_+./-]*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class ScenarioProblem:
    """One thing wrong with a scenario file, with where it is and how to fix it."""

    path: str
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{place}: {self.message}; {self.fix}"


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


class _Checker:
    """Walks the parsed TOML once, collecting problems and building the model."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.problems: list[ScenarioProblem] = []

    def problem(self, where: KeyPath, message: str, fix: str) -> None:
        self.problems.append(ScenarioProblem(self.path, line_of(self.lines, where), message, fix))

    # ---- small typed readers --------------------------------------------------------
    def table(self, data: Any, where: KeyPath, name: str) -> dict[str, Any]:
        if isinstance(data, dict):
            return data
        self.problem(where, f"{name} must be a table", f"write it as [{name}] with keys below it")
        return {}

    def known_keys(self, data: Mapping[str, Any], allowed: Iterable[str], where: KeyPath) -> None:
        allowed = tuple(allowed)
        dotted = ".".join(str(p) for p in where if not isinstance(p, int))
        label = f"in [{dotted}]" if dotted else "at the top level"
        for key in data:
            if key in allowed:
                continue
            close = _suggest(key, allowed)
            fix = f"did you mean '{close}'?" if close else f"use one of: {', '.join(allowed)}"
            self.problem((*where, key), f"unknown key '{key}' {label}", fix)

    def text(
        self, data: Mapping[str, Any], key: str, where: KeyPath, default: str | None = None
    ) -> str:
        value = data.get(key)
        if value is None:
            if default is not None:
                return default
            self.problem(where, f"missing required field '{key}'", f'add {key} = "..."')
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(
                (*where, key), f"'{key}' must be a non-empty string", f'write {key} = "..."'
            )
            return ""
        return value.strip()

    def number(
        self, data: Mapping[str, Any], key: str, where: KeyPath, default: float | None = None
    ) -> float:
        value = data.get(key)
        if value is None:
            if default is not None:
                return default
            self.problem(where, f"missing required field '{key}'", f"add {key} = <number>")
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(
                (*where, key),
                f"'{key}' must be a number, not {value!r}",
                f"write {key} = 1500 (no quotes)",
            )
            return 0.0
        return float(value)

    def strings(
        self, data: Mapping[str, Any], key: str, where: KeyPath, required: bool = False
    ) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(
                    where, f"missing required field '{key}'", f'add {key} = ["...", "..."]'
                )
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(
                (*where, key),
                f"'{key}' must be a list of non-empty strings",
                f'write {key} = ["...", "..."]',
            )
            return ()
        if required and not value:
            self.problem((*where, key), f"'{key}' is empty", "give at least one entry")
        return tuple(v.strip() for v in value)

    def items(self, data: Mapping[str, Any], key: str, where: KeyPath) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(
                (*where, key),
                f"'{key}' must be an array of tables",
                "write each entry as "
                f"[[{'.'.join(str(p) for p in (*where, key) if not isinstance(p, int))}]]",
            )
            return []
        return value

    # ---- sections ---------------------------------------------------------------------
    def brief(self, data: Any) -> Brief:
        where: KeyPath = ("brief",)
        if data is None:
            self.problem(
                (),
                "missing required table [brief]",
                "add [brief] with situation, role, goal, target, walk_away, alternative, "
                "time_budget_minutes",
            )
            data = {}
        table = self.table(data, where, "brief")
        self.known_keys(table, BRIEF_KEYS, where)
        minutes = self.number(table, "time_budget_minutes", where)
        if table.get("time_budget_minutes") is not None and not 1 <= minutes <= 120:
            self.problem(
                (*where, "time_budget_minutes"),
                f"time_budget_minutes {minutes:g} is outside 1..120",
                "give the minutes a rehearsal should take, e.g. 10",
            )
        return Brief(
            situation=self.text(table, "situation", where),
            role=self.text(table, "role", where),
            goal=self.text(table, "goal", where),
            target=self.text(table, "target", where),
            walk_away=self.text(table, "walk_away", where),
            alternative=self.text(table, "alternative", where),
            time_budget_minutes=int(minutes),
        )

    def persona(self, data: Any) -> Persona:
        where: KeyPath = ("persona",)
        if data is None:
            self.problem(
                (),
                "missing required table [persona]",
                'add [persona] with name and voice (e.g. voice = "gmw/en-us")',
            )
            data = {}
        table = self.table(data, where, "persona")
        self.known_keys(table, PERSONA_KEYS, where)
        voice = self.text(table, "voice", where)
        if voice and not _VOICE.match(voice):
            self.problem(
                (*where, "voice"),
                f"voice {voice!r} is not a voice id",
                'use an espeak-ng voice such as "gmw/en-us", "gmw/en-gb-x-rp" or "en-us"',
            )
        rate = self.number(table, "rate_wpm", where, default=170)
        if not 80 <= rate <= 400:
            self.problem(
                (*where, "rate_wpm"),
                f"rate_wpm {rate:g} is outside 80..400",
                "use a speaking rate in words per minute, e.g. 170",
            )
        return Persona(
            name=self.text(table, "name", where),
            voice=voice,
            rate_wpm=int(rate),
            temperament=self.text(table, "temperament", where, default=""),
        )

    def term(self, data: dict[str, Any], index: int, seen: set[str]) -> Term | None:
        where: KeyPath = ("terms", index)
        kind_text = data.get("kind", "number")
        if kind_text not in ("number", "extra"):
            self.problem(
                (*where, "kind"),
                f"term kind {kind_text!r} is not known",
                'use kind = "number" or kind = "extra"',
            )
            return None
        kind = TermKind(kind_text)
        self.known_keys(
            data, NUMBER_TERM_KEYS if kind is TermKind.NUMBER else EXTRA_TERM_KEYS, where
        )
        term_id = self.text(data, "id", where)
        if term_id and not _ID.match(term_id):
            self.problem(
                (*where, "id"),
                f"term id {term_id!r} has characters a placeholder cannot use",
                "use lower case letters, digits, _ and -",
            )
        if term_id in seen:
            self.problem(
                (*where, "id"), f"term id '{term_id}' is used twice", "give each term its own id"
            )
        seen.add(term_id)
        label = self.text(data, "label", where, default=term_id.replace("_", " "))
        words = self.strings(data, "words", where)
        if kind is TermKind.EXTRA:
            if not words:
                self.problem(
                    where,
                    f"extra '{term_id}' has no 'words'",
                    f'add words = ["{term_id}"] so the engine hears when it is asked for',
                )
            return Term(id=term_id, label=label, kind=kind, words=words)
        unit = data.get("unit")
        if unit is not None and unit not in UNITS:
            close = _suggest(str(unit), UNITS)
            self.problem(
                (*where, "unit"),
                f"unit {unit!r} is not known",
                f"did you mean '{close}'?" if close else f"use one of: {', '.join(UNITS)}",
            )
            unit = None
        prefers_text = data.get("counterpart_prefers")
        if prefers_text not in ("high", "low"):
            if prefers_text is None:
                self.problem(
                    where,
                    "missing required field 'counterpart_prefers'",
                    'add counterpart_prefers = "high" (a seller\'s price) or "low" (a buyer\'s '
                    "price)",
                )
            else:
                self.problem(
                    (*where, "counterpart_prefers"),
                    f"counterpart_prefers {prefers_text!r} is not a direction",
                    'use "high" or "low"',
                )
            prefers_text = "high"
        prefers = Direction(prefers_text)
        target = self.number(data, "counterpart_target", where)
        limit = self.number(data, "counterpart_limit", where)
        trainee_target = self.number(data, "trainee_target", where)
        trainee_walk = self.number(data, "trainee_walk_away", where)
        step = self.number(data, "step", where)
        if "step" in data and step <= 0:
            self.problem(
                (*where, "step"),
                f"step {step:g} must be above 0",
                "give the counterpart's first concession, e.g. 500",
            )
        if "counterpart_target" in data and "counterpart_limit" in data:
            wrong = target < limit if prefers is Direction.HIGH else target > limit
            if wrong:
                side = "below" if prefers is Direction.HIGH else "above"
                self.problem(
                    (*where, "counterpart_target"),
                    f"counterpart_target {target:g} is {side} counterpart_limit {limit:g} "
                    f"although the counterpart prefers {prefers} numbers",
                    "swap the two numbers or change counterpart_prefers",
                )
        if "trainee_target" in data and "trainee_walk_away" in data:
            wrong = (
                trainee_target > trainee_walk
                if prefers is Direction.HIGH
                else trainee_target < trainee_walk
            )
            if wrong:
                side = "above" if prefers is Direction.HIGH else "below"
                self.problem(
                    (*where, "trainee_target"),
                    f"trainee_target {trainee_target:g} is {side} trainee_walk_away "
                    f"{trainee_walk:g} although the trainee prefers {prefers.opposite} numbers",
                    "swap the two numbers or change counterpart_prefers",
                )
        values = [v for v in (target, limit, trainee_target, trainee_walk) if v > 0] or [1.0]
        minimum = self.number(data, "minimum", where, default=min(values) / 4)
        maximum = self.number(data, "maximum", where, default=max(values) * 4)
        if minimum >= maximum:
            self.problem(
                (*where, "minimum"),
                f"minimum {minimum:g} is not below maximum {maximum:g}",
                "set the range of numbers that can mean this term",
            )
        return Term(
            id=term_id, label=label, kind=kind, words=words, unit=unit, counterpart_prefers=prefers,
            counterpart_target=target, counterpart_limit=limit, trainee_target=trainee_target,
            trainee_walk_away=trainee_walk, step=step,
            round_to=self.number(data, "round_to", where, default=1.0) or 1.0,
            minimum=minimum, maximum=maximum,
            weight=self.number(data, "weight", where, default=1.0),
        )  # fmt: skip

    def lines_table(self, data: Any, where: KeyPath) -> dict[str, tuple[str, ...]]:
        table = self.table(data, where, ".".join(str(p) for p in where))
        self.known_keys(table, LINE_KEYS, where)
        result: dict[str, tuple[str, ...]] = {}
        for key in table:
            if key in LINE_KEYS:
                variants = self.strings(table, key, where, required=True)
                if variants:
                    result[key] = variants
        return result

    def transition(
        self, data: dict[str, Any], where: KeyPath, allowed: tuple[str, ...]
    ) -> Transition | None:
        self.known_keys(data, allowed, where)
        on = self.strings(data, "on", where, required=True)
        for event in on:
            if event not in TRANSITION_EVENTS:
                close = _suggest(event, TRANSITION_EVENTS)
                fix = (
                    f"did you mean '{close}'?"
                    if close
                    else f"use one of: {', '.join(TRANSITION_EVENTS)}"
                )
                self.problem((*where, "on"), f"transition on unknown event '{event}'", fix)
        to = self.text(data, "to", where)
        guard_text = data.get("if", "")
        guards: list[Guard] = []
        if not isinstance(guard_text, str):
            self.problem(
                (*where, "if"), "'if' must be a string", 'write if = "offer.price >= 16000"'
            )
            guard_text = ""
        elif guard_text.strip():
            for clause in guard_text.split(" and "):
                guard = _parse_guard(clause.strip())
                if guard is None:
                    self.problem(
                        (*where, "if"),
                        f"guard '{clause.strip()}' cannot be read",
                        'write "<offer.TERM|table.TERM|turns|revealed|questions> <op> '
                        '<number|limit.TERM|target.TERM|...>", clauses joined by "and"',
                    )
                else:
                    guards.append(guard)
        if not on or not to:
            return None
        return Transition(on=on, to=to, guards=tuple(guards), guard_text=guard_text.strip())

    def check_guard_refs(
        self, transition: Transition, where: KeyPath, numeric_ids: set[str]
    ) -> None:
        for guard in transition.guards:
            for ref in (guard.left, guard.right):
                if _NUMBER.match(ref) or ref in GUARD_REFS:
                    continue
                prefix, _, term_id = ref.partition(".")
                if (
                    prefix not in ("offer", "table", "limit", "target")
                    or term_id not in numeric_ids
                ):
                    close = _suggest(
                        ref,
                        [
                            f"{p}.{t}"
                            for p in ("offer", "table", "limit", "target")
                            for t in numeric_ids
                        ]
                        + list(GUARD_REFS),
                    )
                    self.problem(
                        (*where, "if"),
                        f"guard names '{ref}', which has no value",
                        f"did you mean '{close}'?"
                        if close
                        else "name offer.TERM, table.TERM, limit.TERM, target.TERM, turns, "
                        "revealed or questions",
                    )

    def placeholders(self, variants: Iterable[str], where: KeyPath, allowed: set[str]) -> None:
        formatter = string.Formatter()
        for text in variants:
            try:
                fields = [
                    (name, spec, conv)
                    for _, name, spec, conv in formatter.parse(text)
                    if name is not None
                ]
            except ValueError as error:
                self.problem(
                    where,
                    f"line {text!r} has a broken placeholder ({error})",
                    "write placeholders as {price}; double a brace {{ to say it literally",
                )
                continue
            for name, spec, conv in fields:
                if name not in allowed or spec or conv:
                    close = _suggest(name, sorted(allowed))
                    hint = (
                        f"did you mean {{{close}}}?"
                        if close
                        else f"use one of: {', '.join('{' + a + '}' for a in sorted(allowed))}"
                    )
                    self.problem(where, f"placeholder {{{name}}} has no value", hint)


def _parse_guard(clause: str) -> Guard | None:
    for op in GUARD_OPS:
        if op in clause:
            left, _, right = clause.partition(op)
            left, right = left.strip(), right.strip()
            if left and right and " " not in left and " " not in right:
                return Guard(left, op, right)
            return None
    return None


def _placeholder_names(terms: Iterable[Term]) -> set[str]:
    names = {"name"}
    for term in terms:
        names.update({term.id, f"term.{term.id}"})
        if term.kind is TermKind.NUMBER:
            names.add(f"offer.{term.id}")
    return names


def parse_scenario(
    text: str, path: str = "<scenario>"
) -> tuple[Scenario | None, list[ScenarioProblem]]:
    """Parse TOML text into a Scenario and every problem found (the model only when none)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line = int(found.group(1)) if found else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error)) or "invalid TOML"
        column = f" at column {found.group(2)}" if found else ""
        if "(at end of document)" in reason:
            line = max(1, len(text.splitlines()))
            reason = reason.replace(" (at end of document)", "")
            column = " at the end of the file"
        reason = reason[:1].lower() + reason[1:]
        return None, [
            ScenarioProblem(
                path,
                line,
                f"TOML syntax error{column}: {reason}",
                "fix the TOML there: quote text values, one key = value per line, [table] "
                "headers on their own line",
            )
        ]
    check = _Checker(text, path)
    check.known_keys(raw, TOP_KEYS, ())
    scenario_id = check.text(raw, "id", ())
    if scenario_id and not _ID.match(scenario_id):
        check.problem(
            ("id",),
            f"id {scenario_id!r} is not a valid scenario id",
            "use lower case letters, digits and -, like the file name",
        )
    title = check.text(raw, "title", ())
    trainee_role = check.text(raw, "trainee_role", ())
    counterpart_role = check.text(raw, "counterpart_role", ())
    brief = check.brief(raw.get("brief"))
    persona = check.persona(raw.get("persona"))
    silence = check.number(raw, "silence_prompt_seconds", (), default=8.0)
    if silence <= 0:
        check.problem(
            ("silence_prompt_seconds",),
            f"silence_prompt_seconds {silence:g} must be above 0",
            "use a few seconds, e.g. 8",
        )
    max_turns = check.number(raw, "max_turns", (), default=16)
    if max_turns < 2:
        check.problem(
            ("max_turns",),
            f"max_turns {max_turns:g} is too small",
            "allow at least 2 trainee turns, e.g. 16",
        )

    counterpart = check.table(raw.get("counterpart", {}), ("counterpart",), "counterpart")
    check.known_keys(counterpart, COUNTERPART_KEYS, ("counterpart",))
    pressures = check.strings(counterpart, "pressures", ("counterpart",))
    alternative_words = check.strings(counterpart, "alternative_words", ("counterpart",))
    interests: list[Interest] = []
    for index, item in enumerate(check.items(counterpart, "interests", ("counterpart",))):
        where: KeyPath = ("counterpart", "interests", index)
        check.known_keys(item, INTEREST_KEYS, where)
        worth = check.number(item, "worth", where, default=2.0)
        if worth < 1:
            check.problem(
                (*where, "worth"),
                f"worth {worth:g} is below 1",
                "a trade on an interest is worth at least a plain trade: use 1.5 to 3",
            )
        interests.append(Interest(
            id=check.text(item, "id", where),
            reveal=check.strings(item, "reveal", where, required=True),
            trade_words=check.strings(item, "trade_words", where, required=True),
            ask_words=check.strings(item, "ask_words", where), worth=worth,
        ))  # fmt: skip

    terms: list[Term] = []
    seen_terms: set[str] = set()
    raw_terms = check.items(raw, "terms", ())
    if not raw_terms and "terms" not in raw:
        check.problem(
            (),
            "missing required [[terms]]",
            'add at least one [[terms]] with id = "price", kind = "number" and its numbers',
        )
    for index, item in enumerate(raw_terms):
        term = check.term(item, index, seen_terms)
        if term is not None:
            terms.append(term)
    if raw_terms and not any(t.kind is TermKind.NUMBER for t in terms):
        check.problem(
            ("terms",),
            "no numeric term",
            'add a [[terms]] with kind = "number" (price, salary, days...)',
        )
    numeric_ids = {t.id for t in terms if t.kind is TermKind.NUMBER}
    allowed_names = _placeholder_names(terms)

    global_lines = check.lines_table(raw.get("lines", {}), ("lines",)) if "lines" in raw else {}
    for key, variants in global_lines.items():
        names = allowed_names | ({"extra"} if key in ("extra", "extra_ask") else set())
        check.placeholders(variants, ("lines", key), names)
    for index, interest in enumerate(interests):
        check.placeholders(
            interest.reveal, ("counterpart", "interests", index, "reveal"), allowed_names
        )

    states_raw = check.table(raw.get("states", {}), ("states",), "states")
    if not states_raw:
        check.problem(
            (),
            "missing required [states]",
            'add [states.opening], [states.bargaining] and end states with outcome = "deal", '
            '"impasse" and "walk_away"',
        )
    states: dict[str, State] = {}
    for state_id, body in states_raw.items():
        where = ("states", state_id)
        table = check.table(body, where, f"states.{state_id}")
        check.known_keys(table, STATE_KEYS, where)
        outcome_text = table.get("outcome")
        outcome: Ending | None = None
        if outcome_text is not None:
            if outcome_text in tuple(Ending):
                outcome = Ending(outcome_text)
            else:
                check.problem(
                    (*where, "outcome"),
                    f"outcome {outcome_text!r} is not known",
                    'use "deal", "impasse" or "walk_away"',
                )
        lines = check.lines_table(table.get("lines", {}), (*where, "lines"))
        for key, variants in lines.items():
            names = allowed_names | ({"extra"} if key in ("extra", "extra_ask") else set())
            check.placeholders(variants, (*where, "lines", key), names)
        transitions: list[Transition] = []
        for index, item in enumerate(check.items(table, "transitions", where)):
            transition = check.transition(item, (*where, "transitions", index), TRANSITION_KEYS)
            if transition is not None:
                check.check_guard_refs(transition, (*where, "transitions", index), numeric_ids)
                transitions.append(transition)
        states[state_id] = State(
            id=state_id, lines=lines, transitions=tuple(transitions), outcome=outcome
        )

    global_transitions: list[tuple[tuple[str, ...], Transition, KeyPath]] = []
    for index, item in enumerate(check.items(raw, "transitions", ())):
        where = ("transitions", index)
        sources = check.strings(item, "from", where) or ("*",)
        transition = check.transition(item, where, GLOBAL_TRANSITION_KEYS)
        if transition is not None:
            check.check_guard_refs(transition, where, numeric_ids)
            global_transitions.append((sources, transition, where))
            for source in sources:
                if source != "*" and source not in states_raw:
                    close = _suggest(source, states_raw)
                    check.problem(
                        (*where, "from"),
                        f"transition from unknown state '{source}'",
                        f"did you mean '{close}'?"
                        if close
                        else f'use one of: {", ".join(states_raw)} or "*"',
                    )

    initial = raw.get("initial_state", next(iter(states), ""))
    if states and initial not in states:
        close = _suggest(str(initial), states)
        check.problem(
            ("initial_state",),
            f"initial_state '{initial}' is not a state",
            f"did you mean '{close}'?" if close else f"use one of: {', '.join(states)}",
        )
    _check_graph(check, states, global_transitions, initial, global_lines)

    if check.problems:
        return None, check.problems
    scenario = Scenario(
        id=scenario_id, title=title, brief=brief, trainee_role=trainee_role,
        counterpart_role=counterpart_role, persona=persona, terms=tuple(terms), states=states,
        initial_state=initial, lines=global_lines, interests=tuple(interests), pressures=pressures,
        alternative_words=alternative_words,
        global_transitions=tuple(_global_for(sources, t) for sources, t, _ in global_transitions),
        silence_prompt_seconds=silence, max_turns=int(max_turns),
        path=None if path.startswith("<") else Path(path),
    )  # fmt: skip
    return scenario, []


def _global_for(sources: tuple[str, ...], transition: Transition) -> Transition:
    """A top-level transition remembers which states it leaves from ("*" for all)."""
    return Transition(
        on=transition.on,
        to=transition.to,
        guards=transition.guards,
        guard_text=transition.guard_text,
        sources=sources,
    )


def _check_graph(
    check: _Checker,
    states: dict[str, State],
    global_transitions: list[tuple[tuple[str, ...], Transition, KeyPath]],
    initial: str,
    global_lines: dict[str, tuple[str, ...]],
) -> None:
    """Targets exist, every state is reachable, every talk state can end, lines resolve."""
    if not states:
        return
    for state in states.values():
        for index, transition in enumerate(state.transitions):
            if transition.to not in states:
                close = _suggest(transition.to, states)
                check.problem(
                    ("states", state.id, "transitions", index, "to"),
                    f"transition to unknown state '{transition.to}'",
                    f"did you mean '{close}'?" if close else f"use one of: {', '.join(states)}",
                )
        if state.is_end and state.transitions:
            check.problem(
                ("states", state.id, "transitions"),
                f"end state '{state.id}' has transitions",
                "remove them: an end state finishes the run",
            )
    for _, transition, where in global_transitions:
        if transition.to not in states:
            close = _suggest(transition.to, states)
            check.problem(
                (*where, "to"),
                f"transition to unknown state '{transition.to}'",
                f"did you mean '{close}'?" if close else f"use one of: {', '.join(states)}",
            )

    def outgoing(state_id: str) -> list[Transition]:
        own = list(states[state_id].transitions)
        if states[state_id].is_end:
            return own
        own += [t for sources, t, _ in global_transitions if "*" in sources or state_id in sources]
        return own

    for ending in Ending:
        if not any(state.outcome is ending for state in states.values()):
            check.problem(
                ("states",),
                f'no end state with outcome = "{ending}"',
                f'add [states.{ending}] with outcome = "{ending}" and lines.final',
            )
    if initial not in states:
        return
    reachable = {initial}
    frontier = [initial]
    while frontier:
        for transition in outgoing(frontier.pop()):
            if transition.to in states and transition.to not in reachable:
                reachable.add(transition.to)
                frontier.append(transition.to)
    for state_id in states:
        if state_id not in reachable:
            check.problem(
                ("states", state_id),
                f"state '{state_id}' cannot be reached from '{initial}'",
                f'add a transition with to = "{state_id}" or remove the state',
            )
    for state_id, state in states.items():
        if state.is_end:
            if "final" not in state.lines:
                check.problem(
                    ("states", state_id),
                    f"end state '{state_id}' has no lines.final",
                    f'add lines.final = ["..."] under [states.{state_id}]',
                )
            continue
        events = {event for t in outgoing(state_id) for event in t.on}
        if not outgoing(state_id):
            check.problem(
                ("states", state_id),
                f"state '{state_id}' has no way out",
                "add [[states."
                + state_id
                + '.transitions]] or a top-level [[transitions]] from = "*"',
            )
        else:
            seen = {state_id}
            frontier = [state_id]
            ends = False
            while frontier and not ends:
                for transition in outgoing(frontier.pop()):
                    target = states.get(transition.to)
                    if target is None or transition.to in seen:
                        continue
                    ends = ends or target.is_end
                    seen.add(transition.to)
                    frontier.append(transition.to)
            if not ends:
                check.problem(
                    ("states", state_id),
                    f"state '{state_id}' has no way out to an end state",
                    "add a transition that leads to a state with an outcome",
                )
        for event in (EngineEvent.DEAL, EngineEvent.LEFT, EngineEvent.STALLED):
            if event not in events and EngineEvent.ANY not in events:
                check.problem(
                    ("states", state_id),
                    f"state '{state_id}' has no transition on '{event}'",
                    f'add a top-level [[transitions]] with on = ["{event}"] and from = "*"',
                )
        for key in REQUIRED_LINE_KEYS:
            if key not in state.lines and key not in global_lines:
                check.problem(
                    ("states", state_id),
                    f"state '{state_id}' has no '{key}' lines",
                    f'add lines.{key} = ["..."] under [states.{state_id}] or {key} = [...] under '
                    "[lines]",
                )
    if initial in states and "open" not in states[initial].lines and "open" not in global_lines:
        check.problem(
            ("states", initial),
            f"initial state '{initial}' has no 'open' lines",
            f'add lines.open = ["..."] under [states.{initial}]',
        )


def validate_text(text: str, path: str = "<scenario>") -> list[ScenarioProblem]:
    """All problems of a scenario given as text (empty when it is valid)."""
    return parse_scenario(text, path)[1]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(
            f"{path}: no such file; check the path or run 'voicecoach scenarios list'"
        ) from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{path}: not UTF-8 text; save the scenario as UTF-8") from None
    except OSError as error:
        raise ScenarioError(
            f"{path}: cannot be read ({error.strerror}); check its permissions"
        ) from None


def validate_file(path: Path) -> list[ScenarioProblem]:
    """Every problem of one file, for `voicecoach scenarios validate`."""
    try:
        text = _read(Path(path))
    except ScenarioError as error:
        return [
            ScenarioProblem(
                str(path),
                None,
                error.message.partition(": ")[2].partition(";")[0],
                error.message.partition("; ")[2],
            )
        ]
    return validate_text(text, str(path))


def load_scenario(path: Path) -> Scenario:
    """Load one scenario file or raise ScenarioError naming the file, the line and the fix."""
    path = Path(path)
    scenario, problems = parse_scenario(_read(path), str(path))
    if scenario is None:
        more = (
            f" (+{len(problems) - 1} more: run 'voicecoach scenarios validate {path}')"
            if len(problems) > 1
            else ""
        )
        raise ScenarioError(f"{problems[0]}{more}")
    return scenario

"""Scenarios: the model, the loader with validation, and the counterpart's state machine.

Public API (see docs/architecture.md, "Scenario engine"): load and find
scenarios, run one with `ScenarioRun`, and read its `Say` / `Finish` effects.
"""

from voicecoach.core.scenario.engine import Effect, Finish, Say, ScenarioRun
from voicecoach.core.scenario.graph import mermaid
from voicecoach.core.scenario.intents import TurnReading, read_turn
from voicecoach.core.scenario.library import (
    ScenarioEntry,
    bundled_scenarios_dir,
    discover_scenarios,
    find_scenario,
)
from voicecoach.core.scenario.loader import (
    ScenarioProblem,
    load_scenario,
    parse_scenario,
    validate_file,
    validate_text,
)
from voicecoach.core.scenario.model import (
    Brief,
    Direction,
    Ending,
    Intent,
    Interest,
    Move,
    Persona,
    Scenario,
    State,
    Term,
    TermKind,
    Transition,
)

__all__ = [
    "Brief", "Direction", "Effect", "Ending", "Finish", "Intent", "Interest", "Move", "Persona",
    "Say", "Scenario", "ScenarioEntry", "ScenarioProblem", "ScenarioRun", "State", "Term",
    "TermKind", "Transition", "TurnReading", "bundled_scenarios_dir", "discover_scenarios",
    "find_scenario", "load_scenario", "mermaid", "parse_scenario", "read_turn", "validate_file",
    "validate_text",
]  # fmt: skip

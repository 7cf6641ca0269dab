"""Mermaid text of a scenario's states and transitions, for `voicecoach scenarios graph`."""

from __future__ import annotations

import re

from voicecoach.core.scenario.model import Scenario


def _node(state_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", state_id)


def _label(on: tuple[str, ...], guard_text: str) -> str:
    label = ", ".join(on)
    if guard_text:
        # Mermaid reads "<" and ">" in labels as markup; its entity codes keep them literal
        label += f" [{guard_text.replace('<', '#lt;').replace('>', '#gt;')}]"
    return label


def mermaid(scenario: Scenario) -> str:
    """A `stateDiagram-v2` a coach can paste into any Mermaid viewer."""
    lines = ["stateDiagram-v2", f"    [*] --> {_node(scenario.initial_state)}"]
    for state in scenario.states.values():
        if state.is_end:
            lines.append(f"    {_node(state.id)} --> [*]: {state.outcome}")
    for state in scenario.states.values():
        if state.id != _node(state.id):
            lines.append(f'    state "{state.id}" as {_node(state.id)}')
        for transition in state.transitions:
            label = _label(transition.on, transition.guard_text)
            lines.append(f"    {_node(state.id)} --> {_node(transition.to)}: {label}")
    for transition in scenario.global_transitions:
        sources = [
            s.id for s in scenario.states.values() if not s.is_end and transition.leaves(s.id)
        ]
        label = _label(transition.on, transition.guard_text)
        for source in sources:
            if source != transition.to:
                lines.append(f"    {_node(source)} --> {_node(transition.to)}: {label}")
    return "\n".join(lines) + "\n"

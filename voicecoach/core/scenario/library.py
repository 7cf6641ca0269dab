"""Where scenarios live: the bundled library and the user's own folder.

Discovery never raises for a broken file: the app and `scenarios list` show
it as broken with its first error, so one typo does not hide the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import voicecoach
from voicecoach.core.scenario.loader import load_scenario
from voicecoach.core.scenario.model import Scenario
from voicecoach.errors import ScenarioError

USER_DIR_ENV = "VOICECOACH_SCENARIOS_DIR"


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario file found: loaded, or broken with its first error."""

    id: str
    path: Path
    scenario: Scenario | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def bundled_scenarios_dir() -> Path:
    """The repository's `scenarios/` folder (data, not code)."""
    return Path(voicecoach.__file__).resolve().parents[1] / "scenarios"


def default_dirs() -> list[Path]:
    """Bundled scenarios, then the user's folder from VOICECOACH_SCENARIOS_DIR when set."""
    dirs = [bundled_scenarios_dir()]
    user = os.environ.get(USER_DIR_ENV)
    if user:
        dirs.append(Path(user).expanduser())
    return dirs


def discover_scenarios(dirs: Iterable[Path] | None = None) -> list[ScenarioEntry]:
    """Every `*.toml` in `dirs` (default: bundled + user), sorted by id within each folder."""
    entries: list[ScenarioEntry] = []
    seen: dict[str, Path] = {}
    for folder in default_dirs() if dirs is None else [Path(d) for d in dirs]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                scenario = load_scenario(path)
            except ScenarioError as error:
                entries.append(ScenarioEntry(path.stem, path, None, error.message))
                continue
            if scenario.id in seen:
                message = (
                    f"{path}: id '{scenario.id}' is already used by {seen[scenario.id]}; "
                    "give this scenario its own id"
                )
                entries.append(ScenarioEntry(scenario.id, path, None, message))
                continue
            seen[scenario.id] = path
            entries.append(ScenarioEntry(scenario.id, path, scenario, None))
    return entries


def find_scenario(id_or_path: str | Path, dirs: Iterable[Path] | None = None) -> Scenario:
    """A scenario by id (from the known folders) or by file path."""
    text = str(id_or_path)
    candidate = Path(text).expanduser()
    if text.endswith(".toml") or candidate.is_file():
        return load_scenario(candidate)
    entries = discover_scenarios(dirs)
    for entry in entries:
        if entry.id == text:
            if entry.scenario is None:
                raise ScenarioError(entry.error or f"scenario '{text}' is broken")
            return entry.scenario
    known = ", ".join(sorted(e.id for e in entries if e.ok)) or "none"
    raise ScenarioError(
        f"no scenario with id '{text}'; known ids: {known} (or give the path of a .toml file)"
    )

"""`voicecoach scenarios`: list, show, validate, graph and start new scenario files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from voicecoach.core.scenario import (
    ScenarioEntry,
    discover_scenarios,
    find_scenario,
    mermaid,
    validate_file,
)
from voicecoach.core.scenario.library import USER_DIR_ENV, default_dirs
from voicecoach.core.scenario.template import TEMPLATE
from voicecoach.errors import ScenarioError, UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="list, show, validate and create role-play scenarios",
        description="Work with scenario files: the bundled library plus your own folder "
        f"(env {USER_DIR_ENV}).",
    )
    commands = parser.add_subparsers(dest="scenarios_command", metavar="ACTION")

    listing = commands.add_parser(
        "list", help="list the scenarios found, broken ones with their first error",
        description="List every scenario found; a broken file is listed with its first error.",
    )  # fmt: skip
    listing.add_argument(
        "--json", action="store_true", help="print a JSON array instead of a table"
    )
    listing.set_defaults(handler=run_list)

    show = commands.add_parser(
        "show", help="print a scenario's brief, as the trainee sees it",
        description="Print the trainee's brief of a scenario; the counterpart's side stays "
        "hidden.",
    )  # fmt: skip
    show.add_argument("scenario", metavar="ID", help="a scenario id or the path of a .toml file")
    show.set_defaults(handler=run_show)

    validate = commands.add_parser(
        "validate", help="check scenario files and report every problem with its line and fix",
        description="Check scenario files. With no PATH, checks every scenario found. "
        "Exit code 0 when all are valid, 3 otherwise.",
    )  # fmt: skip
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders of .toml files"
    )
    validate.set_defaults(handler=run_validate)

    graph = commands.add_parser(
        "graph", help="print the states and transitions as a Mermaid diagram",
        description="Print a Mermaid stateDiagram of a scenario's states and transitions.",
    )  # fmt: skip
    graph.add_argument("scenario", metavar="ID", help="a scenario id or the path of a .toml file")
    graph.set_defaults(handler=run_graph)

    new = commands.add_parser(
        "new", help="print a commented template for a new scenario",
        description="Print a commented scenario template that validates; redirect it to a file "
        "and edit it (docs/scenarios.md explains every key).",
    )  # fmt: skip
    new.set_defaults(handler=run_new)
    parser.set_defaults(handler=lambda args: _help(parser))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _entry_dict(entry: ScenarioEntry) -> dict[str, Any]:
    scenario = entry.scenario
    data: dict[str, Any] = {
        "id": entry.id,
        "path": str(entry.path),
        "ok": entry.ok,
        "error": entry.error,
    }
    if scenario is not None:
        data.update(
            title=scenario.title,
            trainee_role=scenario.trainee_role,
            counterpart_role=scenario.counterpart_role,
            counterpart=scenario.persona.name,
            voice=scenario.persona.voice,
            time_budget_minutes=scenario.brief.time_budget_minutes,
            terms=[term.id for term in scenario.terms],
        )
    return data


def run_list(args: argparse.Namespace) -> int:
    entries = discover_scenarios()
    if args.json:
        print(json.dumps([_entry_dict(e) for e in entries], indent=2))
        return 0
    if not entries:
        folders = ", ".join(str(d) for d in default_dirs())
        print(f"no scenarios found in {folders}; create one with 'voicecoach scenarios new'")
        return 0
    width = max(len(e.id) for e in entries)
    for entry in entries:
        if entry.scenario is not None:
            s = entry.scenario
            print(f"{entry.id:<{width}}  {s.title} ({s.trainee_role} vs {s.persona.name}, "
                  f"{s.brief.time_budget_minutes} min)")  # fmt: skip
        else:
            print(f"{entry.id:<{width}}  BROKEN: {entry.error}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    scenario = find_scenario(args.scenario)
    print(scenario.title)
    print(f"You are the {scenario.trainee_role}; {scenario.persona.name} is the "
          f"{scenario.counterpart_role}.")  # fmt: skip
    for line in scenario.brief.as_lines():
        print(line)
    return 0


def _files(paths: list[str]) -> list[Path]:
    if not paths:
        return [entry.path for entry in discover_scenarios()]
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{name}: no such file or folder; give scenario files or folders")
    return files


def run_validate(args: argparse.Namespace) -> int:
    files = _files(args.paths)
    failed = 0
    for path in files:
        problems = validate_file(path)
        if problems:
            failed += 1
            for problem in problems:
                print(problem)
        else:
            print(f"{path}: ok")
    if failed:
        print(f"{failed} of {len(files)} scenario files have problems", file=sys.stderr)
        return ScenarioError.exit_code
    return 0


def run_graph(args: argparse.Namespace) -> int:
    sys.stdout.write(mermaid(find_scenario(args.scenario)))
    return 0


def run_new(args: argparse.Namespace) -> int:
    sys.stdout.write(TEMPLATE)
    return 0

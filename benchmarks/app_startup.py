"""Start-up time of the app to an interactive screen (target: under 1.5 s on 2 cores).

Each run launches a fresh Python process exactly as `voicecoach app` would
build the app (real composition root, default options: microphone input, so
the recogniser and voice load in a background worker), runs it headless, and
reports when the scenario picker lists scenarios and has focus (interactive),
and, apart, when the background load of recogniser and voice finished
(`engines_loaded`; on a machine without speakers the voice part ends in a
notice, which the app shows without blocking).

    .venv/bin/python benchmarks/app_startup.py [--runs 5] [-- extra app options]

Times are wall-clock from launching the process, so they include the Python
interpreter's own start and every import; `cpu_to_interactive` is the CPU time
the process used until then (user + system), which a busy machine does not inflate.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import json, resource, sys, time
from voicecoach.cli import build_parser
from voicecoach.cli.app import build_app
from voicecoach.tui.screens.picker import PickerScreen

args = build_parser().parse_args(["app", *json.loads(sys.argv[1])])
app = build_app(args)
marks = {}

async def measure(pilot):
    while not (isinstance(app.screen, PickerScreen) and app.screen.entries and app.focused):
        await pilot.pause(0.005)
    marks["interactive"] = time.time()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    marks["cpu_seconds_to_interactive"] = usage.ru_utime + usage.ru_stime
    while app.engines_loading:
        await pilot.pause(0.02)
    marks["engines_loaded"] = time.time()
    app.exit()

app.run(headless=True, auto_pilot=measure)
print("MARKS " + json.dumps(marks), flush=True)
"""


def run_once(app_options: list[str]) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("VOICECOACH_DATA_DIR", tempfile.mkdtemp(prefix="voicecoach-startup-"))
    launched = time.time()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(app_options)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("MARKS "))
    marks = json.loads(line.removeprefix("MARKS "))
    cpu = marks.pop("cpu_seconds_to_interactive")
    return {**{name: at - launched for name, at in marks.items()}, "cpu_to_interactive": cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("app_options", nargs="*", help="options for `voicecoach app`")
    args = parser.parse_args()
    runs = [run_once(args.app_options) for _ in range(args.runs)]
    for name in ("interactive", "engines_loaded", "cpu_to_interactive"):
        values = sorted(run[name] for run in runs)
        print(
            f"{name:18s} median {statistics.median(values):.3f} s  "
            f"max {values[-1]:.3f} s  (runs: {', '.join(f'{v:.3f}' for v in values)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

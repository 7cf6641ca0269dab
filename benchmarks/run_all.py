"""Run every benchmark of the README's table in turn: what `make bench` does.

    .venv/bin/python benchmarks/run_all.py             # all of them, about 10 minutes
    .venv/bin/python benchmarks/run_all.py --list      # what would run, and what is left out
    .venv/bin/python benchmarks/run_all.py --only feedback_eval feedback_speed

Each benchmark runs as its own process with its defaults, its output passed
through as it comes, so one that fails or lacks a tool (valgrind, tmux,
PulseAudio) does not stop the rest. A summary of how each ended and how long
it took is printed at the end; the exit code is 1 if any failed. Why a
separate runner and not pytest: speed and memory are measured, not asserted
(a shared machine makes timed assertions flaky), and the numbers go into the
README by hand.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Benchmark:
    name: str
    args: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # programs that must be on PATH
    one_core: bool = False  # pinned to one core with taskset when it is there

    def command(self) -> list[str]:
        command = [sys.executable, str(HERE / f"{self.name}.py"), *self.args]
        if self.one_core and shutil.which("taskset"):
            command = ["taskset", "-c", "0", *command]
        return command

    def missing(self) -> list[str]:
        return [program for program in self.needs if shutil.which(program) is None]


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("feedback_eval"),
    Benchmark("overreach_eval"),
    Benchmark("labeller_agreement"),
    Benchmark("feedback_speed", ("--seconds", "3"), one_core=True),
    Benchmark("feedback_speed", ("--seconds", "3", "--sessions"), one_core=True),
    Benchmark("feedback_instructions", needs=("valgrind",)),
    Benchmark("asr_rtf"),
    Benchmark("prosody_calibration", needs=("sox",)),
    Benchmark("voice_latency", ("--cold", "3"), needs=("pulseaudio", "pactl")),
    Benchmark("reply_latency", needs=("pulseaudio", "pactl", "flite")),
    Benchmark("app_startup", ("--runs", "3")),
    Benchmark("startup", ("--runs", "3"), needs=("tmux",)),
)

# In benchmarks/ but not run here, and why.
LEFT_OUT: dict[str, str] = {
    "overreach_ceiling": "needs torch and a sentence encoder, which are not dependencies",
    "train_overreach_model": "builds the heat model; it measures nothing",
    "run_all": "this runner",
}


def label(benchmark: Benchmark) -> str:
    return " ".join((benchmark.name, *benchmark.args))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print what would run, then stop")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these benchmarks (file names, no .py)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = list(BENCHMARKS)
    if args.only:
        known = {benchmark.name for benchmark in BENCHMARKS}
        unknown = sorted(set(args.only) - known)
        if unknown:
            print(
                f"error: no benchmark named {', '.join(unknown)}; "
                f"choose from {', '.join(sorted(known))}",
                file=sys.stderr,
            )
            return 2
        chosen = [benchmark for benchmark in BENCHMARKS if benchmark.name in args.only]
    if args.list:
        for benchmark in chosen:
            missing = benchmark.missing()
            note = f"  (skipped here: no {', '.join(missing)})" if missing else ""
            print(f"run   {' '.join(benchmark.command())}{note}")
        for name, why in LEFT_OUT.items():
            print(f"not   {name}: {why}")
        return 0

    results: list[tuple[str, str, float]] = []
    for number, benchmark in enumerate(chosen, 1):
        print(f"\n=== [{number}/{len(chosen)}] {label(benchmark)}", flush=True)
        missing = benchmark.missing()
        if missing:
            print(f"skipped: {', '.join(missing)} not installed (make setup installs them)")
            results.append((label(benchmark), "skipped", 0.0))
            continue
        started = time.monotonic()
        code = subprocess.call(benchmark.command(), cwd=HERE.parent)
        outcome = "ok" if code == 0 else f"failed (exit {code})"
        results.append((label(benchmark), outcome, time.monotonic() - started))

    print("\n=== summary")
    width = max(len(name) for name, _, _ in results)
    for name, outcome, seconds in results:
        print(f"{name:<{width}}  {outcome:<16} {seconds:7.1f} s")
    return 1 if any(outcome.startswith("failed") for _, outcome, _ in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())

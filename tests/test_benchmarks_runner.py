"""`make bench`: the runner finds every benchmark and really runs them."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO_ROOT

RUNNER = REPO_ROOT / "benchmarks" / "run_all.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO_ROOT,
    )


def test_make_bench_calls_the_runner_that_exists() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^bench:.*\n\t(.+)$", makefile, re.M)
    assert target is not None
    assert "benchmarks/run_all.py" in target.group(1)
    assert RUNNER.is_file()


def test_every_benchmark_is_run_or_said_why_not() -> None:
    listing = _run("--list")
    assert listing.returncode == 0, listing.stderr
    named = set(re.findall(r"benchmarks/(\w+)\.py", listing.stdout))
    named |= set(re.findall(r"^not\s+(\w+):", listing.stdout, re.M))
    on_disk = {path.stem for path in (REPO_ROOT / "benchmarks").glob("*.py")}
    assert on_disk - {"__init__"} <= named


def test_unknown_benchmark_is_one_clear_line() -> None:
    result = _run("--only", "feedback_speeed")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no benchmark named feedback_speeed" in lines[0]
    assert "feedback_speed" in lines[0].split("choose from", 1)[1]


def test_runner_runs_a_benchmark_and_sums_up() -> None:
    result = _run("--only", "feedback_speed")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "utterances" in result.stdout  # the benchmark's own report came through
    summary = result.stdout.split("=== summary", 1)[1]
    assert re.search(r"feedback_speed --seconds 3\s+ok\s+\d+\.\d s", summary)
    assert re.search(r"feedback_speed --seconds 3 --sessions\s+ok", summary)

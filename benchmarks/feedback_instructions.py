"""Feedback engine cost in machine instructions per cold utterance, under callgrind.

    .venv/bin/python benchmarks/feedback_instructions.py [--repo PATH]

CPU seconds on this shared two-core machine vary by 2x from hour to hour, so a
speed change of 5-10 % cannot be seen in `feedback_speed.py` alone. valgrind's
callgrind counts instructions, which stay the same from run to run whatever
else the machine is doing. The script runs the engine over dev.jsonl under
callgrind twice, with 0 and 2 cold passes after the same warm-up, and reports
the difference per utterance, so start-up and imports cancel out. `--repo`
measures another checkout (for example a `git archive` of an earlier commit)
with the same interpreter. It takes about three minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VOICECOACH_SHARED_DIR", REPO.parent / "shared"))

_RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from voicecoach.core.feedback import Utterance, assess
from voicecoach.core.feedback.engine import clear_caches
rows = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
utterances = [Utterance(r["text"], tuple(r["context"]), r["role"], r["setting"]) for r in rows]
for u in utterances:
    assess(u)
for _ in range(int(sys.argv[3])):
    for u in utterances:
        clear_caches()
        assess(u)
"""
PASSES = 2


def _instructions(runner: Path, repo: Path, dev: Path, passes: int) -> int:
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            str(runner),
            str(repo),
            str(dev),
            str(passes),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit("valgrind printed no instruction count; is it valgrind 3.x?")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout to measure")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind", file=sys.stderr)
        return 2
    dev = SHARED / "labels" / "dev.jsonl"
    if not dev.is_file():
        print(f"{dev} not found: set VOICECOACH_SHARED_DIR to the shared folder", file=sys.stderr)
        return 2
    count = sum(1 for line in dev.read_text(encoding="utf-8").splitlines() if line.strip())
    with tempfile.TemporaryDirectory() as folder:
        runner = Path(folder) / "runner.py"
        runner.write_text(_RUNNER, encoding="utf-8")
        base = _instructions(runner, args.repo.resolve(), dev, 0)
        loaded = _instructions(runner, args.repo.resolve(), dev, PASSES)
    per = (loaded - base) / (PASSES * count)
    print(f"{per / 1000:,.0f} k instructions per cold utterance ({args.repo})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

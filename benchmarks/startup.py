"""Start-up time to an interactive screen: the real `voicecoach` command in a real
terminal (tmux), timed from launch until the scenario list is drawn.

Models and the voice load in the background after the first screen, so this
should not depend on the recogniser. Target: under 1.5 s on this machine.

    .venv/bin/python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARKER = "Used car"  # a bundled scenario's title, shown on the first screen


def one_run(data_dir: str) -> float:
    session = f"vc-startup-{time.monotonic_ns()}"
    command = f"{REPO / '.venv' / 'bin' / 'voicecoach'} --data-dir {data_dir} app --input typed"
    started = time.perf_counter()
    # a server of its own per run: a new session on the default server can race the exit of
    # the server the previous run's last session just left ("server exited unexpectedly")
    tmux = ["tmux", "-L", session]
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True
    )
    try:
        while True:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if MARKER.lower() in screen.lower():
                return time.perf_counter() - started
            if time.perf_counter() - started > 30:
                raise TimeoutError(f"no {MARKER!r} on screen after 30 s:\n{screen}")
            time.sleep(0.01)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("skipped: needs tmux (apt-get install tmux)")
        return 0
    with tempfile.TemporaryDirectory() as data_dir:
        one_run(data_dir)  # warm the file cache once, as a second launch would be
        times = sorted(one_run(data_dir) for _ in range(args.runs))
    print(
        f"start-up to the scenario list: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {times[-1] * 1000:.0f} ms over {len(times)} runs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Feedback engine throughput: utterances per second on one core.

    taskset -c 0 .venv/bin/python benchmarks/feedback_speed.py [--seconds 5] [--sessions]

Runs `assess` (every detector: concessions, overreach, influence) over the
utterances of ../shared/labels/dev.jsonl with their full context, in a loop,
in one process and one thread. Every reader cache (`engine.clear_caches`: amounts,
proposals, speakers, item claims, settings) is cleared before every utterance, so
each one and its context are read cold, as `voicecoach analyze` sees unrelated
lines (a live session re-reads its context from the caches). Time is
the process's CPU time, so other work on a shared machine does not count.
Target: at least 2,000 utterances a second.

With --sessions it replays CraigslistBargain test dialogues through
`SessionFeedback` instead, the buyer as trainee: caches are cleared at the
start of each dialogue, so context lines are read once per session, as in the
app. It reports trainee turns judged per second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from voicecoach.core.feedback import Utterance, assess  # noqa: E402
from voicecoach.core.feedback.engine import clear_caches  # noqa: E402

SHARED = Path(os.environ.get("VOICECOACH_SHARED_DIR", REPO.parent / "shared"))


def reference_loop_ms() -> float:
    """CPU milliseconds for a fixed pure-Python loop (a million squares summed), best of 3.

    Why: this shared machine's speed drifts by 2x between hours, so a figure in utterances
    per second means little without the speed of the core it ran on; dividing by this one
    makes runs on different days comparable (the instruction counts of
    feedback_instructions.py do not drift at all).
    """
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        sum(i * i for i in range(1_000_000))
        best = min(best, time.process_time() - start)
    return best * 1000.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seconds", type=float, default=5.0, help="how long to measure (default 5)"
    )
    parser.add_argument(
        "--sessions", action="store_true", help="replay whole dialogues as sessions"
    )
    args = parser.parse_args()
    print(f"this core: {reference_loop_ms():.0f} ms for the reference loop (see reference_loop_ms)")
    if args.sessions:
        return sessions(args.seconds)
    rows = [
        json.loads(line)
        for line in (SHARED / "labels" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    utterances = [Utterance(r["text"], tuple(r["context"]), r["role"], r["setting"]) for r in rows]
    for utterance in utterances:  # warm up regex caches and lazy imports
        assess(utterance)
    done = 0
    start = time.process_time()
    while time.process_time() - start < args.seconds:
        for utterance in utterances:
            clear_caches()  # cold: every utterance and its context read afresh
            assess(utterance)
        done += len(utterances)
    elapsed = time.process_time() - start
    mean_context = sum(len(u.context) for u in utterances) / len(utterances)
    print(
        f"{done / elapsed:,.0f} utterances/second ({done} in {elapsed:.1f} s, "
        "one thread, CPU time; "
        f"mean context {mean_context:.1f} turns)"
    )
    return 0


def sessions(seconds: float) -> int:
    """Trainee turns per CPU second when whole dialogues run through SessionFeedback."""
    from voicecoach.core.feedback import SessionFeedback

    path = SHARED / "corpora" / "craigslistbargain" / "test.json"
    dialogues = []
    for line in path.read_text(encoding="utf-8").splitlines()[:300]:
        d = json.loads(line)
        roles = d["agent_info"]["Role"]
        turns = [(roles[w], t) for w, t in zip(d["agent_turn"], d["utterance"], strict=True) if t]
        dialogues.append((f"listing price ${float(d['items']['Price'][0])}", turns))
    judged = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for setting, turns in dialogues:
            clear_caches()
            session = SessionFeedback(
                trainee_role="buyer", counterpart_role="seller", setting=setting
            )
            for role, text in turns:
                if role == "buyer":
                    session.assess_turn(text)
                    judged += 1
                else:
                    session.add_counterpart_turn(text)
    elapsed = time.process_time() - start
    print(
        f"{judged / elapsed:,.0f} trainee turns/second in sessions ({judged} in {elapsed:.1f} s, "
        "one thread, CPU time)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

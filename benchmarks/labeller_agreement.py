"""How far two blind labellers of the same turns agree, beside how far the engine agrees with each.

    .venv/bin/python benchmarks/labeller_agreement.py [NAME ...]

NAME is a set with two label files in benchmarks/data, `NAME-labeller.jsonl` and
`NAME-labeller2.jsonl` (default: every such pair). Both labellers worked blind, from
the rubric and dev.jsonl only. Per label it prints the F1 of the second labeller read
against the first (the same number either way round), Cohen's kappa, and the engine's
F1 against each labeller on typed text. Why: the engine's blind F1 means little without
the level two labellers reach on the same turns; a gap far below it is the engine's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.feedback_eval import SHARED, load_dev, predict, scores  # noqa: E402
from voicecoach.core.transcript import FLAG_LABELS  # noqa: E402

DATA = REPO / "benchmarks" / "data"


def kappa(first: list[bool], second: list[bool]) -> float:
    """Cohen's kappa of two yes/no labellings (nan when both are constant and equal)."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p_first, p_second = sum(first) / n, sum(second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    return (observed - expected) / (1 - expected) if expected < 1 else float("nan")


def paired_sets() -> list[str]:
    """Every set with a second labelling in benchmarks/data."""
    return sorted(
        path.name.removesuffix("-labeller2.jsonl") for path in DATA.glob("*-labeller2.jsonl")
    )


def load_pairs(names: list[str]) -> tuple[list[dict], list[dict]]:
    """The first and the second labelling of the named sets, row for row.

    Raises ValueError with a one-line reason when a set lacks a file or the two files
    label different turns.
    """
    first: list[dict] = []
    second: list[dict] = []
    for name in names:
        paths = [DATA / f"{name}-labeller.jsonl", DATA / f"{name}-labeller2.jsonl"]
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise ValueError(f"no {missing[0]}; name a set with two label files")
        rows_a, rows_b = load_dev(paths[0]), load_dev(paths[1])
        if [row["ref"] for row in rows_a] != [row["ref"] for row in rows_b]:
            raise ValueError(f"{name}: the two files label different turns")
        first += rows_a
        second += rows_b
    return first, second


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="sets to read (default: every pair)")
    args = parser.parse_args()
    names = args.names or paired_sets()
    if not (SHARED / "corpora").is_dir():
        print(f"error: {SHARED / 'corpora'} not found; set VOICECOACH_SHARED_DIR", file=sys.stderr)
        return 2
    try:
        first, second = load_pairs(names)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"sets: {', '.join(names)} ({len(first)} turns)")
    between = scores(first, [row["labels"] for row in second])
    engine = [predict(row) for row in first]
    against_first, against_second = scores(first, engine), scores(second, engine)
    print(
        "| label | labellers F1 | kappa | both / first only / second only | engine vs first"
        " | engine vs second |"
    )
    print("|---|---|---|---|---|---|")
    for label in FLAG_LABELS:
        row = between[label]
        agreement = kappa(
            [label in r["labels"] for r in first], [label in r["labels"] for r in second]
        )
        print(
            f"| {label} | {row['f1']:.2f} | {agreement:.2f} | {row['tp']} / {row['fn']} / "
            f"{row['fp']} | {against_first[label]['f1']:.2f} | {against_second[label]['f1']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

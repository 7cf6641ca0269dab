"""Measure the affect detectors on real, human-labelled text.

Prints, for emotion.overreach: the share of anger/disgust turns flagged
(detection) and of neutral turns flagged (false alarms) on DailyDialog
(validation = held out, test = used for development) and MELD (train =
development, dev/test = held out); and precision/recall/F1 of
emotion.overreach, influence.push and influence.question on the coach-labelled
negotiation set ../shared/labels/dev.jsonl, as typed and as recogniser-style
text (lower case, no punctuation, digits spelled out). Also the detectors'
throughput on one core.

    .venv/bin/python benchmarks/overreach_eval.py [--shared ../shared] [--show-misses N] [--curve]

With --curve it also prints the trade-off of the heat model's threshold (rules OR model at
each threshold) on the held-out sets: DailyDialog validation typed and recogniser-style, the
negotiation test turns, and emotion.overreach F1 on dev.jsonl.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from voicecoach.core.feedback.emotion import (  # noqa: E402
    detect_overreach,
    heat_score,
    rules_flag,
)
from voicecoach.core.feedback.influence import detect_influence  # noqa: E402

_DETOK = [
    (re.compile(r"\s*[\u2019']\s*"), "'"),
    (re.compile(r"\s+([.,!?;:%])"), r"\1"),
    (re.compile(r"\$\s+"), "$"),
]


def detokenise(text: str) -> str:
    """Undo DailyDialog's spaces around punctuation ("don ’ t ." -> "don't.")."""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text.strip()


def recogniser_style(text: str) -> str:
    """What a recogniser would give: lower case, digits as words, no punctuation."""
    try:
        from num2words import num2words
    except ImportError:  # the measure still runs; digits then stay digits
        num2words = None
    if num2words is not None:
        text = re.sub(
            r"\d+(?:\.\d+)?",
            lambda m: (
                " " + num2words(float(m.group(0)) if "." in m.group(0) else int(m.group(0))) + " "
            ),
            text.replace(",", ""),
        )
    text = re.sub(r"[^\w\s']", " ", text.lower())
    text = text.replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


def dailydialog(shared: Path, split: str) -> Iterator[tuple[str, list[str], str]]:
    """(text, context, label) with label 'heated' (anger/disgust), 'neutral' or 'other'."""
    folder = shared / "corpora" / "dailydialog" / split
    texts = (folder / f"dialogues_{split}.txt").read_text(encoding="utf-8").splitlines()
    emotions = (folder / f"dialogues_emotion_{split}.txt").read_text(encoding="utf-8").splitlines()
    for line, labels in zip(texts, emotions, strict=True):
        turns = [detokenise(t) for t in line.split("__eou__")][:-1]
        for i, (turn, code) in enumerate(zip(turns, labels.split(), strict=True)):
            label = {"0": "neutral", "1": "heated", "2": "heated"}.get(code, "other")
            speakers = ("A", "B")
            context = [f"{speakers[j % 2]}: {t}" for j, t in enumerate(turns[:i])]
            yield turn, context, label


def meld(shared: Path, split: str) -> Iterator[tuple[str, list[str], str]]:
    path = shared / "corpora" / "meld" / f"{split}_sent_emo.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    context: list[str] = []
    dialogue = None
    for row in rows:
        if row["Dialogue_ID"] != dialogue:
            dialogue, context = row["Dialogue_ID"], []
        emotion = row["Emotion"]
        label = (
            "heated"
            if emotion in ("anger", "disgust")
            else "neutral"
            if emotion == "neutral"
            else "other"
        )
        yield row["Utterance"], list(context), label
        context.append(f"{row['Speaker']}: {row['Utterance']}")


_DOND_TURN = re.compile(r"(?:THEM|YOU):\s*(.*?)\s*<eos>")


def negotiation_turns(shared: Path) -> Iterator[str]:
    """Turns of the negotiation test files (not the files dev.jsonl is drawn from); mostly calm."""
    corpora = shared / "corpora"
    for line in (
        (corpora / "craigslistbargain" / "test.json").read_text(encoding="utf-8").splitlines()
    ):
        yield from (t for t in json.loads(line)["utterance"] if t.strip())
    casino = json.loads((corpora / "casino" / "casino_test.json").read_text(encoding="utf-8"))
    for dialogue in casino:
        for turn in dialogue["chat_logs"]:
            if turn["text"] not in ("Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"):
                yield turn["text"]
    for line in (corpora / "dealornodeal" / "test.txt").read_text(encoding="utf-8").splitlines():
        yield from (detokenise(t) for t in _DOND_TURN.findall(line) if t and not t.startswith("<"))


def rates(
    items: Sequence[tuple[str, list[str], str]],
) -> tuple[int, int, int, int, list[str], list[str]]:
    hot = hot_hit = calm = calm_hit = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    for text, context, label in items:
        flagged = bool(detect_overreach(text, context))
        if label == "heated":
            hot += 1
            hot_hit += flagged
            if not flagged:
                misses.append(text)
        elif label == "neutral":
            calm += 1
            calm_hit += flagged
            if flagged:
                false_alarms.append(text)
    return hot, hot_hit, calm, calm_hit, misses, false_alarms


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


LABELS = ("emotion.overreach", "influence.push", "influence.question")


def predict(text: str, context: Sequence[str]) -> set[str]:
    flags = detect_overreach(text, context) + detect_influence(text, context)
    return {f.label for f in flags}


def dev_scores(
    items: list[dict], transform: Callable[[str], str]
) -> tuple[dict[str, tuple[int, int, int]], list[tuple[str, int, str, str]]]:
    counts = {label: [0, 0, 0] for label in LABELS}
    errors: list[tuple[str, int, str, str]] = []
    for item in items:
        gold = set(item["labels"]) & set(LABELS)
        context = [transform(c) for c in item.get("context", [])]
        got = predict(transform(item["text"]), context)
        for label in LABELS:
            if label in got and label in gold:
                counts[label][0] += 1
            elif label in got:
                counts[label][1] += 1
                errors.append(("FP", item["item"], label, item["text"]))
            elif label in gold:
                counts[label][2] += 1
                errors.append(("FN", item["item"], label, item["text"]))
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}, errors


def curve(shared: Path, dev_items: list[dict]) -> None:
    """Detection and false alarms of rules OR model at other thresholds than the shipped one."""
    val = [(t, label) for t, _, label in dailydialog(shared, "validation") if label != "other"]
    nego = list(negotiation_turns(shared))

    def scored(texts: Sequence[str]) -> list[tuple[bool, float]]:
        out = []
        for text in texts:
            score = heat_score(text)
            out.append((rules_flag(text), float("-inf") if score is None else score))
        return out

    hot = [label == "heated" for _, label in val]
    typed = scored([t for t, _ in val])
    spoken = scored([recogniser_style(t) for t, _ in val])
    nego_scores = scored(nego)
    gold = ["emotion.overreach" in item["labels"] for item in dev_items]
    dev_typed = scored([item["text"] for item in dev_items])
    dev_spoken = scored([recogniser_style(item["text"]) for item in dev_items])

    def share(scores: list[tuple[bool, float]], mask: list[bool], threshold: float) -> float:
        chosen = [rule or s >= threshold for (rule, s), m in zip(scores, mask, strict=True) if m]
        return sum(chosen) / max(len(chosen), 1)

    def f1(scores: list[tuple[bool, float]], threshold: float) -> tuple[float, int]:
        got = [rule or s >= threshold for rule, s in scores]
        tp = sum(g and y for g, y in zip(got, gold, strict=True))
        fp = sum(g and not y for g, y in zip(got, gold, strict=True))
        fn = sum(y and not g for g, y in zip(got, gold, strict=True))
        return (2 * tp / (2 * tp + fp + fn) if tp else 0.0), fp

    calm = [not h for h in hot]
    print()
    print("threshold trade-off (rules OR model >= threshold; held-out sets)")
    print(
        f"{'threshold':>9} {'DD heated':>10} {'DD neutral':>11} {'spoken heated':>14}"
        f" {'spoken neutral':>15} {'negotiation':>12} {'dev F1 (fp)':>12} {'spoken F1':>10}"
    )
    for threshold in (0.5, 1.0, 1.25, 1.5, 1.75, 2.0, 2.1, 2.25, 2.5, 3.0, float("inf")):
        f_typed, fp = f1(dev_typed, threshold)
        f_spoken, _ = f1(dev_spoken, threshold)
        name = "rules" if threshold == float("inf") else f"{threshold:.2f}"
        print(
            f"{name:>9} {share(typed, hot, threshold):10.1%} {share(typed, calm, threshold):11.2%}"
            f" {share(spoken, hot, threshold):14.1%} {share(spoken, calm, threshold):15.2%}"
            f" {share(nego_scores, [True] * len(nego), threshold):12.2%}"
            f" {f_typed:8.2f} ({fp}) {f_spoken:10.2f}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--show-misses", type=int, default=0, help="print N misses/false alarms per set"
    )
    parser.add_argument("--dev-errors", action="store_true", help="print dev.jsonl errors")
    parser.add_argument("--curve", action="store_true", help="print the heat-model threshold curve")
    args = parser.parse_args(argv)
    shared: Path = args.shared

    print("emotion.overreach on emotion-labelled dialogue (anger+disgust = heated, neutral = calm)")
    print(
        f"{'set':32} {'heated':>7} {'flagged':>8} {'detect':>7}"
        f" {'neutral':>8} {'flagged':>8} {'false':>7}"
    )
    sets: list[tuple[str, Callable[[], Iterator[tuple[str, list[str], str]]]]] = [
        ("dailydialog validation (held out)", lambda: dailydialog(shared, "validation")),
        ("dailydialog test (development)", lambda: dailydialog(shared, "test")),
        ("meld train (development)", lambda: meld(shared, "train")),
        ("meld dev (held out)", lambda: meld(shared, "dev")),
        ("meld test (held out)", lambda: meld(shared, "test")),
    ]
    all_texts: list[tuple[str, list[str]]] = []
    for name, load in sets:
        items = list(load())
        all_texts.extend((t, c[-3:]) for t, c, _ in items)
        hot, hot_hit, calm, calm_hit, misses, alarms = rates(items)
        print(
            f"{name:32} {hot:7d} {hot_hit:8d} {hot_hit / max(hot, 1):7.1%} {calm:8d} {calm_hit:8d}"
            f" {calm_hit / max(calm, 1):7.2%}"
        )
        if args.show_misses:
            for text in misses[: args.show_misses]:
                print("    miss:", text)
            for text in alarms[: args.show_misses]:
                print("    false:", text)
        # Recogniser-style copy of the held-out DailyDialog split: no punctuation cues.
        if name.startswith("dailydialog validation"):
            spoken = [(recogniser_style(t), c, label) for t, c, label in items]
            hot, hot_hit, calm, calm_hit, _, _ = rates(spoken)
            print(
                f"{'  ... recogniser-style':32} {hot:7d} {hot_hit:8d}"
                f" {hot_hit / max(hot, 1):7.1%} {calm:8d}"
                f" {calm_hit:8d} {calm_hit / max(calm, 1):7.2%}"
            )

    nego = list(negotiation_turns(shared))
    nego_flagged = [t for t in nego if detect_overreach(t, [])]
    print(
        f"negotiation test turns (CraigslistBargain, CaSiNo, Deal or No Deal; mostly calm): "
        f"{len(nego_flagged)}/{len(nego)} = {len(nego_flagged) / len(nego):.2%} flagged"
    )
    if args.show_misses:
        for text in nego_flagged[: args.show_misses]:
            print("    flagged:", text[:150])

    dev_path = shared / "labels" / "dev.jsonl"
    dev_items = [
        json.loads(line)
        for line in dev_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    print()
    print(f"coach-labelled negotiation turns ({dev_path.name}, {len(dev_items)} items)")
    print(f"{'label':22} {'text':>22} {'recogniser-style':>22}")
    print(f"{'':22} {'P':>6} {'R':>6} {'F1':>6}  {'P':>6} {'R':>6} {'F1':>6}  (tp/fp/fn typed)")
    typed, errors = dev_scores(dev_items, lambda s: s)
    spoken_scores, _ = dev_scores(dev_items, recogniser_style)
    for label in LABELS:
        p, r, f = prf(*typed[label])
        p2, r2, f2 = prf(*spoken_scores[label])
        print(
            f"{label:22} {p:6.2f} {r:6.2f} {f:6.2f}  {p2:6.2f} {r2:6.2f} {f2:6.2f}  {typed[label]}"
        )
    if args.dev_errors:
        for kind, item, label, text in errors:
            print(f"  {kind} {item:3d} {label:20} {text[:150]}")

    if args.curve:
        curve(shared, dev_items)

    # Throughput of the affect detectors (the engine adds the concession rules to this).
    sample = [t for t in all_texts[:5000]]
    start = time.process_time()
    for text, context in sample:
        detect_overreach(text, context)
        detect_influence(text, context)
    elapsed = time.process_time() - start
    print()
    print(
        f"throughput: {len(sample) / elapsed:,.0f} utterances/s"
        f" (emotion + influence, one core, {len(sample)} turns)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

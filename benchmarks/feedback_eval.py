"""Measure the feedback engine against the coach's labels and on heated everyday talk.

    .venv/bin/python benchmarks/feedback_eval.py            # tables for docs/feedback.md
    .venv/bin/python benchmarks/feedback_eval.py --errors concession.unpaid   # read the misses
    .venv/bin/python benchmarks/feedback_eval.py --corpus craigslist-test --sample 30
    .venv/bin/python benchmarks/feedback_eval.py --labels my-coach.jsonl   # another labelled set
    .venv/bin/python benchmarks/feedback_eval.py --labels benchmarks/data/second-labeller.jsonl

Prints precision, recall and F1 per label on ../shared/labels/dev.jsonl, as
typed and as recogniser-style text (lower case, no punctuation, digits spelled
out with num2words, context included), then the share of DailyDialog's
validation turns flagged as emotion.overreach, for anger/disgust and for
neutral turns. `--corpus` prints a sample of flagged turns from negotiations
outside the dev set, for reading by eye. `--labels FILE` measures any other
set written in dev.jsonl's format (text, context, role, setting, labels), such
as a coach's own labels of their team's sessions.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from num2words import num2words

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from voicecoach.core.feedback import Utterance, assess, labels_of  # noqa: E402
from voicecoach.core.transcript import FLAG_LABELS  # noqa: E402

SHARED = Path(os.environ.get("VOICECOACH_SHARED_DIR", REPO.parent / "shared"))
_SPEAKER = re.compile(r"^(\s*[A-Za-z][A-Za-z _-]{0,30}?\s*:)(.*)$", re.S)


def spoken(text: str) -> str:
    """Recogniser-style text: digits spelled out, lower case, punctuation removed."""
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)

    def spell(match: re.Match[str]) -> str:
        digits = match.group()
        try:
            number: float | int = float(digits) if "." in digits else int(digits)
            return f" {num2words(number)} "
        except (ValueError, OverflowError, NotImplementedError):
            return f" {digits} "

    text = re.sub(r"\d+(?:\.\d+)?", spell, text).lower()
    text = re.sub(r"[^\w\s']", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def spoken_line(line: str) -> str:
    """A context line made recogniser-style, keeping its "speaker:" prefix."""
    match = _SPEAKER.match(line)
    if not match:
        return spoken(line)
    return f"{match.group(1).strip()} {spoken(match.group(2))}"


def load_dev(path: Path | None = None) -> list[dict[str, Any]]:
    """Labelled rows; a row with a `ref` and no `text` gets its turn and context from ../shared."""
    path = path or SHARED / "labels" / "dev.jsonl"
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    for row in rows:
        if "text" not in row:
            row["text"], row["context"] = turn_at(row["ref"])
    return rows


_CONTEXT_TURNS = 8
_DEAL_ACTIONS = ("Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away")


@functools.lru_cache(maxsize=8)
def _corpus_lines(relative: str) -> list[str]:
    return (SHARED / "corpora" / relative).read_text(encoding="utf-8").splitlines()


@functools.lru_cache(maxsize=4)
def _casino(relative: str) -> list[dict[str, Any]]:
    return json.loads((SHARED / "corpora" / relative).read_text(encoding="utf-8"))


def turn_at(ref: str) -> tuple[str, list[str]]:
    """The turn a reference names ("corpus/file/dialogue/turn") and the turns before it.

    Why: a labelled set kept in this repository holds references and labels only, never
    corpus text (benchmarks/data/second-labeller.jsonl); the text is read from ../shared.
    Context lines are "buyer:"/"seller:" in CraigslistBargain and "me:"/"them:" (from the
    speaker's side) in CaSiNo and Deal or No Deal, the last eight turns, as in dev.jsonl.
    """
    corpus, file, dialogue, turn = ref.split("/")
    index, at = int(dialogue), int(turn)
    if corpus == "craigslistbargain":
        data = json.loads(_corpus_lines(f"{corpus}/{file}")[index])
        roles = data["agent_info"]["Role"]
        spoken = [
            (i, roles[who], text)
            for i, (who, text) in enumerate(
                zip(data["agent_turn"], data["utterance"], strict=False)
            )
            if text.strip()
        ]
        before = [f"{role}: {text}" for i, role, text in spoken if i < at]
        return data["utterance"][at], before[-_CONTEXT_TURNS:]
    if corpus == "casino":
        logs = _casino(f"{corpus}/{file}")[index]["chat_logs"]
        me = logs[at]["id"]
        lines = []
        for entry in logs[:at]:
            who = "me" if entry["id"] == me else "them"
            if entry["text"] == "Submit-Deal":
                task = entry["task_data"]
                lines.append(
                    f"{who}: [proposes deal: {who} get {task.get('issue2youget')}, "
                    f"other gets {task.get('issue2theyget')}]"
                )
            else:
                lines.append(f"{who}: {entry['text']}")
        return logs[at]["text"], lines[-_CONTEXT_TURNS:]
    if corpus == "dealornodeal":
        line = _corpus_lines(f"{corpus}/{file}")[index]
        dialogue_text = re.search(r"<dialogue>(.*?)</dialogue>", line)
        turns = re.findall(
            r"(THEM|YOU):\s*(.*?)\s*<eos>", dialogue_text.group(1) if dialogue_text else ""
        )
        speaker = turns[at][0]  # the file's "YOU" is one side; a turn may be the other's
        lines = [f"{'me' if who == speaker else 'them'}: {text}" for who, text in turns[:at]]
        return turns[at][1], lines[-_CONTEXT_TURNS:]
    raise ValueError(f"unknown corpus in reference {ref!r}")


def predict(row: dict[str, Any], transform: Callable[[str], str] | None = None) -> list[str]:
    text = row["text"]
    context = tuple(row.get("context") or ())
    if transform is not None:
        text = transform(text)
        context = tuple(spoken_line(line) for line in context)
    utterance = Utterance(text, context, row.get("role"), row.get("setting"))
    return labels_of(assess(utterance))


def scores(
    rows: Iterable[dict[str, Any]], predictions: list[list[str]]
) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    rows = list(rows)
    for label in FLAG_LABELS:
        tp = fp = fn = 0
        for row, predicted in zip(rows, predictions, strict=True):
            gold = label in row["labels"]
            guess = label in predicted
            tp += gold and guess
            fp += guess and not gold
            fn += gold and not guess
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    return table


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print("| label | precision | recall | F1 | support |")
    print("|---|---|---|---|---|")
    for label, row in table.items():
        print(
            f"| {label} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1']:.2f} "
            f"| {int(row['support'])} |"
        )


def dailydialog_rates() -> tuple[float, float, int, int] | None:
    folder = SHARED / "corpora" / "dailydialog" / "validation"
    texts = folder / "dialogues_validation.txt"
    emotions = folder / "dialogues_emotion_validation.txt"
    if not texts.exists():
        return None
    heated = heated_flagged = neutral = neutral_flagged = 0
    with texts.open(encoding="utf-8") as t, emotions.open(encoding="utf-8") as e:
        for dialogue, labels in zip(t, e, strict=True):
            turns = [u.strip() for u in dialogue.split("__eou__") if u.strip()]
            codes = labels.split()
            context: list[str] = []
            for index, (turn, code) in enumerate(zip(turns, codes, strict=False)):
                speaker = "me" if index % 2 == 0 else "them"
                flagged = "emotion.overreach" in labels_of(
                    assess(Utterance(turn, tuple(_swap(context, speaker))))
                )
                if code in {"1", "2"}:
                    heated += 1
                    heated_flagged += flagged
                elif code == "0":
                    neutral += 1
                    neutral_flagged += flagged
                context.append(f"{speaker}: {turn}")
    return heated_flagged / heated, neutral_flagged / neutral, heated, neutral


def _swap(context: list[str], speaker: str) -> list[str]:
    """Context as seen by `speaker`: their lines are "me", the others "them"."""
    out = []
    for line in context:
        who, _, text = line.partition(": ")
        out.append(f"{'me' if who == speaker else 'them'}: {text}")
    return out


def print_errors(rows: list[dict[str, Any]], predictions: list[list[str]], label: str) -> None:
    for number, (row, predicted) in enumerate(zip(rows, predictions, strict=True)):
        gold = label in row["labels"]
        guess = label in predicted
        if gold != guess:
            kind = "MISS" if gold else "FALSE"
            print(
                f"\n[{kind}] item {row.get('item', number)} role={row.get('role')} "
                f"{row.get('setting') or ''} gold={row['labels']} got={predicted}"
            )
            print(f"   note: {row.get('note', '')}")
            for line in (row.get("context") or [])[-4:]:
                print(f"   | {line[:160]}")
            print(f"   > {row['text'][:300]}")


def sample_corpus(name: str, count: int, seed: int) -> None:
    """Print flagged concessions on negotiations outside the dev set, to read by eye."""
    rng = random.Random(seed)
    items: list[Utterance] = []
    if name == "craigslist-test":
        with (SHARED / "corpora" / "craigslistbargain" / "test.json").open(
            encoding="utf-8"
        ) as lines:
            for line in lines:
                d = json.loads(line)
                roles = d["agent_info"]["Role"]
                setting = f"listing price ${float(d['items']['Price'][0])}"
                context: list[str] = []
                for who, text in zip(d["agent_turn"], d["utterance"], strict=True):
                    if not text:
                        continue
                    items.append(Utterance(text, tuple(context), roles[who], setting))
                    context.append(f"{roles[who]}: {text}")
    elif name == "casino-test":
        data = json.loads(
            (SHARED / "corpora" / "casino" / "casino_test.json").read_text(encoding="utf-8")
        )
        for dialogue in data:
            log = [
                c
                for c in dialogue["chat_logs"]
                if c.get("text") and not c["text"].startswith("Submit")
            ]
            for index, chat in enumerate(log):
                me = chat["id"]
                context = tuple(
                    f"{'me' if c['id'] == me else 'them'}: {c['text']}" for c in log[:index]
                )
                items.append(
                    Utterance(
                        chat["text"],
                        context,
                        "camper",
                        "splitting food, water and firewood packages (3 each)",
                    )
                )
    flagged = [(u, assess(u)) for u in items]
    flagged = [(u, f) for u, f in flagged if any(x.label.startswith("concession") for x in f)]
    print(f"{name}: {len(flagged)} of {len(items)} turns flagged with a concession label")
    for utterance, flags in rng.sample(flagged, min(count, len(flagged))):
        print(f"\n{[f.label for f in flags]} role={utterance.role}")
        for line in utterance.context[-3:]:
            print(f"   | {line[:150]}")
        print(f"   > {utterance.text[:250]}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--errors", metavar="LABEL", help="print the misses and false alarms of one label"
    )
    parser.add_argument(
        "--spoken", action="store_true", help="with --errors: on recogniser-style text"
    )
    parser.add_argument("--corpus", choices=["craigslist-test", "casino-test"])
    parser.add_argument("--sample", type=int, default=25)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-dailydialog", action="store_true")
    parser.add_argument(
        "--labels",
        type=Path,
        metavar="FILE",
        help="a labelled set in dev.jsonl's format (default ../shared/labels/dev.jsonl)",
    )
    args = parser.parse_args()
    if args.corpus:
        sample_corpus(args.corpus, args.sample, args.seed)
        return 0
    if args.labels is not None and not args.labels.is_file():
        print(f"feedback_eval: no such file: {args.labels}", file=sys.stderr)
        return 2
    rows = load_dev(args.labels)
    name = args.labels.name if args.labels else "dev.jsonl"
    typed = [predict(row) for row in rows]
    if args.errors:
        predictions = [predict(row, spoken) for row in rows] if args.spoken else typed
        print_errors(rows, predictions, args.errors)
        print_table("errors run", scores(rows, predictions))
        return 0
    said = [predict(row, spoken) for row in rows]
    typed_table = scores(rows, typed)
    said_table = scores(rows, said)
    print_table(f"{name} as typed ({len(rows)} utterances)", typed_table)
    print_table(f"{name} as recogniser-style text", said_table)
    print("\n| label | F1 typed | F1 recogniser-style | loss |")
    print("|---|---|---|---|")
    for label in FLAG_LABELS:
        a, b = typed_table[label]["f1"], said_table[label]["f1"]
        print(f"| {label} | {a:.2f} | {b:.2f} | {a - b:+.2f} |")
    if not args.no_dailydialog:
        rates = dailydialog_rates()
        if rates is not None:
            heated, neutral, n_heated, n_neutral = rates
            print(
                f"\nDailyDialog validation: anger/disgust flagged {heated:.1%} of {n_heated}; "
                f"neutral flagged {neutral:.2%} of {n_neutral}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

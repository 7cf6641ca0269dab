"""`voicecoach analyze`: the feedback engine over JSON lines, for scripts and evaluations.

The same engine as the live panel: each input line is judged on its own with
the context it carries. Bad lines are reported (line number and what is
wrong) and skipped, the good ones are still analysed, and the exit code says
whether every line was read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from voicecoach.core.feedback import Utterance, assess, labels_of
from voicecoach.errors import UsageError

HELP = "flag concessions, overreach and pushing in JSON-lines utterances"
DESCRIPTION = """\
Read JSON lines {"id": ..., "text": "...", "context": ["speaker: text", ...],
"role": "buyer", "setting": "listing price $400"} (context, role and setting are
optional) and write one JSON line per input:
{"id": ..., "labels": [...], "flags": [{"label", "severity", "span", "why", "tip"}]}.

A line that is not a JSON object with a string "text" is reported on stderr as
"line N: what is wrong" and skipped; the other lines are still analysed and
written, and the exit code is 2 if any line was bad (0 otherwise)."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE.jsonl",
        help="JSON-lines file to read, or - for standard input (default)",
    )
    parser.set_defaults(handler=run)


class LineError(ValueError):
    """One input line cannot be analysed; the message says why."""


def parse_line(raw: str) -> Utterance:
    """Validate one JSON line into an Utterance, or raise LineError naming the problem."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise LineError('expected a JSON object with a "text" field')
    text = data.get("text")
    if not isinstance(text, str):
        raise LineError('"text" is missing or not a string')
    context = data.get("context", [])
    if context is None:
        context = []
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise LineError('"context" must be a list of strings like "buyer: text"')
    role = data.get("role")
    if role is not None and not isinstance(role, str):
        raise LineError('"role" must be a string such as "buyer" or "seller"')
    setting = data.get("setting")
    if setting is not None and not isinstance(setting, str):
        raise LineError('"setting" must be a string such as "listing price $400"')
    return Utterance(text, tuple(context), role, setting)


def analyze_lines(lines: Iterable[str], out: IO[str], err: IO[str]) -> int:
    """Analyse every line; return how many lines were bad."""
    bad = 0
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            raw = raw.removeprefix("\ufeff")  # a byte-order mark, as Windows editors save UTF-8
        if not raw.strip():
            continue
        try:
            utterance = parse_line(raw)
        except LineError as error:
            bad += 1
            print(f"voicecoach analyze: line {number}: {error}", file=err)
            continue
        identifier = json.loads(raw).get("id")
        flags = assess(utterance)
        record = {
            "id": identifier,
            "labels": labels_of(flags),
            "flags": [flag.to_dict() for flag in flags],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return bad


def run(args: argparse.Namespace) -> int:
    if args.file == "-":
        bad = analyze_lines(sys.stdin, sys.stdout, sys.stderr)
    else:
        try:
            handle = open(args.file, encoding="utf-8")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            raise UsageError(
                f"{args.file}: no such file; give a JSON-lines file or - for stdin"
            ) from None
        except (IsADirectoryError, PermissionError) as error:
            raise UsageError(
                f"{args.file}: cannot read it ({error.strerror}); give a JSON-lines file"
            ) from None
        with handle:
            try:
                bad = analyze_lines(handle, sys.stdout, sys.stderr)
            except UnicodeDecodeError:
                raise UsageError(
                    f"{args.file}: not UTF-8 text; save it as UTF-8 JSON lines"
                ) from None
    return UsageError.exit_code if bad else 0

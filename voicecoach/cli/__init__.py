"""Command line: the composition root, the one place that picks concrete adapters.

Each sub-command lives in its own module exposing `register(subparsers)`; the
handler returns an exit code. Expected errors (`VoicecoachError`) become one
line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Collection, Sequence

from voicecoach import __version__
from voicecoach.errors import VoicecoachError

# Sub-command modules with their one-line help, in the order --help lists them. Only the
# module of the command being run is imported, so `voicecoach` (the app) starts without
# loading the feedback engine, numpy or a recogniser just to build the argument parser.
COMMANDS: dict[str, tuple[str, str]] = {
    "app": ("voicecoach.cli.app", "open the rehearsal app (the default with no command)"),
    "rehearse": (
        "voicecoach.cli.rehearse",
        "run a session without the app: WAV files or text in, WAV files and JSON out",
    ),
    "transcribe": ("voicecoach.cli.transcribe", "print the text recognised in a WAV file"),
    "analyze": ("voicecoach.cli.analyze", "flag utterances from JSON lines (the feedback engine)"),
    "scenarios": ("voicecoach.cli.scenarios", "list, show, validate, graph or create scenarios"),
    "models": ("voicecoach.cli.models", "list or download recogniser models"),
    "doctor": (
        "voicecoach.cli.doctor",
        "check audio devices, recognisers, models, voice and store, with fixes",
    ),
}
DEFAULT_COMMAND = "app"


def chosen_command(argv: Sequence[str]) -> str | None:
    """The sub-command named in argv (skipping global options), or None."""
    skip_next = False
    for token in argv:
        if skip_next:
            skip_next = False
            continue
        if token == "--data-dir":
            skip_next = True
            continue
        if token.startswith("-"):
            continue
        return token
    return None


def build_parser(loaded: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The parser; the options of the `loaded` commands (all by default) are read from their
    modules, the other commands are listed by name and help only."""
    parser = argparse.ArgumentParser(
        prog="voicecoach",
        description="Rehearse negotiations and sales conversations out loud, offline. "
        "With no command, opens the app. `voicecoach COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"voicecoach {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder for the session database and audio clips (default: the user data folder; "
        "env VOICECOACH_DATA_DIR)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        if loaded is None or name in loaded:
            importlib.import_module(module_name).register(subparsers)
        else:
            subparsers.add_parser(name, help=help_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = chosen_command(arguments)
    if command is None and not any(a in ("-h", "--help", "--version") for a in arguments):
        command = DEFAULT_COMMAND
        arguments.append(DEFAULT_COMMAND)
    parser = build_parser({command} if command in COMMANDS else set())
    args = parser.parse_args(arguments)
    if args.data_dir:
        import os

        os.environ["VOICECOACH_DATA_DIR"] = args.data_dir
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return int(handler(args) or 0)
    except VoicecoachError as error:
        print(f"voicecoach: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("voicecoach: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

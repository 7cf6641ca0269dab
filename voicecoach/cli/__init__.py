"""Command line: the composition root, the one place that picks concrete adapters.

Each sub-command lives in its own module exposing `register(subparsers)`; the
handler returns an exit code. Expected errors (`VoicecoachError`) become one
line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from voicecoach import __version__
from voicecoach.errors import VoicecoachError

# Sub-command modules, in the order --help lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "voicecoach.cli.app",
    "voicecoach.cli.rehearse",
    "voicecoach.cli.transcribe",
    "voicecoach.cli.analyze",
    "voicecoach.cli.scenarios",
    "voicecoach.cli.models",
    "voicecoach.cli.doctor",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voicecoach",
        description="Rehearse negotiations and sales conversations out loud, offline. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"voicecoach {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder for the session database and audio clips (default: the user data folder; "
        "env VOICECOACH_DATA_DIR)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue  # a command not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        import os

        os.environ["VOICECOACH_DATA_DIR"] = args.data_dir
    handler = getattr(args, "handler", None)
    if handler is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "app"])
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

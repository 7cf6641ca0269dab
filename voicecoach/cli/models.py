"""`voicecoach models list | fetch`: the recogniser models here, and getting official ones.

The progress bar goes to stderr so stdout stays clean for scripts; a download
that cannot happen (offline, bad checksum) is one line on stderr and exit code 5.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from voicecoach.adapters.models import (
    REGISTRY,
    default_models_dir,
    fetch_model,
    installed_models,
    models_dirs,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "models",
        help="list recogniser models, fetch an official vosk model",
        description="List the vosk models found here, or download an official one.",
    )
    commands = parser.add_subparsers(dest="models_command", metavar="ACTION")
    list_parser = commands.add_parser(
        "list",
        help="show known and installed models",
        description="Show known and installed models.",
    )
    list_parser.set_defaults(handler=run_list)
    fetch_parser = commands.add_parser(
        "fetch",
        help="download, verify and unpack a model",
        description="Download a model archive, verify its size and checksum, and unpack it "
        "atomically into the models folder.",
    )
    fetch_parser.add_argument("name", metavar="NAME", help=f"one of: {', '.join(REGISTRY)}")
    fetch_parser.add_argument(
        "--url",
        help="download from this URL instead (a mirror, or another model); the recorded size and "
        "checksum then do not apply: the size is checked against the server's, give --sha256 too",
    )
    fetch_parser.add_argument("--sha256", metavar="HEX", help="expected sha256 of the archive")
    fetch_parser.add_argument(
        "--dest", metavar="DIR", type=Path, help=f"models folder (default: {default_models_dir()})"
    )
    fetch_parser.set_defaults(handler=run_fetch)
    parser.set_defaults(handler=lambda args: run_list(args))


def run_list(args: argparse.Namespace) -> int:
    installed = installed_models()
    by_name = {model.registry_name: model.folder for model in installed if model.registry_name}
    print("official models:")
    for info in REGISTRY.values():
        where = f"installed in {by_name[info.name]}" if info.name in by_name else "not installed"
        size = f"{info.size_bytes / 1e6:.1f} MB" if info.size_bytes else "size unknown"
        print(f"  {info.name:<12} {info.folder:<30} {size:<13} {where}")
    others = [model for model in installed if model.registry_name is None]
    if others:
        print("other models found:")
        for model in others:
            print(f"  {model.folder}")
    print("searched: " + ", ".join(str(folder) for folder in models_dirs()))
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    bar = ProgressBar(sys.stderr)
    target = fetch_model(args.name, url=args.url, sha256=args.sha256, dest=args.dest, progress=bar)
    bar.done()
    print(target)
    return 0


class ProgressBar:
    """A one-line progress bar redrawn in place; plain percentages when not a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last_percent = -1
        self._drawn = False

    def __call__(self, received: int, total: int | None) -> None:
        percent = int(100 * received / total) if total else 0
        if percent == self._last_percent and received:
            return
        self._last_percent = percent
        filled = self.WIDTH * percent // 100
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        total_text = f"{total / 1e6:.1f}" if total else "?"
        self.stream.write(f"\r[{bar}] {percent:3d}% {received / 1e6:.1f}/{total_text} MB")
        self.stream.flush()
        self._drawn = True

    def done(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()

"""`voicecoach doctor`: what this machine offers, and the fix for whatever is missing."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import asdict, dataclass
from typing import Any

from voicecoach.errors import VoicecoachError


@dataclass(frozen=True)
class Check:
    area: str
    name: str
    ok: bool
    detail: str
    fix: str = ""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check audio devices, recognisers, models, voice and store, with a fix for each"
        " problem",
        description="Check what voicecoach can use on this machine. Exit code 0 when it can run a "
        "spoken session, 1 when something essential is missing (typed sessions may still work).",
    )
    parser.add_argument("--json", action="store_true", help="print the checks as JSON")
    parser.set_defaults(handler=run_doctor)


def gather_checks() -> list[Check]:
    checks: list[Check] = []
    checks.extend(_device_checks())
    checks.extend(_recogniser_checks())
    checks.append(_voice_check())
    checks.append(_store_check())
    return checks


def _device_checks() -> list[Check]:
    try:
        from voicecoach.adapters.audio.devices import list_devices

        devices = list_devices()
    except (VoicecoachError, ImportError) as error:
        message = error.message if isinstance(error, VoicecoachError) else str(error)
        return [
            Check(
                "audio",
                "devices",
                False,
                message,
                "install PortAudio: sudo apt-get install libportaudio2",
            )
        ]
    inputs = [d for d in devices if d.get("max_input_channels", 0) > 0]
    outputs = [d for d in devices if d.get("max_output_channels", 0) > 0]
    checks = [
        Check(
            "audio",
            "microphone",
            bool(inputs),
            ", ".join(f"[{d.get('index')}] {d.get('name')}" for d in inputs) or "no input device",
            "" if inputs else "connect a microphone (or use typed turns: --input typed)",
        ),
        Check(
            "audio",
            "speaker",
            bool(outputs),
            ", ".join(f"[{d.get('index')}] {d.get('name')}" for d in outputs) or "no output device",
            "" if outputs else "connect speakers or headphones (or use --no-voice)",
        ),
    ]
    return checks


def _recogniser_checks() -> list[Check]:
    try:
        from voicecoach.adapters.asr import available_recognisers
    except ImportError as error:
        return [Check("recogniser", "any", False, str(error), "reinstall voicecoach: make setup")]
    return [
        Check(
            "recogniser",
            str(item.get("name")),
            bool(item.get("available")),
            str(item.get("detail", "")),
            str(item.get("fix", "")),
        )
        for item in available_recognisers()
    ]


def _voice_check() -> Check:
    if (
        shutil.which("espeak-ng") is None
        and shutil.which("espeak") is None
        and sys.platform.startswith("linux")
    ):
        return Check(
            "voice",
            "pyttsx3",
            False,
            "espeak-ng is not installed",
            "sudo apt-get install espeak-ng (or use --no-voice)",
        )
    try:
        from voicecoach.adapters.voice import list_voices

        voices = list_voices()
    except (VoicecoachError, ImportError) as error:
        message = error.message if isinstance(error, VoicecoachError) else str(error)
        return Check(
            "voice",
            "pyttsx3",
            False,
            message,
            "sudo apt-get install espeak-ng; pip install pyttsx3",
        )
    return Check(
        "voice",
        "pyttsx3",
        bool(voices),
        f"{len(voices)} voices",
        "" if voices else "install espeak-ng voices: sudo apt-get install espeak-ng-data",
    )


def _store_check() -> Check:
    from voicecoach.storage import SessionStore, default_db_path

    path = default_db_path()
    try:
        store = SessionStore(path)
        count = len(store.list_sessions())
        store.close()
    except VoicecoachError as error:
        return Check(
            "store", "sessions", False, error.message, "pass --data-dir to a writable folder"
        )
    return Check("store", "sessions", True, f"{path} ({count} sessions)")


def run_doctor(args: argparse.Namespace) -> int:
    checks = gather_checks()
    if args.json:
        json.dump([asdict(c) for c in checks], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for check in checks:
            mark = "ok " if check.ok else "-- "
            print(f"{mark} {check.area:<10} {check.name:<12} {check.detail}")
            if not check.ok and check.fix:
                print(f"{'':16}fix: {check.fix}")
    store_ok = all(c.ok for c in checks if c.area == "store")
    recogniser_ok = any(c.ok for c in checks if c.area == "recogniser")
    return 0 if store_ok and recogniser_ok else 1

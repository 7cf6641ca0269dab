"""`voicecoach app` and bare `voicecoach`: options, and no engine loaded at start-up."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from voicecoach.cli import build_parser
from voicecoach.cli.app import run_app

ENGINE_MODULES = ("pocketsphinx", "vosk", "pyttsx3", "sounddevice")


def test_app_options_are_parsed_for_the_handler() -> None:
    args = build_parser().parse_args(
        ["app", "--scenario", "used-car", "--asr", "vosk", "--input", "typed", "--device", "3",
         "--no-voice", "--push-to-talk", "--seed", "7"]
    )  # fmt: skip
    assert args.handler is run_app
    assert (args.scenario, args.asr, args.input, args.device) == ("used-car", "vosk", "typed", "3")
    assert args.no_voice and args.push_to_talk and args.seed == 7


def test_defaults_are_microphone_auto_recogniser_and_voice() -> None:
    args = build_parser().parse_args(["app"])
    assert (args.input, args.asr, args.no_voice, args.push_to_talk) == ("mic", "auto", False, False)
    assert args.scenario is None and args.seed is None


def test_app_help_lists_every_option() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "voicecoach", "app", "--help"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    for option in ("--scenario", "--asr", "--input", "--device", "--no-voice", "--push-to-talk"):
        assert option in result.stdout


def test_building_the_app_loads_no_engine() -> None:
    """Start-up stays fast: engines are imported by the factories, in workers, later."""
    code = textwrap.dedent(
        """
        import sys
        from voicecoach.cli.app import build_app
        from voicecoach.cli import build_parser
        build_app(build_parser().parse_args(["app"]))
        import voicecoach.tui.screens.rehearsal, voicecoach.tui.screens.summary
        print(" ".join(sorted(m for m in sys.argv[1:] if m in sys.modules)))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []


def test_the_app_and_its_composition_root_import_no_numerics() -> None:
    """The app's own modules stay light: not even numpy before a session needs it."""
    code = textwrap.dedent(
        """
        import argparse, sys
        from voicecoach.cli.app import build_app
        import voicecoach.tui.screens.rehearsal, voicecoach.tui.screens.summary
        args = argparse.Namespace(
            input="mic", asr="auto", vosk_model=None, no_voice=False, device=None,
            scenario=None, seed=None, push_to_talk=False,
        )
        build_app(args)
        print(" ".join(sorted(m for m in sys.argv[1:] if m in sys.modules)))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []

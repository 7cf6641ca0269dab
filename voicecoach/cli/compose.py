"""Builders for the concrete adapters, shared by the commands (the composition root).

Engines are imported here lazily, inside the builders, so that `--help` and the
app's first screen never wait for a model or a voice to load.
"""

from __future__ import annotations

import argparse
from typing import Any

from voicecoach.ports import AudioSink, AudioSource, Recogniser, Voice
from voicecoach.storage import SessionStore

ASR_CHOICES = ("auto", "sphinx", "vosk")


def add_engine_options(parser: argparse.ArgumentParser, *, voice: bool = True) -> None:
    """The recogniser/voice options every speaking command shares."""
    parser.add_argument(
        "--asr",
        choices=ASR_CHOICES,
        default="auto",
        help="speech recogniser (default auto: vosk when a vosk model is installed, "
        "else pocketsphinx's bundled English model)",
    )
    parser.add_argument(
        "--vosk-model",
        metavar="PATH",
        help="vosk model folder (else env VOICECOACH_VOSK_MODEL, else audio_models/)",
    )
    if voice:
        parser.add_argument(
            "--no-voice",
            action="store_true",
            help="do not speak the counterpart's lines (text only)",
        )
        parser.add_argument(
            "--device",
            metavar="ID",
            help="audio device index or name part, for microphone and speaker "
            "(see `voicecoach doctor`)",
        )


def make_recogniser(args: argparse.Namespace) -> Recogniser:
    from voicecoach.adapters.asr import load_recogniser

    return load_recogniser(getattr(args, "asr", "auto"), getattr(args, "vosk_model", None))


def make_voice(args: argparse.Namespace) -> Voice | None:
    if getattr(args, "no_voice", False):
        return None
    from voicecoach.adapters.voice import Pyttsx3Voice

    return Pyttsx3Voice()


def make_speaker(args: argparse.Namespace) -> AudioSink:
    from voicecoach.adapters.audio.speaker import SpeakerSink

    return SpeakerSink(device=_device(args))


def make_microphone(args: argparse.Namespace) -> AudioSource:
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    return MicrophoneSource(device=_device(args))


def make_prosody_meter() -> Any:
    from voicecoach.adapters.audio.prosody import measure_prosody

    return measure_prosody


def make_store() -> SessionStore:
    return SessionStore()


def _device(args: argparse.Namespace) -> int | str | None:
    device = getattr(args, "device", None)
    if device is None:
        return None
    return int(device) if str(device).isdigit() else str(device)

"""Builders for the concrete adapters, shared by the commands (the composition root).

Engines are imported here lazily, inside the builders, so that `--help` and the
app's first screen never wait for a model or a voice to load.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from voicecoach.core.endpointing import EndpointSettings
from voicecoach.ports import AudioSink, AudioSource, Recogniser, Voice
from voicecoach.session import SessionSettings
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


def add_session_options(parser: argparse.ArgumentParser) -> None:
    """Timing of a spoken session: when a turn ends, when the counterpart prompts."""
    parser.add_argument(
        "--end-silence",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="pause that ends a spoken turn (default 0.7)",
    )
    parser.add_argument(
        "--silence-prompt",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="silence after which the counterpart prompts you (default: the scenario's, usually 8)",
    )


def session_settings(args: argparse.Namespace, **fields: Any) -> SessionSettings:
    """SessionSettings from the shared options, plus the caller's own fields."""
    endpoint = EndpointSettings()
    end_silence = getattr(args, "end_silence", None)
    if end_silence is not None:
        endpoint = replace(endpoint, end_silence_seconds=end_silence)
    return SessionSettings(
        endpoint=endpoint, silence_prompt_seconds=getattr(args, "silence_prompt", None), **fields
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0.1 <= value <= 120:
        raise argparse.ArgumentTypeError(f"{text} s is out of range: give 0.1 to 120 seconds")
    return value


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

    # an index or a name, as given: resolve_device reads both
    return SpeakerSink(device=getattr(args, "device", None))


def make_microphone(args: argparse.Namespace) -> AudioSource:
    from voicecoach.adapters.audio.microphone import MicrophoneSource

    return MicrophoneSource(device=getattr(args, "device", None))


def make_prosody_meter() -> Any:
    from voicecoach.adapters.audio.prosody import measure_prosody

    return measure_prosody


def make_store() -> SessionStore:
    return SessionStore()

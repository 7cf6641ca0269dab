"""`voicecoach transcribe FILE.wav`: the recognised text on stdout, nothing else.

Only the text goes to stdout so the command composes in pipelines (`> out.txt`,
`| diff`); errors are one line on stderr with a non-zero exit (see `cli.main`).
"""

from __future__ import annotations

import argparse

from voicecoach.adapters.asr import RECOGNISER_NAMES, load_recogniser
from voicecoach.adapters.wav import WavFileSource, read_wav
from voicecoach.errors import UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="print the text recognised in a WAV file",
        description="Recognise the speech in a WAV file (any rate, channels and sample format) "
        "and print only the text on stdout.",
    )
    parser.add_argument("file", metavar="FILE.wav", help="the recording to transcribe")
    parser.add_argument(
        "--asr",
        choices=RECOGNISER_NAMES,
        default="auto",
        help="recogniser: vosk when a vosk model is configured or installed, else sphinx "
        "(default: auto)",
    )
    parser.add_argument(
        "--vosk-model",
        metavar="PATH",
        help="vosk model folder (default: env VOICECOACH_VOSK_MODEL, then audio_models/)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.vosk_model and args.asr == "sphinx":
        raise UsageError(
            "--vosk-model is for --asr vosk or auto: drop it or choose another recogniser"
        )
    clip = read_wav(args.file)  # read first: a bad file fails fast, before the slow model load
    recogniser = load_recogniser(args.asr, args.vosk_model)
    try:
        source = WavFileSource(clip)
        stream = recogniser.open_stream()
        while (chunk := source.read_chunk(timeout_seconds=0.0)) is not None:
            stream.accept_chunk(chunk)
        text = stream.finish().text
    finally:
        recogniser.close()
    print(text)
    return 0

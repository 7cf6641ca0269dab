"""`voicecoach rehearse`: a session without the app (WAV files, text or live audio in).

Headless input (a WAV, a folder of WAVs, a text file) runs turn by turn with
times that follow the audio, writes the counterpart's lines as WAV files and
the transcript as JSON, and saves the session in the store like any other.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from voicecoach.cli import compose
from voicecoach.core.events import (
    CounterpartSaid,
    NoticeRaised,
    SessionEnded,
    SessionEvent,
    SessionFailed,
    TurnHeard,
)
from voicecoach.core.transcript import Speaker
from voicecoach.errors import UsageError
from voicecoach.session import SessionRunner
from voicecoach.storage.paths import data_dir

INPUT_HELP = (
    "mic (live microphone), typed (type turns on stdin), a .wav file (split at pauses into turns), "
    "a folder of .wav files (one turn each, in name order) or a .txt file (one typed turn per line)"
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rehearse",
        help="run a session without the app: WAV files or text in, WAV files and JSON out",
        description="Run a rehearsal without the app. With a file or folder as --input it runs "
        "headless and writes the counterpart's lines as WAV files and the transcript as JSON.",
    )
    parser.add_argument(
        "scenario", metavar="SCENARIO", help="scenario id or path to a scenario file"
    )
    parser.add_argument("--input", required=True, metavar="SOURCE", help=INPUT_HELP)
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="folder for transcript.json and the counterpart's WAV files "
        "(default: <data dir>/exports/session-N)",
    )
    parser.add_argument(
        "--json", action="store_true", help="also print the transcript JSON on stdout"
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed for the counterpart's wording (default 0)"
    )
    compose.add_engine_options(parser)
    compose.add_session_options(parser)
    parser.set_defaults(handler=run_rehearse)


def run_rehearse(args: argparse.Namespace) -> int:
    from voicecoach.core.scenario import find_scenario

    scenario = find_scenario(args.scenario)
    source = args.input
    if source in ("mic", "typed"):
        return _live(args, scenario, source)
    path = Path(source)
    if not path.exists():
        raise UsageError(f"--input {source}: no such file or folder; give {INPUT_HELP}")
    from voicecoach.adapters.wav import read_wav, split_at_pauses  # numpy: headless runs only

    store = compose.make_store()
    if path.is_dir():
        wavs = sorted(p for p in path.iterdir() if p.suffix.lower() == ".wav")
        if not wavs:
            raise UsageError(
                f"--input {source}: the folder holds no .wav files (one file per trainee turn)"
            )
        turns: list[Any] = wavs
        kind = "wav"
    elif path.suffix.lower() == ".wav":
        turns = split_at_pauses(read_wav(path))
        kind = "wav"
    elif path.suffix.lower() in (".txt", ".text"):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"--input {source}: cannot read it as UTF-8 text ({error})") from error
        turns = [
            line for line in (raw.strip() for raw in lines) if line and not line.startswith("#")
        ]
        kind = "typed"
    else:
        raise UsageError(f"--input {source}: unknown kind of file; give {INPUT_HELP}")

    recogniser = compose.make_recogniser(args) if kind == "wav" else None
    voice = compose.make_voice(args)
    runner = SessionRunner(
        scenario,
        store=store,
        recogniser=recogniser,
        voice=voice,
        sink=None,
        settings=compose.session_settings(args, input_kind=kind, virtual_time=True),
        seed=args.seed,
        prosody_meter=_prosody_meter() if kind == "wav" else None,
        on_event=show_progress,
    )
    try:
        runner.begin()
        for number, item in enumerate(turns, start=1):
            if runner.ended:
                print(
                    f"voicecoach: the session ended before turn {number} of {len(turns)}; "
                    "the rest was not used",
                    file=sys.stderr,
                )
                break
            if kind == "typed":
                runner.process_typed_turn(str(item))
            else:
                runner.process_audio_turn(read_wav(item) if isinstance(item, Path) else item)
        runner.finish("ended")
    finally:
        if voice is not None:
            voice.close()
        if recogniser is not None:
            recogniser.close()
    assert runner.session_id is not None
    out = (
        Path(args.out) if args.out else data_dir() / "exports" / f"session-{runner.session_id:05d}"
    )
    document = write_outputs(runner, out)
    print(
        f"voicecoach: session {runner.session_id} saved; transcript and audio in {out}",
        file=sys.stderr,
    )
    if args.json:
        json.dump(document, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0


def transcript_document(runner: SessionRunner) -> dict[str, Any]:
    """The JSON transcript: turns with speaker, text, times, flags; counterpart state/move/table."""
    turns = []
    for turn in runner.turns:
        item = turn.to_dict()
        if turn.speaker is Speaker.COUNTERPART:
            item["state"] = turn.meta.get("state")
            item["move"] = turn.meta.get("move")
            item["table"] = turn.meta.get("table", {})
        else:
            item["labels"] = turn.labels
        turns.append(item)
    ended = next((e for e in reversed(runner.events) if isinstance(e, SessionEnded)), None)
    return {
        "session_id": runner.session_id,
        "scenario": runner.scenario.id,
        "seed": runner.seed,
        "recogniser": getattr(runner.recogniser, "name", None),
        "turns": turns,
        "outcome": ended.outcome if ended else dict(runner.run.outcome()),
        "summary": ended.summary if ended else {},
    }


def write_outputs(runner: SessionRunner, out: Path) -> dict[str, Any]:
    try:
        out.mkdir(parents=True, exist_ok=True)
        document = transcript_document(runner)
        for item in document["turns"]:
            audio = item.get("audio_path")
            if item["speaker"] == "counterpart" and audio and Path(audio).exists():
                target = out / Path(audio).name
                shutil.copyfile(audio, target)
                item["wav"] = target.name
        (out / "transcript.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    except OSError as error:
        raise UsageError(
            f"--out {out}: cannot write there ({error}); pick a writable folder"
        ) from error
    return document


def _prosody_meter() -> Any:
    try:
        return compose.make_prosody_meter()
    except ImportError:
        return None


def show_progress(event: SessionEvent) -> None:
    """The conversation as it happens, on stderr (stdout is kept for --json)."""
    if isinstance(event, TurnHeard):
        labels = ", ".join(event.turn.labels)
        print(f"  you: {event.turn.text}" + (f"   [{labels}]" if labels else ""), file=sys.stderr)
    elif isinstance(event, CounterpartSaid):
        print(f" them: {event.turn.text}", file=sys.stderr)
    elif isinstance(event, NoticeRaised | SessionFailed):
        print(f"voicecoach: {event.message}", file=sys.stderr)


def _live(args: argparse.Namespace, scenario: Any, mode: str) -> int:
    """Live rehearsal in the terminal without the app: typed lines or the microphone."""
    store = compose.make_store()
    voice = compose.make_voice(args)
    sink = compose.make_speaker(args) if voice is not None else None
    recogniser = compose.make_recogniser(args) if mode == "mic" else None
    done = threading.Event()

    def on_event(event: SessionEvent) -> None:
        show_progress(event)
        if isinstance(event, SessionEnded | SessionFailed):
            done.set()

    runner = SessionRunner(
        scenario,
        store=store,
        recogniser=recogniser,
        voice=voice,
        sink=sink,
        settings=compose.session_settings(args, input_kind=mode),
        seed=args.seed,
        prosody_meter=_prosody_meter() if mode == "mic" else None,
        on_event=on_event,
    )
    runner.start()
    if mode == "mic":
        runner.attach_source(compose.make_microphone(args))
        print(
            "voicecoach: listening; speak, pause to end a turn; Ctrl-C ends the session",
            file=sys.stderr,
        )
        signal.signal(signal.SIGINT, lambda *_: runner.end())
        done.wait()
    else:
        print(
            "voicecoach: type a turn and press Enter; an empty line or Ctrl-D ends", file=sys.stderr
        )
        for line in sys.stdin:
            if not line.strip() or done.is_set():
                break
            runner.submit_typed(line)
        runner.end()
    runner.wait(30)
    for closable in (voice, sink, recogniser):
        if closable is not None:
            closable.close()
    if runner.session_id is not None:
        print(f"voicecoach: session {runner.session_id} saved", file=sys.stderr)
    return 0

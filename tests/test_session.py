"""The session runner with real parts: scenario and feedback engines, SQLite,
pocketsphinx on flite speech, the WAV source chunked like a microphone.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.speech import speech_wav
from voicecoach.cli import main
from voicecoach.core.events import (
    CounterpartSaid,
    FeedbackGiven,
    ListeningChanged,
    PartialHeard,
    SessionEnded,
    SessionStarted,
    SpeechStarted,
    TurnHeard,
)
from voicecoach.core.scenario import find_scenario
from voicecoach.core.transcript import Speaker
from voicecoach.session import SessionRunner, SessionSettings
from voicecoach.storage import SessionStore, default_db_path


def flite(tmp_path: Path, name: str, text: str, voice: str = "slt", pad: str = "0.3") -> Path:
    return speech_wav(tmp_path / f"{name}.wav", text, voice, effects=("pad", pad, pad))


@pytest.fixture(scope="module")
def sphinx():  # type: ignore[no-untyped-def]
    from voicecoach.adapters.asr import load_recogniser

    recogniser = load_recogniser("sphinx")
    yield recogniser
    recogniser.close()


def test_typed_session_saves_every_turn_with_its_flags(tmp_path: Path) -> None:
    events: list[object] = []
    store = SessionStore(tmp_path / "s.db")
    runner = SessionRunner(
        find_scenario("used-car"),
        store=store,
        on_event=events.append,
        settings=SessionSettings(virtual_time=True),
        seed=2,
    )
    runner.begin()
    assert isinstance(events[0], SessionStarted)
    assert isinstance(events[1], CounterpartSaid)  # the counterpart opens
    runner.process_typed_turn("hi, what matters most to you in this sale?")
    runner.process_typed_turn("I can offer 14000")
    runner.process_typed_turn("ok fine, I'll go up to 16500")
    # Saved while the session is still running: another connection sees them.
    rows = (
        sqlite3.connect(tmp_path / "s.db")
        .execute("SELECT speaker, text, flags_json FROM turns ORDER BY idx")
        .fetchall()
    )
    assert [r[0] for r in rows] == [
        "counterpart",
        "trainee",
        "counterpart",
        "trainee",
        "counterpart",
        "trainee",
        "counterpart",
    ]
    assert "influence.question" in rows[1][2]
    assert "concession.unpaid" in rows[5][2]
    feedback = [e for e in events if isinstance(e, FeedbackGiven)]
    assert [f.turn_index for f in feedback] == [1, 3, 5]
    said = [e for e in events if isinstance(e, CounterpartSaid)]
    assert all(s.turn.meta["state"] and s.turn.meta["move"] for s in said)
    assert "price" in said[-1].turn.meta["table"]
    times = [(t.start_seconds, t.end_seconds) for t in runner.turns]
    assert all(a <= b for a, b in times) and times == sorted(times)
    runner.finish()
    assert isinstance(events[-1], SessionEnded)
    record = store.get_session(runner.session_id or 0)
    assert record.status == "ended" and record.summary
    assert record.outcome["result"] == "ended early"  # no deal yet when the trainee stopped


def listen_to_the_end(runner: SessionRunner, source: object, events: list[object]) -> None:
    """Feed a WAV source through the running session until it ends, then end the session."""
    runner.attach_source(source)  # type: ignore[arg-type]
    deadline = time.monotonic() + 60
    while not any(isinstance(e, ListeningChanged) and e.reason == "input ended" for e in events):
        assert time.monotonic() < deadline, events
        time.sleep(0.05)
    runner.end()
    assert runner.wait(30)


def wav_runner(tmp_path: Path, sphinx: object, events: list[object]) -> SessionRunner:
    runner = SessionRunner(
        find_scenario("used-car"),
        store=SessionStore(tmp_path / "s.db"),
        recogniser=sphinx,  # type: ignore[arg-type]
        settings=SessionSettings(input_kind="wav"),
        on_event=events.append,
    )
    runner.start()
    return runner


def test_spoken_turns_from_a_wav_source_are_endpointed_and_recognised(
    tmp_path: Path, sphinx
) -> None:  # type: ignore[no-untyped-def]
    from voicecoach.adapters.wav import WavFileSource

    first = flite(tmp_path, "a", "hello what can you tell me about the car", pad="0.5")
    second = flite(tmp_path, "b", "why are you selling it", voice="rms", pad="0.5")
    both = tmp_path / "both.wav"
    subprocess.run(["sox", str(first), str(second), str(both), "pad", "0", "1.5"], check=True)
    events: list[object] = []
    runner = wav_runner(tmp_path, sphinx, events)
    listen_to_the_end(runner, WavFileSource(both), events)
    heard = [e.turn.text for e in events if isinstance(e, TurnHeard)]
    assert len(heard) == 2, heard
    assert {"tell", "car"} <= set(heard[0].split()) and "selling" in heard[1].split()
    assert any(isinstance(e, SpeechStarted) for e in events)
    assert any(isinstance(e, PartialHeard) and e.text for e in events), (
        "partials stream while talking"
    )
    trainee = [t for t in runner.turns if t.speaker is Speaker.TRAINEE]
    assert all(t.audio_path and Path(t.audio_path).stat().st_size > 10_000 for t in trainee)
    assert "prosody" not in trainee[0].meta  # no meter was given


def test_paused_session_ignores_audio(tmp_path: Path, sphinx) -> None:  # type: ignore[no-untyped-def]
    from voicecoach.adapters.wav import WavFileSource

    speech = flite(tmp_path, "a", "hello what can you tell me about the car")
    events: list[object] = []
    runner = wav_runner(tmp_path, sphinx, events)
    runner.pause()
    listen_to_the_end(runner, WavFileSource(speech), events)
    assert not [e for e in events if isinstance(e, TurnHeard)]


def test_rehearse_on_a_folder_of_wavs_writes_json_wavs_and_a_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    turns = tmp_path / "turns"
    turns.mkdir()
    flite(turns, "01", "hello there")
    flite(turns, "02", "what matters most to you about selling this car", voice="awb")
    out = tmp_path / "out"
    assert (
        main(
            [
                "rehearse",
                "used-car",
                "--input",
                str(turns),
                "--out",
                str(out),
                "--json",
                "--asr",
                "sphinx",
            ]
        )
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    document = json.loads((out / "transcript.json").read_text())
    assert printed == document
    speakers = [t["speaker"] for t in document["turns"]]
    assert speakers == ["counterpart", "trainee", "counterpart", "trainee", "counterpart"]
    assert "matters" in document["turns"][3]["text"]
    for turn in document["turns"]:
        if turn["speaker"] == "counterpart":
            assert turn["state"] and turn["move"] and turn["table"]
            wav = out / turn["wav"]
            assert wav.stat().st_size > 20_000  # a real rendered voice, not an empty file
    assert document["recogniser"] == "sphinx"
    sessions = SessionStore(default_db_path()).list_sessions()
    assert [s.scenario_id for s in sessions] == ["used-car"] and sessions[0].status == "ended"


def test_rehearse_text_file_names_state_move_and_table_and_is_repeatable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "turns.txt"
    script.write_text("hello\n# a comment line is skipped\nwhy are you selling?\nI can do 12000\n")

    def transcript(seed: int) -> list[dict[str, object]]:
        assert (
            main(
                [
                    "rehearse",
                    "used-car",
                    "--input",
                    str(script),
                    "--seed",
                    str(seed),
                    "--no-voice",
                    "--json",
                    "--out",
                    str(tmp_path / f"o{seed}"),
                ]
            )
            == 0
        )
        return json.loads(capsys.readouterr().out)["turns"]  # type: ignore[no-any-return]

    first, again = transcript(7), transcript(7)
    assert [t["text"] for t in first] == [t["text"] for t in again]
    assert [t["text"] for t in first if t["speaker"] == "trainee"] == [
        "hello",
        "why are you selling?",
        "I can do 12000",
    ]
    moves = [t["move"] for t in first if t["speaker"] == "counterpart"]
    assert len(moves) == 4 and all(isinstance(m, str) for m in moves)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rehearse", "used-car", "--input", "/nonexistent/x.wav"], "no such file or folder"),
        (["rehearse", "no-such-scenario", "--input", "typed"], "no-such-scenario"),
    ],
)
def test_rehearse_bad_input_is_one_line_not_a_traceback(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in err[0]


def test_rehearse_broken_wav_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "turns"
    broken.mkdir()
    (broken / "01.wav").write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunk")
    assert (
        main(["rehearse", "used-car", "--input", str(broken), "--no-voice", "--asr", "sphinx"]) != 0
    )
    err = capsys.readouterr().err
    assert "01.wav" in err and "Traceback" not in err


def test_long_silence_makes_the_counterpart_prompt(tmp_path: Path, sphinx) -> None:  # type: ignore[no-untyped-def]
    from voicecoach.adapters.wav import WavFileSource
    from voicecoach.ports import AudioClip

    quiet_room = AudioClip(bytes(2 * 16_000 * 3))  # three seconds of silence
    events: list[object] = []
    runner = SessionRunner(
        find_scenario("used-car"),
        store=SessionStore(tmp_path / "s.db"),
        recogniser=sphinx,
        settings=SessionSettings(input_kind="wav", silence_prompt_seconds=1.0),
        on_event=events.append,
    )
    runner.start()
    listen_to_the_end(runner, WavFileSource(quiet_room), events)
    moves = [e.turn.meta["move"] for e in events if isinstance(e, CounterpartSaid)]
    assert moves[0] == "open" and moves[1:] == ["prompt"], moves  # once, not every second


def test_end_silence_and_prompt_options_reach_the_session(tmp_path: Path) -> None:
    from voicecoach.cli import build_parser
    from voicecoach.cli.compose import session_settings

    args = build_parser({"rehearse"}).parse_args(
        [
            "rehearse",
            "used-car",
            "--input",
            "typed",
            "--end-silence",
            "1.2",
            "--silence-prompt",
            "5",
        ]
    )
    settings = session_settings(args, input_kind="typed")
    assert settings.endpoint.end_silence_seconds == 1.2 and settings.silence_prompt_seconds == 5.0
    runner = SessionRunner(
        find_scenario("used-car"), store=SessionStore(tmp_path / "s.db"), settings=settings
    )
    assert runner._detector.settings.long_silence_seconds == 5.0


def test_rehearse_on_one_long_wav_splits_it_into_turns_at_pauses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = flite(tmp_path, "a", "hello there")
    second = flite(tmp_path, "b", "why are you selling this car", voice="awb")
    both = tmp_path / "both.wav"
    subprocess.run(["sox", str(first), str(second), str(both), "pad", "0", "1.0"], check=True)
    # 48 kHz stereo, as a phone recorder would save it: converted on the way in.
    recorded = tmp_path / "recorded.wav"
    subprocess.run(["sox", str(both), "-r", "48000", "-c", "2", str(recorded)], check=True)
    out = tmp_path / "out"
    args = ["rehearse", "used-car", "--input", str(recorded), "--out", str(out), "--json"]
    assert main([*args, "--no-voice", "--asr", "sphinx"]) == 0
    turns = json.loads(capsys.readouterr().out)["turns"]
    trainee = [t["text"] for t in turns if t["speaker"] == "trainee"]
    assert len(trainee) == 2, trainee
    assert "hello" in trainee[0] and "selling" in trainee[1]

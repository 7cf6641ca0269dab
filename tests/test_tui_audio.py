"""The app on the speaking path: real microphone, recogniser, voice and speaker.

PulseAudio null sinks stand in for the sound card (tests/pulse.py): the
trainee "speaks" by playing flite speech into the virtual microphone, and the
counterpart's voice goes to the virtual speaker. The app is built by the real
composition root with its default microphone input, so what is checked is what
a user sees: the live partial line, the heard turn, the counterpart's answer,
and push-to-talk as a toggle.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
from pathlib import Path

import pytest
from textual.message import Message

from tests.pulse import PulseRig, make_speech_wav, pulse_audio  # noqa: F401
from tests.test_tui_app import (
    counterpart_lines,
    make_app,
    shown_text,
    start_rehearsal,
    store_rows,
    wait_for,
)
from voicecoach.core.events import (
    ListeningChanged,
    PartialHeard,
    SessionEvent,
    TurnHeard,
    VoiceStopped,
)
from voicecoach.core.transcript import Speaker
from voicecoach.tui.screens.rehearsal import RehearsalScreen
from voicecoach.tui.screens.summary import SummaryScreen

pytestmark = [pytest.mark.audio, pytest.mark.slow]

QUESTION = "What matters most to you in this deal?"


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


class EventRecorder:
    """Session events as the screen received them (through the app's message queue)."""

    def __init__(self) -> None:
        self.events: list[SessionEvent] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, RehearsalScreen.SessionEventReceived):
            self.events.append(message.event)

    def saw_listening(self, reason: str) -> bool:
        return any(isinstance(e, ListeningChanged) and e.reason == reason for e in self.events)

    def voice_finished(self, turn_index: int) -> bool:
        return any(isinstance(e, VoiceStopped) and e.turn_index == turn_index for e in self.events)


def trainee_turns(screen: RehearsalScreen) -> list[str]:
    return [t.text for t in screen.turns if t.speaker is Speaker.TRAINEE]


def test_spoken_turn_shows_partial_then_turn_then_answer(
    pulse_audio: PulseRig,  # noqa: F811
    tmp_path: Path,
    isolated_user_dirs: Path,
) -> None:
    speech = make_speech_wav(tmp_path / "question.wav", QUESTION)
    app = make_app("--input", "mic", "--asr", "sphinx", "--seed", "1")
    recorder = EventRecorder()

    async def session() -> None:
        async with app.run_test(size=(120, 40), message_hook=recorder) as pilot:
            screen = await start_rehearsal(pilot)
            assert screen.input_kind == "mic" and screen.source is not None
            await wait_for(pilot, lambda: recorder.voice_finished(0), "the opening line spoken")
            await wait_for(pilot, lambda: screen.listening, "listening")
            assert "● listening" in shown_text(screen.query_one("#status"))

            player = pulse_audio.play_into_mic(speech)
            await wait_for(pilot, lambda: bool(trainee_turns(screen)), "the spoken turn heard")
            await asyncio.to_thread(player.wait)
            heard = trainee_turns(screen)[0]
            overlap = len(words(heard) & words(QUESTION)) / len(words(QUESTION))
            assert overlap >= 0.5, heard
            partials = [e.text for e in recorder.events if isinstance(e, PartialHeard) and e.text]
            assert partials, "no partial transcript was shown while speaking"
            turn_heard = next(i for i, e in enumerate(recorder.events) if isinstance(e, TurnHeard))
            first_partial = next(
                i for i, e in enumerate(recorder.events) if isinstance(e, PartialHeard) and e.text
            )
            assert first_partial < turn_heard  # live, before the turn ended
            await wait_for(
                pilot, lambda: counterpart_lines(screen) >= 2, "the counterpart's answer"
            )

            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")

    asyncio.run(session())
    _, turns = store_rows(isolated_user_dirs)
    spoken = [row for row in turns if row[2] == "trainee"]
    assert len(spoken) == 1 and words(str(spoken[0][3])) & words(QUESTION)


def test_push_to_talk_is_a_toggle(
    pulse_audio: PulseRig,  # noqa: F811
    tmp_path: Path,
) -> None:
    """In push-to-talk mode speech is ignored until space turns talking on; space again ends it."""
    speech = make_speech_wav(tmp_path / "question.wav", QUESTION)
    # Two seconds of silence after the words: were they heard, the turn would end
    # (0.7 s of silence ends a turn) and be saved before this file stops playing.
    padded = tmp_path / "question-then-silence.wav"
    subprocess.run(["sox", str(speech), str(padded), "pad", "0", "2"], check=True)
    app = make_app("--input", "mic", "--asr", "sphinx", "--no-voice", "--seed", "1")
    recorder = EventRecorder()

    async def session() -> None:
        async with app.run_test(size=(120, 40), message_hook=recorder) as pilot:
            screen = await start_rehearsal(pilot)
            await wait_for(pilot, lambda: screen.listening, "listening hands-free")
            await pilot.press("m")
            await wait_for(pilot, lambda: not screen.listening, "push-to-talk: not listening")
            assert screen.push_to_talk

            # Speech while talking is off is not heard.
            await asyncio.to_thread(pulse_audio.play_into_mic(padded).wait)
            # The runner's answer to a pause/resume round trip comes after the audio it
            # had already read, so by then that speech would have made a turn.
            await pilot.press("p")
            await pilot.press("p")
            await wait_for(pilot, lambda: recorder.saw_listening("resumed"), "resumed")
            assert trainee_turns(screen) == []

            await pilot.press("space")
            await wait_for(pilot, lambda: screen.listening, "talking on")
            await asyncio.to_thread(pulse_audio.play_into_mic(speech).wait)
            await pilot.press("space")
            await wait_for(pilot, lambda: bool(trainee_turns(screen)), "the turn, ended by the key")
            assert words(trainee_turns(screen)[0]) & words(QUESTION)
            await wait_for(pilot, lambda: counterpart_lines(screen) >= 2, "an answer")

    asyncio.run(session())

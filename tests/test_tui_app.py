"""The Textual app driven by its pilot, on real parts.

The app is built by the real composition root (`voicecoach.cli.app.build_app`)
with typed input and no voice, so every session below runs the real session
runner, the real scenario engine and feedback engine, and the real SQLite
store in the isolated data folder (see conftest). The microphone is not used,
except where its absence is the point.

Waiting: the runner answers from its own thread, so tests poll the screen
until what they expect is shown. The deadline is generous and only keeps a
broken build from hanging; nothing here asserts how fast anything happened.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList

from voicecoach.cli import build_parser
from voicecoach.cli.app import build_app
from voicecoach.core.events import (
    ListeningChanged,
    PartialHeard,
    SessionEvent,
    SessionFailed,
    SpeechStarted,
    VoiceStarted,
    VoiceStopped,
)
from voicecoach.core.transcript import Speaker
from voicecoach.tui.app import VoicecoachApp
from voicecoach.tui.screens.brief import BriefScreen
from voicecoach.tui.screens.error import ErrorModal
from voicecoach.tui.screens.picker import PickerScreen
from voicecoach.tui.screens.rehearsal import RehearsalScreen
from voicecoach.tui.screens.summary import SummaryScreen
from voicecoach.tui.widgets import CounterpartLine, FeedbackPanel, PartialLine, TranscriptView

DEADLINE_SECONDS = 60.0
SCENARIO_ID = "used-car"


def make_app(*options: str) -> VoicecoachApp:
    """The app exactly as `voicecoach app OPTIONS` builds it."""
    args = build_parser().parse_args(["app", *options])
    return build_app(args)


def typed_app(*options: str) -> VoicecoachApp:
    return make_app("--input", "typed", "--no-voice", "--seed", "0", *options)


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition()` holds; fail naming `what` if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DEADLINE_SECONDS
    while not condition():
        if not pilot.app.is_running:
            raise AssertionError(f"the app stopped before: {what}")
        if loop.time() > deadline:
            raise AssertionError(f"never happened: {what}")
        await pilot.pause(0.02)


async def open_picker(pilot: Pilot[None]) -> PickerScreen:
    app = pilot.app
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, PickerScreen) and bool(app.screen.entries),
        "scenarios listed",
    )
    assert isinstance(app.screen, PickerScreen)
    return app.screen


async def choose_scenario(pilot: Pilot[None], scenario_id: str = SCENARIO_ID) -> BriefScreen:
    """Highlight the scenario in the picker and press Enter, as a user would."""
    picker = await open_picker(pilot)
    ids = [entry.id for entry in picker.entries]
    assert scenario_id in ids, ids
    option_list = picker.query_one(OptionList)
    option_list.focus()
    option_list.highlighted = ids.index(scenario_id)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BriefScreen), "brief shown")
    assert isinstance(pilot.app.screen, BriefScreen)
    return pilot.app.screen


async def start_rehearsal(pilot: Pilot[None]) -> RehearsalScreen:
    await choose_scenario(pilot)
    await pilot.press("enter")
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, RehearsalScreen), "rehearsal screen")
    screen = app.screen
    assert isinstance(screen, RehearsalScreen)
    await wait_for(pilot, lambda: counterpart_lines(screen) >= 1, "the counterpart's opening line")
    return screen


def shown_text(widget: Widget) -> str:
    """What a widget shows inside its border and padding, as plain text lines."""
    lines = widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))
    gutter = widget.styles.gutter
    inner = lines[gutter.top : len(lines) - gutter.bottom]
    return "\n".join(
        line.text[gutter.left : len(line.text) - gutter.right].rstrip() for line in inner
    )


def footer_text(screen: Screen[object]) -> str:
    """The keys the footer offers right now."""
    return " ".join(shown_text(key) for key in screen.query_one(Footer).children)


def flat(text: str) -> str:
    """Text with its wrapping undone, to look for a sentence the screen wrapped."""
    return " ".join(text.split())


def counterpart_lines(screen: RehearsalScreen) -> int:
    return sum(1 for turn in screen.turns if turn.speaker is Speaker.COUNTERPART)


async def say_typed(pilot: Pilot[None], screen: RehearsalScreen, text: str) -> None:
    """Type a turn with the keyboard and wait for the counterpart's answer to it."""
    before = counterpart_lines(screen)
    await pilot.press("i")
    await pilot.press(*text)
    await pilot.press("enter")
    await wait_for(
        pilot,
        lambda: counterpart_lines(screen) > before or screen.ended,
        f"an answer to {text!r}",
    )


def store_rows(data_dir: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Sessions and turns as saved in the SQLite file, read with plain sqlite3."""
    database = data_dir / "sessions.sqlite3"
    assert database.is_file(), f"no session database at {database}"
    with sqlite3.connect(database) as connection:
        sessions = connection.execute(
            "SELECT id, scenario_id, status FROM sessions ORDER BY id"
        ).fetchall()
        turns = connection.execute(
            "SELECT session_id, idx, speaker, text, flags_json FROM turns ORDER BY session_id, idx"
        ).fetchall()
    return sessions, turns


def test_typed_session_from_picker_to_summary_is_saved(isolated_user_dirs: Path) -> None:
    """Scenario choice, brief, typed turns, replies and flags, summary; turns on disk."""
    app = typed_app()

    async def session() -> SummaryScreen:
        async with app.run_test(size=(120, 40)) as pilot:
            brief = await choose_scenario(pilot)
            brief_text = shown_text(brief.query_one("#brief-table"))
            for label in ("Your role", "Goal", "Target", "Walk-away", "Alternative", "Time budget"):
                assert label in brief_text
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, RehearsalScreen), "rehearsal")
            screen = app.screen
            assert isinstance(screen, RehearsalScreen)
            await wait_for(pilot, lambda: counterpart_lines(screen) >= 1, "the opening line")
            opening = screen.query_one(CounterpartLine).line
            assert opening and opening == screen.turns[0].text

            await say_typed(pilot, screen, "Hi Rick, what matters most to you in this deal?")
            await say_typed(pilot, screen, "I can offer 15000 for it.")
            await say_typed(pilot, screen, "ok fine, I can go up to 16500")
            assert counterpart_lines(screen) == 4
            replies = [t.text for t in screen.turns if t.speaker is Speaker.COUNTERPART]
            assert screen.query_one(CounterpartLine).line == replies[-1] != opening
            shown = "\n".join(
                shown_text(entry) for entry in screen.query_one(TranscriptView).children
            )
            for reply in replies:
                assert flat(reply) in flat(shown)
            labels = {flag.label for flags in screen.flags_by_turn.values() for flag in flags}
            assert {"influence.question", "concession.unpaid"} <= labels
            # The flags are on screen, under the turns that earned them.
            entries = [flat(shown_text(e)) for e in screen.query_one(TranscriptView).children]
            question = next(e for e in entries if TRAINEE_TURNS[0] in e)
            unpaid = next(e for e in entries if TRAINEE_TURNS[2] in e)
            assert "Good question" in question and "Unpaid concession" in unpaid

            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "summary screen")
            summary = app.screen
            assert isinstance(summary, SummaryScreen)
            shown = "\n".join(shown_text(w) for w in summary.query(".summary-turn"))
            assert "Concession given for nothing" in shown and "Tip:" in shown
            assert "Open question" in shown
            return summary

    summary = asyncio.run(session())
    assert [t.text for t in summary.turns if t.speaker is Speaker.TRAINEE] == TRAINEE_TURNS
    sessions, turns = store_rows(isolated_user_dirs)
    assert sessions == [(summary.session_id, SCENARIO_ID, "ended")]
    assert [text for _, _, speaker, text, _ in turns if speaker == "trainee"] == TRAINEE_TURNS
    assert sum(1 for row in turns if row[2] == "counterpart") == 4
    unpaid_row = next(row for row in turns if row[3] == TRAINEE_TURNS[2])
    assert "concession.unpaid" in str(unpaid_row[4])


TRAINEE_TURNS = [
    "Hi Rick, what matters most to you in this deal?",
    "I can offer 15000 for it.",
    "ok fine, I can go up to 16500",
]


def test_unpaid_concession_shows_in_live_panel_with_tip_one_key_away() -> None:
    """Issue 4: the live cue is a few words; `e` opens why and the tip; `e` again hides them."""
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await start_rehearsal(pilot)
            panel = screen.query_one(FeedbackPanel)
            await say_typed(pilot, screen, "I can offer 15000 for it.")
            assert "Unpaid concession" not in shown_text(panel)
            await say_typed(pilot, screen, "ok fine, I can go up to 16500")
            unpaid = [f for f in panel.flags if f.label == "concession.unpaid"]
            assert unpaid, panel.flags
            live = flat(shown_text(panel))
            assert "Unpaid concession" in live
            assert flat(unpaid[0].tip) not in live  # sparse: the tip waits behind a key

            await pilot.press("e")
            explained = flat(shown_text(panel))
            assert flat(unpaid[0].tip) in explained
            assert flat(unpaid[0].why) in explained

            await pilot.press("e")
            assert flat(unpaid[0].tip) not in flat(shown_text(panel))

    asyncio.run(session())


def test_no_microphone_is_a_notification_and_typed_turns_are_offered() -> None:
    """A microphone that cannot be opened: the app says so and a typed turn still works."""
    app = make_app("--input", "mic", "--device", "no-such-microphone", "--no-voice", "--seed", "0")
    notices: list[Notification] = []

    def record(message: Message) -> None:
        if isinstance(message, Notify):
            notices.append(message.notification)

    async def session() -> None:
        async with app.run_test(size=(120, 40), notifications=True, message_hook=record) as pilot:
            screen = await start_rehearsal(pilot)
            await wait_for(pilot, lambda: screen.input_kind == "typed", "the switch to typed turns")
            assert any(n.title == "No microphone" for n in notices), notices
            notice = next(n for n in notices if n.title == "No microphone")
            assert "no input device matches" in notice.message and "type" in notice.message
            typed = screen.query_one("#typed", Input)
            assert typed.display and typed.has_focus
            assert "typed turns" in shown_text(screen.query_one("#status"))
            await pilot.pause()
            assert "esc Keys" in footer_text(screen)  # typing: letters type, Esc for keys
            await pilot.press("escape")
            await wait_for(pilot, lambda: "Type a turn" in footer_text(screen), "the keys")
            assert "Push-to-talk" not in footer_text(screen)  # no microphone, no mic keys
            await pilot.press("i")
            assert typed.has_focus
            before = counterpart_lines(screen)
            await pilot.press(*"Hello Rick, what matters most to you here?")
            await pilot.press("enter")
            await wait_for(pilot, lambda: counterpart_lines(screen) > before, "an answer")
            assert isinstance(app.screen, RehearsalScreen)

    asyncio.run(session())


BROKEN_SCENARIO = """\
id = "broken-deal"
title = "A deal with a typo"
trainee_role = "buyer"
counterpart_role = [unclosed
"""


def test_broken_scenario_is_listed_as_broken_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my-scenarios"
    folder.mkdir()
    (folder / "broken-deal.toml").write_text(BROKEN_SCENARIO, encoding="utf-8")
    monkeypatch.setenv("VOICECOACH_SCENARIOS_DIR", str(folder))
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(140, 30)) as pilot:
            picker = await open_picker(pilot)
            ids = [entry.id for entry in picker.entries]
            assert "broken-deal" in ids and SCENARIO_ID in ids
            option_list = picker.query_one(OptionList)
            broken = option_list.get_option("broken-deal")
            assert broken.disabled
            listed = flat(shown_text(option_list))
            entry = picker.entries[ids.index("broken-deal")]
            assert entry.error and "broken-deal.toml" in entry.error
            assert "broken-deal broken:" in listed
            assert flat(entry.error.splitlines()[0])[:40] in listed
            assert not option_list.get_option(SCENARIO_ID).disabled
            # Enter on the highlighted entry still opens a working scenario.
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, BriefScreen), "a brief")

    asyncio.run(session())


def test_opening_a_broken_scenario_by_id_shows_the_error_in_a_modal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my-scenarios"
    folder.mkdir()
    (folder / "broken-deal.toml").write_text(BROKEN_SCENARIO, encoding="utf-8")
    monkeypatch.setenv("VOICECOACH_SCENARIOS_DIR", str(folder))
    app = typed_app("--scenario", "broken-deal")

    async def session() -> None:
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ErrorModal), "the error modal")
            modal = app.screen
            assert isinstance(modal, ErrorModal)
            assert "broken-deal.toml" in modal.error_message
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen), "back to the list")

    asyncio.run(session())


def test_runner_events_render_partial_line_and_barge_in() -> None:
    """Events only the microphone path produces, fed as the runner would send them."""
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await start_rehearsal(pilot)
            counterpart = screen.query_one(CounterpartLine)
            partial = screen.query_one(PartialLine)

            def send(event: SessionEvent) -> None:
                screen.post_message(RehearsalScreen.SessionEventReceived(event))

            send(VoiceStarted(turn_index=0))
            send(SpeechStarted(at_seconds=3.0))
            send(PartialHeard("i could do fifteen"))
            await pilot.pause()
            assert "i could do fifteen" in shown_text(partial)
            assert counterpart.border_subtitle == "speaking…"
            send(VoiceStopped(turn_index=0, interrupted=True))
            send(ListeningChanged(listening=True, reason="input: mic"))
            await pilot.pause()
            assert counterpart.border_subtitle == "interrupted"
            send(PartialHeard(""))
            await pilot.pause()
            assert shown_text(partial).strip() == ""

    asyncio.run(session())


def test_pause_key_pauses_the_runner_and_typed_turns_resume_after() -> None:
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await start_rehearsal(pilot)
            await pilot.press("p")
            status = screen.query_one("#status")
            await wait_for(pilot, lambda: "paused" in shown_text(status), "paused")
            await pilot.press("p")
            await wait_for(
                pilot, lambda: "paused" not in shown_text(screen.query_one("#status")), "resumed"
            )
            await say_typed(pilot, screen, "What would you need to make this work today?")
            assert counterpart_lines(screen) == 2

    asyncio.run(session())


def test_store_that_cannot_be_opened_is_a_modal_then_back_to_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blocking error (the data folder is a file) stops the session, not the app."""
    not_a_folder = tmp_path / "data-is-a-file"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VOICECOACH_DATA_DIR", str(not_a_folder))
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(120, 30)) as pilot:
            await choose_scenario(pilot)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ErrorModal), "the error modal")
            modal = app.screen
            assert isinstance(modal, ErrorModal)
            assert modal.error_code == "store" and str(not_a_folder) in modal.error_message
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen), "the list again")

    asyncio.run(session())


def test_scenario_option_opens_its_brief_and_new_session_returns_to_the_list(
    isolated_user_dirs: Path,
) -> None:
    app = typed_app("--scenario", SCENARIO_ID)

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, BriefScreen), "the brief")
            assert isinstance(app.screen, BriefScreen) and app.screen.scenario.id == SCENARIO_ID
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, RehearsalScreen), "rehearsal")
            rehearsal = app.screen
            assert isinstance(rehearsal, RehearsalScreen)
            # Ending before the session has started means it never starts: wait for it.
            await wait_for(pilot, lambda: counterpart_lines(rehearsal) >= 1, "the opening line")
            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "summary")
            await pilot.press("n")
            await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen), "the list again")
            screen = await start_rehearsal(pilot)
            await say_typed(pilot, screen, "What would make this work for you today?")

    asyncio.run(session())
    sessions, turns = store_rows(isolated_user_dirs)
    assert [(row[1], row[2]) for row in sessions] == [
        (SCENARIO_ID, "ended"),
        (SCENARIO_ID, "ended"),
    ]
    assert [row[3] for row in turns if row[0] == sessions[1][0] and row[2] == "trainee"] == [
        "What would make this work for you today?"
    ]


def test_session_failure_shows_the_summary_with_the_error_over_it() -> None:
    """The runner reports SessionFailed, then ends: what was said is kept, the error shown."""
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await start_rehearsal(pilot)
            await say_typed(pilot, screen, "I can offer 15000 for it.")
            screen.post_message(
                RehearsalScreen.SessionEventReceived(
                    SessionFailed(code="store", message="cannot write to the database")
                )
            )
            await pilot.pause()
            await pilot.press("x")  # the runner's own end follows a failure
            await wait_for(pilot, lambda: isinstance(app.screen, ErrorModal), "the error modal")
            modal = app.screen
            assert isinstance(modal, ErrorModal)
            assert (modal.error_title, modal.error_code) == ("Session stopped", "store")
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
            summary = app.screen
            assert isinstance(summary, SummaryScreen)
            assert "I can offer 15000 for it." in [t.text for t in summary.turns]

    asyncio.run(session())


def test_picker_previews_the_highlighted_scenario() -> None:
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            picker = await open_picker(pilot)
            ids = [entry.id for entry in picker.entries]
            option_list = picker.query_one(OptionList)
            option_list.highlighted = ids.index(SCENARIO_ID)
            await pilot.pause()
            scenario = picker.entries[ids.index(SCENARIO_ID)].scenario
            assert scenario is not None
            preview = flat(shown_text(picker.query_one("#scenario-preview")))
            assert flat(scenario.brief.situation) in preview

    asyncio.run(session())


def test_session_ending_under_a_dialog_shows_the_summary_when_it_closes() -> None:
    app = typed_app()

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await start_rehearsal(pilot)
            await pilot.press("ctrl+p")  # the command palette, a modal screen
            await wait_for(pilot, lambda: app.screen is not screen, "the palette")
            palette = app.screen
            assert screen.runner is not None
            screen.runner.end()  # the session ends (the scenario finished, say)
            await wait_for(pilot, lambda: screen.ended, "the end of the session")
            assert app.screen is palette  # not replaced under the user's hands
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")

    asyncio.run(session())

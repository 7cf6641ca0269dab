"""Snapshot of the rehearsal screen (pytest-textual-snapshot).

Deterministic by construction: typed input, no voice, seed 0, a fresh store
in the test's own data folder, and nothing time- or path-dependent on screen.
Update after an intended change with `pytest tests/test_tui_snapshot.py --snapshot-update`
and look at the SVG before committing it.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.test_tui_app import counterpart_lines, say_typed, start_rehearsal, typed_app


def test_rehearsal_screen_snapshot(snap_compare: Any) -> None:
    app = typed_app()

    async def rehearse(pilot: Pilot[None]) -> None:
        screen = await start_rehearsal(pilot)
        screen.query_one("#typed", Input).cursor_blink = False
        await say_typed(pilot, screen, "Hi Rick, what matters most to you in this deal?")
        await say_typed(pilot, screen, "I can offer 15000 for it.")
        await say_typed(pilot, screen, "ok fine, I can go up to 16500")
        assert counterpart_lines(screen) == 4

    assert snap_compare(app, terminal_size=(110, 34), run_before=rehearse)

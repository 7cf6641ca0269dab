"""A modal for errors that block what the user asked for (the session cannot go on)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ErrorModal(ModalScreen[None]):
    """Shows a `VoicecoachError`'s title, message and code until dismissed."""

    BINDINGS = [Binding("escape,enter", "dismiss_error", "Close")]

    def __init__(self, *, title: str, message: str, code: str) -> None:
        super().__init__()
        self.error_title = title
        self.error_message = message
        self.error_code = code

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(Text(self.error_title, style="bold"), id="error-title")
            yield Static(Text(self.error_message), id="error-message")
            yield Static(Text(f"code: {self.error_code}", style="dim"), id="error-code")
            yield Button("Close", variant="error", id="error-close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_dismiss_error(self) -> None:
        self.dismiss(None)

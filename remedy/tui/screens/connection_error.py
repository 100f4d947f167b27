"""Cannot connect: retry, edit the URL, or quit. The password is never shown."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from remedy.db import unmask_url
from remedy.tui.adapter import masked_url


class ConnectionErrorDialog(ModalScreen[tuple[str, str]]):
    """Dismisses with ("retry", url) or ("quit", "")."""

    BINDINGS = [("r", "retry", "Retry"), ("e", "edit", "Edit URL"), ("q", "quit_app", "Quit"),
                ("escape", "quit_app", "Quit")]

    def __init__(self, message: str, url: str) -> None:
        super().__init__()
        self.message_text, self.original_url = message, url

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error"):
            yield Static("Cannot connect", classes="dialog-title")
            yield Static(self.message_text, id="connection-message")
            yield Input(masked_url(self.original_url), id="connection-url", placeholder="postgresql://user@host:5432/db")
            with Horizontal(classes="buttons"):
                yield Button("Retry (r)", id="retry", variant="primary")
                yield Button("Edit URL (e)", id="edit")
                yield Button("Quit (q)", id="quit", variant="error")

    def on_mount(self) -> None:
        self.query_one("#retry", Button).focus()

    def action_retry(self) -> None:
        edited = self.query_one("#connection-url", Input).value.strip()
        self.dismiss(("retry", unmask_url(edited, self.original_url)))

    def action_edit(self) -> None:
        self.query_one("#connection-url", Input).focus()

    def action_quit_app(self) -> None:
        self.dismiss(("quit", ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_retry()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"retry": self.action_retry, "edit": self.action_edit, "quit": self.action_quit_app}[event.button.id]()

"""A question with a few answers (quit with decisions, resume a session, which decision wins)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceDialog(ModalScreen[str | None]):
    """Dismisses with the id of the chosen answer, or None on Esc. The first answer has the focus."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, title: str, text: str, answers: tuple[tuple[str, str], ...]) -> None:
        super().__init__()
        self.title_text, self.text, self.answers = title, text, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.text, id="choice-text")
            with Horizontal(classes="buttons"):
                for i, (answer, label) in enumerate(self.answers):
                    yield Button(label, id=f"choice-{answer}", variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)

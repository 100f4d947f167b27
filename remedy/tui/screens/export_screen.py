"""Export: format, path, and the decisions file beside it."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from remedy.tui.adapter import EXPORT_FORMATS, export_would_replace
from remedy.tui.screens.choice_dialog import ChoiceDialog

DEFAULT_PATHS = {"sql": "remedy-fix.sql", "alembic": "remedy_fix_revision.py", "golang-migrate": "migrations"}


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (format, path) or None."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Export the migration", classes="dialog-title")
            with RadioSet(id="export-format"):
                for i, (fmt, label) in enumerate(EXPORT_FORMATS.items()):
                    yield RadioButton(label, value=i == 0, name=fmt)
            yield Input(DEFAULT_PATHS["sql"], id="export-path")
            yield Static("decisions.toml is written beside it", id="export-note", classes="dim")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()  # the format first; Tab goes on to the path

    def _format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "sql"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#export-path", Input)
        if path.value in DEFAULT_PATHS.values():
            path.value = DEFAULT_PATHS[self._format()]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._export() if event.button.id == "export" else self.dismiss(None)

    def _export(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            return
        choice = (self._format(), path)
        replaced = export_would_replace(*choice)
        if not replaced:
            self.dismiss(choice)
            return
        text = "This export would overwrite:\n" + "\n".join(f"  {p}" for p in replaced)
        self.app.push_screen(ChoiceDialog("Overwrite?", text, (("keep", "Keep them, change the path"),
                                                               ("overwrite", "Overwrite"))),
                             lambda answer: self._overwrite(choice) if answer == "overwrite" else None)

    def _overwrite(self, choice: tuple[str, str]) -> None:
        self.dismiss(choice)  # not returned: the dialog's callback must not await this screen's dismissal

    def action_cancel(self) -> None:
        self.dismiss(None)

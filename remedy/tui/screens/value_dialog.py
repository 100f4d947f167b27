"""Ask for a decision's value: a backfill for NOT NULL columns, or a USING / cast expression."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from remedy.findings import Finding

PROMPTS = {
    "add": "Backfill value for the existing rows (an SQL literal or expression, e.g. 'pending' or now())",
    "add_copy": "Expression that turns the old column into the new one (e.g. CAST(old AS integer))",
    "alter": "USING expression for the type change, or the backfill value for NOT NULL",
}
VALUE_ACTIONS = tuple(PROMPTS)
TYPE_PROMPTS = {
    "missing_column": "Type of the new column: only the code names it (e.g. timestamptz, uuid, numeric(10,2))",
    "missing_table": "Types of the columns only the code names, as \"column type, …\" ({columns})",
}


class ValueDialog(ModalScreen[str | None]):
    """Dismisses with the text typed (empty = no value), or None on Escape."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, finding: Finding, action: str, current: str | None, untyped: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.finding, self.action_name, self.current = finding, action, current
        self.prompt = (TYPE_PROMPTS[finding.kind].format(columns=", ".join(untyped)) if untyped
                       else PROMPTS[action])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Value for {self.finding.target} ({self.action_name})", classes="dialog-title")
            yield Static(self.prompt, classes="dim")
            yield Input(self.current or "", id="value", placeholder="empty: no value")
            yield Static("Enter keeps it · Esc cancels", classes="dim")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)

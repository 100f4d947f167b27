"""Execute: only after a passed dry run on the same schema and decisions; a typed confirmation."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from remedy.tui.adapter import StepView
from remedy.tui.messages import ExecuteConfirmed
from remedy.tui.widgets.step_log import StepsView


class ExecuteScreen(Screen[bool]):
    """Type the database name to run the migration for real; dismisses with whether it was applied."""

    BINDINGS = [("escape", "leave", "Back")]

    def __init__(self, database: str, statements: int) -> None:
        super().__init__()
        self.database, self._statements = database, statements
        self.started = False
        self.applied = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="steps-screen"):
            yield Static(Text.assemble(("Execute", "bold red"), f" · {self._statements} statements on ",
                                       (self.database, "bold"),
                                       "\nThe dry run passed on this schema and these decisions. "
                                       "Type the database name to apply them in one transaction."))
            yield Input(placeholder=f"type {self.database} to confirm", id="confirm")
            yield StepsView(id="execute-steps")
            yield Static("", id="execute-result", classes="result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.started:
            return
        if event.value.strip() != self.database:
            self.query_one("#execute-result", Static).update(
                Text(f"type exactly {self.database} to confirm", style="yellow"))
            return
        self.started = True
        event.input.disabled = True
        self.query_one("#execute-result", Static).update(Text("… applying", style="bold yellow"))
        self.post_message(ExecuteConfirmed())

    def add_step(self, step: StepView) -> None:
        self.query_one(StepsView).add_step(step)

    def action_leave(self) -> None:
        self.dismiss(self.applied)

    def finish(self, ok: bool, summary: str, journal: str) -> None:
        self.applied = ok
        banner = Text("✓ APPLIED", style="bold green") if ok else Text("✖ FAILED — rolled back", style="bold red")
        for line in (summary, f"journal: {journal}" if journal else ""):
            if line:
                banner.append("\n" + line, style="")
        self.query_one("#execute-result", Static).update(banner)

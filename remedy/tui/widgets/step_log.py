"""A table of dry-run or apply steps: status, title, time, detail."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from remedy.tui.adapter import StepView


class StepLog(DataTable):
    """A running step (ok None: progress of a long statement) shows as one row, replaced as it goes on."""

    running = None

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns(" ", "time", "step", "detail")

    def add_step(self, step: StepView) -> None:
        mark = Text("…", "yellow") if step.ok is None else (Text("✓", "bold green") if step.ok else Text("✖", "bold red"))
        if self.running is not None:
            self.remove_row(self.running)
        key = self.add_row(mark, f"{step.seconds * 1000:.0f} ms", step.title, step.detail)
        self.running = key if step.ok is None else None
        self.move_cursor(row=self.row_count - 1)

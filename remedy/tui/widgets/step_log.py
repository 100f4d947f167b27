"""The steps of a dry run or an apply: a table (status, time, step) and, under it, the selected step in full."""
from __future__ import annotations

from rich.console import Group, RenderableType
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from remedy.tui.adapter import StepView


def step_mark(step: StepView) -> Text:
    if step.ok is None:
        return Text("…", "yellow")
    return Text("✓", "bold green") if step.ok else Text("✖", "bold red")


def step_text(step: StepView) -> RenderableType:
    """Everything a step says, wrapped to the pane: its title, its message, its whole statement."""
    head = Text.assemble(step_mark(step), f" {step.seconds * 1000:.0f} ms  ", (step.title, "bold"))
    parts: list[RenderableType] = [head]
    if step.message:
        parts.append(Text(step.message, style="red" if step.ok is False else ""))
    if step.sql:
        parts.append(Syntax(step.sql.rstrip().rstrip(";") + ";", "sql", theme="monokai", word_wrap=True,
                            background_color="default"))
    return Group(*parts)


class StepLog(DataTable):
    """A running step (ok None: progress of a long statement) shows as one row, replaced as it goes on."""

    BINDINGS = [Binding("home", "scroll_top", "First step", show=False),
                Binding("end", "scroll_bottom", "Last step", show=False)]
    running = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.steps: dict[object, StepView] = {}

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns(" ", "time", "step")

    def add_step(self, step: StepView) -> None:
        if self.running is not None:
            self.remove_row(self.running)
            self.steps.pop(self.running, None)
        key = self.add_row(step_mark(step), f"{step.seconds * 1000:.0f} ms", step.title)
        self.steps[key] = step
        self.running = key if step.ok is None else None
        self.move_cursor(row=self.row_count - 1)

    def on_resize(self) -> None:
        """The last step stays in view when the pane shrinks (a longer result banner below it)."""
        self.call_after_refresh(self.move_cursor, row=self.cursor_row, scroll=True)


class StepDetail(VerticalScroll, can_focus=True):
    """The selected step in full (scroll it when it is longer than the pane)."""

    step: StepView | None = None

    def on_mount(self) -> None:
        self.border_title = "selected step · Tab to scroll it"

    def compose(self) -> ComposeResult:
        yield Static(id="step-detail-text")

    def show(self, step: StepView) -> None:
        self.step = step
        self.query_one("#step-detail-text", Static).update(step_text(step))
        self.scroll_home(animate=False)


class StepsView(Vertical):
    """The step table and the selected step's full text; the cursor follows the newest step."""

    def compose(self) -> ComposeResult:
        yield StepLog()
        yield StepDetail()

    def add_step(self, step: StepView) -> None:
        self.query_one(StepLog).add_step(step)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        step = self.query_one(StepLog).steps.get(event.row_key)
        if step is not None:
            self.query_one(StepDetail).show(step)

    @property
    def shown(self) -> str:
        """The selected step's text, plain (for tests)."""
        step = self.query_one(StepDetail).step
        return "\n".join((step.title, step.message, step.sql)) if step else ""

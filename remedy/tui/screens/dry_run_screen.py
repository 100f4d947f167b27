"""The dry run: a live log of each step with timings, then a clear pass or fail."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from remedy.tui.adapter import StepView
from remedy.tui.widgets.step_log import StepsView

INTRO = ("Applies the plan in one transaction, scans again (nothing may be left to fix), runs the reverse, "
         "scans again, and rolls everything back. The database is left as it was.")


class DryRunScreen(Screen):
    BINDINGS = [("escape", "app.pop_screen", "Back"), ("X", "app.execute", "Execute"),
                ("e", "app.export", "Export")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="steps-screen"):
            yield Static(Text.assemble(("Dry run\n", "bold"), (INTRO, "dim")))
            yield StepsView(id="dry-run-steps")
            yield Static(Text("… running", style="bold yellow"), id="dry-run-result", classes="result")
        yield Footer()

    def add_step(self, step: StepView) -> None:
        self.query_one(StepsView).add_step(step)

    def finish(self, ok: bool, summary: str) -> None:
        banner = Text("✓ PASSED — X executes it, e exports it", style="bold green") if ok \
            else Text("✖ FAILED — nothing was changed", style="bold red")
        if summary:
            banner.append("\n" + summary, style="")
        result = self.query_one("#dry-run-result", Static)
        result.update(banner)
        result.set_class(ok, "passed")
        result.set_class(not ok, "failed")

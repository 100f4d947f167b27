"""Shown while the scan worker runs: each stage with a check mark as it completes."""
from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

STAGES = ("connecting", "introspecting", "reading code", "diffing", "counting rows")


class ScanningScreen(Screen):
    """Keys typed meanwhile (``n r n r`` by someone who knows the demo) are kept in ``typed`` and
    replayed by the app once the findings are on screen, instead of being lost."""

    BINDINGS = [("q", "app.quit", "Quit")]

    def __init__(self, target: str) -> None:
        super().__init__()
        self._target = target
        self._done: dict[str, str] = {}
        self._current = ("connecting", "")
        self.typed: list[tuple[str, str | None]] = []

    def on_key(self, event: events.Key) -> None:
        if event.key != "q":
            self.typed.append((event.key, event.character))
            event.stop()

    def compose(self) -> ComposeResult:
        with Vertical(id="scanning-box"):
            yield Static(Text.assemble(("remedy ", "bold reverse"), "  scanning ", (self._target, "bold")))
            yield Static(id="scanning-stages")
            yield LoadingIndicator()

    def on_mount(self) -> None:
        self._paint()

    def progress(self, stage: str, detail: str) -> None:
        if stage != self._current[0]:
            self._done[self._current[0]] = self._current[1]
        self._current = (stage, detail)
        self._paint()

    def _paint(self) -> None:
        text = Text()
        for stage in STAGES:
            if stage in self._done:
                text.append(f"✓ {stage}  {self._done[stage]}\n", style="green")
            elif stage == self._current[0]:
                text.append(f"… {stage}  {self._current[1]}\n", style="bold yellow")
            else:
                text.append(f"  {stage}\n", style="dim")
        self.query_one("#scanning-stages", Static).update(text)

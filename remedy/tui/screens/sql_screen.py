"""The whole batch's SQL on the whole screen: every statement in full, highlighted, scrollable both ways, each
hazard on its own line above its statement. ``f`` narrows it to the statements of the finding it was opened on."""
from __future__ import annotations

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Footer, Static

from remedy.tui.adapter import Preview, StatementView


def batch_text(statements: tuple[StatementView, ...], total: int) -> tuple[str, dict[str, int]]:
    """The script as an operator reads it, and the first line of each finding's first statement."""
    lines: list[str] = []
    first_line: dict[str, int] = {}
    for number, stmt in enumerate(statements, 1):
        for fid in stmt.finding_ids:
            first_line.setdefault(fid, len(lines))
        lines.append(f"-- [{number}/{total}] " + (", ".join(stmt.finding_ids) or "(no finding)"))
        lines += [f"-- ⚠ {hazard}" for hazard in stmt.hazards]
        lines += (stmt.sql.rstrip().rstrip(";") + ";").split("\n") + [""]
    return "\n".join(lines).rstrip() + "\n", first_line


class SqlScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,w,q", "app.pop_screen", "Back"),
        Binding("f", "toggle_finding", "This finding / all"),
        Binding("c", "copy", "Copy SQL"),
    ]

    def __init__(self, preview: Preview, finding_id: str | None = None, only_finding: bool = False) -> None:
        super().__init__()
        self.preview, self.finding_id = preview, finding_id
        self.only_finding = only_finding and finding_id is not None

    def compose(self) -> ComposeResult:
        yield Static(id="sql-full-title")
        with ScrollableContainer(id="sql-full"):
            yield Static(id="sql-full-text")
        yield Footer()

    def on_mount(self) -> None:
        self._paint()
        self.query_one("#sql-full").focus()

    def _statements(self) -> tuple[StatementView, ...]:
        if self.only_finding and self.finding_id:
            return tuple(s for s in self.preview.statements if self.finding_id in s.finding_ids)
        return self.preview.statements

    def _paint(self) -> None:
        shown = self._statements()
        text, first_line = batch_text(shown, len(shown))
        if self.preview.problem:
            text = f"-- {self.preview.problem}\n" + text
        elif not shown:
            text = "-- no statement: nothing to change for " + ("this finding" if self.only_finding else "the batch")
        scope = f"the statements of {self.finding_id}" if self.only_finding else "the whole batch"
        self.query_one("#sql-full-title", Static).update(
            f"SQL · {len(shown)} of {len(self.preview.statements)} statements · {scope} · "
            "arrows / PgUp / PgDn / Home / End scroll, ← → for long lines")
        syntax = Syntax(text, "sql", theme="monokai", line_numbers=True, word_wrap=False)
        self.query_one("#sql-full-text", Static).update(syntax)
        line = first_line.get(self.finding_id or "")
        self.call_after_refresh(self.query_one("#sql-full").scroll_to, 0, line or 0, animate=False)

    @property
    def plain(self) -> str:
        return batch_text(self._statements(), len(self._statements()))[0]

    def action_toggle_finding(self) -> None:
        if self.finding_id:
            self.only_finding = not self.only_finding
            self._paint()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(Preview(self._statements()).script)
        shown = f"the SQL of {self.finding_id}" if self.only_finding else "the whole batch's SQL"
        self.notify(f"{shown} is on the clipboard", timeout=3)

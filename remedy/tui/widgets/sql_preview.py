"""The SQL of the whole batch, highlighted, with each statement's hazards beside it.

A Line API widget: only the visible lines are rendered, so a 10,000-line script scrolls as
fast as a short one. ``preview_lines`` (highlighting) runs in the preview worker.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.syntax import Syntax
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from remedy.tui.adapter import Preview

HAZARD_WIDTH = 30
MARKED = Style(bgcolor="grey23")


@dataclass(frozen=True)
class PreviewLine:
    text: str
    hazard: str = ""
    statement: int = -1  # index of the statement the line belongs to; -1 = a note
    finding_ids: tuple[str, ...] = ()  # on a statement's first line: the findings it settles
    row: int = 0  # line number inside its statement


def preview_lines(preview: Preview) -> tuple[PreviewLine, ...]:
    """Split the batch into lines; the first lines of each statement carry its hazards.

    Highlighting happens later, per statement, only for the lines on screen.
    """
    if preview.problem and not preview.statements:
        return (PreviewLine(f"-- {preview.problem}"),)
    if not preview.statements:
        return (PreviewLine("-- nothing to change: no decision so far changes the database"),)
    lines: list[PreviewLine] = [PreviewLine(f"-- {preview.problem}")] if preview.problem else []
    for number, stmt in enumerate(preview.statements):
        body = (stmt.sql.rstrip().rstrip(";") + ";").split("\n")
        for i, line in enumerate(body):
            hazard = ("⚠ " + stmt.hazards[i]) if i < len(stmt.hazards) else ""
            lines.append(PreviewLine(line, hazard, number, stmt.finding_ids if i == 0 else (), i))
    return tuple(lines)


class SqlPreview(ScrollView, can_focus=True):
    """Bottom pane: the migration SQL as it stands now."""

    BORDER_TITLE = "SQL preview"
    ALLOW_MAXIMIZE = True
    BINDINGS = [("j", "scroll_down", "Down"), ("k", "scroll_up", "Up")]

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._sql_lines: tuple[PreviewLine, ...] = (PreviewLine("-- waiting for the scan"),)
        self._strip_cache: dict[tuple[int, int], Strip] = {}
        self._highlighted: dict[int, list[Text]] = {}
        self._syntax = Syntax("", "sql", theme="monokai")
        self.statement_count = 0
        self._first_line: dict[str, int] = {}
        self._marked = -1  # statement shown for the focused finding

    def follow(self, finding_id: str | None) -> None:
        """Scroll to (and mark) the first statement that settles ``finding_id``."""
        line = self._first_line.get(finding_id or "")
        marked = self._sql_lines[line].statement if line is not None else -1
        if marked != self._marked:
            self._marked, self._strip_cache = marked, {}
            self.refresh()
        if line is not None:
            self.scroll_to(y=line, animate=False)

    def show(self, lines: tuple[PreviewLine, ...], statements: int, hazards: int) -> None:
        self._sql_lines, self._strip_cache, self.statement_count = lines, {}, statements
        self._highlighted = {}
        self._first_line = {}
        for index, line in enumerate(lines):
            for fid in line.finding_ids:
                self._first_line.setdefault(fid, index)
        self.border_title = f"SQL preview · {statements} statements" + (f" · ⚠ {hazards}" if hazards else "")
        self.virtual_size = Size(self.size.width, len(lines))
        self.refresh()

    @property
    def plain(self) -> str:
        return "\n".join(line.text for line in self._sql_lines)

    def on_resize(self) -> None:
        self._strip_cache = {}
        self.virtual_size = Size(self.size.width, len(self._sql_lines))

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if index >= len(self._sql_lines):
            return Strip.blank(width)
        key = (index, width)
        if key not in self._strip_cache:
            self._strip_cache[key] = self._render(index, width)
        return self._strip_cache[key]

    def _text(self, index: int) -> Text:
        """The highlighted line ``index``; a statement is highlighted whole, the first time it shows."""
        line = self._sql_lines[index]
        if line.statement < 0:
            return Text(line.text, style="yellow")
        if line.statement not in self._highlighted:
            start, rows = index - line.row, []
            while start + len(rows) < len(self._sql_lines) and \
                    self._sql_lines[start + len(rows)].statement == line.statement:
                rows.append(self._sql_lines[start + len(rows)].text)
            self._highlighted[line.statement] = self._syntax.highlight("\n".join(rows)).split("\n", allow_blank=True)
        rows = self._highlighted[line.statement]
        return rows[line.row] if line.row < len(rows) else Text(line.text)

    def _render(self, index: int, width: int) -> Strip:
        line = self._sql_lines[index]
        hazard_w = min(HAZARD_WIDTH, width // 3)
        sql_w = max(1, width - hazard_w - 1)
        sql = _fitted(Strip(list(self._text(index).render(self.app.console))), sql_w)
        hazard = Strip([Segment(" " + _cut(line.hazard, hazard_w - 1).ljust(hazard_w - 1), Style(color="yellow"))])
        strip = Strip.join([sql, hazard]).crop_extend(0, width, None)
        return strip.apply_style(MARKED) if line.statement == self._marked and line.statement >= 0 else strip


def _cut(text: str, width: int) -> str:
    """``text`` in ``width`` cells, with "…" where it was cut (w shows it whole)."""
    return text if len(text) <= width else text[:max(0, width - 1)] + "…"


def _fitted(strip: Strip, width: int) -> Strip:
    if strip.cell_length <= width:
        return strip.crop_extend(0, width, None)
    return Strip.join([strip.crop(0, width - 1), Strip([Segment("…", Style(color="grey50"))])])

"""The detail of one finding: expected vs actual side by side, evidence, impact, rename candidates."""
from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from remedy.findings import Finding, ScanResult
from remedy.model import Column, Table
from remedy.tui.explain import ACTION_KEYS, ACTION_LABELS, choice_effect, recommendation, plural
from remedy.tui.widgets.definition_diff import definition_diff, has_definition
from remedy.tui.widgets.findings_tree import SEVERITY_ICON

DIFF = "bold black on yellow"
ATTRS = ("type", "nullable", "default")


@dataclass(frozen=True)
class ColumnPair:
    """One row of the side-by-side diff: the expected and the live column (either may be missing)."""

    name: str
    expected: Column | None
    actual: Column | None


def column_pairs(scan: ScanResult, finding: Finding) -> list[ColumnPair]:
    """The columns to compare: the finding's column (or its rename candidate), else the whole table."""
    exp_t = scan.expected.table(finding.schema, finding.table) if scan.expected else None
    live_t = scan.live.table(finding.schema, finding.table) if scan.live else None
    if finding.column:
        exp = _column(exp_t, finding.column, scan.expected.name_key) or _from_dict(finding.column, finding.expected)
        act = _column(live_t, finding.column, scan.live.name_key) or _from_dict(finding.column, finding.actual)
        pairs = [ColumnPair(finding.column, exp, act)]
        pairs += [ColumnPair(c.column, None, _column(live_t, c.column)) for c in finding.rename_candidates[:1]]
        return pairs
    names = [c.name for c in (exp_t.columns if exp_t else ())]
    names += [c.name for c in (live_t.columns if live_t else ()) if c.name not in names]
    return [ColumnPair(n, _column(exp_t, n), _column(live_t, n)) for n in names]


def _column(table: Table | None, name: str, key=None) -> Column | None:
    return table.column(name, key) if table is not None else None


def _from_dict(name: str, data: dict | None) -> Column | None:
    if not data or "type" not in data:
        return None
    return Column(name, str(data.get("type") or ""), bool(data.get("nullable", True)), data.get("default"))


def _cell(column: Column | None, attr: str) -> str:
    if column is None:
        return "—"
    if attr == "type":
        return column.shown_type or "?"
    if attr == "nullable":
        return "NULL" if column.nullable else "NOT NULL"
    return column.raw_default or column.default or ""


def _differs(pair: ColumnPair, attr: str) -> bool:
    if pair.expected is None or pair.actual is None:
        return True
    if attr == "type":
        return bool(pair.expected.type) and pair.expected.type != pair.actual.type
    if attr == "nullable":
        return pair.expected.nullable != pair.actual.nullable
    return (pair.expected.default or None) != (pair.actual.default or None)


def diff_table(pairs: list[ColumnPair]) -> RichTable:
    table = RichTable(expand=True, box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("column", no_wrap=True, max_width=28)
    table.add_column("expected", ratio=1)
    table.add_column("database", ratio=1)
    for pair in pairs:
        exp = " ".join(_cell(pair.expected, a) for a in ATTRS).strip() if pair.expected else "— missing"
        act = " ".join(_cell(pair.actual, a) for a in ATTRS).strip() if pair.actual else "— missing"
        differs = any(_differs(pair, a) for a in ATTRS)
        table.add_row(pair.name, Text(exp, style=DIFF if differs and pair.expected else ""),
                      Text(act, style=DIFF if differs and pair.actual else ""))
    return table


def evidence_text(finding: Finding, limit: int | None = None, rest: str = "") -> Text:
    """Where the code relies on the finding: every site, or the first ``limit`` and ``rest`` saying where the
    others are."""
    text = Text()
    for ev in finding.evidence[:limit]:
        text.append(f"{ev.file}:{ev.line}\n", style="underline")
        if ev.snippet:
            text.append(f"  {ev.snippet.strip()}\n", style="italic")
        if ev.verdict:
            text.append(f"  {ev.verdict}\n", style="green" if "confirmed" in ev.verdict else "dim")
    if limit is not None and len(finding.evidence) > limit:
        text.append(f"… and {len(finding.evidence) - limit} more{rest}\n", style="dim")
    text.rstrip()
    return text


def candidates_table(finding: Finding) -> RichTable:
    table = RichTable(box=None, pad_edge=False, show_edge=False, header_style="bold", expand=True)
    table.add_column("#", width=2)
    table.add_column("old column", no_wrap=True)
    table.add_column("score", width=10)
    table.add_column("reasons", ratio=3)
    for i, cand in enumerate(finding.rename_candidates, 1):
        bar = "█" * round(cand.score * 5) + "░" * (5 - round(cand.score * 5))
        table.add_row(str(i), cand.column, f"{bar} {cand.score:.2f}", ", ".join(cand.reasons))
    return table


def choices_text(finding: Finding, actions, recommended) -> Text:
    text = Text()
    for action in actions:
        for src in ([c.column for c in finding.rename_candidates] or [None]) if action in ("rename", "add_copy") \
                else [None]:
            label = ACTION_LABELS.get(action, action) + (f" from {src}" if src else "")
            text.append(f"{ACTION_KEYS.get(action, ' ')} ", style="bold reverse")
            text.append(f" {label}: ", style="bold")
            text.append(choice_effect(finding, action, src) + "\n")
    text.append("recommended: " + recommendation(finding, recommended), style="green")
    return text


def finding_renderable(scan: ScanResult, finding: Finding, actions=(), recommended=None):
    icon, style = SEVERITY_ICON.get(finding.severity, ("·", ""))
    parts = [
        Text.assemble((f"{icon} {finding.severity}  ", style), (finding.kind.replace("_", " "), "bold"),
                      ("  " + finding.target, "bold cyan")),
        Text(finding.message or finding.id),
        Text(""),
        definition_diff(finding) if has_definition(finding) else diff_table(column_pairs(scan, finding)),
    ]
    if finding.rename_candidates:
        parts += [Text("\nRename candidates", style="bold"), candidates_table(finding)]
    if finding.evidence:
        parts += [Text("\nEvidence", style="bold"), evidence_text(finding)]
    if finding.verdict:
        parts += [Text(finding.verdict, style="green")]
    if finding.impact:
        parts += [Text("\nImpact", style="bold"), Text(finding.impact)]
    if actions:
        parts += [Text("\nWhat each choice does", style="bold"), choices_text(finding, actions, recommended)]
    return Group(*parts)


class FindingDetail(ScrollView, can_focus=True):
    """Right pane: one finding (or a summary of a phase/table group).

    A Line API widget: the content is rendered to lines once per update at the pane's width,
    so moving through 5,000 findings never re-lays out the screen.
    """

    BORDER_TITLE = "Detail"
    ALLOW_MAXIMIZE = True
    BINDINGS = [("j", "scroll_down", "Down"), ("k", "scroll_up", "Up")]

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._content = Text("")
        self._rendered: list[Strip] = []
        self._rendered_width = -1

    def show_finding(self, scan: ScanResult, finding: Finding, actions=(), recommended=None) -> None:
        self._show(finding.id, finding_renderable(scan, finding, actions, recommended))

    def show_group(self, title: str, findings: list[Finding], decided: int, hints: str) -> None:
        kinds: dict[str, int] = {}
        for f in findings:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        text = Text.assemble((title + "\n", "bold"), f"{plural(len(findings), 'finding')}, {decided} decided\n\n")
        for kind, count in sorted(kinds.items()):
            text.append(f"  {count:>4}  {kind.replace('_', ' ')}\n")
        text.append("\nBulk actions on this node:\n", style="bold")
        text.append(hints)
        self._show(title, text)

    def show_message(self, title: str, message: str) -> None:
        self._show(title, Text.assemble((title + "\n\n", "bold green"), message))

    @property
    def plain(self) -> str:
        return "\n".join(strip.text for strip in self._rendered)

    def _show(self, title: str, content) -> None:
        self.border_title = title
        self._content, self._rendered_width = content, -1
        self.scroll_to(0, 0, animate=False)
        self._layout_lines()
        self.refresh()

    def on_resize(self) -> None:
        self._rendered_width = -1
        self._layout_lines()

    def _layout_lines(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0 or width == self._rendered_width:
            return
        console = self.app.console
        lines = console.render_lines(self._content, console.options.update_width(width), pad=False)
        self._rendered, self._rendered_width = [Strip(line) for line in lines], width
        self.virtual_size = Size(width, len(self._rendered))

    def render_line(self, y: int) -> Strip:
        self._layout_lines()
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if index >= len(self._rendered):
            return Strip.blank(width)
        return self._rendered[index].crop_extend(0, width, None)

"""The findings tree: phase -> table -> finding, severity icons, decided marks, counts on every node."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from remedy.decisions import consumers
from remedy.findings import Finding, Phase
from remedy.tui.explain import ACTION_LABELS
from remedy.tui.messages import FindingFocused, StatementsRequested

SHORT_KIND = {
    "missing_table": "missing table", "extra_table": "extra table", "missing_column": "missing",
    "extra_column": "extra", "type_mismatch": "type", "nullability_mismatch": "nullability",
    "default_mismatch": "default", "missing_primary_key": "primary key", "missing_foreign_key": "foreign key",
    "missing_unique": "unique", "missing_index": "index", "missing_check": "check",
    "missing_enum_value": "enum value", "missing_extension": "extension",
    "extra_extension": "extra extension",
    "extra_enum": "extra enum",
    "extra_primary_key": "extra primary key", "extra_unique": "extra unique", "extra_foreign_key": "extra foreign key",
    "extra_check": "extra check", "extra_exclusion": "extra exclusion", "extra_index": "extra index",
    "constraint_mismatch": "constraint", "index_mismatch": "index definition", "name_mismatch": "name",
    "column_kind_mismatch": "column kind",
    "column_visibility_mismatch": "visibility", "table_option_mismatch": "table option",
    "table_flag_mismatch": "table flag",
}
SEVERITY_ICON = {"critical": ("✖", "bold red"), "warning": ("▲", "yellow"), "info": ("●", "cyan")}


@dataclass(frozen=True)
class NodeRef:
    """What a tree node stands for: a phase, a table inside a phase, or one finding."""

    phase: int
    table: str | None = None  # "schema.table"
    finding_id: str | None = None


def matches(finding: Finding, needle: str) -> bool:
    needle = needle.lower()
    return not needle or needle in finding.id.lower() or needle in finding.message.lower()


BLANK = Text("")


class FindingsTree(Tree[NodeRef]):
    """Shows the findings; posts FindingFocused when the cursor moves."""

    BORDER_TITLE = "Findings"
    ALLOW_MAXIMIZE = True
    BINDINGS = [Binding("enter", "statements", "Its SQL", show=False)]

    def __init__(self, **kw) -> None:
        super().__init__("findings", **kw)
        self.show_root = False
        self.auto_expand = False
        self._findings: dict[str, Finding] = {}
        self._taken: dict[str, str] = {}  # extra column -> the rename / add+copy that takes it
        self._node_by_ref: dict[NodeRef, TreeNode[NodeRef]] = {}
        self._node_by_finding: dict[str, TreeNode[NodeRef]] = {}
        self._members: dict[NodeRef, list[str]] = {}
        self._phases: dict[int, Phase] = {}
        self._decisions: Mapping[str, object] = {}
        self._defaults: Mapping[str, object] = {}

    def action_statements(self) -> None:
        """Enter on a finding asks for its statements on the whole screen; on a phase or table it selects as before."""
        node = self.cursor_node
        if node is not None and node.data is not None and node.data.finding_id:
            self.post_message(StatementsRequested(node.data.finding_id))
        else:
            self.action_select_cursor()

    # ---- building -------------------------------------------------------
    def show_findings(self, phases, findings, decisions, defaults, needle: str = "") -> None:
        """Rebuild the tree for ``findings`` (filtered by ``needle``)."""
        self._phases = {p.id: p for p in phases}
        self._decisions, self._defaults = decisions, defaults
        self._findings = {f.id: f for f in findings if matches(f, needle)}
        self._taken = self._taken_now()
        self.clear()
        self._node_by_ref, self._node_by_finding, self._members = {}, {}, {}
        for phase_id, tables in _group(self._findings.values()).items():
            self._add_phase(phase_id, tables)

    def _add_phase(self, phase_id: int, tables: dict[str, list[Finding]]) -> None:
        ref = NodeRef(phase_id)
        node = self.root.add(BLANK, data=ref, expand=True)
        self._node_by_ref[ref] = node
        self._members[ref] = [f.id for fs in tables.values() for f in fs]
        for table, findings in tables.items():
            tref = NodeRef(phase_id, table)
            tnode = node.add(BLANK, data=tref, expand=True)
            self._node_by_ref[tref] = tnode
            self._members[tref] = [f.id for f in findings]
            for finding in findings:
                fref = NodeRef(phase_id, table, finding.id)
                leaf = self._node_by_ref[fref] = tnode.add_leaf(BLANK, data=fref)
                self._node_by_finding[finding.id] = leaf

    # ---- labels ---------------------------------------------------------
    def update_decisions(self, decisions, defaults, changed: set[str]) -> None:
        """Refresh the marks of the changed findings and the counts of their ancestors."""
        self._decisions, self._defaults = decisions, defaults
        taken, self._taken = self._taken, self._taken_now()
        changed = set(changed) | {fid for fid in taken.keys() | self._taken.keys() if taken.get(fid) != self._taken.get(fid)}
        refs = set()
        for fid in changed:
            finding = self._findings.get(fid)
            if finding is None:
                continue
            table = _table_key(finding)
            refs |= {NodeRef(finding.phase), NodeRef(finding.phase, table), NodeRef(finding.phase, table, fid)}
        self._relabel([r for r in refs if r in self._node_by_ref])

    def _taken_now(self) -> dict[str, str]:
        """Extra columns that a rename or add+copy takes -> that finding's id (they offer nothing else)."""
        chosen = {fid: self._decisions.get(fid) or self._defaults.get(fid) for fid in self._findings}
        users = consumers(self._findings, chosen)
        return {fid: found[0] for fid, f in self._findings.items() if f.kind == "extra_column"
                and (found := users.get((f.schema, f.table, f.column)))}

    def _relabel(self, refs) -> None:
        for ref in refs:
            self._node_by_ref[ref].refresh()

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        """Labels are drawn from the current decisions, and only for the lines on screen."""
        if node.data is None:
            return super().render_label(node, base_style, style)
        label = self._label(node.data)
        label.stylize(style)
        if node.allow_expand:
            prefix = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE, base_style)
            return Text.assemble(prefix, label)
        return label

    def get_label_width(self, node: TreeNode[NodeRef]) -> int:
        """An estimate: measuring every label would draw all 5,000 of them."""
        ref = node.data
        if ref is None:
            return 0
        return 40 + len(ref.finding_id or ref.table or "")

    def _label(self, ref: NodeRef) -> Text:
        if ref.finding_id:
            return self._finding_label(self._findings[ref.finding_id])
        ids = self._members[ref]
        done = sum(1 for fid in ids if fid in self._decisions)
        mark = ("✓ ", "green") if done == len(ids) else ("", "")
        name = f"{ref.phase} {self._phases[ref.phase].title}" if ref.table is None and ref.phase in self._phases \
            else _short_table(ref.table or f"phase {ref.phase}")
        worst = _worst(self._findings[fid] for fid in ids)
        icon, style = SEVERITY_ICON.get(worst, ("·", ""))
        return Text.assemble((icon + " ", style), (mark[0], mark[1]), (name, "bold" if ref.table is None else ""),
                             (f"  {done}/{len(ids)}", "dim"))

    def _finding_label(self, finding: Finding) -> Text:
        icon, style = SEVERITY_ICON.get(finding.severity, ("·", ""))
        decision = self._decisions.get(finding.id)
        shown = decision or self._defaults.get(finding.id)
        if decision is not None:
            mark = ("✓", "bold green")
        elif shown is None:
            mark = ("?", "bold magenta")
        else:
            mark = ("·", "dim")
        what = finding.column or finding.object or finding.table
        action = ACTION_LABELS.get(shown.action, shown.action) if shown is not None else "needs a choice"
        user = self._findings.get(self._taken.get(finding.id, ""))
        if user is not None:  # as the picker says: nothing to decide here
            how = self._decisions.get(user.id) or self._defaults.get(user.id)
            mark, action = ("✓", "bold green"), f"used by the {ACTION_LABELS[how.action]} to {user.column}"
        return Text.assemble((icon + " ", style), (mark[0] + " ", mark[1]), (what, ""),
                             (f" → {action}", "green" if decision is not None else "dim"),
                             (f"  {SHORT_KIND.get(finding.kind, finding.kind.replace('_', ' '))}", "dim italic"))

    # ---- navigation -----------------------------------------------------
    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        ref = event.node.data
        if ref is not None:
            self.post_message(FindingFocused(ref.finding_id, (ref.phase, ref.table)))

    def finding_ids_under_cursor(self) -> list[str]:
        ref = self.cursor_node.data if self.cursor_node is not None else None
        if ref is None:
            return []
        return [ref.finding_id] if ref.finding_id else list(self._members.get(ref, ()))

    def visible_finding_ids(self) -> list[str]:
        return list(self._node_by_finding)

    def select_finding(self, finding_id: str) -> bool:
        node = self._node_by_finding.get(finding_id)
        if node is not None:
            self._reveal(node)
        return node is not None

    def select_phase(self, phase_id: int) -> bool:
        node = self._node_by_ref.get(NodeRef(phase_id))
        if node is not None:
            self._reveal(node)
            self.scroll_to(y=node.line, animate=False)  # the heading on top, its findings below it
        return node is not None

    def _reveal(self, node: TreeNode[NodeRef]) -> None:
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        _ = self._tree_lines  # a rebuilt or expanded tree numbers its lines lazily: node._line must be current
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def next_undecided(self, forward: bool = True) -> str | None:
        """The next finding after the cursor (wrapping) that needs a choice (no decision, no default);
        when none is left, the next one with no explicit decision."""
        order = self.visible_finding_ids()
        if not order:
            return None
        current = self.cursor_node.data.finding_id if self.cursor_node and self.cursor_node.data else None
        start = order.index(current) if current in order else -1
        if forward:
            seq = order[start + 1:] + order[:start + 1]
        else:
            seq = list(reversed(order[:start])) + list(reversed(order[start:])) if start >= 0 else order[::-1]
        fallback = None
        for fid in seq:
            if fid in self._decisions:
                continue
            if self._defaults.get(fid) is None:
                return fid
            fallback = fallback or fid
        return fallback

    def phase_ids(self) -> list[int]:
        return [ref.phase for ref in self._node_by_ref if ref.table is None]

    def current_phase(self) -> int | None:
        node = self.cursor_node
        return node.data.phase if node is not None and node.data is not None else None


def _short_table(qualified: str) -> str:
    schema, _, name = qualified.rpartition(".")
    return name if schema in ("", "public", "main") else qualified


def _table_key(finding: Finding) -> str:
    return f"{finding.schema}.{finding.table}" if finding.schema else finding.table


def _group(findings) -> dict[int, dict[str, list[Finding]]]:
    groups: dict[int, dict[str, list[Finding]]] = {}
    for finding in sorted(findings, key=lambda f: (f.phase, _table_key(f), f.id)):
        groups.setdefault(finding.phase, {}).setdefault(_table_key(finding), []).append(finding)
    return groups


def _worst(findings) -> str:
    order = {"critical": 0, "warning": 1, "info": 2}
    return min((f.severity for f in findings), key=lambda s: order.get(s, 3), default="info")

"""What the operator has decided so far: an immutable value, one per undo step.

No Textual here: the app keeps a stack of ``Session`` values and paints the top one.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Iterable, Mapping

from remedy.decisions import Conflict, conflicts, consumed_by
from remedy.findings import Finding, ScanResult
from remedy.tui import adapter

MISSING_KINDS_ADD = ("add", "create")


@dataclass(frozen=True)
class Session:
    scan: ScanResult
    decisions: Mapping[str, object] = field(default_factory=dict)  # finding id -> Decision

    @property
    def decided(self) -> int:
        return len(self.decisions)

    def decision(self, finding_id: str):
        return self.decisions.get(finding_id)

    def with_changes(self, changes: Mapping[str, object | None]) -> "Session":
        """A new session with ``changes`` applied (None removes a decision)."""
        merged = dict(self.decisions)
        for fid, decision in changes.items():
            if decision is None:
                merged.pop(fid, None)
            else:
                merged[fid] = decision
        return replace(self, decisions=MappingProxyType(merged))

    def undecided(self) -> list[Finding]:
        return [f for f in self.scan.findings if f.id not in self.decisions]

    def effective(self, defaults: Mapping[str, object]) -> dict[str, object]:
        return {fid: self.decisions.get(fid) or default for fid, default in defaults.items()}

    def taken_by(self, finding: Finding, defaults: Mapping[str, object]) -> str | None:
        """For an extra column that a rename or add+copy takes: the id of that finding."""
        return consumed_by(finding, {f.id: f for f in self.scan.findings}, self.effective(defaults))

    def conflicts_after(self, changes: Mapping[str, object | None], defaults: Mapping[str, object]) -> list[Conflict]:
        """The conflicts that ``changes`` would bring in (each involves a changed finding)."""
        after = self.with_changes(changes)
        found = conflicts({f.id: f for f in self.scan.findings}, after.effective(defaults))
        return [c for c in found if c.first in changes or c.second in changes]


def decide(finding: Finding, action: str, from_column: str | None = None) -> dict[str, object]:
    """One decision as a change set; rename without a column takes the best candidate."""
    if action not in adapter.applicable_actions(finding):
        return {}
    if action in ("rename", "add_copy") and from_column is None:
        if not finding.rename_candidates:
            return {}
        from_column = finding.rename_candidates[0].column
    return {finding.id: adapter.make_decision(finding, action, from_column)}


def next_candidate(finding: Finding, current) -> str | None:
    """The rename candidate after the one ``current`` uses (cycling), for a repeated 'rename'."""
    names = [c.column for c in finding.rename_candidates]
    if not names:
        return None
    if current is None or getattr(current, "action", "") != "rename" or current.from_column not in names:
        return names[0]
    return names[(names.index(current.from_column) + 1) % len(names)]


BULK = {
    "renames": "accept every rename",
    "add_missing": "add all missing (not the rename candidates)",
    "skip_extras": "skip all extras",
    "recommended": "take every recommendation",
}


def bulk(findings: Iterable[Finding], op: str) -> dict[str, object]:
    """The change set of a bulk action over the findings under a phase or table node."""
    changes: dict[str, object] = {}
    for finding in findings:
        decision = _bulk_one(finding, op)
        if decision is not None:
            changes[finding.id] = decision
    return changes


def _bulk_one(finding: Finding, op: str):
    actions = adapter.applicable_actions(finding)
    if op == "renames" and finding.rename_candidates and "rename" in actions:
        return adapter.make_decision(finding, "rename", finding.rename_candidates[0].column)
    if op == "add_missing" and finding.kind.startswith("missing_") and not finding.rename_candidates:
        action = next((a for a in MISSING_KINDS_ADD if a in actions), None)
        return adapter.make_decision(finding, action) if action else None
    if op == "skip_extras" and finding.kind.startswith("extra_") and "skip" in actions:
        return adapter.make_decision(finding, "skip")
    if op == "recommended":
        return adapter.default_decision(finding)
    return None

"""A unified diff of two definitions (view, function, trigger, policy...) for the detail pane."""
from __future__ import annotations

import difflib

from rich.text import Text

from remedy.findings import Finding

STYLES = {"+": "green", "-": "red", "@": "cyan"}


def has_definition(finding: Finding) -> bool:
    return any(side and "definition" in side for side in (finding.expected, finding.actual))


def definition_diff(finding: Finding) -> Text:
    """``--- database`` / ``+++ expected``: what the plan changes in the object's definition."""
    named = finding.kind == "name_mismatch"  # the same definition under two names: the name line differs
    have = _lines(finding.actual, named)
    want = _lines(finding.expected, named)
    text = Text()
    for line in difflib.unified_diff(have, want, "database", "expected", lineterm="", n=3):
        text.append(line + "\n", style=STYLES.get(line[:1], "") if not line.startswith(("---", "+++")) else "bold")
    text.rstrip()
    return text


def _lines(side: dict | None, named: bool = False) -> list[str]:
    if not side:
        return []
    extra = [f"-- {k}: {v}" for k, v in sorted(side.items()) if k not in ("kind", "name", "definition") and v]
    name = [f"{side.get('kind', '')} {side.get('name', '')}".strip()] if named else []
    return name + str(side.get("definition", "")).splitlines() + extra

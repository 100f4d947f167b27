"""Triggers: timing, events, columns, WHEN and function, as pg_get_triggerdef says them, and whether they fire;
on MariaDB/MySQL also the order a table's triggers of one timing and event fire in (ACTION_ORDER)."""
from __future__ import annotations

from dataclasses import replace

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind
from remedy.findings import Finding
from remedy.sources.object_ddl import ACTION_ORDER

TRIGGER = KindRules("trigger", "trigger", "trigger")


@comparator
def triggers(ctx: Context):
    for finding in compare_kind(ctx, TRIGGER):
        yield _said_as_order(finding)


def _said_as_order(finding: Finding) -> Finding:
    """A trigger that differs only in its place in the firing order is said so."""
    want, have = finding.expected or {}, finding.actual or {}
    if finding.kind != TRIGGER.mismatch_kind or {**want, ACTION_ORDER: ""} != {**have, ACTION_ORDER: ""}:
        return finding
    timing = " ".join(want.get("definition", "").split()[:2])
    return replace(finding, message=f"trigger {finding.object} on {finding.table} fires {_nth(have[ACTION_ORDER])} "
                                    f"of the table's {timing} triggers but {_nth(want[ACTION_ORDER])} is expected")


def _nth(order: str) -> str:
    n = int(order)
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"

"""missing_/extra_virtual_table, virtual_table_mismatch: SQLite's CREATE VIRTUAL TABLE ... USING module(...) (an FTS
index, an R*Tree), compared as written with spacing, case and quotes folded; the shadow tables its module keeps are
the module's, not tables of the schema (remedy.sources.live)."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

VIRTUAL_TABLE = KindRules("virtual_table", "virtual table", "virtual_table")


@comparator
def virtual_tables(ctx: Context):
    yield from compare_kind(ctx, VIRTUAL_TABLE)

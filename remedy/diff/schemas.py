"""missing_schema and extra_schema (dialects whose tables live in schemas: PostgreSQL).

The dialect's default schema (``public``) exists in every database: it is never reported missing or extra
by itself (its tables are, one by one).
"""
from __future__ import annotations

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context, by_schema_name
from remedy.findings import Finding


def _live_names(ctx: Context) -> set[str]:
    return set(ctx.live.schemas) | {k[0] for k in ctx.live.tables}


@comparator
def missing_schemas(ctx: Context):
    if not by_schema_name(ctx.expected, ctx.live):
        return
    have, default = _live_names(ctx), dialects.get(ctx.live.dialect).default_schema
    for name in sorted(set(ctx.schema_map.values()) - have - {default}):
        tables = sorted(n for s, n in ctx.expected.tables if ctx.live_schema_name(s) == name)
        yield Finding(kind="missing_schema", schema=name, table="", expected={"tables": tables}, actual=None,
                      message=f"schema {name} is expected but does not exist", severity="critical")


@comparator
def extra_schemas(ctx: Context):
    if not by_schema_name(ctx.expected, ctx.live) or ctx.partial:
        return
    wanted, default = set(ctx.schema_map.values()), dialects.get(ctx.live.dialect).default_schema
    for name in sorted(_live_names(ctx) - wanted - {default}):
        tables = sorted(n for s, n in ctx.live.tables if s == name)
        yield Finding(kind="extra_schema", schema=name, table="", expected=None, actual={"tables": tables},
                      message=f"schema {name} exists but is not expected", severity="info")

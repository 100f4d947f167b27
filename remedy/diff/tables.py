"""missing_table and extra_table."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.columns import drift_note
from remedy.diff.context import IGNORED_TABLES, Context
from remedy.diff.detached import detached_partitions
from remedy.findings import Finding


@comparator
def missing_tables(ctx: Context):
    for key in ctx.expected_keys():
        if ctx.live_table_at(key) is None:
            table = ctx.expected.tables[key]
            schema = ctx.live_schema_name(table.schema)
            yield Finding(
                kind="missing_table", schema=schema, table=table.name,
                expected=_expected(table), actual=None,
                message=f"table {table.name} is expected but does not exist" + drift_note(table.comment),
                severity="critical", evidence=table.evidence,
            )


def _expected(table) -> dict:
    """The columns; those nothing gave a type (only the code names them) also under untyped_columns."""
    untyped = [c.name for c in table.columns if not c.type and not c.raw_type]
    return {"columns": [c.name for c in table.columns], **({"untyped_columns": untyped} if untyped else {})}


@comparator
def extra_tables(ctx: Context):
    if ctx.partial:
        return
    expected_keys = {(ctx.live_schema_name(schema), ctx.key(name)) for schema, name in ctx.expected_keys()}
    mapped = ctx.compared_live_schemas()
    detached = detached_partitions(ctx)
    for table in ctx.live.iter_tables():
        if table.schema not in mapped or table.name.lower() in IGNORED_TABLES or (table.schema, table.name) in detached:
            continue
        if (table.schema, ctx.key(table.name)) not in expected_keys:
            yield Finding(
                kind="extra_table", schema=table.schema, table=table.name, expected=None,
                actual={"columns": [c.name for c in table.columns], "rows": table.row_estimate},
                message=f"table {table.name} exists but is not expected", severity="info",
            )


"""alembic's autogenerate compare as one process: reflect EXPECTED into a MetaData, compare it with LIVE.

    python bench/alembic_compare.py LIVE_URL EXPECTED_URL

Every non-system schema of EXPECTED is reflected (tables only: alembic does not compare views), and
`compare_metadata` runs with include_schemas, compare_type and compare_server_default, which is what an
`alembic revision --autogenerate` of a multi-schema application would configure. Prints one line per
difference ("op schema.table.object"), the way peers.py counts them.
"""
from __future__ import annotations

import sys

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

SYSTEM = ("information_schema", "pg_catalog", "pg_toast")


def engine(url: str) -> sa.Engine:
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def reflect(url: str) -> sa.MetaData:
    eng = engine(url)
    insp = sa.inspect(eng)
    default = insp.default_schema_name
    md = sa.MetaData()
    for schema in insp.get_schema_names():
        if schema not in SYSTEM and not schema.startswith("pg_"):
            md.reflect(eng, schema=None if schema == default else schema)
    return md


def describe(diff) -> str:
    """'op schema.table[.column] [object]' for one difference of compare_metadata."""
    if isinstance(diff, list):  # a column's modifications come as a list of tuples
        return "; ".join(describe(d) for d in diff)
    op, first, *rest = diff
    if isinstance(first, sa.Table):
        return f"{op} {first.schema or 'public'}.{first.name}"
    if op.startswith("modify_"):  # (op, schema, table, column, ...)
        return f"{op} {first or 'public'}.{rest[0]}.{rest[1]}"
    if op in ("add_column", "remove_column"):  # (op, schema, table, Column)
        return f"{op} {first or 'public'}.{rest[0]}.{rest[1].name}"
    table = first.table  # an Index or a Constraint
    return f"{op} {table.schema or 'public'}.{table.name} {first.name}"


def main(live: str, expected: str) -> None:
    md = reflect(expected)
    with engine(live).connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "include_schemas": True, "compare_type": True, "compare_server_default": True})
        diffs = compare_metadata(ctx, md)
    sys.stdout.write("".join(describe(d) + "\n" for d in diffs))


if __name__ == "__main__":
    main(*sys.argv[1:3])

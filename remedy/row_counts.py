"""Exact row counts for the hazards of a plan, where the catalog has no estimate.

Apart from remedy.apply so that ``remedy plan`` counts rows without loading the apply machinery (journal,
lock watching, dry run).
"""
from __future__ import annotations

from dataclasses import replace

from remedy import dialects
from remedy.db import make_engine
from remedy.findings import ScanResult

COUNT_LIMIT = 1_000_000


def with_row_counts(url: str, scan: ScanResult, tables: set[tuple[str, str]] | None = None) -> ScanResult:
    """The scan with exact row counts (capped at COUNT_LIMIT) where the catalog has no estimate.

    PostgreSQL has no estimate for a table never analyzed; hazards then could only say
    "row count unknown". Counting is bounded and read-only; any error leaves the estimate unknown.
    """
    missing = [t for t in scan.live.iter_tables() if t.row_estimate is None
               and (tables is None or (t.schema, t.name) in tables)]
    if not missing:
        return scan
    counts = _count_rows(url, scan.live.dialect, missing)
    live_tables = {key: replace(t, row_estimate=counts.get(key, t.row_estimate)) for key, t in scan.live.tables.items()}
    return replace(scan, live=replace(scan.live, tables=live_tables))


def _count_rows(url: str, dialect: str, tables) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    rules = dialects.get(dialect)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if rules.read_bound_sql(2):
                conn.exec_driver_sql(rules.read_bound_sql(2))
            for table in tables:
                name = rules.qualified(table.schema, table.name)
                sql = f"SELECT count(*) FROM (SELECT 1 FROM {name} LIMIT {COUNT_LIMIT}) AS capped"
                counts[(table.schema, table.name)] = int(_run(conn, sql).scalar() or 0)
            conn.rollback()
    except Exception:
        return counts  # counting is a courtesy: never a reason to fail
    finally:
        engine.dispose()
    return counts


def _run(conn, sql: str):
    """Run one statement as written (a table name may hold '%', which psycopg and PyMySQL read as a placeholder)."""
    pyformat = conn.dialect.paramstyle in ("format", "pyformat")
    return conn.exec_driver_sql(sql.replace("%", "%%") if pyformat else sql)

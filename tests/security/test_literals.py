"""Issue 11.1: string literals remedy writes (enum values, backfills) are quoted by the dialect.

PostgreSQL reads a backslash in '...' as an escape when standard_conforming_strings is off (a server
or role may set it): a value ending in a backslash then swallowed the closing quote. remedy writes
E'...' for such values, as PostgreSQL's own quote_literal() does, so they read the same either way.
"""
from __future__ import annotations

import sqlalchemy as sa

from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import statements
from remedy.scan import scan

VALUES = ["it's", "back\\slash", "x\\", "%(x)s", ":x", "--", "'); DROP TABLE y; --"]


def _pg_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def test_enum_values_read_the_same_whatever_standard_conforming_strings_says(pg_url, tmp_path):
    expected = tmp_path / "expected.sql"
    expected.write_text(f"CREATE TYPE mood AS ENUM ({', '.join(_pg_literal(v) for v in VALUES)});\n"
                        "CREATE TABLE y (id INTEGER);\n")
    engine = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE y (id INTEGER); INSERT INTO y VALUES (1)")
    result = scan(pg_url, str(expected))
    plan = build_plan(result, resolve(result, None, None, False))
    with engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL standard_conforming_strings = off")
        for stmt in statements(plan):
            conn.exec_driver_sql(stmt.sql.replace("%", "%%"))
        conn.exec_driver_sql("SET LOCAL standard_conforming_strings = on")
        values = conn.exec_driver_sql("SELECT unnest(enum_range(NULL::mood))::text").scalars().all()
        assert conn.exec_driver_sql("SELECT count(*) FROM y").scalar() == 1
    engine.dispose()
    assert values == VALUES
    assert not scan(pg_url, str(expected)).findings

"""Issue 11.1: statements remedy writes itself (not through alembic) quote names with the dialect's preparer.

The MariaDB dry run clones the live tables into a shadow database; a backtick or a ``%(x)s`` in a table
name broke the clone. The PostgreSQL dry run checks NULLs and casts before risky steps; a ``%`` or
quote in a column name broke those checks.
"""
from __future__ import annotations

import sqlalchemy as sa

from remedy.apply import dry_run
from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.scan import scan
from tests.conftest import run_sql

MARIADB_LIVE = """
CREATE TABLE `we``ird %(x)s; --` (id INTEGER PRIMARY KEY, `50% 'off'` VARCHAR(20));
INSERT INTO `we``ird %(x)s; --` VALUES (1, 'a');
"""

MARIADB_EXPECTED = """
CREATE TABLE `we``ird %(x)s; --` (id INTEGER PRIMARY KEY, `50% 'off'` VARCHAR(20), added INTEGER);
"""


def _dry_run(url: str, expected: str):
    result = scan(url, expected)
    return dry_run(url, result, build_plan(result, resolve(result, None, None, False)))


def test_mariadb_dry_run_clones_a_table_whose_name_has_a_backtick(mariadb_url, tmp_path):
    run_sql(mariadb_url, MARIADB_LIVE.replace("%", "%%"))
    (tmp_path / "expected.sql").write_text(MARIADB_EXPECTED)
    report = _dry_run(mariadb_url, str(tmp_path / "expected.sql"))
    assert report.ok, report.failure
    assert "1 tables with their rows" in report.where


PG_LIVE = """
CREATE TABLE "t%(x)s" (id INTEGER PRIMARY KEY, "50% 'off'" TEXT, "a:x" TEXT);
INSERT INTO "t%(x)s" VALUES (1, 'a', '12');
"""

PG_EXPECTED = """
CREATE TABLE "t%(x)s" (id INTEGER PRIMARY KEY, "50% 'off'" TEXT NOT NULL, "a:x" INTEGER);
"""


def test_postgresql_dry_run_checks_columns_whose_names_hold_percent_quotes_and_colons(pg_url, tmp_path):
    run_sql(pg_url, PG_LIVE.replace("%", "%%"))
    (tmp_path / "expected.sql").write_text(PG_EXPECTED)
    report = _dry_run(pg_url, str(tmp_path / "expected.sql"))
    assert report.ok, report.failure
    names = [step.name for step in report.steps]
    assert "check: NULLs in t%(x)s.50% 'off'" in names
    assert "check: values of t%(x)s.a:x that do not cast to integer" in names


GUARD_LIVE = """
CREATE TABLE y (id INTEGER PRIMARY KEY);
INSERT INTO y VALUES (1);
CREATE TABLE `50%` (id INTEGER PRIMARY KEY, `a\\\\` INTEGER, `, 1); DROP TABLE y; --x` INTEGER);
"""

GUARD_EXPECTED = """
CREATE TABLE y (id INTEGER PRIMARY KEY);
CREATE TABLE `50%` (id INTEGER PRIMARY KEY, `a\\\\` INTEGER, `, 1); DROP TABLE y; --x` INTEGER, added INTEGER);
"""


def test_the_alembic_guard_names_mariadb_columns_as_literals_of_mariadb(mariadb_url, tmp_path):
    """A backslash ends no string: MariaDB reads '\\' as an escape, so a column named a\\ once let the
    next column's name run as SQL in the revision's guard."""
    from remedy.render.guard import python_checks

    run_sql(mariadb_url, GUARD_LIVE.replace("%", "%%"))
    (tmp_path / "expected.sql").write_text(GUARD_EXPECTED)
    result = scan(mariadb_url, str(tmp_path / "expected.sql"))
    plan = build_plan(result, resolve(result, None, None, False))
    engine = sa.create_engine(mariadb_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        answers = [conn.exec_driver_sql(sql.replace("%", "%%")).scalar() for _, sql in python_checks(plan, result)]
        assert conn.exec_driver_sql("SELECT count(*) FROM y").scalar() == 1
    engine.dispose()
    assert answers and all(answers), answers

"""An on-call engineer drops a table the expected schema does not have, and keeps the downgrade in case it was
needed after all. The downgrade makes the table again as it was made: a child table with its parents (INHERITS),
so that what it inherits is its parents' again; a partitioned table with its partition key. The dry run says so,
and the exported down migration, run with psql, leaves what pg_dump sees of the database as it was.

The oracle is pg_dump (tests.conformance.oracle), not remedy's reader."""
from __future__ import annotations

import pytest

from tests.conformance.oracle import picture
from tests.conftest import run_sql
from tests.integration.cli_run import psql, remedy

PARENT = "CREATE TABLE par (id int PRIMARY KEY, a int CHECK (a > 0));\n"
CASES = {
    "a child table": PARENT + "CREATE TABLE chi (extra int) INHERITS (par);",
    "a child of two parents": PARENT + "CREATE TABLE other (b text NOT NULL);\n"
                                       "CREATE TABLE chi (extra int) INHERITS (other, par);",
    "a partitioned table": PARENT + "CREATE TABLE chi (at date NOT NULL, n int) PARTITION BY RANGE (at);",
}


@pytest.mark.parametrize("live", CASES.values(), ids=CASES.keys())
def test_the_down_migration_makes_the_dropped_table_again_as_it_was(pg_url_factory, tmp_path, live):
    url, expected = pg_url_factory(), pg_url_factory()
    run_sql(url, live)
    run_sql(expected, PARENT + ("CREATE TABLE other (b text NOT NULL);" if "other" in live else ""))
    before = picture(url)
    args = ("--db", url, "--expected", expected, "--allow-destructive", "--renames", "reject")
    env = {"REMEDY_HOME": str(tmp_path)}

    dry = remedy("apply", *args, "--dry-run", env=env)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "original schema back" in dry.stdout + dry.stderr

    out = tmp_path / "migrations"
    made = remedy("plan", *args, "--format", "golang-migrate", "-o", str(out), env=env)
    assert made.returncode == 0, made.stderr
    (up,), (down,) = sorted(out.glob("*.up.sql")), sorted(out.glob("*.down.sql"))
    for script in (up, down):
        ran = psql(url, script, flags=("-1", "-v", "ON_ERROR_STOP=1"))
        assert ran.returncode == 0, ran.stderr
    assert picture(url).lines == before.lines

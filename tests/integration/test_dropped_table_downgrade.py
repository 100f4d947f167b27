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


def _dry_run_passes_and_migrations(url: str, expected: str, tmp_path) -> tuple:
    """The dry run passes (it re-scans after the downgrade and wants the original schema back); then the
    golang-migrate export, as a reviewer would get it: (up, down)."""
    args = ("--db", url, "--expected", expected, "--allow-destructive", "--renames", "reject")
    env = {"REMEDY_HOME": str(tmp_path)}
    dry = remedy("apply", *args, "--dry-run", env=env)
    assert dry.returncode == 0 and "original schema back" in dry.stdout + dry.stderr, dry.stdout + dry.stderr
    out = tmp_path / "migrations"
    made = remedy("plan", *args, "--format", "golang-migrate", "-o", str(out), env=env)
    assert made.returncode == 0, made.stderr
    (up,), (down,) = sorted(out.glob("*.up.sql")), sorted(out.glob("*.down.sql"))
    return up, down


def _run(url: str, script) -> None:
    ran = psql(url, script, flags=("-1", "-v", "ON_ERROR_STOP=1"))
    assert ran.returncode == 0, ran.stderr


@pytest.mark.parametrize("live", CASES.values(), ids=CASES.keys())
def test_the_down_migration_makes_the_dropped_table_again_as_it_was(pg_url_factory, tmp_path, live):
    url, expected = pg_url_factory(), pg_url_factory()
    run_sql(url, live)
    run_sql(expected, PARENT + ("CREATE TABLE other (b text NOT NULL);" if "other" in live else ""))
    before = picture(url)
    up, down = _dry_run_passes_and_migrations(url, expected, tmp_path)
    _run(url, up)
    _run(url, down)
    assert picture(url).lines == before.lines


def test_the_down_migration_gives_the_table_back_to_its_owner_and_grantees(pg_url_factory, role, tmp_path):
    """The table was another role's, and others held privileges on it and on a column: made again by whoever runs
    the downgrade, it would be theirs and nobody else's. The dry run used to fail on exactly that (owner_mismatch),
    and a plan must pass its dry run before the TUI executes it."""
    url, expected = pg_url_factory(), pg_url_factory()
    owner, reader = role(url, expected), role(url, expected)
    run_sql(url, PARENT + f"CREATE TABLE chi (extra int) INHERITS (par);\nALTER TABLE chi OWNER TO {owner};\n"
                          f"GRANT SELECT ON chi TO {reader};\nGRANT UPDATE (extra) ON chi TO {reader};")
    run_sql(expected, PARENT)
    before = picture(url, privileges=True, owners=True)
    up, down = _dry_run_passes_and_migrations(url, expected, tmp_path)
    assert "REVOKE" not in up.read_text()  # the drop takes them: nothing is revoked first
    _run(url, up)
    _run(url, down)
    assert picture(url, privileges=True, owners=True).lines == before.lines


def test_a_view_the_plan_recreates_stays_its_owners(pg_url_factory, role, tmp_path):
    """A column the view reads changes type, so the view is dropped first and made again after: made by whoever
    runs the plan, it used to become theirs, silently (owners are compared only with --with-owners), and the
    dry run failed on it. Its owner is given it back, in the upgrade and in the downgrade."""
    url, expected = pg_url_factory(), pg_url_factory()
    owner = role(url, expected)
    view = f"CREATE VIEW v AS SELECT id, a FROM t;\nALTER VIEW v OWNER TO {owner};"
    run_sql(url, "CREATE TABLE t (id int PRIMARY KEY, a int);\n" + view)
    run_sql(expected, "CREATE TABLE t (id int PRIMARY KEY, a bigint);\n" + view)
    before = picture(url, owners=True)
    up, down = _dry_run_passes_and_migrations(url, expected, tmp_path)
    _run(url, up)
    assert picture(url, owners=True).lines == picture(expected, owners=True).lines
    _run(url, down)
    assert picture(url, owners=True).lines == before.lines

"""`remedy demo --db URL` puts the demo in the URL's database, says what it drops, and never drops someone
else's tables without --force."""
from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import run_sql
from tests.integration.cli_run import remedy


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        names = set(conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").scalars())
    engine.dispose()
    return names


def test_a_database_with_other_tables_is_refused_and_left_alone(pg_url):
    run_sql(pg_url, "CREATE TABLE invoices (id int); INSERT INTO invoices VALUES (1);")
    proc = remedy("demo", "--no-tui", "--print-url", "--db", pg_url)
    assert proc.returncode == 2
    database = sa.engine.make_url(pg_url).database
    assert proc.stderr.splitlines() == [
        f"remedy: database {database} holds tables that are not the demo's (invoices) "
        "(name another database in --db, or pass --force to drop it)"]
    assert _tables(pg_url) == {"invoices"}


def test_force_drops_it_says_so_and_seeds_the_demo_in_the_url_s_database(pg_url):
    run_sql(pg_url, "CREATE TABLE invoices (id int);")
    proc = remedy("demo", "--no-tui", "--print-url", "--db", pg_url, "--force")
    assert proc.returncode == 0, proc.stderr
    database = sa.engine.make_url(pg_url).database
    assert f"remedy demo will drop database {database}, with its 1 tables" in proc.stderr
    assert sa.engine.make_url(proc.stdout.strip()).database == database
    assert "campaign_jobs" in _tables(pg_url) and "invoices" not in _tables(pg_url)


def test_the_demo_is_seeded_again_without_force_where_only_the_demo_lives(pg_url):
    first = remedy("demo", "--no-tui", "--print-url", "--db", pg_url)
    again = remedy("demo", "--no-tui", "--print-url", "--db", pg_url)
    assert first.returncode == 0 and again.returncode == 0, again.stderr
    assert "campaign_jobs" in _tables(pg_url)


def test_without_the_tui_it_says_how_to_scan_the_demo_and_that_command_works(pg_url, tmp_path):
    """A newcomer who installed remedy with pip has no catalog/ directory: the message names the demo catalog."""
    import shlex

    proc = remedy("demo", "--no-tui", "--db", pg_url, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    hint = next(line for line in proc.stderr.splitlines() if "scan it with:" in line)
    command = shlex.split(hint.split("scan it with: ", 1)[1])
    assert command[:2] == ["remedy", "scan"]
    scanned = remedy(*command[1:], "--fail-on", "none", cwd=tmp_path)
    assert scanned.returncode == 0, scanned.stderr
    assert "missing_column:public.campaign_jobs.job_type" in scanned.stdout

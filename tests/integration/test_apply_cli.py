"""The plan / apply / history command line on PostgreSQL, and the end-to-end demo (issue 3, part 8)."""
from __future__ import annotations

import subprocess
import sys
import uuid

from dataclasses import replace

import pytest
import sqlalchemy as sa

from remedy.demo import run_script, seed_demo
from remedy.fingerprint import fingerprint
from remedy.scan import scan_schemas
from tests.conftest import _pg_drop
from tests.integration.cli_run import remedy
from tests.integration.test_apply_postgresql import EXPECTED, LIVE
from tests.conftest import run_sql

STATUS_NN = "nullability_mismatch:public.campaign_jobs.status"


@pytest.fixture
def env(tmp_path):
    return {"REMEDY_HOME": str(tmp_path / "home")}


@pytest.fixture
def drifted(pg_url, tmp_path):
    run_sql(pg_url, LIVE + "UPDATE campaign_jobs SET status = 'new' WHERE status IS NULL;")
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    return pg_url, str(expected)


def test_plan_stops_on_undecided_renames(drifted, env):
    url, expected = drifted
    proc = remedy("plan", "--db", url, "--expected", expected, env=env)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "missing_column:public.campaign_jobs.job_type" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_plan_dry_run_apply_history(drifted, env, tmp_path):
    url, expected = drifted
    decisions, script = tmp_path / "decisions.toml", tmp_path / "fix.sql"
    proc = remedy("plan", "--db", url, "--expected", expected, "--renames", "accept", "-o", str(script),
                  "--write-decisions", str(decisions), env=env)
    assert proc.returncode == 0, proc.stderr
    text = script.read_text()
    assert "BEGIN;" in text and "RENAME campaign_type TO job_type" in text and "-- Downgrade" in text
    assert "rewrites campaign_jobs (~3 rows)" in text  # never analyzed: counted for the hazards
    assert 'action = "rename"' in decisions.read_text()

    assert remedy("apply", "--db", url, "--expected", expected, "--decisions", str(decisions), env=env).returncode == 2
    dry = remedy("apply", "--db", url, "--expected", expected, "--decisions", str(decisions), "--dry-run", env=env)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "re-scan after downgrade: original schema back" in dry.stdout and "dry run passed" in dry.stdout

    done = remedy("apply", "--db", url, "--expected", expected, "--decisions", str(decisions), "--yes", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert remedy("scan", "--db", url, "--expected", expected, "--fail-on", "critical", env=env).returncode == 0

    stale = remedy("apply", "--db", url, "--expected", expected, "--decisions", str(decisions), "--yes", env=env)
    assert stale.returncode == 2 and "live schema is now" in stale.stderr
    history = remedy("history", env=env)
    assert history.returncode == 0 and "postgres" in history.stdout and "sha256:" in history.stdout
    assert "applied: " in history.stdout
    own = remedy("history", "--db", url, env=env)  # the database's own record says the same
    assert own.returncode == 0 and own.stdout == history.stdout
    assert "recorded in" in done.stdout and "and in the database (remedy.journal)" in done.stdout


def test_unknown_finding_in_decisions_is_an_input_error(drifted, env, tmp_path):
    url, expected = drifted
    decisions = tmp_path / "d.toml"
    remedy("plan", "--db", url, "--expected", expected, "--renames", "accept", "--write-decisions",
           str(decisions), "-o", str(tmp_path / "x.sql"), env=env)
    decisions.write_text(decisions.read_text() + '\n[[decision]]\nfinding = "missing_column:public.nope.x"\n'
                                                  'action = "add"\n')
    proc = remedy("plan", "--db", url, "--expected", expected, "--decisions", str(decisions), env=env)
    assert proc.returncode == 2 and "unknown finding" in proc.stderr


def test_dry_run_check_failure_exits_1_and_apply_failure_exits_3(pg_url, tmp_path, env):
    run_sql(pg_url, LIVE)  # a NULL status: SET NOT NULL cannot pass
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    args = ("--db", pg_url, "--expected", str(expected), "--renames", "accept")
    dry = remedy("apply", *args, "--dry-run", env=env)
    assert dry.returncode == 1 and "FAIL" in dry.stdout and "hold NULL" in dry.stdout
    yes = remedy("apply", *args, "--yes", env=env)
    assert yes.returncode == 3 and "nothing was changed" in yes.stderr


def test_alembic_revision_upgrades_and_downgrades(drifted, env, tmp_path):
    url, expected = drifted
    _alembic_round_trip(url, expected, tmp_path, env, "--renames", "accept")


@pytest.mark.parametrize("dialect", [pytest.param("mysql", marks=pytest.mark.mariadb), "sqlite"])
def test_alembic_revision_on_other_dialects(dialect, request, env, tmp_path):
    from tests.integration.test_convergence import _file

    url = request.getfixturevalue({"mysql": "mariadb_url", "sqlite": "sqlite_url"}[dialect])
    run_sql(url, _file("keys", "before", dialect).read_text())
    _alembic_round_trip(url, str(_file("keys", "after", dialect)), tmp_path, env)


@pytest.mark.parametrize("dialect", ["postgresql", pytest.param("mysql", marks=pytest.mark.mariadb), "sqlite"])
def test_alembic_revision_keeps_percent_signs_and_colons(dialect, request, env, tmp_path):
    """DEFAULT '50%', DEFAULT ':x', CHECK (n % 2 = 0) and a DESC index on a mixed-case column go through
    the revision as written: after upgrade nothing at all is left to fix."""
    from tests.integration.test_convergence import _file

    url = request.getfixturevalue({"postgresql": "pg_url", "mysql": "mariadb_url", "sqlite": "sqlite_url"}[dialect])
    run_sql(url, _file("literal_text", "before", dialect).read_text())
    _alembic_round_trip(url, str(_file("literal_text", "after", dialect)), tmp_path, env, fail_on="any")


def _alembic_round_trip(url, expected, tmp_path, env, *flags, fail_on="critical"):
    """plan --format alembic; alembic upgrade head leaves no drift at ``fail_on``; downgrade -1 gives the
    schema back."""
    versions = tmp_path / "alembic" / "versions"
    versions.mkdir(parents=True)
    proc = remedy("plan", "--db", url, "--expected", expected, *flags, "--format", "alembic",
                  "-o", str(versions / "0001_remedy.py"), env=env)
    assert proc.returncode == 0, proc.stderr
    (tmp_path / "alembic" / "env.py").write_text(ALEMBIC_ENV)
    (tmp_path / "alembic.ini").write_text(f"[alembic]\nscript_location = {tmp_path / 'alembic'}\n"
                                          f"sqlalchemy.url = {url.replace('%', '%%')}\n")  # configparser
    before = _live(url)
    _alembic(tmp_path, "upgrade", "head")
    scanned = remedy("scan", "--db", url, "--expected", expected, "--fail-on", fail_on, env=env)
    assert scanned.returncode == 0, scanned.stdout
    _alembic(tmp_path, "downgrade", "-1")
    after = _live(url)
    assert [f.id for f in scan_schemas(before, after).findings] == []
    assert fingerprint(after) == fingerprint(before)  # on MariaDB too: the foreign key's own index goes with it


def test_golang_migrate_pair_applies_up_and_down(drifted, env, tmp_path):
    url, expected = drifted
    out = tmp_path / "migrations"
    (out).mkdir()
    (out / "000007_earlier.up.sql").write_text("SELECT 1;\n")
    proc = remedy("plan", "--db", url, "--expected", expected, "--renames", "accept", "--format",
                  "golang-migrate", "-o", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    up, down = out / "000008_remedy_fix_drift.up.sql", out / "000008_remedy_fix_drift.down.sql"
    before = _fingerprint(url)
    run_script(sa.engine.make_url(url), up.read_text())
    assert remedy("scan", "--db", url, "--expected", expected, "--fail-on", "critical", env=env).returncode == 0
    run_script(sa.engine.make_url(url), down.read_text())
    assert _fingerprint(url) == before


def test_demo_end_to_end(pg_server_url, env):
    """Accept renames -> dry run passes -> apply -> scan --fail-on critical is clean, renamed rows kept, then idle."""
    name = f"remedy_t_demo_{uuid.uuid4().hex[:8]}"
    url = seed_demo(pg_server_url, name)
    try:
        args = ("--db", url, "--expected", "catalog/domainflow", "--renames", "accept")
        before = _rows(url, "SELECT count(*), count(payload), count(campaign_type), count(worker_id) FROM campaign_jobs")
        assert remedy("scan", "--db", url, "--expected", "catalog/domainflow", "--fail-on", "critical",
                      env=env).returncode == 1
        dry = remedy("apply", *args, "--dry-run", env=env)
        assert dry.returncode == 0, dry.stdout + dry.stderr
        done = remedy("apply", *args, "--yes", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert remedy("scan", "--db", url, "--expected", "catalog/domainflow", "--fail-on", "critical",
                      env=env).returncode == 0
        after = _rows(url, "SELECT count(*), count(job_payload), count(job_type), count(processing_server_id) "
                           "FROM campaign_jobs")
        assert after == before and before[0][0] > 0
        again = remedy("apply", *args, "--yes", env=env)
        assert again.returncode == 0 and "nothing to do" in again.stdout
    finally:
        _pg_drop(pg_server_url, name)


ALEMBIC_ENV = '''
from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()
'''


def _alembic(cwd, *args):
    proc = subprocess.run([sys.executable, "-m", "alembic", "-c", str(cwd / "alembic.ini"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def _rows(url, sql):
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(sql).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def _live(url):
    from remedy.db import make_engine
    from remedy.sources.live import read_live

    engine = make_engine(url)
    try:
        schema = read_live(engine)
    finally:
        engine.dispose()
    return replace(schema, tables={k: v for k, v in schema.tables.items() if v.name != "alembic_version"},
                   objects={k: o for k, o in schema.objects.items()  # alembic's own table, and its grants
                            if not o.name.startswith("alembic_version") and o.table != "alembic_version"})


def _fingerprint(url):
    return fingerprint(_live(url))

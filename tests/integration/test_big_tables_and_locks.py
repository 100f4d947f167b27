"""Long statements and locks: the operator sees what runs, for how long, on how many rows, and who blocks it."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from remedy.apply import apply, dry_run
from remedy.errors import ApplyFailed
from remedy.scan import scan
from remedy.watch import Progress
from tests.conftest import load_drift, run_sql
from tests.integration.cli_run import remedy, stderr_lines
from tests.integration.test_apply_postgresql import EXPECTED, LIVE, STATUS_NN, _plan

SLOW_BACKFILL = "(SELECT 'pending' FROM pg_sleep(2.5))"  # a backfill that takes 2.5 s, like a big table's
LOCK = "LOCK TABLE campaign_jobs IN ACCESS EXCLUSIVE MODE"


@pytest.fixture
def drifted(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, LIVE + "ANALYZE;")
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    return pg_url, str(expected)


@pytest.fixture
def holder(drifted):
    """Another session, named like a report job, holding the table's lock."""
    engine = sa.create_engine(drifted[0], poolclass=sa.pool.NullPool,
                              connect_args={"application_name": "nightly-report"})
    conn = engine.connect()
    conn.exec_driver_sql(LOCK)
    yield conn
    conn.rollback()
    conn.close()
    engine.dispose()


def test_a_long_statement_reports_progress_with_the_tables_estimated_rows(drifted):
    url, expected = drifted
    result, _, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, SLOW_BACKFILL)})
    seen: list[Progress] = []
    report = dry_run(url, result, plan, on_progress=seen.append)
    assert report.ok, report.failure
    assert seen and seen[0].name.startswith("upgrade: ") and seen[0].seconds >= 2
    assert seen[0].detail == "public.campaign_jobs, ~3 rows (estimated)"


def test_the_statement_timeout_is_the_operators_choice(drifted):
    url, expected = drifted
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, SLOW_BACKFILL)})
    report = dry_run(url, result, plan, statement_timeout=0.5)
    assert not report.ok and "statement timeout" in report.failure.message
    with pytest.raises(ApplyFailed, match="statement timeout"):
        apply(url, result, plan, chosen, statement_timeout=0.5)


def test_a_lock_not_granted_names_the_session_holding_it(drifted, holder):
    url, expected = drifted
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    report = dry_run(url, result, plan, lock_timeout=0.3)
    pid = holder.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    assert not report.ok and "lock timeout" in report.failure.message
    assert (f"the lock is held by pid {pid} (user postgres, application 'nightly-report', query started "
            in report.failure.message)
    assert report.failure.message.endswith(f": {LOCK})")


def test_while_it_waits_for_a_lock_progress_says_who_holds_it(drifted, holder):
    url, expected = drifted
    result, _, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    seen: list[Progress] = []
    report = dry_run(url, result, plan, lock_timeout=2.5, on_progress=seen.append)
    assert not report.ok
    assert any("waiting for a lock held by pid" in p.detail and "nightly-report" in p.detail for p in seen)


def test_the_command_line_warns_before_rewriting_a_large_table(drifted, tmp_path):
    url, expected = drifted
    run_sql(url, "UPDATE pg_class SET reltuples = 25000000 WHERE relname = 'campaign_jobs'")  # as a big table has
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    args = ("apply", "--db", url, "--expected", expected, "--renames", "accept", "--dry-run")
    proc = remedy(*args, env=env)
    assert ("remedy: warning: change type of campaign_jobs.attempts from text to integer: public.campaign_jobs has "
            "~25,000,000 rows (estimated); rewrites campaign_jobs (~25,000,000 rows) under an ACCESS EXCLUSIVE "
            "lock. Expect it to take long") in proc.stderr
    run_sql(url, "UPDATE pg_class SET reltuples = 25000 WHERE relname = 'campaign_jobs'")
    assert "warning" not in remedy(*args, env=env).stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e30", "0.0001", "soon"])
def test_a_bad_statement_timeout_is_an_input_error(drifted, value):
    url, expected = drifted
    proc = remedy("apply", "--db", url, "--expected", expected, "--dry-run", "--statement-timeout", value)
    assert proc.returncode == 2 and "--statement-timeout" in proc.stderr and "Traceback" not in proc.stderr


# --- MariaDB/MySQL: a metadata lock held by another session -------------------------------------------------

MARIADB_LIVE = """
CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20));
INSERT INTO jobs (id, status) VALUES (1, 'new');
"""
MARIADB_EXPECTED = "CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20), priority INTEGER);\n"


@pytest.fixture
def mariadb_drifted(mariadb_url, tmp_path, monkeypatch):
    return load_drift(mariadb_url, tmp_path, monkeypatch, MARIADB_LIVE, MARIADB_EXPECTED)


def _mariadb_session(url: str):
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    return engine, engine.connect()


@pytest.mark.mariadb
def test_mariadb_apply_waiting_on_a_metadata_lock_names_the_session_holding_it(mariadb_drifted, tmp_path):
    """A report left its transaction open after reading jobs: ALTER TABLE waits for its metadata lock."""
    url, expected = mariadb_drifted
    engine, holder = _mariadb_session(url)
    try:
        holder_id = holder.exec_driver_sql("SELECT CONNECTION_ID()").scalar()
        holder.exec_driver_sql("SELECT * FROM jobs").all()  # SQLAlchemy's transaction stays open
        proc = remedy("apply", "--db", url, "--expected", expected, "--yes", "--lock-timeout", "1",
                      env={"REMEDY_HOME": str(tmp_path / "home")})
        columns = [c["name"] for c in sa.inspect(engine).get_columns("jobs")]
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    assert proc.returncode == 3, proc.stderr
    assert "Lock wait timeout exceeded" in proc.stderr and "the lock is held by" in proc.stderr
    assert f"session {holder_id} (user root, host 127.0.0.1:" in proc.stderr
    assert "in a transaction since " in proc.stderr and ": idle)" in proc.stderr
    assert "0 of 1 statements ran" in proc.stderr
    assert columns == ["id", "status"]


@pytest.mark.mariadb
def test_mariadb_while_it_waits_for_a_metadata_lock_progress_names_the_running_statement(mariadb_drifted):
    import threading

    url, expected = mariadb_drifted
    engine, holder = _mariadb_session(url)
    holder_id = holder.exec_driver_sql("SELECT CONNECTION_ID()").scalar()
    result, chosen, plan = _plan(url, expected)  # first: on a loaded machine planning took longer than the sleep
    slow = threading.Thread(target=lambda: holder.exec_driver_sql("SELECT SLEEP(4) FROM jobs").all())
    slow.start()
    try:
        _until_running(engine, holder_id, "SELECT SLEEP(4) FROM jobs")
        seen: list[Progress] = []
        with pytest.raises(ApplyFailed, match=f"the lock is held by .*session {holder_id} "):
            apply(url, result, plan, chosen, lock_timeout=3, on_progress=seen.append)
    finally:
        slow.join()
        holder.close()
        engine.dispose()
    waits = [p.detail for p in seen if "waiting for a lock held by" in p.detail]
    assert waits and f"session {holder_id} (user root, host 127.0.0.1:" in waits[0]
    assert "running for " in waits[0] and "SELECT SLEEP(4) FROM jobs" in waits[0]



def _until_running(engine, session: int, statement: str) -> None:
    """Wait (up to 10 s) until ``session`` runs ``statement``."""
    import time

    with engine.connect() as conn:
        for _ in range(100):
            if conn.exec_driver_sql("SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = %s",
                                    (session,)).scalar() == statement:
                return
            time.sleep(0.1)
    raise AssertionError(f"session {session} never ran {statement}")


@pytest.fixture
def metadata_lock_info(mariadb_url):
    """MariaDB's metadata_lock_info plugin loaded (and unloaded after, if this test loaded it)."""
    engine = sa.create_engine(mariadb_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        loaded = conn.exec_driver_sql("SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = "
                                      "'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'").scalar()
        if not loaded:
            try:
                conn.exec_driver_sql("INSTALL SONAME 'metadata_lock_info'")
            except sa.exc.DBAPIError as exc:
                pytest.skip(f"the metadata_lock_info plugin cannot be loaded here: {exc.orig}")
    yield
    if not loaded:
        with engine.connect() as conn:
            conn.exec_driver_sql("UNINSTALL SONAME 'metadata_lock_info'")
    engine.dispose()


@pytest.mark.mariadb
def test_mariadb_with_the_metadata_lock_info_plugin_the_holder_is_named_exactly(mariadb_drifted, metadata_lock_info,
                                                                               mariadb_url_factory):
    """Another session with an open transaction elsewhere is not named: only the one holding jobs' lock."""
    url, expected = mariadb_drifted
    bystander_engine, bystander = _mariadb_session(mariadb_url_factory())
    bystander.exec_driver_sql("CREATE TABLE other (id INTEGER)")
    bystander.exec_driver_sql("SELECT * FROM other").all()  # a transaction open, on another table
    engine, holder = _mariadb_session(url)
    try:
        holder_id = holder.exec_driver_sql("SELECT CONNECTION_ID()").scalar()
        bystander_id = bystander.exec_driver_sql("SELECT CONNECTION_ID()").scalar()
        holder.exec_driver_sql("SELECT * FROM jobs").all()
        result, chosen, plan = _plan(url, expected)
        with pytest.raises(ApplyFailed) as failed:
            apply(url, result, plan, chosen, lock_timeout=1)
    finally:
        for conn, made in ((holder, engine), (bystander, bystander_engine)):
            conn.rollback()
            conn.close()
            made.dispose()
    message = str(failed.value)
    assert f"the lock is held by session {holder_id} (user root, host 127.0.0.1:" in message
    assert f"session {bystander_id} " not in message and "one of these sessions" not in message


# --- --statement-timeout where the server has one (MariaDB) and where it has none ----------------------------

def _mariadb_counts(url: str, tmp_path, rows: int) -> tuple[str, str]:
    """A table of ROWS rows whose column n must widen to BIGINT: MariaDB copies the whole table to do it."""
    run_sql(url, "CREATE TABLE counts (id INTEGER PRIMARY KEY, n INTEGER);\n"
                 f"INSERT INTO counts SELECT seq, seq FROM seq_1_to_{rows};\nANALYZE TABLE counts;")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE counts (id INTEGER PRIMARY KEY, n BIGINT);\n")
    return url, str(expected)


@pytest.mark.mariadb
def test_mariadb_dry_run_stops_a_statement_that_runs_past_the_statement_timeout(mariadb_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    url, expected = _mariadb_counts(mariadb_url, tmp_path, 100_000)  # the shadow gets the rows too
    result, _, plan = _plan(url, expected)
    report = dry_run(url, result, plan, statement_timeout=0.05)
    assert not report.ok and report.failure.name.startswith("upgrade: ")
    assert "max_statement_time exceeded" in report.failure.message


@pytest.mark.mariadb
def test_mariadb_apply_stops_a_statement_that_runs_past_the_statement_timeout(mariadb_url, tmp_path, monkeypatch):
    """Too many rows for the shadow (schema only, so its dry run is quick); on the live table the ALTER is long."""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    url, expected = _mariadb_counts(mariadb_url, tmp_path, 300_000)
    result, chosen, plan = _plan(url, expected)
    with pytest.raises(ApplyFailed, match="max_statement_time exceeded") as failed:
        apply(url, result, plan, chosen, statement_timeout=0.05)
    assert "0 of 1 statements ran" in str(failed.value)
    assert scan(url, expected).fingerprint == result.fingerprint


def test_a_statement_timeout_on_sqlite_is_refused_before_anything_runs(sqlite_url, tmp_path):
    run_sql(sqlite_url, "CREATE TABLE jobs (id INTEGER PRIMARY KEY, status TEXT);")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE jobs (id INTEGER PRIMARY KEY, status TEXT, priority INTEGER);\n")
    args = ("apply", "--db", sqlite_url, "--expected", str(expected), "--statement-timeout", "5")
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    for mode in ("--dry-run", "--yes"):
        proc = remedy(*args, mode, env=env)
        assert proc.returncode == 2, proc.stderr
        assert stderr_lines(proc) == ["remedy: --statement-timeout works on PostgreSQL and MariaDB only: "
                                      "SQLite cannot bound the time of a DDL statement (give 0 or leave it out)"]
        assert "priority" not in {c["name"] for c in sa.inspect(sa.create_engine(sqlite_url)).get_columns("jobs")}
    assert remedy(*args[:-2], "--statement-timeout", "0", "--dry-run", env=env).returncode == 0

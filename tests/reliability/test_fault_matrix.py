"""Fault injection on a real PostgreSQL: whatever happens to `remedy apply --yes`, the schema is exactly as before or
exactly as after, the rows are the same, the journal tells the truth and the next scan does too.

The oracle shares no code with remedy: `pg_dump --schema-only` (normalised) for the schema, an md5 over every row
of every table for the data, both compared with two reference databases made once: one left as it was, one where
`remedy apply --yes` ran undisturbed. Faults: SIGKILL at each phase of apply (REMEDY_PAUSE_AT stops it at a known
point), SIGKILL and pg_terminate_backend during a slow statement, a competing lock, a failing statement, two
concurrent applies, and DDL committed while a scan reads the catalog.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import uuid

import pytest
import sqlalchemy as sa

from tests.conftest import _pg_create, _pg_drop, run_sql
from tests.integration.cli_run import REPO, remedy

LIVE = """
CREATE TABLE campaigns (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE campaign_jobs (id SERIAL PRIMARY KEY, campaign_type TEXT NOT NULL, status TEXT, attempts TEXT NOT NULL,
  campaign_id INTEGER, legacy TEXT);
INSERT INTO campaigns (name) VALUES ('one'), ('two');
INSERT INTO campaign_jobs (campaign_type, status, attempts, campaign_id) VALUES
  ('dns', 'done', '1', 1), ('http', NULL, '0', 2), ('dns', 'new', '3', NULL);
"""
EXPECTED = """
CREATE TABLE campaigns (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE campaign_jobs (id SERIAL PRIMARY KEY, job_type TEXT NOT NULL,
  status VARCHAR(32) NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL, priority INTEGER NOT NULL,
  campaign_id INTEGER REFERENCES campaigns(id));
CREATE INDEX campaign_jobs_status_idx ON campaign_jobs (status);
"""
STATUS_NN = "nullability_mismatch:public.campaign_jobs.status"
FAST, SLOW = "(SELECT 'pending' FROM pg_sleep(0))", "(SELECT 'pending' FROM pg_sleep(3))"
PHASES = ("dry-run", "upgrade", "commit", "committed")  # remedy.apply.pause_point names, in order


# --- the oracle: pg_dump and row checksums ----------------------------------------------------------

def _libpq_env(url: str) -> dict:
    parsed = sa.engine.make_url(url)
    return {**os.environ, "PGHOST": str(parsed.query.get("host") or parsed.host or "127.0.0.1"),
            "PGPORT": str(parsed.port or 5432), "PGUSER": parsed.username or "", "PGDATABASE": parsed.database,
            "PGPASSWORD": parsed.password or ""}


def schema_dump(url: str) -> str:
    """pg_dump --schema-only without remedy's own record, comments, SET lines and blank lines."""
    from tests.conformance.pgclient import client

    pg_dump = client("pg_dump", url) or "pg_dump"  # one that can dump this server (the wheel's for PostgreSQL 18)
    out = subprocess.run([pg_dump, "--schema-only", "--no-owner", "--exclude-schema=remedy"], env=_libpq_env(url),
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        pytest.skip(f"pg_dump cannot dump this server: {out.stderr.strip()[:200]}")
    keep = [line for line in out.stdout.splitlines() if line.strip() and not line.startswith(("--", "SET ", "SELECT "
            "pg_catalog.set_config", "\\restrict", "\\unrestrict"))]
    return "\n".join(keep)


def row_checksums(url: str) -> dict[str, str]:
    """md5 of every row (as text, sorted) per table; sequences' last values too."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        sums = {t: conn.exec_driver_sql(f"SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) "
                                        f"FROM {t} x").scalar() for t in tables}
        sums.update({s: str(conn.exec_driver_sql(f"SELECT last_value FROM {s}").scalar()) for (s,) in
                     conn.exec_driver_sql("SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) FROM pg_sequences "
                                          "WHERE schemaname = 'public'")})
    engine.dispose()
    return sums


def database_record(url: str) -> list[dict]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        if conn.exec_driver_sql("SELECT to_regclass('remedy.journal')").scalar() is None:
            rows = []
        else:
            rows = [r[0] for r in conn.exec_driver_sql("SELECT entry FROM remedy.journal")]
    engine.dispose()
    return rows


def local_journal(home) -> list[dict]:
    path = home / "journal.jsonl"
    entries: dict[str, dict] = {}
    for line in (path.read_text().splitlines() if path.exists() else []):
        entry = json.loads(line)
        entries[entry["id"]] = entry  # a result line follows its intent
    return list(entries.values())


# --- the scenario ---------------------------------------------------------------------------------

class Scenario:
    def __init__(self, server: str, tmp_path):
        self.server, self.tmp = server, tmp_path
        self.made: list[str] = []
        self.expected = tmp_path / "expected.sql"
        self.expected.write_text(EXPECTED)

    def database(self) -> str:
        name, url = _pg_create(self.server)
        self.made.append(name)
        run_sql(url, LIVE)
        return url

    def decisions(self, url: str, value: str) -> str:
        path = self.tmp / f"decisions-{uuid.uuid4().hex[:6]}.toml"
        proc = remedy("plan", "--db", url, "--expected", str(self.expected), "--renames", "accept",
                      "--write-decisions", str(path), "-o", str(self.tmp / "plan.sql"), env=self.env())
        assert proc.returncode == 0, proc.stderr
        text = re.sub(rf'(finding = "{re.escape(STATUS_NN)}"\naction = "alter")',
                      lambda m: m.group(1) + f"\nvalue = {json.dumps(value)}", path.read_text())
        path.write_text(text)
        return str(path)

    def env(self, **extra) -> dict:
        return {"REMEDY_HOME": str(self.tmp / "home"), **extra}

    def apply_args(self, url: str, decisions: str, *extra: str) -> list[str]:
        return ["apply", "--db", url, "--expected", str(self.expected), "--decisions", decisions, "--yes", *extra]

    def start(self, url: str, decisions: str, *extra: str, **env) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "remedy", *self.apply_args(url, decisions, *extra)],
                                cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env={**os.environ, **self.env(**env)})

    def findings(self, url: str) -> list[str]:
        proc = remedy("scan", "--db", url, "--expected", str(self.expected), "--format", "json", "--fail-on", "none",
                      env=self.env())
        assert proc.returncode == 0, proc.stderr
        return sorted(f["id"] for f in json.loads(proc.stdout)["findings"])


@pytest.fixture(scope="module")
def references(pg_server_url, tmp_path_factory):
    """(before, after): the schema dump, row checksums and findings of the untouched and the applied database."""
    tmp = tmp_path_factory.mktemp("reference")
    scenario = Scenario(pg_server_url, tmp)
    before_url, after_url = scenario.database(), scenario.database()
    done = remedy(*scenario.apply_args(after_url, scenario.decisions(after_url, FAST)), env=scenario.env())
    assert done.returncode == 0, done.stdout + done.stderr
    refs = {state: (schema_dump(url), row_checksums(url), scenario.findings(url))
            for state, url in (("before", before_url), ("after", after_url))}
    assert refs["before"][0] != refs["after"][0]
    assert refs["after"][2] == ["extra_column:public.campaign_jobs.legacy"]  # an extra is skipped by default
    yield refs
    for name in scenario.made:
        _pg_drop(pg_server_url, name)


@pytest.fixture
def scenario(pg_server_url, tmp_path):
    made = Scenario(pg_server_url, tmp_path)
    yield made
    for name in made.made:
        _pg_drop(pg_server_url, name)


def assert_exactly(state: str, url: str, references, scenario: Scenario, case: str) -> None:
    """The schema, the rows and the next scan are exactly those of the reference ``state``."""
    dump, sums, findings = references[state]
    assert schema_dump(url) == dump, f"{case}: the schema is neither exactly before nor exactly after"
    assert row_checksums(url) == sums, f"{case}: the rows differ from the {state} reference"
    assert scenario.findings(url) == findings, f"{case}: the next scan does not say the schema is {state}"


def assert_journal(scenario: Scenario, url: str, applied: bool, local: list[str]) -> None:
    """The database's own record holds an applied entry iff the plan committed; the local file says ``local``."""
    record = database_record(url)
    assert [e["status"] for e in record] == (["applied"] if applied else [])
    assert sorted(e["status"] for e in local_journal(scenario.tmp / "home")) == sorted(local)
    if applied:
        assert record[0]["fingerprint_after"].startswith("sha256:")


def wait_for(proc: subprocess.Popen, text: str) -> None:
    for line in proc.stderr:
        if text in line:
            return
    raise AssertionError(f"remedy ended before '{text}' (exit {proc.wait()})")


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


# --- the matrix -----------------------------------------------------------------------------------

KILLED_AT = {"dry-run": ("before", False, []), "upgrade": ("before", False, ["intent"]),
             "commit": ("before", False, ["intent"]), "committed": ("after", True, ["intent"])}


@pytest.mark.parametrize("phase", PHASES)
def test_sigkill_at_each_phase_of_apply(references, scenario, phase):
    url = scenario.database()
    proc = scenario.start(url, scenario.decisions(url, FAST), REMEDY_PAUSE_AT=phase)
    wait_for(proc, f"paused at {phase}")
    kill(proc)
    state, applied, local = KILLED_AT[phase]
    assert_exactly(state, url, references, scenario, f"SIGKILL at {phase}")
    assert_journal(scenario, url, applied, local)
    history = remedy("history", "--db", url, env=scenario.env())
    assert ("applied: " in history.stdout) == applied  # remedy history --db reads the truth back


@pytest.mark.parametrize("fault", ["SIGKILL", "pg_terminate_backend"])
def test_a_fault_during_a_slow_statement(references, scenario, fault):
    url = scenario.database()
    proc = scenario.start(url, scenario.decisions(url, SLOW))
    wait_for(proc, "remedy: …")  # the dry run's slow statement reports progress
    wait_for(proc, "remedy: …")  # and then the apply's
    if fault == "SIGKILL":
        kill(proc)
        local = ["intent"]
    else:
        _terminate(url, "pg_sleep(3)")
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 3 and "everything was rolled back" in err
        local = ["rolled back"]
    assert_exactly("before", url, references, scenario, f"{fault} during a statement")
    assert_journal(scenario, url, False, local)


def _terminate(url: str, query: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        ended = conn.exec_driver_sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state = 'active' AND position(%(q)s in query) > 0", {"q": query}).scalar()
    engine.dispose()
    assert ended == 1


def test_a_competing_lock(references, scenario):
    url = scenario.database()
    decisions = scenario.decisions(url, FAST)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args={"application_name": "batch-export"})
    holder = engine.connect()
    holder.exec_driver_sql("LOCK TABLE campaign_jobs IN SHARE MODE")
    try:
        proc = remedy(*scenario.apply_args(url, decisions, "--lock-timeout", "0.5"), env=scenario.env())
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    assert proc.returncode == 3 and "nothing was changed" in proc.stderr
    assert "lock is held by pid" in proc.stderr and "application 'batch-export'" in proc.stderr
    assert_exactly("before", url, references, scenario, "a competing lock")
    assert_journal(scenario, url, False, [])  # the dry run stopped it: nothing was attempted


def test_a_failing_statement(references, scenario):
    url = scenario.database()
    decisions = scenario.decisions(url, FAST)
    run_sql(url, "UPDATE campaign_jobs SET campaign_id = 99 WHERE campaign_id IS NULL")  # breaks the new FK
    references = {**references, "before": (schema_dump(url), row_checksums(url), references["before"][2])}
    proc = remedy(*scenario.apply_args(url, decisions), env=scenario.env())
    assert proc.returncode == 3 and "violates foreign key constraint" in proc.stderr
    assert_exactly("before", url, references, scenario, "a failing statement")
    assert_journal(scenario, url, False, [])


def test_two_concurrent_applies(references, scenario):
    url = scenario.database()
    decisions = scenario.decisions(url, FAST)
    first, second = scenario.start(url, decisions), scenario.start(url, decisions)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    codes = sorted(code for _, _, code in results)
    assert codes in ([0, 0], [0, 2], [0, 3]), results
    for out, err, code in results:
        if code == 3:  # the loser says why in one sentence: the schema moved or a lock was not granted
            assert re.search(r"schema changed while this apply ran|lock timeout|nothing was changed", err), err
        if code == 2:
            assert "live schema is now" in err or "changed" in err, err
    assert_exactly("after", url, references, scenario, "two concurrent applies")
    assert [e["status"] for e in database_record(url)] == ["applied"]


def test_ddl_committed_while_scans_read_the_catalog(references, scenario):
    url = scenario.database()
    stop = threading.Event()

    def churn():  # each CREATE and each DROP commits on its own, so every snapshot sees a different catalog
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for n in range(2000):
                if stop.is_set():
                    break
                conn.exec_driver_sql(f"CREATE TABLE churn_{n % 3} (id int PRIMARY KEY, note text DEFAULT 'x' "
                                     f"CHECK (note <> ''), up int REFERENCES campaigns(id))" if n % 6 < 3
                                     else f"DROP TABLE churn_{n % 3}")
        engine.dispose()

    worker = threading.Thread(target=churn)
    worker.start()
    try:
        outcomes = [remedy("scan", "--db", url, "--expected", str(scenario.expected), "--fail-on", "none",
                           env=scenario.env()) for _ in range(5)]
    finally:
        stop.set()
        worker.join()
    for proc in outcomes:
        assert proc.returncode in (0, 2) and "internal error" not in proc.stderr and "Traceback" not in proc.stderr
        if proc.returncode == 2:
            assert "changed while it was being read" in proc.stderr
    run_sql(url, "DROP TABLE IF EXISTS churn_0; DROP TABLE IF EXISTS churn_1; DROP TABLE IF EXISTS churn_2")
    assert_exactly("before", url, references, scenario, "DDL during scans")


# --- MariaDB: no transactional DDL, so the guarantee is per statement -------------------------------------
#
# MariaDB/MySQL commit each DDL statement at once. SIGKILL of remedy during `apply --yes` leaves the schema
# exactly as LIVE plus the first k statements of the plan, for some k (each DDL statement is atomic on
# MariaDB 10.6+ and MySQL 8), and the local journal's last line for the apply says which k: `ran` (committed),
# `not_ran`, and `in_flight` when remedy was killed while a statement ran (committed whole or not at all).
# The oracle (information_schema through the mariadb client, and the rows through it) shares no code with
# remedy's readers; each reference database is LIVE plus the first k statements run with the mariadb client.

MARIADB_LIVE = """
CREATE TABLE campaigns (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20), campaign_id INTEGER);
INSERT INTO campaigns (id, name) VALUES (1, 'one'), (2, 'two');
INSERT INTO jobs (id, status, campaign_id) VALUES (1, 'done', 1), (2, NULL, 2), (3, 'new', NULL);
"""
MARIADB_EXPECTED = """
CREATE TABLE campaigns (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20), campaign_id INTEGER, priority INTEGER);
CREATE INDEX jobs_status_idx ON jobs (status);
CREATE TABLE owners (id INTEGER PRIMARY KEY, name VARCHAR(40));
"""
# remedy.apply.pause_point names -> statements committed when it pauses ("upgrade": after the first)
MARIADB_KILLS = {"dry-run": 0, "upgrade": 1, "upgrade 2": 2, "upgrade 3": 3}


def _mariadb_state(url: str) -> tuple[list[str], list[list[str]]]:
    from tests.conformance import mysqlclient, oracle_mysql

    rows = mysqlclient.query(url, "SELECT 'campaigns', id, name FROM campaigns UNION ALL "
                                  "SELECT 'jobs', id, status FROM jobs ORDER BY 1, 2")
    return oracle_mysql.picture(url), rows


def _mariadb_statements(url: str, expected: str) -> list[str]:
    """The plan's statements, in order (what remedy says it will run; the oracle checks what did)."""
    from remedy.decisions import resolve
    from remedy.plan.build import build_plan
    from remedy.render.sql import statements
    from remedy.scan import scan

    result = scan(url, expected)
    return [s.sql for s in statements(build_plan(result, resolve(result, None, "accept", True)))]


def _mariadb_reference(factory, statements: list[str], tmp_path) -> str:
    from tests.conformance.mysqlclient import run_file

    url = factory()
    run_sql(url, MARIADB_LIVE)
    script = tmp_path / f"ref-{uuid.uuid4().hex[:6]}.sql"
    script.write_text("".join(f"{sql};\n" for sql in statements))
    code, err = run_file(url, script)
    assert code == 0, err
    return url


@pytest.mark.mariadb
@pytest.mark.parametrize("point", MARIADB_KILLS)
def test_mariadb_sigkill_during_apply_leaves_the_schema_at_a_statement_boundary_the_journal_names(
        mariadb_url_factory, tmp_path, point):
    url = mariadb_url_factory()
    run_sql(url, MARIADB_LIVE)
    expected = tmp_path / "expected.sql"
    expected.write_text(MARIADB_EXPECTED)
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    planned = _mariadb_statements(url, str(expected))
    assert len(planned) == 3, planned
    proc = subprocess.Popen([sys.executable, "-m", "remedy", "apply", "--db", url, "--expected", str(expected),
                             "--renames", "accept", "--yes"], cwd=REPO, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env, "REMEDY_PAUSE_AT": point})
    wait_for(proc, f"paused at {point}")
    kill(proc)

    k = MARIADB_KILLS[point]
    reference = _mariadb_reference(mariadb_url_factory, planned[:k], tmp_path)
    assert _mariadb_state(url) == _mariadb_state(reference), f"SIGKILL at {point}: not LIVE + {k} statement(s)"
    findings = [remedy("scan", "--db", db, "--expected", str(expected), "--format", "json", "--fail-on", "none",
                       env=env) for db in (url, reference)]
    ids = [sorted(f["id"].replace(sa.engine.make_url(db).database, "DB") for f in json.loads(proc.stdout)["findings"])
           for db, proc in zip((url, reference), findings)]
    assert ids[0] == ids[1], f"SIGKILL at {point}: the next scan does not tell LIVE + {k} statement(s)"

    entries = local_journal(tmp_path / "home")
    if k == 0:
        assert entries == []  # stopped in the dry run: nothing was attempted on the live database
        return
    shown = [sql.splitlines()[0][:120] for sql in planned]
    (entry,) = entries
    assert entry["status"] == "intent" and "in_flight" not in entry
    assert entry["ran"] == shown[:k] and entry["not_ran"] == shown[k:]
    history = remedy("history", env=env).stdout
    assert "interrupted" in history and f"ran: {shown[0]}" in history and "those under 'ran' committed" in history


@pytest.mark.mariadb
def test_mariadb_sigkill_while_a_statement_runs_the_journal_names_it_in_flight(mariadb_url_factory, tmp_path):
    """Killed during the backfill UPDATE (3 s): it committed whole or not at all, and the journal says it was
    in flight, with what ran before (nothing) and what never ran (the ALTER)."""
    url = mariadb_url_factory()
    run_sql(url, MARIADB_LIVE)
    expected = tmp_path / "expected.sql"
    expected.write_text(MARIADB_LIVE.split("INSERT")[0].replace("status VARCHAR(20)", "status VARCHAR(20) NOT NULL"))
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    decisions = tmp_path / "decisions.toml"
    planned = remedy("plan", "--db", url, "--expected", str(expected), "--write-decisions", str(decisions),
                     "-o", str(tmp_path / "plan.sql"), env=env)
    assert planned.returncode == 0, planned.stderr
    finding = f"nullability_mismatch:{sa.engine.make_url(url).database}.jobs.status"
    slow = "(SELECT 'pending' FROM (SELECT SLEEP(3)) AS s)"
    decisions.write_text(re.sub(rf'(finding = "{re.escape(finding)}"\naction = "alter")',
                                lambda m: m.group(1) + f"\nvalue = {json.dumps(slow)}", decisions.read_text()))
    assert slow in decisions.read_text()
    before = _mariadb_state(url)
    proc = subprocess.Popen([sys.executable, "-m", "remedy", "apply", "--db", url, "--expected", str(expected),
                             "--decisions", str(decisions), "--yes"], cwd=REPO, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
    wait_for(proc, "remedy: …")  # the dry run's slow statement (on the shadow copy)
    wait_for(proc, "remedy: …")  # the apply's, on the live database
    kill(proc)

    (entry,) = local_journal(tmp_path / "home")
    assert entry["status"] == "intent" and entry["ran"] == [] and entry["in_flight"].startswith("UPDATE jobs SET")
    assert [s.split()[0] for s in entry["not_ran"]] == ["ALTER"]
    state = _mariadb_state(url)
    filled = (before[0], [[t, i, "pending" if t == "jobs" and v == "NULL" else v] for t, i, v in before[1]])
    assert state in (before, filled), "the UPDATE in flight is neither undone nor whole"
    history = remedy("history", env=env).stdout
    assert "in flight: UPDATE jobs SET" in history and "committed whole or not at all" in history

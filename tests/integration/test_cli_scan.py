"""``remedy scan`` end to end on real databases: formats, exit codes, -o, colour, masking."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest
import sqlalchemy as sa
from cli_run import REPO, remedy
from tests.conftest import run_sql

EXPECTED_DDL = """
CREATE TABLE campaigns (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE campaign_jobs (
    id integer PRIMARY KEY,
    campaign_id integer NOT NULL REFERENCES campaigns (id),
    job_type text NOT NULL,
    business_status text
);
CREATE INDEX idx_campaign_jobs_campaign_id ON campaign_jobs (campaign_id);
"""
DRIFTED = """
CREATE TABLE campaigns (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE campaign_jobs (
    id integer PRIMARY KEY,
    campaign_id integer NOT NULL REFERENCES campaigns (id),
    campaign_type text NOT NULL
);
"""
PASSWORD = "s3cret-pw-42"


@pytest.fixture
def expected_sql(tmp_path):
    path = tmp_path / "expected.sql"
    path.write_text(EXPECTED_DDL)
    return str(path)


@pytest.fixture
def drifted_pg(pg_url):
    run_sql(pg_url, DRIFTED)
    return pg_url


def _with_password(url: str) -> str:
    """The same server (trust auth ignores it) with a password that must never be printed."""
    return sa.engine.make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)


def test_text_report_piped_is_plain_and_exit_1(drifted_pg, expected_sql):
    proc = remedy("scan", "--db", drifted_pg, "--expected", expected_sql)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""  # no progress lines when stderr is not a TTY
    assert "\x1b[" not in proc.stdout
    assert "Phase 1 · " in proc.stdout
    assert "[critical] missing_column:public.campaign_jobs.job_type" in proc.stdout
    assert "rename candidates: campaign_type" in proc.stdout
    assert f"evidence: {expected_sql}:" in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1].startswith("4 findings: ")


def test_json_follows_the_contract(drifted_pg, expected_sql):
    proc = remedy("scan", "--db", _with_password(drifted_pg), "--expected", expected_sql, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["database"]["dialect"] == "postgresql"
    assert doc["database"]["server_version"][:1].isdigit()
    assert "***" in doc["database"]["url"] and PASSWORD not in proc.stdout
    assert doc["fingerprint"].startswith("sha256:")
    ids = {f["id"] for f in doc["findings"]}
    assert {"missing_column:public.campaign_jobs.job_type", "missing_column:public.campaign_jobs.business_status",
            "extra_column:public.campaign_jobs.campaign_type",
            "missing_index:public.campaign_jobs.idx_campaign_jobs_campaign_id"} <= ids
    assert doc["summary"]["total"] == len(doc["findings"]) == sum(doc["summary"]["by_phase"].values())
    job_type = next(f for f in doc["findings"] if f["column"] == "job_type")
    assert job_type["rename_candidates"][0]["column"] == "campaign_type"


def test_same_drift_gives_same_ids_and_fingerprint(drifted_pg, expected_sql):
    runs = [json.loads(remedy("scan", "--db", drifted_pg, "--expected", expected_sql, "--format", "json").stdout)
            for _ in range(2)]
    assert [f["id"] for f in runs[0]["findings"]] == [f["id"] for f in runs[1]["findings"]]
    assert runs[0]["fingerprint"] == runs[1]["fingerprint"]


@pytest.mark.parametrize("fail_on, code", [("any", 1), ("critical", 1), ("none", 0)])
def test_fail_on_with_critical_drift(drifted_pg, expected_sql, fail_on, code):
    proc = remedy("scan", "--db", drifted_pg, "--expected", expected_sql, "--fail-on", fail_on)
    assert proc.returncode == code, proc.stderr


def test_fail_on_critical_passes_when_only_an_index_is_missing(pg_url, expected_sql):
    run_sql(pg_url, EXPECTED_DDL.replace("CREATE INDEX idx_campaign_jobs_campaign_id ON campaign_jobs (campaign_id);", ""))
    assert remedy("scan", "--db", pg_url, "--expected", expected_sql, "--fail-on", "critical").returncode == 0
    assert remedy("scan", "--db", pg_url, "--expected", expected_sql).returncode == 1


def test_no_drift_exits_0(pg_url, expected_sql):
    run_sql(pg_url, EXPECTED_DDL)
    proc = remedy("scan", "--db", pg_url, "--expected", expected_sql)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No drift" in proc.stdout


def test_database_url_from_the_environment(drifted_pg, expected_sql):
    proc = remedy("scan", "--expected", expected_sql, "--format", "json", env={"REMEDY_DATABASE_URL": drifted_pg})
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["total"] == 4


@pytest.mark.parametrize("fmt, marker", [("markdown", "## Executive summary"), ("sarif", '"version": "2.1.0"'),
                                         ("json", '"findings"'), ("text", "Phase 1")])
def test_output_file_in_every_format_without_password(drifted_pg, expected_sql, tmp_path, fmt, marker):
    out = tmp_path / f"report.{fmt}"
    proc = remedy("scan", "--db", _with_password(drifted_pg), "--expected", expected_sql,
                  "--format", fmt, "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    body = out.read_text()
    assert marker in body
    assert PASSWORD not in body + proc.stderr
    assert "\x1b[" not in body


def test_sarif_points_at_the_ddl_line(drifted_pg, expected_sql):
    proc = remedy("scan", "--db", drifted_pg, "--expected", expected_sql, "--format", "sarif")
    run = json.loads(proc.stdout)["runs"][0]
    result = next(r for r in run["results"]
                  if r["partialFingerprints"]["remedyFindingId/v1"] == "missing_column:public.campaign_jobs.job_type")
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "file://" + expected_sql
    assert EXPECTED_DDL.splitlines()[physical["region"]["startLine"] - 1].strip().startswith("job_type")
    assert result["level"] == "error"


def _on_a_tty(args: list[str], env: dict) -> tuple[str, int]:
    """Run remedy with stdout and stderr on a pseudo-terminal; return what it printed and the exit code."""
    master, slave = pty.openpty()
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "REMEDY_DATABASE_URL")}
    proc = subprocess.Popen([sys.executable, "-m", "remedy", *args], stdout=slave, stderr=slave,
                            stdin=subprocess.DEVNULL, env={**base, "TERM": "xterm", **env}, cwd=REPO)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return b"".join(chunks).decode(), proc.wait(timeout=60)


def test_tty_gets_colour_and_progress(drifted_pg, expected_sql):
    out, code = _on_a_tty(["scan", "--db", drifted_pg, "--expected", expected_sql], {})
    assert code == 1
    assert "\x1b[31m" in out and "✖ critical" in out
    assert "remedy: connecting: " in out and "remedy: introspecting: " in out
    assert "remedy: done: 4 findings: " in out


def test_no_color_is_respected_on_a_tty(drifted_pg, expected_sql):
    out, code = _on_a_tty(["scan", "--db", drifted_pg, "--expected", expected_sql], {"NO_COLOR": "1"})
    assert code == 1
    assert "\x1b[" not in out and "[critical]" in out


SMALL = {  # url fixture -> (expected DDL, live DDL, dialect, id of the missing column)
    "sqlite_url": ("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT);",
                   "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);", "sqlite", "missing_column:main.t.note"),
    "mariadb_url": ("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, note TEXT);",
                    "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)", "mysql", "missing_column:{db}.t.note"),
}


@pytest.mark.parametrize("fixture", sorted(SMALL))
def test_other_dialects(request, tmp_path, fixture):
    url = request.getfixturevalue(fixture)
    expected_ddl, live_ddl, dialect, finding_id = SMALL[fixture]
    expected = tmp_path / "expected.sql"
    expected.write_text(expected_ddl + "\n")
    run_sql(url, live_ddl)
    proc = remedy("scan", "--db", url, "--expected", str(expected), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["database"]["dialect"] == dialect
    assert finding_id.format(db=sa.engine.make_url(url).database) in [f["id"] for f in doc["findings"]]


GO_STORE = '''package store

func claim() string {
	return "SELECT id, job_type FROM campaign_jobs WHERE campaign_id = $1"
}
'''


def test_code_evidence_reaches_text_and_sarif(drifted_pg, tmp_path):
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend" / "job_store.go").write_text(GO_STORE)
    text = remedy("scan", "--db", drifted_pg, "--code", "backend", cwd=tmp_path)
    assert text.returncode == 1, text.stderr
    assert "missing_column:public.campaign_jobs.job_type" in text.stdout
    assert "evidence: backend/job_store.go:4" in text.stdout
    sarif = json.loads(remedy("scan", "--db", drifted_pg, "--code", "backend", "--format", "sarif", cwd=tmp_path).stdout)
    result = next(r for r in sarif["runs"][0]["results"] if r["properties"]["id"].endswith("campaign_jobs.job_type"))
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "backend/job_store.go"
    assert physical["region"]["startLine"] == 4


def test_what_was_compared_only_as_written_is_said_in_every_format(pg_url, tmp_path):
    """The server refuses the catalog's DDL (a function it does not have), so its CHECKs and views cannot be
    compared by the server's own reading: every report says so, instead of a quiet result."""
    run_sql(pg_url, "CREATE TABLE t (id int CHECK (id > 0))")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE t (id int DEFAULT nosuchfunc() CHECK (id > 0));\n")
    said = "could not be loaded into the server to compare its definitions exactly"
    text = remedy("scan", "--db", pg_url, "--expected", str(expected)).stdout
    assert f"note: the expected DDL {said}" in text and "nosuchfunc() does not exist" in text
    report = json.loads(remedy("scan", "--db", pg_url, "--expected", str(expected), "--format", "json").stdout)
    assert any(said in note for note in report["notes"])
    assert said in remedy("scan", "--db", pg_url, "--expected", str(expected), "--format", "markdown").stdout
    sarif = json.loads(remedy("scan", "--db", pg_url, "--expected", str(expected), "--format", "sarif").stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any(said in n["message"]["text"] for n in notes)


def test_a_role_created_elsewhere_on_the_server_does_not_change_the_fingerprint(drifted_pg, expected_sql):
    """Roles are server-wide: another database's session creating one is no change to this schema, and must
    not stop an apply with 'the live schema changed since the scan' (it did, under a parallel test run)."""
    import uuid
    before = json.loads(remedy("scan", "--db", drifted_pg, "--expected", expected_sql, "--format", "json").stdout)
    role = f"remedy_elsewhere_{uuid.uuid4().hex[:8]}"
    run_sql(drifted_pg, f'CREATE ROLE "{role}"')
    try:
        after = json.loads(remedy("scan", "--db", drifted_pg, "--expected", expected_sql, "--format", "json").stdout)
    finally:
        run_sql(drifted_pg, f'DROP ROLE "{role}"')
    assert after["fingerprint"] == before["fingerprint"]

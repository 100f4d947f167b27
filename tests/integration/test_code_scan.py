"""Code expectations end to end on real PostgreSQL: exact findings, PREPARE proofs, no false positives."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from remedy.db import make_engine
from remedy.errors import SourceError
from remedy.scan import scan
from remedy.sources.code import prove, read_code
from remedy.sources.live import read_live
from tests.conftest import run_sql
from tests.integration.cli_run import remedy, stderr_lines

BACKEND = Path(__file__).resolve().parents[1] / "fixtures" / "backend"
SCHEMA = (BACKEND / "schema.sql").read_text()
DRIFT = (BACKEND / "drift.sql").read_text()

STORE = "campaign_store.go"
JOBS = "campaign_job_store.go"
KEYWORDS = "keyword_store.go"
MODELS = "models.go"

EXPECTED = {
    "missing_table:public.keyword_rules": [(KEYWORDS, 18), (KEYWORDS, 24)],
    "missing_column:public.campaign_jobs.job_type": [(JOBS, 18), (JOBS, 28), (MODELS, 42)],
    "missing_column:public.campaign_jobs.job_payload": [(JOBS, 18), (JOBS, 28), (MODELS, 44)],
    "missing_column:public.campaign_jobs.business_status": [(JOBS, 18), (MODELS, 50)],
    "missing_column:public.campaign_jobs.processing_server_id": [(JOBS, 28), (MODELS, 49)],
    "missing_column:public.campaign_jobs.last_attempted_at": [(JOBS, 28), (MODELS, 48)],
    "missing_column:public.dns_validation_results.business_status": [(STORE, 115)],
    "missing_column:public.domain_generation_campaign_params.created_at": [(STORE, 30), (MODELS, 34)],
    "missing_column:public.domain_generation_campaign_params.updated_at": [(STORE, 30), (STORE, 38), (MODELS, 35)],
}


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))


@pytest.fixture
def satisfied_pg(pg_url):
    run_sql(pg_url, SCHEMA)
    return pg_url


@pytest.fixture
def drifted_pg(pg_url):
    run_sql(pg_url, SCHEMA + "\n" + DRIFT)
    return pg_url


def places(finding) -> list[tuple[str, int]]:
    return [(Path(e.file).name, e.line) for e in finding.evidence]


def test_backend_against_a_schema_that_satisfies_it_yields_no_finding(satisfied_pg):
    assert scan(satisfied_pg, None, code_paths=[str(BACKEND)]).findings == ()


def test_backend_with_its_catalog_against_a_satisfying_schema_yields_no_finding(satisfied_pg):
    result = scan(satisfied_pg, str(BACKEND / "schema.sql"), code_paths=[str(BACKEND)], schemas=["public", "ops"])
    assert result.findings == ()


def test_drifted_schema_gives_exactly_the_expected_findings_with_every_line(drifted_pg):
    result = scan(drifted_pg, None, code_paths=[str(BACKEND)])
    assert {f.id: places(f) for f in result.findings} == EXPECTED
    assert {(f.phase, f.severity) for f in result.findings} == {(1, "critical")}


def test_evidence_carries_the_code_line_and_the_database_verdict(drifted_pg):
    result = scan(drifted_pg, None, code_paths=[str(BACKEND)])
    created = result.finding("missing_column:public.domain_generation_campaign_params.created_at")
    first = created.evidence[0]
    assert first.snippet.startswith("SELECT campaign_id, pattern_type")
    assert first.verdict == 'confirmed by the database: 42703 column "created_at" does not exist'
    table = result.finding("missing_table:public.keyword_rules")
    assert all(e.verdict == 'confirmed by the database: 42P01 relation "keyword_rules" does not exist'
               for e in table.evidence)
    payload = result.finding("missing_column:public.campaign_jobs.job_payload")
    # the INSERT stops at job_type first; asking for job_payload directly confirms it too
    assert payload.evidence[0].verdict == \
        'confirmed by the database: 42703 column "job_payload" does not exist (asked directly)'
    assert all(e.verdict.startswith("confirmed by the database") for f in result.findings for e in f.evidence)


def test_catalog_resolves_an_unqualified_column_code_alone_leaves_unresolved(drifted_pg):
    engine = make_engine(drifted_pg)
    live = read_live(engine)
    code = read_code([str(BACKEND)], live=live, engine=engine)
    unresolved = {(u.reference, Path(u.evidence.file).name, u.evidence.line): u for u in code.unresolved}
    business = unresolved[("business_status", STORE, 78)]
    assert business.reason == "none of dns_validation_results, campaigns has it"
    assert business.evidence.verdict == 'confirmed by the database: 42703 column "business_status" does not exist'
    assert ("dynamic table name", JOBS, 57) in unresolved

    result = scan(drifted_pg, str(BACKEND / "schema.sql"), code_paths=[str(BACKEND)], schemas=["public", "ops"])
    finding = result.finding("missing_column:public.dns_validation_results.business_status")
    assert (STORE, 78) in places(finding) and (STORE, 115) in places(finding)
    engine.dispose()


def test_skipped_input_is_reported_with_file_and_line(drifted_pg):
    code = read_code([str(BACKEND)])
    skipped = {(Path(s.file).name, s.line): s.reason for s in code.skipped}
    assert skipped[("blob.py", 0)] == "binary file"
    assert skipped[("latin1.sql", 1)].startswith("not UTF-8")
    assert skipped[(KEYWORDS, 35)].startswith("SQL sqlglot cannot parse")
    assert len(skipped) == 3


def test_prepare_contradicts_a_static_finding_and_it_is_not_reported(pg_url, tmp_path):
    run_sql(pg_url, "CREATE SCHEMA ops; CREATE TABLE ops.events (id int, kind text); CREATE TABLE t (id int)")
    src = tmp_path / "repo" / "store.go"
    src.parent.mkdir()
    src.write_text('package store\n\nconst q = `SELECT kind FROM ops.events WHERE id = $1`\n'
                   'const r = "SELECT id FROM t"\n')
    engine = make_engine(pg_url)
    live = read_live(engine, schemas=["public"])  # a live model scoped to public: ops.events is not in it
    assert live.table("ops", "events") is None
    static = read_code([str(src)], live=live)
    assert ("ops", "events") in static.schema.tables  # statically it looks missing
    proven = read_code([str(src)], live=live, engine=engine)
    assert ("ops", "events") not in proven.schema.tables
    assert proven.contradicted == (("ops", "events", ""),)
    assert scan(pg_url, None, code_paths=[str(src)]).findings == ()
    engine.dispose()


def test_prove_is_read_only_and_leaves_nothing_behind(satisfied_pg, tmp_path):
    run_sql(satisfied_pg, "INSERT INTO keyword_sets (id, name) VALUES (gen_random_uuid(), 'k')")
    src = tmp_path / "w.py"
    src.write_text('A = "DELETE FROM keyword_sets WHERE name = %s -- by name"\nB = "UPDATE keyword_sets SET rules = NULL"\n'
                   'C = "SELECT nope FROM keyword_sets"\nD = "SELECT name FROM keyword_sets"\n')
    engine = make_engine(satisfied_pg)
    code = read_code([str(src)])
    verdicts = prove(engine, code.statements)
    assert [v.status for v in verdicts.values()] == ["prepared", "prepared", "undefined_column", "prepared"]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM keyword_sets").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar() == 0
    engine.dispose()


def test_warm_cache_gives_the_same_expectations(drifted_pg, tmp_path):
    cache = tmp_path / "cache"
    cold = read_code([str(BACKEND)], cache=str(cache))
    assert (cache / "code.sqlite").exists()
    warm = read_code([str(BACKEND)], cache=str(cache))
    assert warm.statements == cold.statements and warm.schema == cold.schema and warm.skipped == cold.skipped


def test_cli_scan_with_code_only(drifted_pg):
    proc = remedy("scan", "--db", drifted_pg, "--code", str(BACKEND), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    ids = {f["id"] for f in data["findings"]}
    assert ids == set(EXPECTED)


def test_cli_missing_code_path_is_exit_2_one_line(drifted_pg, tmp_path):
    proc = remedy("scan", "--db", drifted_pg, "--code", str(tmp_path / "nope"))
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert line.startswith("remedy: --code") and str(tmp_path / "nope") in line


def test_read_code_missing_path_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="--code path not found"):
        read_code([str(tmp_path / "nope")])


DOMAINFLOW = Path(__file__).resolve().parents[2] / "catalog" / "domainflow"


def test_domainflow_backend_is_satisfied_by_its_catalog(pg_url):
    run_sql(pg_url, "\n".join(p.read_text() for p in sorted((DOMAINFLOW / "schema").glob("*.sql"))))
    engine = make_engine(pg_url)
    code = read_code([str(DOMAINFLOW / "backend")], live=read_live(engine), engine=engine)
    engine.dispose()
    assert len(code.statements) > 100
    assert {v.status for v in code.verdicts.values()} == {"prepared"}
    assert code.unresolved == () and code.skipped == () and code.contradicted == ()
    assert scan(pg_url, None, code_paths=[str(DOMAINFLOW / "backend")]).findings == ()


def test_domainflow_backend_points_at_the_audit_line(pg_url):
    run_sql(pg_url, (DOMAINFLOW / "demo" / "drifted.sql").read_text())
    result = scan(pg_url, None, code_paths=[str(DOMAINFLOW / "backend")])
    created = result.finding("missing_column:public.domain_generation_campaign_params.created_at")
    assert ("campaign_store.go", 248) in places(created)
    assert ("models.go", 113) in places(created)  # DomainGenerationCampaignParams.CreatedAt, as the audit says
    job_type = result.finding("missing_column:public.campaign_jobs.job_type")
    assert places(job_type)[0] == ("campaign_job_store.go", 57)
    assert job_type.evidence[0].verdict.startswith("confirmed by the database: 42703")
    assert len(result.findings) == 22
    assert all(e.verdict.startswith("confirmed by the database") for f in result.findings for e in f.evidence)


def test_views_are_not_missing_tables(sqlite_url, tmp_path):
    run_sql(sqlite_url, "CREATE TABLE t (id integer, name text);\nCREATE VIEW v_names AS SELECT id, name FROM t;")
    (tmp_path / "q.py").write_text('Q = "SELECT v.name FROM v_names v JOIN t ON t.id = v.id"\n')
    engine = make_engine(sqlite_url)
    live = read_live(engine)
    code = read_code([str(tmp_path)], live=live, dialect="sqlite", engine=engine)
    engine.dispose()
    assert [t.name for t in code.schema.iter_tables()] == ["t"]
    assert scan(sqlite_url, None, code_paths=[str(tmp_path)]).findings == ()


def test_postgresql_views_and_materialized_views_are_not_expectations(pg_url, tmp_path):
    run_sql(pg_url, "CREATE TABLE t (id int, name text);\nCREATE VIEW v1 AS SELECT id FROM t;\n"
                    "CREATE MATERIALIZED VIEW m1 AS SELECT name FROM t;")
    (tmp_path / "q.go").write_text('package q\n\nconst a = "SELECT v1.id, m1.name FROM v1, m1"\n')
    engine = make_engine(pg_url)
    code = read_code([str(tmp_path)], live=read_live(engine), engine=engine)
    engine.dispose()
    assert code.schema.tables == {} and code.contradicted == ()


@pytest.mark.mariadb
def test_mariadb_prepare_confirms_and_contradicts(mariadb_url, tmp_path):
    run_sql(mariadb_url, "CREATE TABLE jobs (id int PRIMARY KEY, campaign_type text, status text);\n"
                         "CREATE TABLE other_db_table_view_stand_in (id int);")
    src = tmp_path / "jobs.py"
    src.write_text('A = "SELECT id, job_type FROM jobs WHERE status = %s"\n'
                   'B = "INSERT INTO jobs (id, status) VALUES (%s, %s)"\n'
                   'C = "SELECT id FROM keyword_rules"\n')
    engine = make_engine(mariadb_url)
    live = read_live(engine)
    code = read_code([str(src)], live=live, dialect="mysql", engine=engine)
    engine.dispose()
    assert [v.status for v in code.verdicts.values()] == ["undefined_column", "prepared", "undefined_table"]
    result = scan(mariadb_url, None, code_paths=[str(src)])
    found = {f.id.split(":", 1)[0] + ":" + f.id.rsplit(".", 1)[-1]: f for f in result.findings}
    assert set(found) == {"missing_column:job_type", "missing_table:keyword_rules"}
    assert found["missing_column:job_type"].evidence[0].verdict == \
        "confirmed by the database: 1054 Unknown column 'job_type' in 'SELECT'"


@pytest.mark.mariadb
def test_mariadb_backend_that_is_satisfied_has_no_finding(mariadb_url, tmp_path):
    run_sql(mariadb_url, "CREATE TABLE jobs (id int PRIMARY KEY, job_type text, status text);")
    src = tmp_path / "jobs.go"
    src.write_text('package jobs\n\nconst q = "SELECT j.id, job_type FROM jobs j WHERE j.status = ? LIMIT 1"\n')
    assert scan(mariadb_url, None, code_paths=[str(src)]).findings == ()


def test_batched_proof_finds_each_failure_among_many(pg_url, tmp_path):
    run_sql(pg_url, "CREATE TABLE t (id int, name text)")
    bad = {3, 70, 99, 130}
    lines = [f'Q{i} = "SELECT {"nope" if i in bad else "name"} FROM t WHERE id = {i}"' for i in range(150)]
    (tmp_path / "many.py").write_text("\n".join(lines) + "\n")
    engine = make_engine(pg_url)
    code = read_code([str(tmp_path)])
    verdicts = prove(engine, code.statements)
    engine.dispose()
    failing = {s.line - 1 for s, v in verdicts.items() if v.status != "prepared"}
    assert failing == bad
    assert {v.status for s, v in verdicts.items() if s.line - 1 in bad} == {"undefined_column"}


def test_domainflow_dashboard_sql_built_at_run_time_is_confirmed_at_its_lines(pg_url):
    """report_store.go builds its SQL: a joined column list with optional WHERE fragments in a Sprintf,
    an INSERT built with + and a placeholders helper, a squirrel chain, a strings.Builder."""
    run_sql(pg_url, (DOMAINFLOW / "demo" / "drifted.sql").read_text())
    result = scan(pg_url, None, code_paths=[str(DOMAINFLOW / "backend")])
    expected = {
        "missing_column:public.campaign_jobs.business_status": 39,
        "missing_column:public.campaign_jobs.last_attempted_at": 39,
        "missing_column:public.proxy_pool_memberships.is_active": 49,
        "missing_column:public.proxy_pool_memberships.added_at": 49,
        "missing_column:public.keyword_sets.rules": 61,
        "missing_column:public.dns_validation_results.business_status": 77,
    }
    for finding_id, line in expected.items():
        evidence = {(Path(e.file).name, e.line): e for e in result.finding(finding_id).evidence}
        assert evidence[("report_store.go", line)].verdict.startswith("confirmed by the database"), finding_id
    coverage = result.code_coverage.counts
    assert (coverage.found, coverage.unread) == (coverage.full, 0)

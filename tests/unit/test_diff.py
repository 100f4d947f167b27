"""The drift engine on two DDL scripts: what an operator would see, and nothing else."""
from remedy.scan import scan_schemas
from remedy.sources.ddl import schema_from_ddl


def scan(expected_sql: str, live_sql: str, **kw):
    expected = schema_from_ddl(expected_sql, "expected.sql")
    live = schema_from_ddl(live_sql, "live.sql")
    return scan_schemas(expected, live, **kw)


JOBS = """
CREATE TABLE campaign_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_type text NOT NULL,
  job_payload jsonb,
  processing_server_id text,
  business_status text,
  last_attempted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
"""
JOBS_LIVE = """
CREATE TABLE campaign_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_type text NOT NULL,
  payload jsonb,
  worker_id text,
  created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);
"""


def test_a_schema_against_itself_has_no_findings():
    assert scan(JOBS, JOBS).findings == ()


def test_spellings_of_one_type_are_not_drift():
    a = "CREATE TABLE t (a int4, b timestamptz DEFAULT now(), c numeric(10,2), d varchar(255), e text[]);"
    b = ("CREATE TABLE t (a integer, b timestamp with time zone DEFAULT CURRENT_TIMESTAMP, c decimal(10,2),"
         " d character varying(255), e text[]);")
    assert scan(a, b).findings == ()


def test_renamed_columns_rank_their_old_names_first():
    result = scan(JOBS, JOBS_LIVE)
    by_id = {f.id: f for f in result.findings}
    assert by_id["missing_column:public.campaign_jobs.job_type"].rename_candidates[0].column == "campaign_type"
    assert by_id["missing_column:public.campaign_jobs.job_payload"].rename_candidates[0].column == "payload"
    assert by_id["missing_column:public.campaign_jobs.business_status"].rename_candidates == ()
    assert by_id["missing_column:public.campaign_jobs.last_attempted_at"].rename_candidates == ()


def test_catalog_hint_pairs_names_that_share_nothing():
    from remedy.sources.catalog import TableNotes

    notes = {"campaign_jobs": TableNotes(renames={"processing_server_id": "worker_id"})}
    result = scan(JOBS, JOBS_LIVE, notes=notes)
    f = result.finding("missing_column:public.campaign_jobs.processing_server_id")
    assert f.rename_candidates[0].column == "worker_id"
    assert "catalog rename hint" in f.rename_candidates[0].reasons


def test_type_nullability_default_and_constraints():
    expected = """
    CREATE TABLE p (id int PRIMARY KEY);
    CREATE TABLE t (id int PRIMARY KEY, p_id int REFERENCES p(id), ids uuid[] NOT NULL DEFAULT '{}',
      email text UNIQUE, n int CHECK (n > 0));
    CREATE INDEX t_p_idx ON t (p_id);
    """
    live = """
    CREATE TABLE p (id int PRIMARY KEY);
    CREATE TABLE t (id int PRIMARY KEY, p_id int, ids text, email text, n int, extra text);
    """
    kinds = sorted(f.kind for f in scan(expected, live).findings)
    assert kinds == ["default_mismatch", "extra_column", "missing_check", "missing_foreign_key", "missing_index",
                     "missing_unique", "nullability_mismatch", "type_mismatch"]


def test_missing_table_is_critical_and_in_phase_one():
    result = scan("CREATE TABLE a (id int); CREATE TABLE b (id int);", "CREATE TABLE a (id int);")
    (f,) = result.findings
    assert (f.id, f.severity, f.phase) == ("missing_table:public.b", "critical", 1)


def test_constraints_match_by_meaning_not_name():
    expected = "CREATE TABLE t (a int, b int, CONSTRAINT my_uq UNIQUE (a, b)); CREATE INDEX my_ix ON t (b);"
    live = "CREATE TABLE t (a int, b int); CREATE UNIQUE INDEX other ON t (b, a); CREATE INDEX x ON t (b);"
    assert scan(expected, live).findings == ()


def test_no_rename_is_proposed_on_loose_character_overlap():
    expected = "CREATE TABLE jobs (id int PRIMARY KEY, business_status text, created_at timestamptz);"
    live = "CREATE TABLE jobs (id int PRIMARY KEY, next_execution_at text, updated_at timestamptz);"
    findings = scan(expected, live).findings
    assert all(f.rename_candidates == () for f in findings)


def test_a_desc_key_counts_only_where_the_server_can_keep_it():
    """MariaDB before 10.8 and MySQL before 8.0 accept DESC and build the key ascending: an expected
    DESC index is there on those servers; from 10.8 / 8.0 on, an ascending one of that name is another index."""
    from dataclasses import replace as with_

    expected = schema_from_ddl("CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a DESC, b);", "e.sql", "mysql")
    live = schema_from_ddl("CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a, b);", "l.sql", "mysql")
    found = {version: [f.id for f in scan_schemas(expected, with_(live, server_version=version)).findings]
             for version in ("10.6.12-MariaDB", "10.11.9-MariaDB", "5.7.44", "8.0.36")}
    assert found == {"10.6.12-MariaDB": [], "5.7.44": [],
                     "10.11.9-MariaDB": ["index_mismatch:public.t.t_a"], "8.0.36": ["index_mismatch:public.t.t_a"]}


def test_mariadb_int_unsigned_widened_to_bigint_unsigned_is_drift():
    """INT UNSIGNED and BIGINT UNSIGNED both hold more than their signed type: the raw spelling tells them apart."""
    from remedy import dialects

    rules = dialects.get("mysql")
    assert not rules.same_raw_type("int unsigned", "bigint unsigned")
    assert not rules.same_raw_type("int", "int unsigned")
    assert rules.same_raw_type("int(10) unsigned", "INT UNSIGNED")
    assert rules.same_raw_type("serial", "bigint(20) unsigned")

"""Views, functions, triggers, policies... on a real PostgreSQL: read, compared by meaning, planned with dependants."""
from __future__ import annotations

import uuid

import sqlalchemy as sa

from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import statements
from remedy.scan import scan
from remedy.sources.snapshot import write_catalog
from remedy.sources.live import read_live
from remedy.db import make_engine
from tests.conftest import run_sql

EVERY_KIND = """
CREATE TABLE t (id int PRIMARY KEY, a text, b int, updated_at timestamptz);
CREATE VIEW v AS SELECT id, a FROM t WHERE b > 0;
CREATE MATERIALIZED VIEW m AS SELECT id, b FROM t;
CREATE INDEX m_b ON m (b);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE FUNCTION n_rows() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t; END;
CREATE TRIGGER t_touch BEFORE UPDATE OF a ON t FOR EACH ROW WHEN (NEW.b > 0) EXECUTE FUNCTION touch();
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY pos ON t FOR SELECT USING (b > 0);
COMMENT ON TABLE t IS 'it''s: :things';
COMMENT ON COLUMN t.a IS 'free text';
CREATE SEQUENCE s INCREMENT BY 5;
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE pair AS (x int, y text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE ev (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE ev_2026_01 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE par (id int);
CREATE TABLE chi (extra int) INHERITS (par);
"""


def _kinds(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {key[0] for key in read_live(engine).objects}
    finally:
        engine.dispose()


def test_every_kind_is_read_and_a_catalog_snapshot_reads_back_with_no_finding(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, EVERY_KIND)
    assert _kinds(pg_url) == {"view", "materialized_view", "function", "trigger", "rls", "policy", "comment",
                              "sequence", "domain", "type", "partition_key", "partition", "inheritance", "grant", "role",
                              "owner"}
    engine = make_engine(pg_url)
    catalog = write_catalog(read_live(engine), tmp_path / "catalog")
    engine.dispose()
    written = "\n".join(p.read_text() for p in catalog.rglob("*.sql"))
    assert "GRANT" not in written and "REVOKE" not in written  # default privileges are the server's to give
    assert scan(pg_url, str(catalog)).findings == ()
    assert scan(pg_url, str(catalog)).findings == ()  # and again from the scratch cache
    assert scan(pg_url, str(catalog), with_privileges=True).findings == ()


def test_the_same_view_written_another_way_is_not_a_finding(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, "CREATE TABLE t (id int, b int);\nCREATE VIEW v AS SELECT t.id AS id FROM public.t t WHERE (t.b > 0)")
    ddl = tmp_path / "expected.sql"
    ddl.write_text("create view v as select id from t where b>0;\ncreate table t (id int, b int);\n")  # view first
    assert [f.id for f in scan(pg_url, str(ddl)).findings] == []
    ddl.write_text("create table t (id int, b int);\ncreate view v as select id from t where b>=0;\n")
    assert [f.id for f in scan(pg_url, str(ddl)).findings] == ["view_mismatch:public.v"]


def test_a_plan_that_retypes_a_column_drops_the_views_over_it_first_and_recreates_them_after(pg_url_factory):
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, "CREATE TABLE t (id int, a int);\nCREATE VIEW v AS SELECT id, a FROM t;\n"
                  "CREATE VIEW w AS SELECT a FROM v")
    run_sql(expected, "CREATE TABLE t (id int, a bigint);\nCREATE VIEW v AS SELECT id, a FROM t;\n"
                      "CREATE VIEW w AS SELECT a FROM v")
    result = scan(live, expected)
    assert [f.id for f in result.findings] == ["type_mismatch:public.t.a"]
    plan = build_plan(result, resolve(result, None, "reject", False))
    sql = [s.sql.split(" AS")[0] for s in statements(plan)]
    me = sa.engine.make_url(live).username  # who made them, and runs the plan
    assert sql == ["DROP VIEW public.w", "DROP VIEW public.v", "ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint",
                   "CREATE VIEW public.v", "CREATE VIEW public.w",
                   f"ALTER VIEW public.v OWNER TO {me}", f"ALTER VIEW public.w OWNER TO {me}"]  # as they were
    assert [h.kind for h in plan.hazards].count("dependant") == 4


def test_without_createdb_the_scan_says_which_kinds_it_did_not_compare(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    role = f"remedy_plain_{uuid.uuid4().hex[:8]}"
    database = sa.engine.make_url(pg_url).database
    run_sql(pg_url, f"CREATE ROLE {role} LOGIN NOCREATEDB;\nGRANT ALL ON SCHEMA public TO {role};\n"
                    f"GRANT CREATE ON DATABASE {database} TO {role}")  # CREATE: pgkeys' rolled-back table load
    try:
        run_sql(pg_url, "CREATE TABLE t (id int)")
        ddl = tmp_path / "expected.sql"
        ddl.write_text("CREATE TABLE t (id int);\nCREATE VIEW v AS SELECT id FROM t;\n")
        url = sa.engine.make_url(pg_url).set(username=role).render_as_string(hide_password=False)
        result = scan(url, str(ddl))
        assert result.findings == ()
        assert any("not compared" in note and "CREATEDB" in note for note in result.notes)
    finally:
        run_sql(pg_url, f"DROP OWNED BY {role};\nDROP ROLE {role}")

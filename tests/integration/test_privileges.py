"""Grants (--with-privileges) on a real PostgreSQL: an application role that lacks a privilege is found, planned
with GRANT / REVOKE and a downgrade; a role the server does not have is said so, never a failing plan; a view the
plan drops and recreates gets its grants back."""
from __future__ import annotations

import sqlalchemy as sa

from remedy.decisions import resolve
from remedy.db import make_engine
from remedy.plan.build import build_plan
from remedy.render.sql import downgrade_statements, statements
from remedy.scan import scan
from remedy.sources.live import read_live
from remedy.sources.snapshot import write_catalog
from tests.conftest import run_sql

# Roles are server-wide: made once, idempotently (tests run in parallel), and left for the next run.
APP = "remedy_test_app"
ROLE = f"""DO $$ BEGIN CREATE ROLE {APP}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;\n"""
ORDERS = "CREATE TABLE orders (id serial PRIMARY KEY, note text);\n"


def _plan_sql(result) -> tuple[list[str], list[str]]:
    plan = build_plan(result, resolve(result, None, "reject", True))
    return [s.sql for s in statements(plan)], [s.sql for s in downgrade_statements(plan)]


def test_a_role_that_lacks_select_is_a_finding_and_the_plan_grants_it(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ROLE + ORDERS)
    ddl = tmp_path / "expected.sql"
    ddl.write_text(ORDERS + f"GRANT SELECT, UPDATE (note) ON orders TO {APP};\n")
    result = scan(pg_url, str(ddl), with_privileges=True)
    assert [f.id for f in result.findings] == [f"missing_grant:public.orders.SELECT to {APP}",
                                               f"missing_grant:public.orders.UPDATE (note) to {APP}"]
    assert result.findings[0].message == f"role {APP} lacks SELECT on public.orders"
    assert result.findings[0].phase == 1
    upgrade, downgrade = _plan_sql(result)
    assert upgrade == [f"GRANT SELECT ON TABLE public.orders TO {APP}",
                       f"GRANT UPDATE (note) ON TABLE public.orders TO {APP}"]
    assert sorted(downgrade) == [f"REVOKE SELECT ON TABLE public.orders FROM {APP}",
                                 f"REVOKE UPDATE (note) ON TABLE public.orders FROM {APP}"]


def test_without_the_flag_grants_are_not_compared_and_the_scan_says_so(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ROLE + ORDERS + f"GRANT SELECT ON orders TO {APP};\n")
    ddl = tmp_path / "expected.sql"
    ddl.write_text(ORDERS)
    result = scan(pg_url, str(ddl))
    assert result.findings == ()
    assert "grant" in {p.kind for p in result.not_compared}
    assert not [note for note in result.notes if APP in note]  # no note about the roles of grants left uncompared


def test_an_extra_grant_to_a_named_role_is_revoked_and_other_roles_are_left_alone(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ROLE + ORDERS + f"GRANT SELECT, DELETE ON orders TO {APP};\nGRANT SELECT ON orders TO pg_monitor;\n")
    ddl = tmp_path / "expected.sql"
    ddl.write_text(ORDERS + f"GRANT SELECT ON orders TO {APP};\n")
    result = scan(pg_url, str(ddl), with_privileges=True)
    assert [f.id for f in result.findings] == [f"extra_grant:public.orders.DELETE to {APP}"]
    assert any("pg_monitor" in note and "not compared" in note for note in result.notes)
    assert ("grant_to_unnamed_role", "public", 1, "live") in {(p.kind, p.schema, p.count, p.side)
                                                             for p in result.not_compared}
    upgrade, _ = _plan_sql(result)
    assert upgrade == [f"REVOKE DELETE ON TABLE public.orders FROM {APP}"]


def test_a_grant_to_a_role_the_server_does_not_have_is_noted_and_everything_else_still_compared(
        pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ORDERS + "CREATE VIEW v AS SELECT id FROM orders;\n")
    ddl = tmp_path / "expected.sql"
    ddl.write_text(ORDERS + "CREATE VIEW v AS SELECT id, note FROM orders;\n"
                   "GRANT SELECT ON orders TO remedy_no_such_role;\n")
    result = scan(pg_url, str(ddl), with_privileges=True)
    assert [f.id for f in result.findings] == ["view_mismatch:public.v"]
    assert any("remedy_no_such_role" in note and "does not exist" in note for note in result.notes)
    assert "grant_to_missing_role" in {p.kind for p in result.not_compared}
    upgrade, _ = _plan_sql(result)
    assert not any("remedy_no_such_role" in sql for sql in upgrade)


def test_catalog_init_writes_every_kind_of_grant_and_reads_back_with_no_finding(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ROLE + ORDERS + "CREATE SCHEMA app;\nCREATE FUNCTION app.total(a int) RETURNS int "
            "LANGUAGE sql AS 'SELECT a';\n"
            f"GRANT SELECT, INSERT ON orders TO {APP};\nGRANT UPDATE (note) ON orders TO {APP} WITH GRANT OPTION;\n"
            f"GRANT USAGE ON SEQUENCE orders_id_seq TO {APP};\nGRANT USAGE ON SCHEMA app TO {APP};\n"
            f"REVOKE EXECUTE ON FUNCTION app.total(int) FROM PUBLIC;\nGRANT EXECUTE ON FUNCTION app.total(int) TO {APP};\n")
    engine = make_engine(pg_url)
    catalog = write_catalog(read_live(engine), tmp_path / "catalog")
    engine.dispose()
    written = "\n".join(p.read_text() for p in catalog.rglob("*.sql"))
    assert f"GRANT UPDATE (note) ON TABLE public.orders TO {APP} WITH GRANT OPTION;" in written
    assert "REVOKE ALL ON FUNCTION app.total(integer) FROM PUBLIC;" in written
    result = scan(pg_url, str(catalog), with_privileges=True)
    assert result.findings == ()
    assert not any("not compared" in note for note in result.notes)
    run_sql(pg_url, f"GRANT EXECUTE ON FUNCTION app.total(int) TO PUBLIC;\nREVOKE USAGE ON SCHEMA app FROM {APP}")
    assert sorted(f.id for f in scan(pg_url, str(catalog), with_privileges=True).findings) == [
        "extra_grant:app.total(integer).EXECUTE to PUBLIC", f"missing_grant:app.schema USAGE to {APP}"]


def test_a_view_dropped_and_recreated_by_the_plan_gets_its_grants_back(pg_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    views = f"CREATE VIEW v AS SELECT id, a FROM t;\nGRANT SELECT ON v TO {APP};\n"
    run_sql(live, ROLE + "CREATE TABLE t (id int, a int);\n" + views)
    run_sql(expected, "CREATE TABLE t (id int, a bigint);\n" + views)
    result = scan(live, expected)  # without --with-privileges: the grant is not compared, and still kept
    upgrade, downgrade = _plan_sql(result)
    create = next(i for i, sql in enumerate(upgrade) if sql.startswith("CREATE VIEW public.v"))
    assert upgrade[create + 1:create + 3] == [f"ALTER VIEW public.v OWNER TO {sa.engine.make_url(live).username}",
                                              f"GRANT SELECT ON TABLE public.v TO {APP}"]
    assert downgrade[-1] == f"GRANT SELECT ON TABLE public.v TO {APP}"


def test_without_the_flag_function_and_column_privileges_are_listed_as_not_compared(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ROLE + ORDERS + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
            "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;\n")
    engine = make_engine(pg_url)
    catalog = write_catalog(read_live(engine), tmp_path / "catalog")
    engine.dispose()
    run_sql(pg_url, f"GRANT UPDATE (note) ON orders TO {APP};\n")
    live_side = {(p.kind, p.count) for p in scan(pg_url, str(catalog)).not_compared if p.side == "live"}
    assert live_side == {("grant", 2)}  # the function's, the column's


def test_a_catalog_of_one_named_schema_compares_its_views_and_grants(pg_url_factory, tmp_path):
    from tests.integration.cli_run import remedy

    env = {"REMEDY_HOME": str(tmp_path / "home")}
    known_good, live = pg_url_factory(), pg_url_factory()
    app = ROLE + "CREATE SCHEMA app;\nCREATE TABLE app.t (id int, a int);\nCREATE VIEW app.v AS SELECT id FROM app.t;\n"
    run_sql(known_good, app + f"GRANT SELECT, INSERT ON app.t TO {APP};\n")
    run_sql(live, app.replace("SELECT id FROM", "SELECT id, a FROM") + f"GRANT SELECT ON app.t TO {APP};\n")
    catalog = tmp_path / "catalog"
    init = remedy("catalog", "init", "--from-db", known_good, "-o", str(catalog), "--schema", "app", env=env)
    assert init.returncode == 0, init.stderr
    scanned = remedy("scan", "--db", live, "--expected", str(catalog), "--schema", "app", "--with-privileges",
                     "--format", "json", env=env)
    import json

    doc = json.loads(scanned.stdout)
    assert sorted(f["id"] for f in doc["findings"]) == ["missing_grant:app.t.INSERT to remedy_test_app",
                                                        "view_mismatch:app.v"]


def test_a_view_replaced_by_drop_and_create_gets_its_grants_back(pg_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, ROLE + f"CREATE TABLE t (id int, a int);\nCREATE VIEW v AS SELECT id, a FROM t;\nGRANT SELECT ON v TO {APP};")
    run_sql(expected, f"CREATE TABLE t (id int, a int);\nCREATE VIEW v AS SELECT id FROM t;\nGRANT SELECT ON v TO {APP};")
    for privileges in (False, True):
        result = scan(live, expected, with_privileges=privileges)
        assert [f.id for f in result.findings] == ["view_mismatch:public.v"]
        upgrade, downgrade = _plan_sql(result)
        assert [sql.split(" AS")[0] for sql in upgrade] == [
            f"REVOKE SELECT ON TABLE public.v FROM {APP}", "DROP VIEW public.v", "CREATE VIEW public.v",
            f"ALTER VIEW public.v OWNER TO {sa.engine.make_url(live).username}",
            f"GRANT SELECT ON TABLE public.v TO {APP}"]
        assert downgrade[-1] == f"GRANT SELECT ON TABLE public.v TO {APP}"


def test_a_function_recreated_by_the_plan_stays_closed_to_public(pg_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    fn = "CREATE FUNCTION f(a int) RETURNS {} LANGUAGE sql AS 'SELECT a';\n"
    closed = f"REVOKE ALL ON FUNCTION f(int) FROM PUBLIC;\nGRANT EXECUTE ON FUNCTION f(int) TO {APP};\n"
    run_sql(live, ROLE + "CREATE TABLE t (id int);\n" + fn.format("int") + closed)
    run_sql(expected, "CREATE TABLE t (id int);\n" + fn.format("bigint") + closed)
    result = scan(live, expected)
    assert [f.id for f in result.findings] == ["function_mismatch:public.f(integer)"]
    upgrade, downgrade = _plan_sql(result)
    tail = [f"REVOKE EXECUTE ON FUNCTION public.f(integer) FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION public.f(integer) TO {APP}"]
    assert upgrade[-2:] == tail and downgrade[-2:] == tail


def test_a_grant_that_also_names_a_missing_role_still_counts_for_the_roles_that_exist(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ROLE + ORDERS)
    ddl = tmp_path / "expected.sql"
    ddl.write_text(ORDERS + f"GRANT SELECT, INSERT ON orders TO remedy_no_such_role, {APP};\n"
                   f"REVOKE INSERT ON orders FROM {APP};\n")
    result = scan(pg_url, str(ddl), with_privileges=True)
    assert [f.id for f in result.findings] == [f"missing_grant:public.orders.SELECT to {APP}"]
    assert any("remedy_no_such_role" in note for note in result.notes)


def test_a_schema_grant_under_map_schema_is_planned_on_the_live_schema(pg_url_factory, tmp_path, monkeypatch):
    from remedy.scope import Scope

    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, ROLE + "CREATE SCHEMA prod;\nCREATE TABLE prod.t (id int);\n")
    run_sql(expected, f"CREATE SCHEMA app;\nCREATE TABLE app.t (id int);\nGRANT USAGE ON SCHEMA app TO {APP};\n"
                      f"GRANT SELECT ON app.t TO {APP};\n")
    result = scan(live, expected, scope=Scope.of(["prod"], [], ["prod=app"]), with_privileges=True)
    assert sorted(f.id for f in result.findings) == [f"missing_grant:prod.schema USAGE to {APP}",
                                                     f"missing_grant:prod.t.SELECT to {APP}"]
    upgrade, _ = _plan_sql(result)
    assert sorted(upgrade) == [f"GRANT SELECT ON TABLE prod.t TO {APP}", f"GRANT USAGE ON SCHEMA prod TO {APP}"]
    run_sql(expected, "CREATE VIEW app.v AS SELECT id FROM app.t")  # qualified: not compared when mapped, and said
    result = scan(live, expected, scope=Scope.of(["prod"], [], ["prod=app"]), with_privileges=True)
    assert ("view", "prod", 1, "expected") in {(p.kind, p.schema, p.count, p.side) for p in result.not_compared}

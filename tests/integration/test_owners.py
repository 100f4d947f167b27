"""Owners (--with-owners) on a real PostgreSQL: off by default; an object owned by another role than expected is
found and given back by the plan, with a downgrade; an owner the server lacks is said not compared; catalog init
writes the owners the snapshotting role is not, and reads back with no finding. Roles are this test's own."""
from __future__ import annotations

from remedy.db import make_engine
from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import downgrade_statements, statements
from remedy.scan import scan
from remedy.sources.live import read_live
from remedy.sources.snapshot import write_catalog
from tests.conftest import run_sql
from tests.integration.conftest import with_expected_ddl

T = "CREATE TABLE t (id serial PRIMARY KEY, note text);\nCREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';\n"


def test_an_object_owned_by_another_role_is_found_only_with_the_flag_and_given_back(pg_url, role, tmp_path,
                                                                                      monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app, deploy = role(pg_url), role(pg_url)
    ddl = with_expected_ddl(pg_url, tmp_path, T + f"ALTER TABLE t OWNER TO {deploy};\nALTER FUNCTION f(int) OWNER TO {deploy};\n",
                            T + f"ALTER TABLE t OWNER TO {app};\nALTER FUNCTION f(int) OWNER TO {app};\n")
    assert scan(pg_url, ddl).findings == ()
    result = scan(pg_url, ddl, with_owners=True)
    assert sorted(f.id for f in result.findings) == ["owner_mismatch:public.f(integer)", "owner_mismatch:public.t"]
    assert next(f for f in result.findings if f.table == "t").message == \
        f"table public.t is owned by {deploy}, expected {app}"
    plan = build_plan(result, resolve(result, None, "reject", True))
    assert sorted(s.sql for s in statements(plan)) == [f"ALTER FUNCTION public.f(integer) OWNER TO {app}",
                                                       f"ALTER TABLE public.t OWNER TO {app}"]
    assert sorted(s.sql for s in downgrade_statements(plan)) == [f"ALTER FUNCTION public.f(integer) OWNER TO {deploy}",
                                                                 f"ALTER TABLE public.t OWNER TO {deploy}"]


def test_an_owner_the_server_lacks_is_said_not_compared(pg_url, role, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = role(pg_url)
    ddl = with_expected_ddl(pg_url, tmp_path, T,
                            T + "ALTER TABLE t OWNER TO remedy_no_such_owner;\n"
                   f"ALTER FUNCTION f(int) OWNER TO {app};\n")
    result = scan(pg_url, ddl, with_owners=True)
    assert [f.id for f in result.findings] == ["owner_mismatch:public.f(integer)"]
    assert ("owner_to_missing_role", "", 1, "expected") in {(p.kind, p.schema, p.count, p.side)
                                                            for p in result.not_compared}
    assert any("remedy_no_such_owner" in note and "not compared" in note for note in result.notes)


def test_catalog_init_writes_the_owners_the_snapshotting_role_is_not(pg_url, role, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = role(pg_url)
    run_sql(pg_url, T + f"CREATE SCHEMA app AUTHORIZATION {app};\nCREATE TABLE app.u (id int);\n"
                        f"ALTER TABLE app.u OWNER TO {app};\n")
    engine = make_engine(pg_url)
    catalog = write_catalog(read_live(engine), tmp_path / "catalog")
    engine.dispose()
    written = "\n".join(p.read_text() for p in catalog.rglob("*.sql"))
    assert f"ALTER SCHEMA app OWNER TO {app};" in written and f"ALTER TABLE app.u OWNER TO {app};" in written
    assert "OWNER TO postgres" not in written and "pg_database_owner" not in written  # public's, as made
    assert scan(pg_url, str(catalog), with_owners=True).findings == ()
    run_sql(pg_url, "ALTER TABLE app.u OWNER TO postgres")
    assert [f.id for f in scan(pg_url, str(catalog), with_owners=True).findings] == ["owner_mismatch:app.u"]

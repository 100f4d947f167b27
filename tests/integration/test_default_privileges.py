"""Default privileges and grants granted on, under --with-privileges, on a real PostgreSQL: ALTER DEFAULT
PRIVILEGES is compared on both paths and planned with its downgrade; a role the server lacks is said not
compared; a revoke of a privilege its grantee granted on cascades, with a hazard, and gives back what it took.
Roles are this test's own (uniquely named) and dropped after it."""
from __future__ import annotations

from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import downgrade_statements, statements
from remedy.scan import scan
from tests.integration.conftest import with_expected_ddl

T = "CREATE TABLE t (id int, note text);\n"


def _plan(result) -> tuple[list[str], list[str], list[str]]:
    plan = build_plan(result, resolve(result, None, "reject", True))
    return ([s.sql for s in statements(plan)], [s.sql for s in downgrade_statements(plan)],
            [str(h) for h in plan.hazards])


def test_a_missing_default_privilege_is_found_and_planned_with_its_downgrade(pg_url, role, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = role(pg_url)
    ddl = with_expected_ddl(pg_url, tmp_path, T,
                            T + f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {app};\n"
                   "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n")
    result = scan(pg_url, ddl, with_privileges=True)
    assert sorted(f.id for f in result.findings) == [
        "missing_default_privilege:postgres FUNCTIONS EXECUTE to PUBLIC",
        f"missing_default_privilege:public.postgres TABLES SELECT to {app}"]
    upgrade, downgrade, _ = _plan(result)
    assert sorted(upgrade) == [
        f"ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT SELECT ON TABLES TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"]
    assert sorted(downgrade) == [
        "ALTER DEFAULT PRIVILEGES FOR ROLE postgres GRANT EXECUTE ON FUNCTIONS TO PUBLIC",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public REVOKE SELECT ON TABLES FROM {app}"]


def test_without_the_flag_default_privileges_are_listed_as_not_compared(pg_url, role, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = role(pg_url)
    ddl = with_expected_ddl(pg_url, tmp_path, T + f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {app};\n",
                            T + f"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO {app};\n")
    unread = {(p.kind, p.side) for p in scan(pg_url, ddl).not_compared}
    assert {("default_privileges", "live"), ("default_privileges", "expected")} <= unread
    compared = scan(pg_url, ddl, with_privileges=True)
    assert "default_privileges" not in {p.kind for p in compared.not_compared}
    assert sorted(f.kind for f in compared.findings) == ["extra_default_privilege", "missing_default_privilege"]


def test_a_default_privilege_for_a_role_the_server_lacks_is_said_not_compared(pg_url, role, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = role(pg_url)
    ddl = with_expected_ddl(pg_url, tmp_path, T,
                            T + "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO remedy_no_such_role;\n"
                   "ALTER DEFAULT PRIVILEGES FOR ROLE remedy_no_such_owner GRANT SELECT ON TABLES TO PUBLIC;\n"
                   f"ALTER DEFAULT PRIVILEGES GRANT INSERT ON TABLES TO {app};\n")
    result = scan(pg_url, ddl, with_privileges=True)
    assert [f.id for f in result.findings] == [f"missing_default_privilege:postgres TABLES INSERT to {app}"]
    assert ("default_privilege_to_missing_role", "", 2, "expected") in {
        (p.kind, p.schema, p.count, p.side) for p in result.not_compared}
    assert any("remedy_no_such_role" in n and "remedy_no_such_owner" in n and "not compared" in n
               for n in result.notes)


def test_a_revoke_of_a_privilege_granted_on_cascades_and_gives_back_what_it_took(pg_url, role, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app, ro, monitor = role(pg_url), role(pg_url), role(pg_url)
    ddl = with_expected_ddl(pg_url, tmp_path, T + f"GRANT SELECT ON t TO {app} WITH GRANT OPTION;\nSET ROLE {app};\n"
                        f"GRANT SELECT ON t TO {ro}, {monitor};\nRESET ROLE;\n",
                            T + f"GRANT INSERT ON t TO {app};\nGRANT SELECT ON t TO {ro};\n")  # monitor: never named
    result = scan(pg_url, ddl, with_privileges=True)
    assert sorted(f.id for f in result.findings) == [f"extra_grant:public.t.SELECT to {app}",
                                                     f"missing_grant:public.t.INSERT to {app}"]
    upgrade, downgrade, hazards = _plan(result)
    assert upgrade == [f"REVOKE SELECT ON TABLE public.t FROM {app} CASCADE",
                       *sorted([f"GRANT SELECT ON TABLE public.t TO {monitor}", f"GRANT SELECT ON TABLE public.t TO {ro}"]),
                       f"GRANT INSERT ON TABLE public.t TO {app}"]
    assert downgrade == [f"REVOKE INSERT ON TABLE public.t FROM {app}",
                         f"GRANT SELECT ON TABLE public.t TO {app} WITH GRANT OPTION"]
    assert any(h.startswith("cascade:") and ro in h and monitor in h for h in hazards)

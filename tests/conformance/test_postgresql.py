"""PostgreSQL conformance: for every case, remedy's plan turns A into B, and an oracle that is not remedy agrees.

Two paths per case, each on fresh databases:

* database path: ``remedy plan --db A --expected B --allow-destructive --renames reject -o fix.sql``, the script
  run with ``psql -v ON_ERROR_STOP=1 -1 -f fix.sql`` on A, ``remedy scan --db A --expected B`` exits 0, and the
  oracle (tests/conformance/oracle.py: pg_dump, or its own catalog queries) sees A equal to B;
* catalog path: ``remedy catalog init --from-db B -o DIR`` (or the case's own hand-written catalog.sql); a fresh A
  scanned against DIR gives the same finding ids as against B; then plan, psql, rescan and oracle as above.

Cases live in tests/conformance/postgresql/<category>/ (see tests/conformance/README.md).
"""
from __future__ import annotations

import json

import pytest

from tests.conformance.cases import Case, discover
from tests.conformance.oracle import picture
from tests.conformance.pgclient import run_psql_file
from tests.conformance.roles import CaseRoles
from tests.integration.cli_run import remedy

CASES = discover("postgresql")
PLAN_FLAGS = ("--allow-destructive", "--renames", "reject")


def _params(gap: str):
    for found in CASES:
        reason = found.case.xfail or (found.case.xfail_catalog if gap == "catalog" else "")
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(found.case, id=found.id, marks=marks)


@pytest.fixture
def case_roles(pg_server_url):
    """The roles a case names, this test run's own (tests/conformance/roles.py), dropped after it."""
    roles = CaseRoles(pg_server_url)
    yield roles
    roles.drop()


@pytest.mark.parametrize("case", list(_params("db")))
def test_plan_from_expected_database_converges(case: Case, case_roles, pg_url_factory, tmp_path):
    case = case_roles.make(case)
    factory = _recorded(pg_url_factory, case_roles)
    live, expected = _load(factory, case.a, tmp_path / "a.sql"), _load(factory, case.b, tmp_path / "b.sql")
    _converge(live, expected, case, tmp_path)


@pytest.mark.parametrize("case", list(_params("catalog")))
def test_plan_from_catalog_snapshot_converges(case: Case, case_roles, pg_url_factory, tmp_path):
    case = case_roles.make(case)
    pg_url_factory = _recorded(pg_url_factory, case_roles)
    expected = _load(pg_url_factory, case.b, tmp_path / "b.sql")
    catalog = _catalog(expected, case, tmp_path / "catalog", tmp_path)
    live = _load(pg_url_factory, case.a, tmp_path / "a.sql")
    assert _finding_ids(live, str(catalog), case, tmp_path) == _finding_ids(live, expected, case, tmp_path)
    _converge(live, str(catalog), case, tmp_path, oracle_expected=expected)


def _catalog(expected: str, case: Case, catalog, tmp_path):
    """The catalog the path scans: ``catalog init`` from B, or the case's own hand-written DDL (catalog.sql)."""
    if case.catalog:
        (catalog / "schema").mkdir(parents=True)
        (catalog / "catalog.toml").write_text('[catalog]\nname = "handwritten"\nddl = ["schema/*.sql"]\n')
        (catalog / "schema" / "catalog.sql").write_text(case.catalog)
        return catalog
    init = remedy("catalog", "init", "--from-db", expected, "-o", str(catalog), *_scope_flags(case),
                  env=_env(tmp_path))
    assert init.returncode == 0, init.stderr
    return catalog


def _converge(live: str, expected: str, case: Case, tmp_path, oracle_expected: str | None = None) -> None:
    env, script = _env(tmp_path), tmp_path / "fix.sql"
    plan = remedy("plan", "--db", live, "--expected", expected, *PLAN_FLAGS, *case.args, "-o", str(script), env=env)
    assert plan.returncode == 0, f"remedy plan exited {plan.returncode}: {plan.stderr}"
    applied = run_psql_file(live, script)
    assert applied.returncode == 0, f"psql refused the plan:\n{applied.stderr}\n--- fix.sql ---\n{script.read_text()}"
    rescan = remedy("scan", "--db", live, "--expected", expected, *case.args, env=env)
    assert rescan.returncode == 0, f"drift left after the plan:\n{rescan.stdout}{rescan.stderr}"
    _assert_same(live, oracle_expected or expected, case, script)


def _assert_same(live: str, expected: str, case: Case, script) -> None:
    scope = _oracle_scope(case)
    flags = {"privileges": "--with-privileges" in case.args, "owners": "--with-owners" in case.args}
    got, want = picture(live, *scope, **flags), picture(expected, *scope, **flags)
    missing = [line for line in want.lines if line not in got.lines]
    extra = [line for line in got.lines if line not in want.lines]
    assert not missing and not extra, (
        f"the oracle ({got.how}) sees A differ from B after the plan\n"
        f"only in B:\n  " + "\n  ".join(missing) + "\nonly in A:\n  " + "\n  ".join(extra)
        + f"\n--- fix.sql ---\n{script.read_text()}")


def _recorded(factory, roles: CaseRoles):
    def make() -> str:
        url = factory()
        roles.databases.append(url)
        return url
    return make


def _load(factory, sql: str, path) -> str:
    """A fresh database with the case's SQL loaded by psql (so a case may hold DO blocks and functions)."""
    url = factory()
    path.write_text(sql)
    loaded = run_psql_file(url, path)
    assert loaded.returncode == 0, f"{path.name} does not load: {loaded.stderr}"
    return url


def _finding_ids(live: str, expected: str, case: Case, tmp_path) -> list[str]:
    proc = remedy("scan", "--db", live, "--expected", expected, "--format", "json", "--fail-on", "none",
                  *case.args, env=_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    return sorted(f["id"] for f in json.loads(proc.stdout)["findings"])


def _scope_flags(case: Case) -> list[str]:
    """The --schema / --exclude-schema flags of a case (catalog init and pg_dump take the same scope)."""
    flags, args = [], list(case.args)
    for i, arg in enumerate(args[:-1]):
        if arg in ("--schema", "--exclude-schema"):
            flags += [arg, args[i + 1]]
    return flags


def _oracle_scope(case: Case) -> tuple[tuple[str, ...], tuple[str, ...]]:
    flags = _scope_flags(case)
    pairs = list(zip(flags[::2], flags[1::2]))
    return (tuple(v for k, v in pairs if k == "--schema"), tuple(v for k, v in pairs if k == "--exclude-schema"))


def _env(tmp_path) -> dict[str, str]:
    return {"REMEDY_HOME": str(tmp_path / "home")}

"""The two-sided flow for MariaDB/MySQL and SQLite: plan A toward B, apply with the database's own client,
rescan, and ask an oracle that is not remedy whether A now equals B.

A dialect supplies a :class:`Side`: how to make a fresh database, load SQL with its client, and picture it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import pytest

from tests.conformance.cases import Case, Located
from tests.integration.cli_run import remedy

PLAN_FLAGS = ("--allow-destructive", "--renames", "reject")


@dataclass(frozen=True)
class Side:
    fresh: Callable[[], str]                       # a new empty database's URL
    run_client: Callable[[str, Path], tuple[int, str]]  # (exit code, stderr) of the dialect's client on a file
    picture: Callable[[str], list[str]]            # the oracle's sorted lines for a database
    oracle: str                                    # what the oracle reads
    query: Callable[[str, str], list[dict]] | None = None  # rows of a query (cases with data)
    rows_sql: Callable[[str], str] | None = None   # every row of a database as INSERT statements


def with_gaps(cases: list[Located], gaps: dict[str, str], catalog_gaps: dict[str, str]) -> list[Located]:
    """The cases with the known gaps of a dialect marked (``gaps``: both paths; ``catalog_gaps``: the catalog
    path only). A gap that names no case is an error, so the lists cannot go stale silently."""
    ids = {found.id for found in cases}
    unknown = (set(gaps) | set(catalog_gaps)) - ids
    assert not unknown, f"known gaps name cases that do not exist: {sorted(unknown)}"
    return [Located(found.id, replace(found.case, xfail=gaps.get(found.id, found.case.xfail),
                                      xfail_catalog=catalog_gaps.get(found.id, found.case.xfail_catalog)))
            for found in cases]


def params(cases: list[Located], path: str, database_gaps: dict[str, str] | None = None):
    """pytest params: strict xfail where the case names a gap of this path ("db" or "catalog");
    ``database_gaps``: gaps of the database path only (the catalog path converges)."""
    only_db = database_gaps if path == "db" else {}
    for found in cases:
        reason = found.case.xfail or (found.case.xfail_catalog if path == "catalog" else "") \
            or (only_db or {}).get(found.id, "")
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(found.case, id=found.id, marks=marks)


def load(side: Side, sql: str, path: Path) -> str:
    url = side.fresh()
    path.write_text(sql)
    code, err = side.run_client(url, path)
    assert code == 0, f"{path.name} does not load: {err}"
    return url


def database_path(side: Side, case: Case, tmp_path: Path) -> None:
    live, expected = load(side, case.a + case.data, tmp_path / "a.sql"), load(side, case.b, tmp_path / "b.sql")
    converge(side, live, expected, case, tmp_path)


def catalog_path(side: Side, case: Case, tmp_path: Path) -> None:
    expected = load(side, case.b, tmp_path / "b.sql")
    catalog = tmp_path / "catalog"
    if case.catalog:  # a catalog written by hand (its DDL must describe B exactly)
        (catalog / "schema").mkdir(parents=True)
        dialect = expected.split(":", 1)[0].split("+", 1)[0]
        (catalog / "catalog.toml").write_text(f'[catalog]\nname = "handwritten"\ndialect = "{dialect}"\n'
                                              'ddl = ["schema/*.sql"]\n')
        (catalog / "schema" / "catalog.sql").write_text(case.catalog)
        loaded = load(side, case.catalog, tmp_path / "catalog-loaded.sql")  # the server agrees it is B
        assert side.picture(loaded) == side.picture(expected), "the case's catalog does not make B"
    else:
        init = remedy("catalog", "init", "--from-db", expected, "-o", str(catalog), env=env(tmp_path))
        assert init.returncode == 0, init.stderr
    live = load(side, case.a + case.data, tmp_path / "a.sql")
    assert finding_ids(live, str(catalog), case, tmp_path) == finding_ids(live, expected, case, tmp_path)
    converge(side, live, str(catalog), case, tmp_path, oracle_expected=expected)


def converge(side: Side, live: str, expected: str, case: Case, tmp_path: Path,
             oracle_expected: str | None = None) -> None:
    script = tmp_path / "fix.sql"
    stored = side.rows_sql(live) if case.rows else ""  # the rows as A holds them before the plan
    flags = PLAN_FLAGS if case.destructive else tuple(f for f in PLAN_FLAGS if f != "--allow-destructive")
    plan = remedy("plan", "--db", live, "--expected", expected, *flags, *case.args, "-o", str(script),
                  env=env(tmp_path))
    assert plan.returncode == 0, f"remedy plan exited {plan.returncode}: {plan.stderr}"
    code, err = side.run_client(live, script)
    assert code == 0, f"the client refused the plan:\n{err}\n--- fix.sql ---\n{script.read_text()}"
    rescan = remedy("scan", "--db", live, "--expected", expected, *case.args, env=env(tmp_path))
    assert rescan.returncode == 0, f"drift left after the plan:\n{rescan.stdout}{rescan.stderr}"
    assert_same(side, live, oracle_expected or expected, script)
    if case.rows:
        assert_same_rows(side, live, case, stored, tmp_path, script)


def assert_same_rows(side: Side, live: str, case: Case, stored: str, tmp_path: Path, script: Path) -> None:
    """The rows after the plan are those B holds when A's rows, as A stored them, are written into it."""
    expected = load(side, case.b + "\n" + (case.b_data or stored), tmp_path / "b_with_rows.sql")
    got, want = side.query(live, case.rows), side.query(expected, case.rows)
    assert got == want, (f"the plan changed the rows: {case.rows}\nafter the plan: {got}\nin B: {want}"
                         f"\n--- fix.sql ---\n{script.read_text()}")


def assert_same(side: Side, live: str, expected: str, script: Path) -> None:
    got, want = side.picture(live), side.picture(expected)
    missing = [line for line in want if line not in got]
    extra = [line for line in got if line not in want]
    assert not missing and not extra, (
        f"the oracle ({side.oracle}) sees A differ from B after the plan\n"
        "only in B:\n  " + "\n  ".join(missing) + "\nonly in A:\n  " + "\n  ".join(extra)
        + f"\n--- fix.sql ---\n{script.read_text()}")


def finding_ids(live: str, expected: str, case: Case, tmp_path: Path) -> list[str]:
    proc = remedy("scan", "--db", live, "--expected", expected, "--format", "json", "--fail-on", "none",
                  *case.args, env=env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    return sorted(f["id"] for f in json.loads(proc.stdout)["findings"])


def env(tmp_path: Path) -> dict[str, str]:
    return {"REMEDY_HOME": str(tmp_path / "home")}

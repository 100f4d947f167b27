"""Conformance cases: one per directory (``a.sql``, ``b.sql``) or one per entry of a category's ``cases.py``.

A case is two schemas, A (the live database before) and B (the expected one). Layout::

    tests/conformance/<dialect>/<category>/<case>/a.sql       A: loaded into the live database
    tests/conformance/<dialect>/<category>/<case>/b.sql       B: the expected schema
    tests/conformance/<dialect>/<category>/<case>/args        optional: extra flags for scan/plan (one line)
    tests/conformance/<dialect>/<category>/<case>/xfail       optional: why the case is a known gap (both paths)
    tests/conformance/<dialect>/<category>/<case>/xfail-catalog   optional: a gap of the catalog path only
    tests/conformance/<dialect>/<category>/<case>/catalog.sql     optional: a catalog written by hand, which the
                                                                  catalog path scans instead of catalog init's
                                                                  snapshot of B (the oracle still compares with B)
    tests/conformance/<dialect>/<category>/cases.py           optional: CASES = {"name": Case(a=..., b=...)}
"""
from __future__ import annotations

import importlib.util
import shlex
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    a: str
    b: str
    args: tuple[str, ...] = ()
    xfail: str = ""           # reason: a known gap on both paths
    xfail_catalog: str = ""   # reason: a known gap of the catalog path only
    catalog: str = ""         # DDL of a hand-written catalog for the catalog path ("": catalog init from B)
    # Roles the case names (server-wide): each test run creates its own, named <role>_<token>, writes that name
    # wherever the case's SQL and args say <role>, and drops it after (tests/conformance/roles.py).
    roles: tuple[str, ...] = ()
    destructive: bool = True  # plan with --allow-destructive (False: as an operator who drops nothing plans)
    # Rows (SQL run after A) and a query of them: after the plan, the query must read in A what it reads in B
    # holding A's rows as A stored them (``b_data``: B's rows where A's cannot be written into B as they are).
    data: str = ""
    b_data: str = ""
    rows: str = ""


@dataclass(frozen=True)
class Located:
    id: str                   # "<category>/<case>"
    case: Case


def discover(dialect: str) -> list[Located]:
    """Every case of a dialect, sorted by id: directories first, then each category's case table."""
    found: list[Located] = []
    for category in sorted(p for p in (ROOT / dialect).iterdir() if p.is_dir() and not p.name.startswith("_")):
        found += [Located(f"{category.name}/{d.name}", _from_dir(d))
                  for d in sorted(category.iterdir()) if (d / "a.sql").exists()]
        if (category / "cases.py").exists():
            found += [Located(f"{category.name}/{name}", case) for name, case in _table(category / "cases.py").items()]
    return found


def _from_dir(path: Path) -> Case:
    return Case(a=(path / "a.sql").read_text(), b=(path / "b.sql").read_text(),
                args=tuple(shlex.split(_text(path / "args"))), xfail=_text(path / "xfail"),
                xfail_catalog=_text(path / "xfail-catalog"), catalog=_text(path / "catalog.sql"))


def _text(path: Path) -> str:
    return path.read_text().strip() if path.exists() else ""


def _table(path: Path) -> dict[str, Case]:
    spec = importlib.util.spec_from_file_location(f"conformance_{path.parent.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.CASES)

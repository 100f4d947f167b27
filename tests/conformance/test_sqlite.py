"""SQLite conformance: for every case, remedy's plan turns A into B, and an oracle that is not remedy agrees.

Per case, on fresh database files:

* database path: ``remedy plan --db A --expected B --allow-destructive --renames reject -o fix.sql``, the script
  run with the ``sqlite3`` shell (``sqlite3 -bail A < fix.sql``; python's sqlite3 module when the shell is absent),
  ``remedy scan`` exits 0, and the oracle (tests/conformance/oracle_sqlite.py: sqlite_master and pragmas) sees A
  equal to B;
* catalog path: ``remedy catalog init --from-db B``; A scanned against the catalog gives the same finding ids as
  against B; then plan, shell, rescan and oracle as above.

Cases live in tests/conformance/sqlite/<category>/cases.py.
"""
from __future__ import annotations

import itertools

import pytest

from tests.conformance import oracle_sqlite, twosided
from tests.conformance.cases import Case, discover
from tests.conformance.sqlite.gaps import CATALOG_GAPS, DATABASE_GAPS, GAPS
from tests.conformance.sqliteclient import query, rows_sql, run_file

CASES = twosided.with_gaps(discover("sqlite"), GAPS, CATALOG_GAPS)


@pytest.fixture
def side(tmp_path) -> twosided.Side:
    numbers = itertools.count()

    def fresh() -> str:
        path = tmp_path / f"db{next(numbers)}.sqlite"
        path.touch()  # an empty file is an empty SQLite database
        return f"sqlite:///{path}"

    return twosided.Side(fresh, run_file, oracle_sqlite.picture, oracle_sqlite.HOW, query, rows_sql)


@pytest.mark.parametrize("case", list(twosided.params(CASES, "db", DATABASE_GAPS)))
def test_plan_from_expected_database_converges(case: Case, side, tmp_path):
    twosided.database_path(side, case, tmp_path)


@pytest.mark.parametrize("case", list(twosided.params(CASES, "catalog")))
def test_plan_from_catalog_snapshot_converges(case: Case, side, tmp_path):
    twosided.catalog_path(side, case, tmp_path)

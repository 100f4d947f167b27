"""MariaDB/MySQL conformance: for every case, remedy's plan turns A into B, and an oracle that is not remedy agrees.

Per case, on fresh databases of the MariaDB service (skipped without one; failed under REMEDY_REQUIRE_MARIADB=1):

* database path: ``remedy plan --db A --expected B --allow-destructive --renames reject -o fix.sql``, the script
  run with the ``mariadb`` client (``mariadb DB < fix.sql``, as a user would), ``remedy scan`` exits 0, and the
  oracle (tests/conformance/oracle_mysql.py: information_schema through the client) sees A equal to B;
* catalog path: ``remedy catalog init --from-db B``; A scanned against the catalog gives the same finding ids as
  against B; then plan, client, rescan and oracle as above.

Cases live in tests/conformance/mysql/<category>/cases.py. MySQL 8 is not tested: there is no MySQL 8 server here.
"""
from __future__ import annotations

import pytest

from tests.conformance import oracle_mysql, twosided
from tests.conformance.cases import Case, discover
from tests.conformance.mysql.gaps import CATALOG_GAPS, DATABASE_GAPS, GAPS
from tests.conformance.mysqlclient import run_file

pytestmark = pytest.mark.mariadb
CASES = twosided.with_gaps(discover("mysql"), GAPS, CATALOG_GAPS)


@pytest.fixture
def side(mariadb_url_factory) -> twosided.Side:
    return twosided.Side(mariadb_url_factory, run_file, oracle_mysql.picture, oracle_mysql.HOW)


@pytest.mark.parametrize("case", list(twosided.params(CASES, "db", DATABASE_GAPS)))
def test_plan_from_expected_database_converges(case: Case, side, tmp_path):
    twosided.database_path(side, case, tmp_path)


@pytest.mark.parametrize("case", list(twosided.params(CASES, "catalog")))
def test_plan_from_catalog_snapshot_converges(case: Case, side, tmp_path):
    twosided.catalog_path(side, case, tmp_path)

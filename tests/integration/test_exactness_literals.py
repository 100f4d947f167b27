"""String literals are data: 'ACTIVE' is not 'active', in a default or in a CHECK, on every dialect.

Identifiers fold as the dialect folds them (an unquoted STATUS is status on PostgreSQL); keywords and
function names are spelled in any case; the text inside quotes never folds.
"""
from __future__ import annotations

import pytest

from tests.integration.test_exactness_postgresql import run_sql, scan_ids

POSTGRESQL = """
CREATE TABLE accounts (
  id integer PRIMARY KEY,
  status text NOT NULL DEFAULT 'active',
  code varchar(10) DEFAULT 'Abc',
  flag text DEFAULT 't',
  word text DEFAULT 'now',
  CONSTRAINT accounts_status_chk CHECK (status IN ('active', 'closed'))
);
"""
MARIADB = """
CREATE TABLE accounts (
  id int PRIMARY KEY,
  status varchar(20) NOT NULL DEFAULT 'active',
  code varchar(10) DEFAULT 'Abc',
  flag varchar(5) DEFAULT 't',
  word varchar(5) DEFAULT 'now',
  CONSTRAINT accounts_status_chk CHECK (status IN ('active', 'closed'))
);
"""
SQLITE = MARIADB.replace("id int PRIMARY KEY", "id integer PRIMARY KEY")
DDL = {"postgresql": POSTGRESQL, "mariadb": MARIADB, "sqlite": SQLITE}

# (old, new, finding kind, what the finding names)
LITERAL_EDITS = [
    ("DEFAULT 'active'", "DEFAULT 'ACTIVE'", "default_mismatch", "accounts.status"),
    ("DEFAULT 'Abc'", "DEFAULT 'abc'", "default_mismatch", "accounts.code"),
    ("DEFAULT 't'", "DEFAULT 'T'", "default_mismatch", "accounts.flag"),
    ("DEFAULT 'now'", "DEFAULT 'NOW'", "default_mismatch", "accounts.word"),
]
# the same schema spelled with other letter case outside the literals: no drift
SPELLINGS = [
    ("CHECK (status IN", "check (STATUS in"),
    ("DEFAULT 'active'", "default 'active'"),
]


@pytest.fixture(params=["postgresql", "mariadb", "sqlite"])
def database(request):
    fixture = {"postgresql": "pg_url", "mariadb": "mariadb_url", "sqlite": "sqlite_url"}[request.param]
    return request.param, request.getfixturevalue(fixture)


@pytest.mark.parametrize("old, new, kind, column", LITERAL_EDITS, ids=[e[1] for e in LITERAL_EDITS])
def test_a_default_that_differs_only_in_letter_case_is_drift(database, tmp_path, old, new, kind, column):
    dialect, url = database
    run_sql(url, DDL[dialect].replace(old, new))
    findings = scan_ids(url, DDL[dialect], tmp_path)
    assert [(k, fid.endswith(f".{column}")) for fid, k in findings] == [(kind, True)], findings


def test_a_check_literal_that_differs_only_in_letter_case_is_drift(database, tmp_path):
    dialect, url = database
    ddl = DDL[dialect]
    run_sql(url, ddl.replace("'closed')", "'CLOSED')"))
    findings = scan_ids(url, ddl, tmp_path)
    # PostgreSQL compares the server's own definitions (constraint_mismatch); the others find the check missing
    kind = "constraint_mismatch" if dialect == "postgresql" else "missing_check"
    assert [(k, fid.endswith(".accounts_status_chk")) for fid, k in findings] == [(kind, True)], findings


@pytest.mark.parametrize("old, new", SPELLINGS, ids=[s[1] for s in SPELLINGS])
def test_keywords_and_identifiers_in_another_case_are_no_drift(database, tmp_path, old, new):
    dialect, url = database
    run_sql(url, DDL[dialect].replace(old, new))
    assert scan_ids(url, DDL[dialect], tmp_path) == []


def test_the_plan_puts_the_literals_back_and_the_scan_then_finds_nothing(database, tmp_path):
    from cli_run import remedy

    dialect, url = database
    ddl = DDL[dialect]
    run_sql(url, ddl.replace("DEFAULT 'active'", "DEFAULT 'ACTIVE'").replace("'closed')", "'CLOSED')"))
    expected = tmp_path / "expected.sql"
    expected.write_text(ddl)
    proc = remedy("apply", "--db", url, "--expected", str(expected), "--yes",
                  env={"REMEDY_HOME": str(tmp_path / "home")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert scan_ids(url, ddl, tmp_path) == []

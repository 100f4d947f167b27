"""Convergence through the command line: the exported SQL script, run as a person would run it.

``remedy plan --renames reject --allow-destructive -o fix.sql`` on ``before``; the script is run
with the dialect's ordinary client path; ``remedy scan --expected after`` then exits 0.
"""
from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from tests.conftest import run_sql, split_statements
from tests.integration.cli_run import psql, remedy
from tests.integration.test_convergence import _file

CASES = ("column_renamed", "keys", "mixed_case", "tables", "column_retyped", "literal_text")
FIXTURE = {"postgresql": "pg_url", "mysql": "mariadb_url", "sqlite": "sqlite_url"}


def _params():
    for dialect in FIXTURE:
        marks = [pytest.mark.mariadb] if dialect == "mysql" else []
        for case in CASES:
            yield pytest.param(case, dialect, id=f"{case}-{dialect}", marks=marks)


def _run_script(url: str, dialect: str, script: str, path) -> None:
    if dialect == "postgresql":  # psql, which the script's \set ON_ERROR_STOP and guard are written for
        ran = psql(url, path)
        assert ran.returncode == 0, ran.stderr
    elif dialect == "sqlite":
        conn = sqlite3.connect(sa.engine.make_url(url).database, isolation_level=None)
        conn.executescript(script)
        conn.close()
    else:
        statements = [s for s in split_statements(script)
                      if any(line.strip() and not line.strip().startswith("--") for line in s.splitlines())]
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            for stmt in statements:
                conn.exec_driver_sql(stmt.replace("%", "%%"))
        engine.dispose()


@pytest.mark.parametrize("case,dialect", list(_params()))
def test_exported_script_converges(case, dialect, request, tmp_path):
    url = request.getfixturevalue(FIXTURE[dialect])
    run_sql(url, _file(case, "before", dialect).read_text())
    expected = str(_file(case, "after", dialect))
    script = tmp_path / "fix.sql"
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    proc = remedy("plan", "--db", url, "--expected", expected, "--renames", "reject", "--allow-destructive",
                  "-o", str(script), env=env)
    assert proc.returncode == 0, proc.stderr
    assert remedy("scan", "--db", url, "--expected", expected, env=env).returncode == 1
    _run_script(url, dialect, script.read_text(), script)
    after = remedy("scan", "--db", url, "--expected", expected, env=env)
    assert after.returncode == 0, after.stdout

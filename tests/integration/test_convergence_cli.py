"""Convergence through the command line: the exported SQL script, run as a person would run it.

``remedy plan --renames reject --allow-destructive -o fix.sql`` on ``before``; the script is run
with the dialect's ordinary client path; ``remedy scan --expected after`` then exits 0.
"""
from __future__ import annotations

import pytest

from tests.conftest import run_sql
from tests.integration.cli_run import remedy
from tests.security.hostile import run_with_client
from tests.integration.test_convergence import _file

CASES = ("column_renamed", "keys", "mixed_case", "tables", "column_retyped", "literal_text")
FIXTURE = {"postgresql": "pg_url", "mysql": "mariadb_url", "sqlite": "sqlite_url"}


def _params():
    for dialect in FIXTURE:
        marks = [pytest.mark.mariadb] if dialect == "mysql" else []
        for case in CASES:
            yield pytest.param(case, dialect, id=f"{case}-{dialect}", marks=marks)


def _run_script(url: str, dialect: str, script: str, path) -> None:
    """psql, ``mariadb DB < fix.sql``, ``sqlite3 DB < fix.sql``: the clients the script is written for."""
    ran = run_with_client(dialect, url, path)
    assert ran.returncode == 0, ran.stderr


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

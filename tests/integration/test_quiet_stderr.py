"""A scan says what it found on stdout and nothing else on stderr: no driver chatter reaches the operator."""
from __future__ import annotations

from tests.integration.cli_run import remedy
from tests.tui.conftest import CATALOG


def test_a_scan_of_the_demo_with_its_code_prints_nothing_on_stderr(pg_url, tmp_path):
    from remedy.demo import demo_sql
    from tests.conftest import run_sql

    run_sql(pg_url, demo_sql(CATALOG))
    proc = remedy("scan", "--db", pg_url, "--expected", str(CATALOG), env={"REMEDY_HOME": str(tmp_path)})
    assert proc.returncode == 1
    assert proc.stderr == ""

"""An operator's decisions stay coherent: a rename or add+copy takes its source column, so nothing else may drop it,
and no two findings may take the same column. A decisions file that says otherwise is refused, naming both."""
from __future__ import annotations

import json

from tests.conftest import run_sql
from tests.integration.cli_run import remedy

LIVE = "CREATE TABLE campaign_jobs (id int PRIMARY KEY, campaign_type text NOT NULL, note text);"
EXPECTED = "CREATE TABLE campaign_jobs (id int PRIMARY KEY, job_type text NOT NULL, note text);"
RENAME = 'finding = "missing_column:public.campaign_jobs.job_type"\naction = "rename"\nfrom = "campaign_type"\n'


def _setup(pg_url, tmp_path, expected=EXPECTED):
    run_sql(pg_url, LIVE)
    (tmp_path / "expected.sql").write_text(expected)
    scan = json.loads(remedy("scan", "--db", pg_url, "--expected", str(tmp_path / "expected.sql"),
                             "--format", "json").stdout)
    return scan["fingerprint"]


def _decisions(tmp_path, fingerprint, *blocks: str) -> str:
    path = tmp_path / "decisions.toml"
    path.write_text(f'fingerprint = "{fingerprint}"\n' + "".join(f"\n[[decision]]\n{b}" for b in blocks))
    return str(path)


def _plan(pg_url, tmp_path, decisions, *extra):
    return remedy("plan", "--db", pg_url, "--expected", str(tmp_path / "expected.sql"), "--decisions", decisions,
                  *extra)


def test_dropping_the_column_a_rename_takes_is_refused_naming_both_decisions(pg_url, tmp_path):
    fingerprint = _setup(pg_url, tmp_path)
    drop = 'finding = "extra_column:public.campaign_jobs.campaign_type"\naction = "drop"\n'
    proc = _plan(pg_url, tmp_path, _decisions(tmp_path, fingerprint, RENAME, drop))
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == (
        "remedy: missing_column:public.campaign_jobs.job_type and extra_column:public.campaign_jobs.campaign_type "
        "conflict: both use column campaign_jobs.campaign_type (keep one of the two decisions)")


def test_allow_destructive_yields_to_the_rename_and_the_header_says_the_column_was_taken(pg_url, tmp_path):
    fingerprint = _setup(pg_url, tmp_path)
    proc = _plan(pg_url, tmp_path, _decisions(tmp_path, fingerprint, RENAME), "--allow-destructive")
    assert proc.returncode == 0, proc.stderr
    assert "DROP COLUMN" not in proc.stdout and "RENAME campaign_type TO job_type" in proc.stdout
    assert ("--   extra_column:public.campaign_jobs.campaign_type: used by "
            "missing_column:public.campaign_jobs.job_type") in proc.stdout
    assert "left as they are" not in proc.stdout  # the taken column is not listed as skipped

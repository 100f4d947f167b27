"""The dry run's own checks are the safety net: a plan that does not do what it claims must fail it.

Each plan here is built from a real scan and then spoiled the way a bug in the planner or a renderer
would spoil it, and run against a real PostgreSQL database.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from remedy.apply import apply, dry_run
from remedy.decisions import resolve
from remedy.errors import ApplyFailed
from remedy.plan import ops as o
from remedy.plan.build import Plan, build_plan
from remedy.scan import scan
from tests.conftest import run_sql

LIVE = """
CREATE TABLE jobs (id SERIAL PRIMARY KEY, status TEXT);
INSERT INTO jobs (status) VALUES ('new'), ('done');
"""

EXPECTED = """
CREATE TABLE jobs (id SERIAL PRIMARY KEY, status TEXT, priority INTEGER);
CREATE INDEX jobs_status_idx ON jobs (status);
"""

MISSING_INDEX = "missing_index:public.jobs.jobs_status_idx"
MISSING_COLUMN = "missing_column:public.jobs.priority"


@pytest.fixture
def planned(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, LIVE)
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    result = scan(pg_url, str(expected))
    plan = build_plan(result, resolve(result, None, "accept", True))
    assert set(plan.finding_ids) == {MISSING_INDEX, MISSING_COLUMN}
    return pg_url, result, plan, str(expected)


def _spoiled_index(plan: Plan) -> Plan:
    """The index op is lost on the way to the SQL: the plan still claims the finding it no longer settles."""
    return replace(plan, operations=tuple(op for op in plan.operations if not isinstance(op, o.CreateIndex)))


@dataclass(frozen=True)
class _ForgetfulPlan(Plan):
    """A plan whose downgrade forgets to drop the column its upgrade added."""

    @property
    def downgrade(self) -> tuple[o.Operation, ...]:
        return tuple(op for op in super().downgrade if not isinstance(op, o.DropColumn))


def _forgetful(plan: Plan) -> Plan:
    return _ForgetfulPlan(plan.operations, plan.dialect, plan.before, plan.expected, plan.decisions)


def test_the_unspoiled_plan_passes(planned):
    url, result, plan, expected = planned
    report = dry_run(url, result, plan)
    assert report.ok
    said = {step.name: step.message for step in report.steps}
    assert said["re-scan after upgrade"] == "2 decided finding(s) gone, nothing new; 0 left as decided"
    assert said["re-scan after downgrade"] == "original schema back (same fingerprint)"


def test_a_plan_that_leaves_a_decided_finding_behind_fails_the_dry_run_naming_it(planned):
    url, result, plan, expected = planned
    report = dry_run(url, result, _spoiled_index(plan))
    assert not report.ok
    assert report.failure.name == "re-scan after upgrade"
    assert f"1 decided finding(s) still there: {MISSING_INDEX}" in report.failure.message
    assert scan(url, expected).fingerprint == result.fingerprint


def test_a_plan_that_makes_something_new_fails_the_dry_run_naming_it(planned):
    url, result, plan, expected = planned
    extra = o.AddColumn(schema="public", table="jobs", column=replace(plan.before.table("public", "jobs").column(
        "status"), name="stray"))
    report = dry_run(url, result, replace(plan, operations=plan.operations + (extra,)))
    assert not report.ok and report.failure.name == "re-scan after upgrade"
    assert "1 new finding(s): extra_column:public.jobs.stray" in report.failure.message


def test_a_downgrade_that_does_not_restore_the_schema_fails_the_dry_run_naming_what_is_left(planned):
    url, result, plan, expected = planned
    report = dry_run(url, result, _forgetful(plan))
    assert not report.ok
    assert report.failure.name == "re-scan after downgrade"
    assert "the downgrade does not restore the schema: extra_column:public.jobs.priority" in report.failure.message
    assert scan(url, expected).fingerprint == result.fingerprint


def test_apply_refuses_a_plan_whose_dry_run_check_fails_and_changes_nothing(planned):
    url, result, plan, expected = planned
    for spoiled in (_spoiled_index(plan), _forgetful(plan)):
        with pytest.raises(ApplyFailed, match="the dry run failed at 're-scan after"):
            apply(url, result, spoiled)
    assert scan(url, expected).fingerprint == result.fingerprint

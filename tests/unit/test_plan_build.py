"""Plans from hand-built findings: order, reverse, hazards, and convergence of the model."""
from __future__ import annotations

from dataclasses import replace

import pytest

from plan_sample import sample_scan

from remedy.decisions import Decision, resolve
from remedy.errors import UndecidedFindings
from remedy.plan import ops as o
from remedy.findings import Finding
from remedy.model import Column
from remedy.plan.build import build_plan
from remedy.render.sql import statements


def _plan(renames="accept", destructive=True, dialect="postgresql"):
    scan = sample_scan(dialect)
    return build_plan(scan, resolve(scan, None, renames, destructive))


def test_operations_come_in_dependency_order():
    kinds = [type(op).__name__ for op in _plan().operations]
    assert kinds == ["CreateTable", "RenameColumn", "AddColumn", "AlterColumnType", "AlterNullability",
                     "AlterDefault", "AddConstraint", "CreateIndex", "DropColumn"]


def test_a_default_change_travels_with_the_type_change_of_its_column():
    retype = next(op for op in _plan().operations if isinstance(op, o.AlterColumnType))
    assert retype.default_changed and retype.to_type.raw_default == "'pending'"
    assert retype.finding_ids == ("type_mismatch:public.campaign_jobs.status",
                                  "default_mismatch:public.campaign_jobs.status")
    back = retype.reverse()
    assert back.default_changed and back.to_type.default is None


def test_each_operation_names_its_finding():
    plan = _plan()
    rename = next(op for op in plan.operations if isinstance(op, o.RenameColumn))
    assert rename.finding_ids == ("missing_column:public.campaign_jobs.job_type",)
    assert (rename.old, rename.new) == ("campaign_type", "job_type")


def test_plan_converges_on_the_expected_model():
    after = _plan().after()
    jobs = after.table("public", "campaign_jobs")
    assert jobs.column("job_type") is not None and jobs.column("campaign_type") is None
    assert jobs.column("status").type == "varchar(32)" and not jobs.column("status").nullable
    assert jobs.column("legacy") is None
    assert after.table("public", "campaigns") is not None
    assert [fk.name for fk in jobs.foreign_keys] == ["campaign_jobs_campaign_id_fkey"]


def test_downgrade_restores_the_live_model():
    plan = _plan()
    model = plan.after()
    for op in plan.downgrade:
        model = op.apply_to(model)
    for key, table in plan.before.tables.items():
        back = model.tables[key]
        assert sorted((c.name, c.type, c.nullable, c.default) for c in back.columns) == \
            sorted((c.name, c.type, c.nullable, c.default) for c in table.columns)
    assert set(model.tables) == set(plan.before.tables)


def test_reverse_of_reverse_is_the_operation():
    for op in _plan().operations:
        twice = op.reverse().reverse()
        assert type(twice) is type(op) and twice.finding_ids == op.finding_ids


def test_drop_downgrade_says_data_is_not_restored():
    drop = next(op for op in _plan().operations if isinstance(op, o.DropColumn))
    assert "not restored" in drop.reverse().note
    assert any(h.kind == "data_loss" and "1,200" in h.message for h in drop.hazards)


def test_hazards_carry_row_estimates_and_safer_forms():
    plan = _plan()
    index = next(op for op in plan.operations if isinstance(op, o.CreateIndex))
    assert "CONCURRENTLY" in index.hazards[0].safer
    fk = next(op for op in plan.operations if isinstance(op, o.AddConstraint))
    assert "NOT VALID" in fk.hazards[0].safer
    retype = next(op for op in plan.operations if isinstance(op, o.AlterColumnType))
    assert {h.kind for h in retype.hazards} == {"rewrite", "cast"}


def test_reject_adds_and_skip_leaves_alone():
    plan = _plan(renames="reject", destructive=False)
    added = [op.column.name for op in plan.operations if isinstance(op, o.AddColumn)]
    assert added == ["job_type", "last_attempted_at"]
    job_type = next(op for op in plan.operations if isinstance(op, o.AddColumn) and op.column.name == "job_type")
    assert job_type.backfill == "''" and job_type.needs_fill
    assert not any(isinstance(op, o.DropColumn) for op in plan.operations)


def test_add_copy_and_backfill_values():
    scan = sample_scan()
    chosen = resolve(scan, None, "accept", False)
    chosen["missing_column:public.campaign_jobs.job_type"] = Decision(
        "missing_column:public.campaign_jobs.job_type", "add_copy", from_column="campaign_type", value="upper(campaign_type)")
    chosen["nullability_mismatch:public.campaign_jobs.status"] = Decision(
        "nullability_mismatch:public.campaign_jobs.status", "alter", value="'pending'")
    plan = build_plan(scan, chosen)
    copy = next(op for op in plan.operations if isinstance(op, o.AddColumn) and op.copy_from)
    assert (copy.copy_from, copy.cast) == ("campaign_type", "upper(campaign_type)")
    nn = next(op for op in plan.operations if isinstance(op, o.AlterNullability))
    assert nn.backfill == "'pending'"


def test_a_column_only_the_code_names_is_never_added_as_text_by_default():
    scan = sample_scan()
    jobs = scan.expected.table("public", "campaign_jobs")
    unknown = replace(jobs, columns=jobs.columns + (Column("seen_by", ""),))
    expected = replace(scan.expected, tables={**scan.expected.tables, ("public", "campaign_jobs"): unknown})
    finding = Finding("missing_column", "public", "campaign_jobs", column="seen_by",
                      expected={"type": None, "nullable": True, "default": None})
    scan = replace(scan, expected=expected, findings=(finding,))
    with pytest.raises(UndecidedFindings, match="1 column\\(s\\) have no known type: public.campaign_jobs.seen_by"):
        resolve(scan, None, None, False)
    plan = build_plan(scan, {finding.id: Decision(finding.id, "add", value="timestamp with time zone")})
    assert "type_unknown" not in [h.kind for h in plan.operations[0].hazards]
    assert statements(plan)[0].sql == "ALTER TABLE public.campaign_jobs ADD COLUMN seen_by timestamptz"

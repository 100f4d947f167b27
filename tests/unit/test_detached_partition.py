"""A partition detached by hand is compared with the table it is (its parent's columns and checks), and attached
again only once the plan has made it so: the ATTACH comes after the plan's column changes, and where the plan
leaves a column PostgreSQL refuses (an extra one kept), the ATTACH is a comment saying why."""
from __future__ import annotations

from dataclasses import replace

from remedy.decisions import resolve
from remedy.diff import diff
from remedy.findings import ScanResult
from remedy.model import CheckConstraint, Column, Schema, SchemaObject, Table
from remedy.plan import ops as o
from remedy.plan.build import build_plan
from remedy.plan.object_ops import AttachPartition

SEQ = "nextval('ev_id_seq'::regclass)"
CHECK = CheckConstraint("v <> ''", name="ev_v_check", raw_expression="v <> ''::text",
                        definition="CHECK ((v <> ''::text))")
PARENT = Table("ev", "public", columns=(
    Column("id", "integer", nullable=False, default="autoincrement", raw_default=SEQ, identity=True, kind="serial"),
    Column("n", "integer", nullable=False, default="autoincrement", identity=True, kind="identity by default"),
    Column("at", "date", nullable=False), Column("v", "text")), checks=(CHECK,))
# the partition as PostgreSQL leaves it detached: serial -> its nextval default, identity -> plain NOT NULL
DETACHED = Table("ev_1", "public", columns=(
    Column("id", "integer", nullable=False, default="nextval('ev_id_seq')", raw_default=SEQ),
    Column("n", "integer", nullable=False), Column("at", "date", nullable=False), Column("v", "text")),
    checks=(CHECK,))
PART = SchemaObject("partition", "public", "ev_1", table="ev", definition="FOR VALUES FROM ('2026-01-01') TO "
                    "('2026-02-01')", properties=(("key", ""), ("parent", "public.ev")),
                    depends_on=(("public", "ev", ""),))


def _side(*tables: Table, objects=()) -> Schema:
    return Schema("postgresql", tables={(t.schema, t.name): t for t in tables}, schemas=("public",),
                  objects={obj.key: obj for obj in objects}, objects_read=frozenset({"partition", "partition_key"}))


def _kinds(live_table: Table) -> list[tuple[str, str, str | None]]:
    found = diff(_side(PARENT, objects=(PART,)), _side(PARENT, live_table))
    return sorted((f.kind, f.table, f.column or f.object) for f in found if f.kind != "missing_partition_key")


def test_a_detached_partition_as_postgresql_leaves_it_is_only_missing():
    assert _kinds(DETACHED) == [("missing_partition", "ev", "ev_1")]


def test_its_columns_and_checks_are_compared_with_its_parents():
    changed = replace(DETACHED, checks=(), columns=(
        DETACHED.columns[0], DETACHED.columns[1], replace(DETACHED.columns[2], nullable=True),
        Column("v", "character varying(10)"), Column("note", "text")))
    assert _kinds(changed) == [("extra_column", "ev_1", "note"), ("missing_check", "ev_1", "ev_v_check"),
                               ("missing_partition", "ev", "ev_1"), ("nullability_mismatch", "ev_1", "at"),
                               ("type_mismatch", "ev_1", "v")]


def _plan(destructive: bool):
    live = replace(DETACHED, columns=DETACHED.columns + (Column("note", "text"),))
    expected, live = _side(PARENT, objects=(PART,)), _side(PARENT, live)
    scan = ScanResult(expected=expected, live=live, findings=tuple(diff(expected, live)))
    return build_plan(scan, resolve(scan, None, "reject", destructive))


def test_the_attach_comes_after_the_extra_column_is_dropped():
    ops = [op for op in _plan(destructive=True).operations]
    kinds = [type(op).__name__ for op in ops]
    assert kinds.index("DropColumn") < kinds.index("AttachPartition")
    attach = next(op for op in ops if isinstance(op, AttachPartition))
    assert [c.name for c in attach.definition.columns] == ["id", "n", "at", "v"]  # as the plan leaves it


def test_an_attach_postgresql_would_refuse_is_not_planned_and_the_plan_says_why():
    ops = _plan(destructive=False).operations
    assert not any(isinstance(op, AttachPartition) for op in ops)
    said = [op.text for op in ops if isinstance(op, o.Comment)]
    assert said == ["public.ev_1 not attached to public.ev: PostgreSQL would refuse it, as ev_1.note exists but is not "
                    "expected (an extra column is dropped by a drop decision, or --allow-destructive)"]

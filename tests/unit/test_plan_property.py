"""Property: for any two schemas, the plan (renames rejected, destructive allowed) applied to the live
model leaves nothing for the diff to find, and its downgrade gives the live model back."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remedy.decisions import resolve
from remedy.model import Column, Index, PrimaryKey, Table, UniqueConstraint, build_schema
from remedy.plan.build import build_plan
from remedy.render.sql import downgrade_statements, statements
from remedy.scan import scan_schemas

TYPES = ("integer", "bigint", "text", "varchar(20)", "boolean", "date", "numeric(10,2)")
DEFAULTS = {"integer": "0", "bigint": "1", "text": "'x'", "varchar(20)": "'y'", "boolean": "false",
            "date": None, "numeric(10,2)": "0"}
NAMES = ("a", "b", "c", "d", "e")


@st.composite
def columns(draw, types=TYPES):
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    out = [Column("id", "integer", nullable=False, raw_type="integer")]
    for name in names:
        type_ = draw(st.sampled_from(types))
        default = DEFAULTS[type_] if draw(st.booleans()) else None
        out.append(Column(name, type_, nullable=draw(st.booleans()), default=default, raw_type=type_,
                          raw_default=default))
    return tuple(out)


@st.composite
def tables(draw, name, types=TYPES):
    cols = draw(columns(types))
    others = [c.name for c in cols if c.name != "id"]
    indexes = tuple(Index(f"{name}_{c}_idx", (c,)) for c in others if draw(st.booleans()))
    uniques = tuple(UniqueConstraint((c,), f"{name}_{c}_key") for c in others[:1] if draw(st.booleans()))
    return Table(name, "public", columns=cols, primary_key=PrimaryKey(("id",), f"{name}_pkey"), indexes=indexes,
                 uniques=uniques, row_estimate=draw(st.sampled_from([0, 10, None])))


@st.composite
def schemas(draw, types=TYPES):
    names = draw(st.lists(st.sampled_from(("t1", "t2", "t3")), min_size=1, max_size=3, unique=True))
    return build_schema("postgresql", [draw(tables(n, types)) for n in names], schemas=("public",))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expected=schemas(), live=schemas())
def test_plan_converges_and_its_downgrade_returns(expected, live):
    scan = scan_schemas(expected, live)
    plan = build_plan(scan, resolve(scan, None, "reject", True))
    assert [f.id for f in scan_schemas(expected, plan.after()).findings] == []
    back = plan.after()
    for op in plan.downgrade:
        back = op.apply_to(back)
    assert [f.id for f in scan_schemas(live, back).findings] == []
    assert len(statements(plan)) >= len([op for op in plan.operations if op.finding_ids])
    downgrade_statements(plan)  # renders

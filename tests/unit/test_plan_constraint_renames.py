"""Renaming keys and indexes in place: the downgrade names them back, and renames whose names collide are ordered
(a chain: the name is freed first; a swap: one steps aside through a free name), in the upgrade and the downgrade."""
from __future__ import annotations

from remedy.model import Index, Schema, Table
from remedy.plan import ops as o
from remedy.plan.build import renames_in_order


def _rename(old: str, new: str, kind: str = "index") -> o.RenameConstraint:
    return o.RenameConstraint(schema="public", table="t", kind=kind, old=old, new=new)


def _names_after(steps, names: set[str]) -> set[str]:
    now = set(names)
    for op in steps:
        assert op.old in now and op.new not in now, f"{op.title} collides: {sorted(now)}"
        now = (now - {op.old}) | {op.new}
    return now


def test_a_rename_is_undone_by_its_reverse_and_changes_the_model():
    model = Schema(dialect="postgresql", tables={("public", "t"): Table("t", "public", indexes=(Index("a", ("x",)),))})
    op = _rename("a", "b")
    after = op.apply_to(model)
    assert [i.name for i in after.table("public", "t").indexes] == ["b"]
    back = op.reverse()
    assert (back.old, back.new) == ("b", "a")
    assert back.apply_to(after) == model


def test_renames_that_do_not_collide_keep_their_order():
    steps = [_rename("a", "x"), _rename("b", "y")]
    assert renames_in_order(steps) == steps


def test_a_chain_frees_each_name_before_it_is_taken():
    steps = renames_in_order([_rename("b", "c"), _rename("c", "d")])
    assert _names_after(steps, {"b", "c"}) == {"c", "d"}


def test_a_swap_steps_aside_and_its_downgrade_swaps_back():
    steps = renames_in_order([_rename("a", "b"), _rename("b", "a")])
    assert len(steps) == 3
    assert _names_after(steps, {"a", "b"}) == {"a", "b"}
    downgrade = [op.reverse() for op in reversed(steps)]
    _names_after(downgrade, {"a", "b"})  # every step finds its name free


def test_other_operations_of_the_segment_stay_before_the_renames():
    column = o.RenameColumn(schema="public", table="t", old="c1", new="c2")
    steps = renames_in_order([_rename("a", "b"), column, _rename("b", "a")])
    assert steps[0] == column

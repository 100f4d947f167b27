"""MariaDB/MySQL partitioning in a plan: every partition finding of a table asks for one change of the table's
partitioning (``Repartition``: the statements come from remedy.sources.partitions_mysql.steps), deduplicated.

Order: a table whose partitioning goes away, or is keyed otherwise, loses it first (REMOVE PARTITIONING, before any
key or foreign key changes: a partitioned table takes no foreign key, and each unique key must hold the partitioning
columns); a table is partitioned, or its partitions change, after its keys, constraints and indexes.

Refused, with a comment in the plan instead (and the table's other partitioning steps with it): a change that drops
a partition (and its rows) whose extra_partition finding is not decided ``drop``; partitioning a table that would
still have a foreign key (from it or to it), or a unique key without every column of the partitioning expression.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Mapping

from remedy import dialects
from remedy.decisions import Decision
from remedy.findings import Finding
from remedy.model import PrimaryKey, Schema, Table, UniqueConstraint
from remedy.plan import ops as o
from remedy.plan.hazards import rows_text
from remedy.plan.object_ops import Repartition
from remedy.sources.partitions_mysql import KEY, PART, Partitioning, of_table, same_key, steps


def is_partitioning(f: Finding, live: Schema) -> bool:
    kinds = {(side or {}).get("kind") for side in (f.expected, f.actual)}
    return dialects.get(live.dialect).partitions_with_table and bool(kinds & {KEY, PART})


def repartition_ops(f: Finding, d: Decision, live: Schema, expected: Schema) -> Iterator[tuple[str, o.Operation]]:
    table = live.table(f.schema, f.table)
    if table is None:
        return  # created with its partitions (CREATE TABLE ... PARTITION BY)
    old = of_table(live.objects, table.schema, table.name)
    new = _in_table(of_table(expected.objects, "", f.table), table)
    at = {"schema": table.schema, "table": table.name}
    if old.key is not None and (new.key is None or not same_key(old, new)):
        yield "drop_fk", _with_hazards(Repartition(**at, old=old, new=Partitioning()), table)
        old = Partitioning()
    if new.key is not None:
        yield "object", _with_hazards(Repartition(**at, old=old, new=new), table)


def _in_table(state: Partitioning, table: Table) -> Partitioning:
    """The expected partitioning under the live table's database and name."""
    moved = lambda obj: replace(obj, schema=table.schema, table=table.name,  # noqa: E731
                                name=table.name if obj.kind == KEY else f"{table.name}.{obj.own_name}")
    return Partitioning(moved(state.key), tuple(moved(p) for p in state.parts)) if state.key else state


def _with_hazards(op: Repartition, table: Table) -> Repartition:
    found = []
    for step in steps(op.old, op.new, op.merge):
        names = ", ".join(p.own_name for p in step.parts)
        rows = rows_text(sum(p.rows or 0 for p in step.parts) if step.parts else table.row_estimate)
        if step.what == "drop":
            found.append(o.Hazard("data_loss", f"DROP PARTITION deletes {names} and its rows ({rows}); the downgrade "
                                               f"makes the partition again, empty"))
        elif step.what == "rewrite" and step.parts:
            found.append(o.Hazard("rewrite", f"the rows of {names} ({rows}) are copied into the new partitions; a "
                                             f"row that fits none of them makes the statement fail"))
        elif step.what == "rebuild":
            found.append(o.Hazard("rewrite", _rebuild(op, table)))
    return replace(op, hazards=tuple(found))


def _rebuild(op: Repartition, table: Table) -> str:
    rows = rows_text(table.row_estimate)
    if op.new.key is None:
        return f"REMOVE PARTITIONING copies {table.name} ({rows}) into one unpartitioned table"
    return (f"the table ({rows}) is copied into its new partitions (writes wait meanwhile); a row that fits no "
            f"partition makes it fail")


# --- what MariaDB refuses of a partitioned table ---------------------------------------------------

def refuse_what_cannot_run(ops: list[o.Operation], live: Schema, findings: tuple[Finding, ...],
                           decisions: Mapping[str, Decision]) -> list[o.Operation]:
    """The plan with each table's Repartition steps replaced by one comment where they would drop a partition not
    decided ``drop``, or partition a table MariaDB refuses to partition as the plan leaves it."""
    reasons = {}
    for op in ops:
        if isinstance(op, Repartition) and (op.schema, op.table) not in reasons:
            reason = _undecided_drop(op, findings, decisions) or _blocked(op, ops, live)
            if reason:
                reasons[(op.schema, op.table)] = reason
    out, said = [], set()
    for op in ops:
        where = (op.schema, op.table)
        if not isinstance(op, Repartition) or where not in reasons:
            out.append(op)
        elif where not in said:
            said.add(where)
            ids = tuple(dict.fromkeys(i for p in ops if isinstance(p, Repartition) and (p.schema, p.table) == where
                                      for i in p.finding_ids))
            out.append(o.Comment(schema=op.schema, table=op.table, finding_ids=ids,
                                 text=f"partitioning of {op.table} not changed: {reasons[where]}"))
    return out


def _undecided_drop(op: Repartition, findings: tuple[Finding, ...], decisions: Mapping[str, Decision]) -> str:
    key = dialects.get("mysql").name_key
    lost = [p for step in steps(op.old, op.new, op.merge) if step.what == "drop" for p in step.parts]
    for part in lost:
        found = next((f for f in findings if f.kind == "extra_partition" and key(f.table) == key(op.table)
                      and key(f.object or "") == key(part.own_name)), None)
        decision = decisions.get(found.id) if found is not None else None
        if decision is None or decision.action != "drop":
            return (f"it drops partition {part.own_name} and its rows ({rows_text(part.rows)}), which is not "
                    f"decided (a drop decision, or --allow-destructive, drops it)")
    return ""


def _blocked(op: Repartition, ops: list[o.Operation], live: Schema) -> str:
    """Why MariaDB would refuse to partition the table as the plan leaves it ("" where it would not)."""
    table = live.table(op.schema, op.table)
    if op.old.key is not None or op.new.key is None or table is None:
        return ""
    rules = dialects.get("mysql")
    mine = [p for p in ops if (p.schema, p.table) == (op.schema, op.table)]
    dropped = {rules.name_key(p.name) for p in mine if isinstance(p, o.DropConstraint)}
    dropped |= {rules.name_key(p.index.name) for p in mine if isinstance(p, o.DropIndex)}
    pk_dropped = any(isinstance(p, o.DropConstraint) and isinstance(p.constraint, PrimaryKey) for p in mine)
    for other, fk in _foreign_keys(live, table):
        if not any(isinstance(p, o.DropConstraint) and (p.schema, p.table) == (other.schema, other.name)
                   and rules.name_key(p.name) == rules.name_key(fk.name or "") for p in ops):
            return (f"foreign key {fk.name} of {other.name} would remain (MariaDB: a partitioned InnoDB table has "
                    f"no foreign keys, from it or to it); drop it first (a drop decision, or --allow-destructive)")
    columns = {rules.name_key(c.name) for c in table.columns}
    needed = rules.names_in(op.new.key.definition.split(" SUBPARTITION BY ")[0]) & columns
    for name, keyed in _unique_keys(table, mine, dropped, pk_dropped):
        missing = sorted(needed - {rules.name_key(c) for c in keyed})
        if missing:
            return (f"unique key {name} ({', '.join(keyed)}) lacks {', '.join(missing)} of the partitioning "
                    f"expression (MariaDB: every unique key of a partitioned table holds its columns)")
    return ""


def _foreign_keys(live: Schema, table: Table):
    for other in live.iter_tables():
        for fk in other.foreign_keys:
            if other is table or (fk.ref_schema or other.schema, fk.ref_table) == (table.schema, table.name):
                yield other, fk


def _unique_keys(table: Table, mine: list[o.Operation], dropped: set[str], pk_dropped: bool):
    """(name, columns) of every unique key the table has once the plan's key changes are made."""
    key = dialects.get("mysql").name_key
    if table.primary_key is not None and not pk_dropped:
        yield "PRIMARY", table.primary_key.columns
    yield from ((u.name, u.columns) for u in table.uniques if key(u.name or "") not in dropped)
    yield from ((i.name, i.columns) for i in table.indexes if i.unique and key(i.name) not in dropped)
    for op in mine:
        if isinstance(op, o.AddConstraint) and isinstance(op.constraint, (PrimaryKey, UniqueConstraint)):
            yield op.name, op.constraint.columns
        elif isinstance(op, o.CreateIndex) and op.index.unique:
            yield op.index.name, op.index.columns


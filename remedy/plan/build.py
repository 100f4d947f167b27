"""Findings + decisions -> an ordered Plan of operations.

Order: schemas -> extensions -> enums -> dropped foreign keys -> dropped keys, checks and indexes (extra or
redefined: dependants before what they depend on) -> tables (topologically by foreign key) -> renames
-> added columns -> type changes -> column kinds -> nullability and defaults -> keys -> foreign keys
and checks -> indexes -> objects -> dropped columns -> detached partitions attached again (remedy.plan.attach)
-> dropped tables -> dropped enums -> dropped extensions (remedy.plan.extensions) -> dropped schemas. A key dropped
to be redefined takes the foreign keys that reference it along (dropped before, added again after). Each operation carries the finding
ids it settles and its hazards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, Mapping

from remedy import dialects
from remedy.decided_types import decided_types
from remedy.decisions import Decision
from remedy.diff.detached import expected_partition
from remedy.errors import RemedyError
from remedy.findings import Finding, ScanResult
from remedy.model import (CheckConstraint, Column, Enum, ForeignKey, PrimaryKey, Schema, SchemaObject, Table,
                          TableOptions, UniqueConstraint, constraint_label)
from remedy.plan import ops as o
from remedy.plan.attach import attach_where_it_can
from remedy.plan.dialect import backfill_value, for_dialect
from remedy.plan.hazards import hazards_for
from remedy.plan.object_ops import DropObject, Repartition
from remedy.plan.objects import (held_with, is_object_finding, object_ops, public_default_revoked, sort_objects,
                                 with_cascades, with_dependants, with_trigger_order)
from remedy.plan.partitions import refuse_what_cannot_run
from remedy.plan.extensions import settle_extension_drops
from remedy.plan.renamed_keys import keys_that_follow_renames
from remedy.sources.object_ddl import inherited_from
from remedy.model import TYPE_FROM_CODE

RANKS = ("drop_object", "schema", "extension", "enum", "early_object", "drop_fk", "drop_key", "table", "rename", "add",
         "type", "kind", "nullability", "key", "constraint", "index", "object", "drop_column", "attach", "drop_table",
         "drop_enum", "drop_extension", "drop_schema")


@dataclass(frozen=True)
class Plan:
    operations: tuple[o.Operation, ...]
    dialect: str
    before: Schema  # the live schema the plan starts from
    expected: Schema | None = None
    decisions: Mapping[str, Decision] = field(default_factory=dict)

    @property
    def hazards(self) -> tuple[o.Hazard, ...]:
        return tuple(h for op in self.operations for h in op.hazards)

    @property
    def downgrade(self) -> tuple[o.Operation, ...]:
        return tuple(op.reverse() for op in reversed(self.operations))

    @property
    def finding_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fid for op in self.operations for fid in op.finding_ids))

    @property
    def unplanned_ids(self) -> tuple[str, ...]:
        """The findings only a comment of the plan speaks of: it says why it does not settle them."""
        planned = {fid for op in self.operations if not isinstance(op, o.Comment) for fid in op.finding_ids}
        return tuple(fid for fid in self.finding_ids if fid not in planned)

    @property
    def empty(self) -> bool:
        return not any(not isinstance(op, o.Comment) for op in self.operations)

    def after(self) -> Schema:
        """The live model with every operation applied."""
        model = self.before
        for op in self.operations:
            model = op.apply_to(model)
        return model


def build_plan(scan: ScanResult, decisions: Mapping[str, Decision]) -> Plan:
    live, expected = scan.live, scan.expected
    ranked: list[tuple[int, int, o.Operation]] = []
    for index, finding in enumerate(scan.findings):
        decision = decisions.get(finding.id)
        if decision is None or decision.action == "skip":
            continue
        builder = _BUILDERS.get(finding.kind) or (object_ops if is_object_finding(finding) else None)
        if builder is None:
            continue
        for rank, op in builder(finding, decision, live, expected):
            ranked.append((RANKS.index(rank), index, replace(op, finding_ids=(finding.id,))))
    ranked = keys_that_follow_renames(ranked, live, RANKS.index("rename"))
    ranked += _referencing_keys(ranked, live)
    ranked += _keys_over_retyped_columns(ranked, live)
    ordered = with_trigger_order(with_cascades(with_dependants(_order(_fold_defaults(ranked), live), live), live), live)
    settled = attach_where_it_can(refuse_what_cannot_run(_dedupe(ordered), live, scan.findings, decisions), live,
                                  expected)
    settled = settle_extension_drops(settled, live)
    return Plan(tuple(_with_hazards(op, live) for op in settled), live.dialect, live, expected, dict(decisions))


def _fold_defaults(ranked: list[tuple[int, int, o.Operation]]) -> list[tuple[int, int, o.Operation]]:
    """A default change on a column whose type changes goes with the type change (and its reverse)."""
    out = list(ranked)
    retyped = {(op.schema, op.table, op.column): i for i, (_, _, op) in enumerate(out)
               if isinstance(op, o.AlterColumnType)}
    folded: set[int] = set()
    for i, (_, _, op) in enumerate(ranked):
        key = (op.schema, op.table, op.column.name) if isinstance(op, o.AlterDefault) else None
        if key not in retyped:
            continue
        rank, index, typed = out[retyped[key]]
        to_type = replace(typed.to_type, default=op.normalized, raw_default=op.default)
        out[retyped[key]] = (rank, index, replace(typed, to_type=to_type, default_changed=True,
                                                  finding_ids=typed.finding_ids + op.finding_ids))
        folded.add(i)
    return [item for i, item in enumerate(out) if i not in folded]


def _order(ranked: list[tuple[int, int, o.Operation]], live: Schema) -> list[o.Operation]:
    ranked.sort(key=lambda item: (item[0], item[1]))
    out: list[o.Operation] = []
    deferred: list[o.Operation] = []
    for rank, name in enumerate(RANKS):
        segment = [op for r, _, op in ranked if r == rank]
        if name == "table":
            segment, deferred = _break_cycles(topological(segment), live)
        elif name == "constraint":
            segment = deferred + segment
        elif name == "drop_table":
            segment = list(reversed(topological(segment)))
        elif name == "rename":
            segment = renames_in_order(segment)
        elif name in ("early_object", "object"):
            segment = sort_objects(segment)
        elif name == "drop_object":
            segment = list(reversed(sort_objects(segment)))
        out += segment
    return out


def renames_in_order(segment: list[o.Operation]) -> list[o.Operation]:
    """Constraint and index renames whose new name another rename frees go after it (b to c before a to b); names
    swapped in a cycle (a to b, b to a) go through a free name. Only where names collide: else as they came."""
    renames = [op for op in segment if isinstance(op, o.RenameConstraint)]
    holders = {(op.schema, op.old): op for op in renames}
    if not any((op.schema, op.new) in holders for op in renames):
        return segment
    placed: list[o.Operation] = []
    later: list[o.Operation] = []
    done: set[int] = set()

    def place(op: o.RenameConstraint, path: frozenset[int]) -> None:
        blocker = holders.get((op.schema, op.new))
        if blocker is not None and blocker is not op and id(blocker) not in done:
            if id(blocker) in path:  # a cycle: this one steps aside first, and takes its name last
                free = f"remedy_renaming_{len(later) + 1}"
                placed.append(replace(op, new=free))
                later.append(replace(op, old=free))
                done.add(id(op))
                return
            place(blocker, path | {id(op)})
        if id(op) not in done:
            placed.append(op)
            done.add(id(op))

    for op in renames:
        place(op, frozenset({id(op)}))
    return [op for op in segment if not isinstance(op, o.RenameConstraint)] + placed + later


def _break_cycles(tables: list[o.Operation], live: Schema) -> tuple[list[o.Operation], list[o.Operation]]:
    """Tables that reference each other: a foreign key to a table not created yet is added after them all."""
    made = set(live.tables)
    out: list[o.Operation] = []
    later: list[o.Operation] = []
    for op in tables:
        table = op.definition
        made.add(_key_of(table))
        early = tuple(fk for fk in table.foreign_keys
                      if (fk.ref_schema or table.schema, fk.ref_table) in made and _key_ready(live, table, fk))
        for fk in table.foreign_keys:
            if fk not in early:
                later.append(o.AddConstraint(schema=op.schema, table=table.name, constraint=fk,
                                             name=constraint_name(table, fk, live.dialect),
                                             finding_ids=op.finding_ids))
        out.append(op if len(early) == len(table.foreign_keys) else
                   replace(op, definition=replace(table, foreign_keys=early)))
    return out, later


def _referencing_keys(ranked: list[tuple[int, int, o.Operation]], live: Schema) -> list[tuple[int, int, o.Operation]]:
    """A primary key or unique key dropped and added again takes the live foreign keys that reference it
    along: each is dropped before it and added again after (PostgreSQL refuses to drop a referenced key)."""
    dropped = {(op.schema, op.table, op.name) for _, _, op in ranked if isinstance(op, o.DropConstraint)}
    added = {(op.schema, op.table, frozenset(_key_columns(op))): rank for rank, _, op in ranked
             if isinstance(op, (o.AddConstraint, o.CreateIndex))}
    out = []
    for _, index, op in ranked:
        key = _dropped_key(op)
        if key is None or (op.schema, op.table, frozenset(key)) not in added:
            continue
        again = max(RANKS.index("constraint"), added[op.schema, op.table, frozenset(key)])  # after the new key
        for table, fk in _references(live, op.schema, op.table, key):
            name = constraint_name(table, fk, live.dialect)
            if (table.schema, table.name, name) in dropped:
                continue
            dropped.add((table.schema, table.name, name))
            at = {"schema": table.schema, "table": table.name, "finding_ids": op.finding_ids}
            out += [(RANKS.index("drop_fk"), index, o.DropConstraint(**at, constraint=fk, name=name)),
                    (again, index, o.AddConstraint(**at, constraint=fk, name=name))]
    return out


def _keys_over_retyped_columns(ranked: list[tuple[int, int, o.Operation]],
                               live: Schema) -> list[tuple[int, int, o.Operation]]:
    """Where a foreign key's columns must keep the type of those they reference while they change (MariaDB:
    errno 150), each live foreign key from or to a retyped column is dropped before and added again after."""
    if not dialects.get(live.dialect).retyping_needs_foreign_keys_off:
        return []
    taken = {(op.schema, op.table, op.name) for _, _, op in ranked if isinstance(op, o.DropConstraint)}
    retyped = {(op.schema, op.table, op.column): (index, op.finding_ids) for _, index, op in ranked
               if isinstance(op, o.AlterColumnType)}
    out = []
    for table in live.iter_tables():
        for fk in table.foreign_keys:
            found = _retyped_side(retyped, table, fk)
            name = constraint_name(table, fk, live.dialect)
            if found is None or (table.schema, table.name, name) in taken:
                continue
            taken.add((table.schema, table.name, name))
            index, finding_ids = found
            at = {"schema": table.schema, "table": table.name, "finding_ids": finding_ids}
            out += [(RANKS.index("drop_fk"), index, o.DropConstraint(**at, constraint=fk, name=name)),
                    (RANKS.index("constraint"), index, o.AddConstraint(**at, constraint=fk, name=name))]
    return out


def _retyped_side(retyped: dict, table: Table, fk: ForeignKey) -> tuple[int, tuple[str, ...]] | None:
    """(plan position, finding ids) of a type change of one of the key's columns or of one it references."""
    ref_schema = fk.ref_schema or table.schema
    mine = [(table.schema, table.name, c) for c in fk.columns]
    theirs = [(ref_schema, fk.ref_table, c) for c in fk.ref_columns]
    return next((retyped[key] for key in mine + theirs if key in retyped), None)


def _key_columns(op: o.AddConstraint | o.CreateIndex) -> tuple[str, ...]:
    if isinstance(op, o.CreateIndex):
        return op.index.columns if op.index.unique else ()
    return op.constraint.columns if isinstance(op.constraint, (PrimaryKey, UniqueConstraint)) else ()


def _dropped_key(op: o.Operation) -> tuple[str, ...] | None:
    if isinstance(op, o.DropConstraint) and isinstance(op.constraint, (PrimaryKey, UniqueConstraint)):
        return op.constraint.columns
    if isinstance(op, o.DropIndex) and op.index.unique and not op.index.where:
        return op.index.columns
    return None


def _references(live: Schema, schema: str, table: str, key: tuple[str, ...]) -> Iterator[tuple[Table, ForeignKey]]:
    target = live.table(schema, table)
    primary = target.primary_key.columns if target is not None and target.primary_key else ()
    for other in live.iter_tables():
        for fk in other.foreign_keys:
            if fk.ref_table == table and (fk.ref_schema or other.schema) == schema \
                    and set(fk.ref_columns or primary) == set(key):
                yield other, fk


def _key_ready(live: Schema, table: Table, fk: ForeignKey) -> bool:
    """Whether the key a new table's foreign key references exists before the plan's keys are added: in a
    table created with it, or already in the live one (a unique key the plan adds comes later)."""
    target = live.table(fk.ref_schema or table.schema, fk.ref_table)
    if target is None:
        return True
    wanted = set(fk.ref_columns) or set(target.primary_key.columns if target.primary_key else ())
    keys = [u.columns for u in target.uniques] + [i.columns for i in target.indexes if i.unique and not i.where]
    keys += [target.primary_key.columns] if target.primary_key else []
    return any(set(k) == wanted for k in keys)


def _dedupe(ops: list[o.Operation]) -> list[o.Operation]:
    """One CreateEnum per enum, whichever findings asked for it; one drop per constraint or index (an
    extra column's drop takes its keys along, which may be extra findings of their own)."""
    seen: dict[tuple, int] = {}
    out: list[o.Operation] = []
    for op in ops:
        key = _once_key(op)
        if key is not None and key in seen:
            first = out[seen[key]]
            out[seen[key]] = replace(first, finding_ids=tuple(dict.fromkeys(first.finding_ids + op.finding_ids)))
            continue
        if key is not None:
            seen[key] = len(out)
        out.append(op)
    return out


def _once_key(op: o.Operation) -> tuple | None:
    if isinstance(op, Repartition):  # every partition finding of a table asks for the same change
        return ("repartition", op.schema, op.table, op.old.key is None, op.new.key is None)
    if isinstance(op, o.CreateEnum):
        return ("enum", op.enum.schema, op.enum.name)
    if isinstance(op, o.DropConstraint):
        return ("drop", op.schema, op.table, op.name)
    if isinstance(op, o.DropIndex):
        return ("drop index", op.schema, op.table, op.index.name)
    return None
def _key_of(table: Table) -> tuple[str, str]:
    return (table.schema, table.name)


def topological(ops: list[o.Operation]) -> list[o.Operation]:
    """Create/drop-table ops ordered so a referenced table comes before the tables referencing it."""
    by_name = {_key_of(op.definition): op for op in ops}
    done: list[o.Operation] = []
    visiting: set[tuple[str, str]] = set()

    def visit(name: tuple[str, str]) -> None:
        op = by_name.get(name)
        if op is None or op in done or name in visiting:
            return
        visiting.add(name)
        table = op.definition
        parents = op.inherits if isinstance(op, o.CreateTable) else ()
        for ref in sorted((fk.ref_schema or table.schema, fk.ref_table) for fk in table.foreign_keys):
            visit(ref)
        for parent in parents:
            visit(parent)
        visiting.discard(name)
        done.append(op)

    for name in sorted(by_name):
        visit(name)
    return done


def _with_hazards(op: o.Operation, live: Schema) -> o.Operation:
    table = live.table(op.schema, op.table) if op.table else None
    rows = table.row_estimate if table is not None else 0
    return replace(op, hazards=op.hazards + hazards_for(op, live.dialect, rows))


# --- lookups -------------------------------------------------------------------------------------

def find_table(model: Schema, schema: str, name: str) -> Table | None:
    """The table by (schema, name), or by name alone when the schemas are named differently."""
    found = model.table(schema, name)
    if found is not None:
        return found
    key = model.name_key
    matches = [t for t in model.tables.values() if key(t.name) == key(name)]
    return matches[0] if len(matches) == 1 else None


def _need_table(model: Schema, finding: Finding, which: str) -> Table:
    table = find_table(model, finding.schema, finding.table)
    if table is None and which == "expected":  # a detached partition's findings: the table it is to be attached
        table = expected_partition(model, finding.schema, finding.table)
    if table is None:
        raise RemedyError(f"{finding.id}: table {finding.table} is not in the {which} schema")
    return table


def _need_column(table: Table, name: str, finding: Finding, which: str, key) -> Column:
    column = table.column(name, key)
    if column is None:
        raise RemedyError(f"{finding.id}: column {table.name}.{name} is not in the {which} schema")
    return column


def _at(finding: Finding, live_table: Table | None = None) -> dict:
    """schema/table keyword arguments naming the live table (or the finding's)."""
    if live_table is not None:
        return {"schema": live_table.schema, "table": live_table.name}
    return {"schema": finding.schema, "table": finding.table}


# --- one builder per finding kind ----------------------------------------------------------------

Built = Iterator[tuple[str, o.Operation]]


def _missing_schema(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    yield "schema", o.CreateSchema(schema=f.schema)


def _extra_schema(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    yield "drop_schema", o.DropSchema(schema=f.schema)


def _missing_extension(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    yield "extension", o.CreateExtension(name=f.object or f.table)


def _extra_extension(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    """Dropped after the tables, columns, indexes and objects the plan drops (which may use what it provides) and
    before the schemas (one may hold it)."""
    have = f.actual or {}
    yield "drop_extension", o.DropExtension(name=f.object or "", installed_in=have.get("schema") or "",
                                            version=have.get("version") or "")


def _missing_enum_value(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    value = f.object or (f.expected or {}).get("value", "")
    current = _enum(live, f.schema, f.table)
    if current is None:
        wanted = _enum(expected, f.schema, f.table) or Enum(f.table, (value,), f.schema)
        yield "enum", o.CreateEnum(enum=replace(wanted, schema=f.schema or wanted.schema))
    else:
        wanted = _enum(expected, f.schema, f.table)
        yield "enum", o.AddEnumValue(schema=current.schema, table="", enum=current.name, value=value,
                                     before=_next_present(wanted.values if wanted else (), value, current.values))


def _next_present(wanted: tuple[str, ...], value: str, present: tuple[str, ...]) -> str | None:
    """The first value after ``value`` in the expected order that the live enum has: the new value goes
    before it (None: at the end). Values added in the expected order land where they are expected."""
    later = wanted[wanted.index(value) + 1:] if value in wanted else ()
    return next((v for v in later if v in present), None)


def _enum(model: Schema, schema: str, name: str) -> Enum | None:
    return model.enums.get((schema, name)) or next(
        (e for e in model.enums.values() if e.name == name), None)


def _enum_order_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    yield "enum", o.Comment(text=f"enum {f.table}: PostgreSQL cannot reorder an enum's values; recreate the type "
                                 f"(values {', '.join((f.expected or {}).get('values', []))}) and recast its columns")


def _extra_enum(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    yield "drop_enum", o.DropEnum(enum=_enum(live, f.schema, f.table) or Enum(f.table, (), f.schema))


def _missing_enum(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    wanted = _enum(expected, f.schema, f.table) or Enum(f.table, tuple((f.expected or {}).get("values", ())))
    yield "enum", o.CreateEnum(enum=replace(wanted, schema=f.schema))
    revoked = public_default_revoked(SchemaObject("enum", wanted.schema or f.schema, wanted.name), expected)
    if revoked is not None:  # the expected side took PUBLIC's USAGE away
        yield "object", DropObject(schema=f.schema, table=revoked.table, obj=replace(revoked, schema=f.schema))


def _missing_table(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    wanted = _need_table(expected, f, "expected")
    columns = _typed(f, d, tuple(for_dialect(c, expected.dialect, live.dialect) for c in wanted.columns), live)
    table = replace(wanted, schema=f.schema, columns=columns, indexes=())
    for enum in _enums_needed(table, live, expected):
        yield "enum", o.CreateEnum(enum=enum)
    same = expected.dialect == live.dialect
    clause = dialects.get(live.dialect).partition_clause(expected.objects, wanted.schema, wanted.name) if same else ""
    inherits = _parents(expected, wanted, f.schema) if same else ()
    yield "table", o.CreateTable(schema=table.schema, table=table.name, definition=table, partition_by=clause,
                                 inherits=inherits)
    yield from _named_not_nulls(table.schema, table.name, (c for c in table.columns if not (
        inherits and (c.inherited_only or c.not_null_inherited))), live)
    for index in wanted.indexes:
        yield "index", o.CreateIndex(schema=table.schema, table=table.name, index=index)


def _parents(expected: Schema, table: Table, schema: str) -> tuple[tuple[str, str], ...]:
    """The tables an expected table inherits from (PostgreSQL), in order, in the live namespace ``schema`` where they
    share the table's: a missing child is made with INHERITS (...), so that what it inherits stays its parents'
    (made apart and then given its parents, its inherited columns would be its own: pg_dump writes them)."""
    found = expected.objects.get(("inheritance", table.schema, table.name))
    if found is None:
        return ()
    return tuple((schema if s == table.schema else s, name) for s, name in inherited_from(found))


def _named_not_nulls(schema: str, table: str, columns: Iterable[Column], live: Schema) -> Built:
    """PostgreSQL 18: a column the plan makes NOT NULL gets the name the server chooses (t_col_not_null); one the
    expected side names otherwise (a child's inherited name, a name written in the DDL) is renamed after."""
    for column in columns:
        wanted = _named_set(column, table, live)
        if wanted:
            given = dialects.get(live.dialect).implicit_name(table, column.name, "not_null")
            yield "nullability", o.RenameConstraint(schema=schema, table=table, kind="not null", column=column.name,
                                                    old=given, new=wanted)


def _enums_needed(table: Table, live: Schema, expected: Schema) -> Iterator[Enum]:
    if not dialects.get(live.dialect).named_enums:
        return
    for column in table.columns:
        enum = _enum(expected, table.schema, column.type)
        if enum is not None and _enum(live, table.schema, column.type) is None:
            yield replace(enum, schema=table.schema)


def _extra_table(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    clause = dialects.get(live.dialect).partition_clause(live.objects, table.schema, table.name)
    yield "drop_table", o.DropTable(**_at(f, table), definition=table, partition_by=clause,
                                    inherits=_parents(live, table, table.schema), kept=held_with(live, table))


def _missing_column(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    live_table = _need_table(live, f, "live")
    wanted = _expected_column(f, live, expected)
    if d.action == "rename":
        old = _need_column(live_table, d.from_column, f, "live", live.name_key)
        yield "rename", o.RenameColumn(**_at(f, live_table), old=old.name, new=wanted.name)
        if old.not_null_name and _not_null_name(wanted, live) and old.not_null_name != wanted.not_null_name:
            # PostgreSQL 18: the NOT NULL keeps the name it had for the old column (t_old_not_null)
            yield "rename", o.RenameConstraint(**_at(f, live_table), kind="not null", column=wanted.name,
                                               old=old.not_null_name, new=wanted.not_null_name)
        yield from _align(live_table, replace(old, name=wanted.name), wanted, d,
                          _named_set(wanted, live_table.name, live))
        return
    copy_from = None
    if d.action == "add_copy":
        copy_from = _need_column(live_table, d.from_column, f, "live", live.name_key).name
    typed = _typed(f, d, (wanted,), live)
    backfill = d.value if d.action == "add" and typed[0] is wanted else None
    column = typed[0]
    yield "add", o.AddColumn(**_at(f, live_table), column=column, copy_from=copy_from,
                             cast=d.value if d.action == "add_copy" else None,
                             backfill=backfill if backfill is not None else neutral_value(column, expected,
                                                                                          live.dialect))
    yield from _named_not_nulls(live_table.schema, live_table.name, (column,), live)


def _typed(f: Finding, d: Decision, columns: tuple[Column, ...], live: Schema) -> tuple[Column, ...]:
    """The columns with the types the decision gives those only the code names (remedy.decided_types)."""
    types = decided_types(f, d.value, live.dialect)
    return tuple(replace(c, raw_type=types[c.name], comment=f"{TYPE_FROM_CODE}the decision on {f.id}")
                 if c.name in types else c for c in columns)


def _expected_column(f: Finding, live: Schema, expected: Schema) -> Column:
    """The expected column, spelled for the live dialect."""
    column = _need_column(_need_table(expected, f, "expected"), f.column, f, "expected", expected.name_key)
    return for_dialect(column, expected.dialect, live.dialect)


def _align(table: Table, current: Column, wanted: Column, d: Decision, not_null_name: str | None = None) -> Built:
    """After a rename: bring the column's type, default and nullability to what is expected."""
    at = {"schema": table.schema, "table": table.name}
    if wanted.type and wanted.type != current.type:
        yield "type", o.AlterColumnType(**at, column=current.name, from_type=current, to_type=wanted, using=d.value)
    if wanted.type and wanted.default != current.default:
        yield "nullability", o.AlterDefault(**at, column=current, default=wanted.raw_default,
                                            normalized=wanted.default)
    if wanted.type and wanted.nullable != current.nullable:
        yield "nullability", o.AlterNullability(**at, column=current, nullable=wanted.nullable,
                                                constraint_name=not_null_name)


def neutral_value(column: Column, expected: Schema | None = None, dialect: str = "") -> str | None:
    """A harmless value for existing rows, as a literal of ``dialect`` (the live database's)."""
    enum = _enum(expected, "", column.type.split("(")[0]) if expected is not None else None
    return backfill_value(column, enum.values if enum is not None else (), dialect)


def _extra_column(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    column = _need_column(table, f.column, f, "live", live.name_key)
    # what goes with the column is dropped first, explicitly, so the downgrade brings it back
    for constraint in _constraints_on(table, column.name):
        yield "drop_column", o.DropConstraint(**_at(f, table), constraint=constraint,
                                              name=constraint_name(table, constraint, live.dialect))
    for index in table.indexes:  # after the foreign keys (MariaDB keeps an index for each)
        if column.name in _indexed_names(index):
            yield "drop_column", o.DropIndex(**_at(f, table), index=index)
    yield "drop_column", o.DropColumn(**_at(f, table), column=column)


_INDEXED = re.compile(r'[`"]?([A-Za-z_][\w$]*)[`"]?(?:\(\d+\))?')


def _indexed_names(index) -> set[str]:
    """The columns an index reads, from its column texts (quoted, or with a MariaDB prefix length)."""
    return {m.group(1) for text in index.columns if (m := _INDEXED.fullmatch(text.strip()))}


def _constraints_on(table: Table, column: str) -> Iterator:
    word = re.compile(rf"\b{re.escape(column.lower())}\b")
    yield from (u for u in table.uniques if column in u.columns)
    yield from (fk for fk in table.foreign_keys if column in fk.columns)
    yield from (c for c in table.checks if word.search(c.expression.lower()))


def _type_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    current = _need_column(table, f.column, f, "live", live.name_key)
    wanted = _expected_column(f, live, expected)
    yield "type", o.AlterColumnType(**_at(f, table), column=current.name, from_type=current, to_type=wanted,
                                    using=d.value)


def _nullability_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    current = _need_column(table, f.column, f, "live", live.name_key)
    wanted = _need_column(_need_table(expected, f, "expected"), f.column, f, "expected", expected.name_key)
    yield "nullability", o.AlterNullability(**_at(f, table), column=current, nullable=wanted.nullable,
                                            backfill=d.value, constraint_name=_named_set(wanted, table.name, live))


def _named_set(wanted: Column, table: str, live: Schema) -> str | None:
    """The name SET NOT NULL must give (ADD CONSTRAINT name NOT NULL), where the server would choose another: None
    where it would choose the expected one (a plain SET NOT NULL, as a reviewer expects to read)."""
    name = _not_null_name(wanted, live)
    return name if name and name != dialects.get(live.dialect).implicit_name(table, wanted.name, "not_null") else None


def _not_null_name(wanted: Column, live: Schema) -> str | None:
    """The name a NOT NULL the plan sets must have (PostgreSQL 18: the expected constraint's; a partition's is
    its parent's), where the live server names them."""
    if wanted.nullable or not wanted.not_null_name:
        return None
    return wanted.not_null_name if dialects.get(live.dialect).names_not_null(live.server_version) else None


def _default_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    current = _need_column(table, f.column, f, "live", live.name_key)
    wanted = _expected_column(f, live, expected)
    if dialects.get(live.dialect).generated_storage and (current.kind or wanted.kind).startswith("generated"):
        # MariaDB/MySQL: a generation is no DEFAULT; the column is restated (or dropped and added)
        yield "kind", o.AlterColumnKind(**_at(f, table), from_column=current, to_column=replace(wanted, name=current.name))
        return
    raw = d.value if d.value is not None else wanted.raw_default if wanted.raw_default is not None \
        else wanted.default
    yield _numbering_rank(current, wanted), o.AlterDefault(**_at(f, table), column=current, default=raw, normalized=wanted.default)


def _numbering_rank(current: Column, wanted: Column) -> str:
    """AUTO_INCREMENT needs a key (MariaDB: "there can be only one auto column and it must be defined as a
    key"): it is taken away before keys are dropped, and given after they are added."""
    if current.identity == wanted.identity:
        return "nullability"
    return "drop_fk" if current.identity else "constraint"


def _missing_constraint(kind: str) -> Callable[..., Built]:
    def build(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
        table = _need_table(live, f, "live")
        wanted_table = _need_table(expected, f, "expected")
        constraint = _find_constraint(wanted_table, kind, f)
        name = constraint_name(table, constraint, live.dialect)
        if kind == "check" and not constraint.name and f.object:
            name = f.object  # the name the finding shows (table_columns_check, as PostgreSQL names one)
        rank = "key" if kind in ("primary_key", "unique") else "constraint"  # referenced keys first
        # A table has one primary key; a foreign key that exists with other ON DELETE/UPDATE actions
        # would, with a second key beside it, keep the old behaviour in force. Both are swapped.
        old = None
        if kind == "primary_key":
            old = table.primary_key
        elif kind == "foreign_key":
            old = _acting_differently(table, f)
        elif kind == "check":
            old = _named_alike(table, f)  # the check of that name holds other literals: swapped too
        elif kind == "unique" and (f.actual or {}).get("name_held_by") == "index":
            yield "drop_key", o.DropIndex(**_at(f, table), index=_live_index(table, f))  # frees the name
        if old is not None:
            old_name = constraint_name(table, old, live.dialect)
            yield _drop_rank(old), o.DropConstraint(**_at(f, table), constraint=old, name=old_name)
        yield rank, o.AddConstraint(**_at(f, table), constraint=constraint, name=name)
    return build


def _acting_differently(table: Table, f: Finding) -> ForeignKey | None:
    """The live key a missing_foreign_key finding names as the same key with other actions (its ``actual``)."""
    near = f.actual or {}
    if not near:
        return None
    return next((fk for fk in table.foreign_keys if fk.columns == tuple(near.get("columns") or ())
                 and fk.ref_table == near.get("references") and fk.name == near.get("name")), None)


def _named_alike(table: Table, f: Finding) -> CheckConstraint | None:
    """The live check a missing_check finding names as holding the name with another condition."""
    name = (f.actual or {}).get("name")
    return next((c for c in table.checks if name and c.name == name), None)


def _find_constraint(table: Table, kind: str, f: Finding):
    candidates = {"primary_key": (table.primary_key,) if table.primary_key else (),
                  "foreign_key": table.foreign_keys, "unique": table.uniques, "check": table.checks}[kind]
    for item in candidates:
        if _matches(item, f):
            return item
    if len(candidates) == 1 or kind == "primary_key" and candidates:
        return candidates[0]
    raise RemedyError(f"{f.id}: cannot find the expected {kind.replace('_', ' ')} in {table.name}")


def _matches(item, f: Finding) -> bool:
    wanted = f.object or ""
    expected = f.expected or {}
    columns = tuple(getattr(item, "columns", ()) or ())
    if getattr(item, "name", None) and item.name == wanted:
        return True
    if columns and (wanted in (",".join(columns), "_".join(columns), ", ".join(columns))
                    or tuple(expected.get("columns") or ()) == columns):
        return True
    expression = getattr(item, "expression", None)
    return bool(expression) and expression in (wanted, expected.get("expression"), expected.get("check"))


def constraint_name(table: Table, constraint, dialect: str) -> str:
    if getattr(constraint, "name", None):
        return constraint.name
    cols = "_".join(getattr(constraint, "columns", ()) or ("expr",))
    kind = type(constraint).__name__
    suffix = {"PrimaryKey": "pkey", "ForeignKey": "fkey", "UniqueConstraint": "key", "CheckConstraint": "check"}
    if kind == "PrimaryKey":
        return dialects.get(dialect).primary_key_name(table.name)
    return f"{table.name}_{cols}_{suffix[kind]}"[:63]


def _missing_index(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    wanted_table = _need_table(expected, f, "expected")
    index = next((i for i in wanted_table.indexes if i.name == f.object), None) or next(
        (i for i in wanted_table.indexes if _matches(i, f)), None)
    if index is None:
        raise RemedyError(f"{f.id}: cannot find the expected index in {wanted_table.name}")
    if (f.actual or {}).get("name_held_by") == "unique":  # the unique key of that name goes first
        held = named_constraint(table, "unique", f.object, f)
        yield "drop_key", o.DropConstraint(**_at(f, table), constraint=held,
                                           name=constraint_name(table, held, live.dialect))
    yield "index", o.CreateIndex(**_at(f, table), index=index)


def _drop_rank(constraint) -> str:
    return "drop_fk" if isinstance(constraint, ForeignKey) else "drop_key"


def _add_rank(constraint) -> str:
    return "constraint" if isinstance(constraint, (ForeignKey, CheckConstraint)) else "key"


_FIELD = o.CONSTRAINT_FIELDS
_EXTRA_WHAT = {"extra_primary_key": "primary key", "extra_unique": "unique", "extra_foreign_key": "foreign key",
               "extra_check": "check", "extra_exclusion": "exclusion", "missing_exclusion": "exclusion"}


def named_constraint(table: Table, what: str, name: str | None, f: Finding):
    """The table's constraint of that kind and name (its primary key, whatever its name)."""
    if what == "primary key":
        if table.primary_key is None:
            raise RemedyError(f"{f.id}: {table.name} has no primary key")
        return table.primary_key
    found = next((c for c in getattr(table, _FIELD[what]) if c.name == name), None) or next(
        (c for c in getattr(table, _FIELD[what]) if not c.name and constraint_label(table.name, what, c) == name), None)
    if found is None:
        raise RemedyError(f"{f.id}: cannot find the {what} {name} in {table.name}")
    return found


def _extra_constraint(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    constraint = named_constraint(table, _EXTRA_WHAT[f.kind], f.object, f)
    yield _drop_rank(constraint), o.DropConstraint(**_at(f, table), constraint=constraint,
                                                   name=constraint_name(table, constraint, live.dialect))


def _missing_exclusion(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    wanted = named_constraint(_need_table(expected, f, "expected"), "exclusion", f.object, f)
    yield "key", o.AddConstraint(**_at(f, table), constraint=wanted, name=wanted.name)


def _constraint_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    """Redefined under its name: the old one is dropped first, then the expected one added."""
    what = (f.actual or {}).get("kind", "")
    table = _need_table(live, f, "live")
    old = named_constraint(table, what, f.object, f)
    wanted_table = _need_table(expected, f, "expected")
    wanted = named_constraint(wanted_table, what, _expected_name(wanted_table, what, f.object), f)
    yield _drop_rank(old), o.DropConstraint(**_at(f, table), constraint=old,
                                            name=constraint_name(table, old, live.dialect))
    yield _add_rank(wanted), o.AddConstraint(**_at(f, table), constraint=wanted,
                                             name=constraint_name(table, old, live.dialect))


def _expected_name(table: Table, what: str, name: str | None) -> str | None:
    """The expected constraint's own spelling of a name the live one has (names compare exactly on
    PostgreSQL, case-insensitively elsewhere)."""
    if what == "primary key":
        return name
    names = [c.name for c in getattr(table, _FIELD[what]) if c.name]
    return name if name in names else next((n for n in names if n.lower() == (name or "").lower()), name)


def _extra_index(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    yield "drop_key", o.DropIndex(**_at(f, table), index=_live_index(table, f))


def _live_index(table: Table, f: Finding):
    index = next((i for i in table.indexes if i.name == f.object), None)
    if index is None:
        raise RemedyError(f"{f.id}: cannot find the index {f.object} in {table.name}")
    return index


def _index_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    yield from _extra_index(f, d, live, expected)
    table = _need_table(live, f, "live")
    wanted_table = _need_table(expected, f, "expected")
    wanted = next((i for i in wanted_table.indexes if i.name.lower() == (f.object or "").lower()), None)
    if wanted is None:
        raise RemedyError(f"{f.id}: cannot find the expected index in {wanted_table.name}")
    yield "index", o.CreateIndex(**_at(f, table), index=replace(wanted, name=f.object))


def _name_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    """Renamed in place: what it is stays as it is."""
    table = _need_table(live, f, "live")
    kind, new = (f.expected or {}).get("kind", ""), (f.expected or {}).get("name", "")
    if not kind or not new or not f.object:
        raise RemedyError(f"{f.id}: the finding does not say what to rename to")
    yield "rename", o.RenameConstraint(**_at(f, table), kind=kind, old=f.object, new=new, column=f.column or "")


def _column_kind_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    current = _need_column(table, f.column, f, "live", live.name_key)
    wanted = replace(_expected_column(f, live, expected), name=current.name)
    yield "kind", o.AlterColumnKind(**_at(f, table), from_column=current, to_column=wanted)


def _table_flag_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    table = _need_table(live, f, "live")
    yield "kind", o.AlterTableFlag(**_at(f, table), flag=f.object, on=f.object not in table.flags)


def _attribute_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    """A MariaDB/MySQL comment (of a column or a table) or a column's visibility: restated in place."""
    if is_object_finding(f):  # PostgreSQL's COMMENT ON: an object of its own
        yield from object_ops(f, d, live, expected)
        return
    table = _need_table(live, f, "live")
    if f.column is None:
        wanted = _need_table(expected, f, "expected")
        yield "rename", o.AlterTableOptions(**_at(f, table), options=(("comment", wanted.comment),),
                                            before=(("comment", table.comment),))
        return
    current = _need_column(table, f.column, f, "live", live.name_key)
    wanted = _need_column(_need_table(expected, f, "expected"), f.column, f, "expected", expected.name_key)
    to = replace(current, invisible=wanted.invisible) if f.kind == "column_visibility_mismatch" \
        else replace(current, comment=wanted.comment)
    yield "nullability", o.AlterColumnAttributes(**_at(f, table), from_column=current, to_column=to)


def _table_option_mismatch(f: Finding, d: Decision, live: Schema, expected: Schema) -> Built:
    """Engine, row format, or the table's default charset and collation (only the default: each column whose
    charset differs has a type_mismatch of its own, so columns the expected side keeps apart stay apart)."""
    table = _need_table(live, f, "live")
    wanted = _need_table(expected, f, "expected").options or TableOptions()
    now = table.options or TableOptions()
    names = ("charset", "collation") if f.object in ("charset", "collation") else (f.object,)
    said = tuple((name, getattr(wanted, name)) for name in names if getattr(wanted, name) is not None)
    yield "rename", o.AlterTableOptions(**_at(f, table), options=said,
                                        before=tuple((name, getattr(now, name)) for name, _ in said))


_BUILDERS: dict[str, Callable[..., Built]] = {
    "table_flag_mismatch": _table_flag_mismatch,
    "missing_comment": _attribute_mismatch,
    "extra_comment": _attribute_mismatch,
    "comment_mismatch": _attribute_mismatch,
    "column_visibility_mismatch": _attribute_mismatch,
    "table_option_mismatch": _table_option_mismatch,
    "extra_primary_key": _extra_constraint,
    "extra_unique": _extra_constraint,
    "extra_foreign_key": _extra_constraint,
    "extra_check": _extra_constraint,
    "extra_exclusion": _extra_constraint,
    "missing_exclusion": _missing_exclusion,
    "constraint_mismatch": _constraint_mismatch,
    "extra_index": _extra_index,
    "index_mismatch": _index_mismatch,
    "name_mismatch": _name_mismatch,
    "column_kind_mismatch": _column_kind_mismatch,
    "missing_schema": _missing_schema,
    "extra_schema": _extra_schema,
    "missing_extension": _missing_extension,
    "extra_extension": _extra_extension,
    "missing_enum": _missing_enum,
    "missing_enum_value": _missing_enum_value,
    "enum_order_mismatch": _enum_order_mismatch,
    "extra_enum": _extra_enum,
    "missing_table": _missing_table,
    "extra_table": _extra_table,
    "missing_column": _missing_column,
    "extra_column": _extra_column,
    "type_mismatch": _type_mismatch,
    "nullability_mismatch": _nullability_mismatch,
    "default_mismatch": _default_mismatch,
    "missing_primary_key": _missing_constraint("primary_key"),
    "missing_foreign_key": _missing_constraint("foreign_key"),
    "missing_unique": _missing_constraint("unique"),
    "missing_check": _missing_constraint("check"),
    "missing_index": _missing_index,
}

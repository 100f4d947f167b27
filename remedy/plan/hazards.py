"""What each operation risks on a live database: locks, rewrites, data loss, long backfills.

Hazards are said with the table's row estimate and, where there is one, a safer form.
One function per operation kind, registered in ``_RULES``; dialect differences stay here.
"""
from __future__ import annotations

from typing import Callable

from remedy import dialects
from remedy.plan import ops as o
from remedy.plan.object_ops import AttachPartition, DropObject, ReplaceObject
from remedy.sources.object_ddl import restart_bound
from remedy.model import TYPE_FROM_CODE

_BINARY_COERCIBLE = {("varchar", "text"), ("char", "text"), ("varchar", "varchar")}


def rows_text(rows: int | None) -> str:
    if rows is None or rows < 0:
        return "row count unknown"
    return f"~{rows:,} row{'s' if rows != 1 else ''}"


def hazards_for(op: o.Operation, dialect: str, rows: int | None) -> tuple[o.Hazard, ...]:
    rule = _RULES.get(type(op))
    found = list(rule(op, dialect, rows)) if rule else []
    rules = dialects.get(dialect)
    if not rules.transactional_ddl and not isinstance(op, (o.Comment, o.CreateExtension)):
        found.append(o.Hazard("non_transactional", "MariaDB/MySQL commit it at once: no rollback"))
    if not rules.alter_in_place and _sqlite_recreates(op):
        found.append(o.Hazard("rewrite", f"SQLite cannot ALTER this: the table ({rows_text(rows)}) is "
                                         f"copied into a new one (its indexes, and the views and triggers that involve it, "
                                         f"are created again)"))
    return tuple(found)


def _locks(dialect: str) -> bool:
    """Whether hazards name the lock a statement takes (PostgreSQL's lock levels)."""
    return dialects.get(dialect).lock_notes


def _sqlite_recreates(op: o.Operation) -> bool:
    if isinstance(op, o.AddColumn):
        return op.needs_fill
    return isinstance(op, (o.AlterColumnType, o.AlterNullability, o.AlterDefault, o.AddConstraint,
                           o.DropConstraint, o.AlterColumnKind, o.AlterTableFlag))


def _add_column(op: o.AddColumn, dialect: str, rows: int | None):
    if _type_unknown(op.column):
        yield o.Hazard("type_unknown", f"only the code names {op.column.name}: it is added as text",
                       safer="declare the column in the catalog to choose its type")
    if op.copy_from:
        yield o.Hazard("backfill", f"copies {op.copy_from} into {op.column.name} with one UPDATE of "
                                   f"{op.table} ({rows_text(rows)}; row locks; long on a big table)",
                       safer="copy in batches before adding NOT NULL")
    elif op.needs_fill:
        yield o.Hazard("backfill", f"NOT NULL without default: existing rows ({rows_text(rows)}) get "
                                   f"{op.backfill} before SET NOT NULL",
                       safer="set value = \"…\" in the decisions file to choose the backfill")
    if op.needs_fill and not op.column.nullable and _locks(dialect):
        yield o.Hazard("lock", "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock")
    elif _locks(dialect):
        yield o.Hazard("lock", "brief ACCESS EXCLUSIVE lock; no rewrite")


def _type_unknown(column) -> bool:
    """Only the code names the column, and no model in the code declares its type."""
    return not column.type and not (column.comment or "").startswith(TYPE_FROM_CODE)


def _create_table(op: o.CreateTable, dialect: str, rows: int | None):
    unknown = [c.name for c in op.definition.columns if _type_unknown(c)]
    if unknown:
        yield o.Hazard("type_unknown", f"only the code names {', '.join(unknown)}: created as text",
                       safer="declare the table in the catalog to choose its types and keys")


def _drop_column(op: o.DropColumn, dialect: str, rows: int | None):
    yield o.Hazard("data_loss", f"the values of {op.table}.{op.column.name} ({rows_text(rows)}) are lost; "
                                f"the downgrade re-adds the column empty")


def _drop_table(op: o.DropTable, dialect: str, rows: int | None):
    yield o.Hazard("data_loss", f"{op.definition.qualified} and its rows ({rows_text(rows)}) are lost; "
                                f"the downgrade recreates it empty")


def _drop_extension(op: o.DropExtension, dialect: str, rows: int | None):
    if op.version:  # a live extension the expected side does not name (not the undoing of a create)
        yield o.Hazard("dependant", f"what extension {op.name} provides (functions, types, operators, operator "
                                    f"classes) may be in use: it is dropped without CASCADE, so PostgreSQL refuses "
                                    f"while a column, index, view or function the plan keeps uses it (the dry run "
                                    f"says so)")


def _rename_column(op: o.RenameColumn, dialect: str, rows: int | None):
    lock = "brief ACCESS EXCLUSIVE lock; no rewrite; " if _locks(dialect) else ""
    yield o.Hazard("lock", f"{lock}code still using {op.table}.{op.old} breaks")


def _rename_constraint(op: o.RenameConstraint, dialect: str, rows: int | None):
    lock = ("brief SHARE UPDATE EXCLUSIVE lock; " if op.kind == "index" else "brief ACCESS EXCLUSIVE lock; ") \
        if _locks(dialect) else ""
    yield o.Hazard("lock", f"{lock}a migration or code that names {op.old} must name {op.new}")


def _alter_type(op: o.AlterColumnType, dialect: str, rows: int | None):
    before, after = op.from_type.type.split("(")[0], op.to_type.type.split("(")[0]
    if _locks(dialect) and (before, after) in _BINARY_COERCIBLE:
        yield o.Hazard("lock", "brief ACCESS EXCLUSIVE lock; no rewrite (binary-compatible types)")
        return
    lock = " under an ACCESS EXCLUSIVE lock" if _locks(dialect) else ""
    rules = dialects.get(dialect)
    if rules.alter_in_place:  # else the rebuild's own rewrite hazard says so
        yield o.Hazard("rewrite", f"rewrites {op.table} ({rows_text(rows)}){lock}")
    yield o.Hazard("cast", rules.retype_hazard(op.column, op.to_type.shown_type))


def _alter_nullability(op: o.AlterNullability, dialect: str, rows: int | None):
    if op.nullable:
        return
    if op.backfill is not None:
        yield o.Hazard("backfill", f"NULLs in {op.column.name} become {op.backfill} (scans {op.table}, {rows_text(rows)})")
    else:
        yield o.Hazard("not_null", f"fails if {op.column.name} holds NULLs; the dry run counts them",
                       safer="set value = \"…\" in the decisions file to backfill them")
    if _locks(dialect):
        yield o.Hazard("lock", f"scans {op.table} ({rows_text(rows)}) under an ACCESS EXCLUSIVE lock",
                       safer=f"ADD CHECK ({op.column.name} IS NOT NULL) NOT VALID, VALIDATE, then SET NOT NULL")


def _add_constraint(op: o.AddConstraint, dialect: str, rows: int | None):
    if not _locks(dialect):
        return
    if op.kind in ("foreign key", "check"):
        yield o.Hazard("lock", f"validates every row of {op.table} ({rows_text(rows)}) while holding the lock",
                       safer="ADD … NOT VALID, then VALIDATE CONSTRAINT in a separate transaction")
    else:
        yield o.Hazard("lock", f"builds a unique index over {op.table} ({rows_text(rows)}), blocking writes",
                       safer="CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX")


def _create_index(op: o.CreateIndex, dialect: str, rows: int | None):
    if _locks(dialect):
        yield o.Hazard("lock", f"blocks writes to {op.table} while the index is built ({rows_text(rows)})",
                       safer="CREATE INDEX CONCURRENTLY; non_transactional: it cannot run inside the plan's "
                             "transaction, run it separately")


def _narrowed(op: o.AlterColumnKind) -> str:
    """A serial's or an identity's sequence given a smaller type or narrower bounds: where it stands may lie
    outside them."""
    from remedy.dialects.postgresql_sequences import SequenceOptions

    now, to = (SequenceOptions.from_words(c.kind_options, c.type) for c in (op.from_column, op.to_column))
    if to.minvalue <= now.minvalue and to.maxvalue >= now.maxvalue:
        return ""
    return (f"; the sequence narrows to {to.type} {to.minvalue}..{to.maxvalue}: PostgreSQL refuses the change if "
            f"the sequence already stands outside that range")


def _alter_kind(op: o.AlterColumnKind, dialect: str, rows: int | None):
    if not dialects.get(dialect).alter_in_place:
        return  # SQLite rebuilds the table: its rewrite hazard says so
    if op.recreates:
        yield o.Hazard("rewrite", f"PostgreSQL cannot make an existing column generated: {op.table}.{op.from_column.name} "
                                  f"is dropped and added again ({rows_text(rows)} rewritten under an ACCESS EXCLUSIVE "
                                  f"lock); its current values are replaced by the computed ones, and keys and indexes "
                                  f"on it are dropped with it")
    elif op.hands_over_sequence:
        yield o.Hazard("lock", f"brief lock on the sequence only; it keeps its value, {op.table}."
                               f"{op.from_column.name} keeps its default")
    elif op.options_only:
        yield o.Hazard("lock", f"brief lock on the sequence only; the values {op.table}.{op.from_column.name} "
                               f"already holds stay, the next ones follow the new options (no RESTART)"
                               + _narrowed(op))
    elif op.to_column.kind in ("serial", "identity always", "identity by default") \
            and not op.from_column.kind.startswith("identity"):
        yield o.Hazard("lock", f"brief ACCESS EXCLUSIVE lock; the new sequence is set past the largest "
                               f"{op.from_column.name} ({rows_text(rows)} read)")
    elif op.from_column.kind.startswith("identity") and op.to_column.kind.startswith("identity"):
        yield o.Hazard("lock", "brief ACCESS EXCLUSIVE lock; no rewrite" + _narrowed(op))
    else:
        yield o.Hazard("lock", "brief ACCESS EXCLUSIVE lock; no rewrite")


def _add_enum_value(op: o.AddEnumValue, dialect: str, rows: int | None):
    yield o.Hazard("irreversible", "PostgreSQL cannot remove an enum value: the downgrade keeps it")


def _alter_flag(op: o.AlterTableFlag, dialect: str, rows: int | None):
    if op.flag != "unlogged":
        return  # SQLite rebuilds the table: its rewrite hazard says so
    if op.on:
        yield o.Hazard("durability", f"an UNLOGGED table is emptied after a crash and not replicated to standbys; "
                                    f"{op.table} ({rows_text(rows)}) is rewritten under an ACCESS EXCLUSIVE lock")
    else:
        yield o.Hazard("rewrite", f"rewrites {op.table} ({rows_text(rows)}) into the WAL under an ACCESS EXCLUSIVE "
                                  f"lock (a large burst of WAL and replication traffic on a big table)")


def _drop_object(op, dialect: str, rows: int | None):
    old = op.obj if isinstance(op, DropObject) else op.old
    bound = restart_bound(op.old, op.new) if isinstance(op, ReplaceObject) else None
    if bound is not None:
        yield o.Hazard("restart", f"sequence {old.name} restarts at {bound} if its current value is behind that new "
                                  f"bound when the plan runs (PostgreSQL refuses the bound otherwise); the values it "
                                  f"gave so far all lie beyond it, so none comes again")
    if old.kind == "virtual_table":  # SQLite: the module's own rows (an FTS index) go with it
        yield o.Hazard("data_loss", f"virtual table {old.name} is dropped with what its module keeps (an FTS "
                                    f"index's rows; one with content='...' is empty until rebuilt: INSERT INTO "
                                    f"{old.name} ({old.name}) VALUES ('rebuild'))")


def _attach_partition(op: AttachPartition, dialect: str, rows: int | None):
    if not op.detach:
        rows = op.definition.row_estimate if op.definition is not None else rows
        yield o.Hazard("lock", f"{op.obj.name}'s rows are read to check they lie within the partition's bounds "
                               f"({rows_text(rows)}), under an ACCESS EXCLUSIVE lock on {op.obj.name} and SHARE "
                               f"UPDATE EXCLUSIVE on {op.obj.property('parent')}; the rows are kept")


_RULES: dict[type, Callable] = {
    AttachPartition: _attach_partition,
    DropObject: _drop_object,
    ReplaceObject: _drop_object,
    o.AddColumn: _add_column,
    o.CreateTable: _create_table,
    o.DropColumn: _drop_column,
    o.DropTable: _drop_table,
    o.DropExtension: _drop_extension,
    o.RenameColumn: _rename_column,
    o.RenameConstraint: _rename_constraint,
    o.AlterColumnType: _alter_type,
    o.AlterNullability: _alter_nullability,
    o.AddConstraint: _add_constraint,
    o.CreateIndex: _create_index,
    o.AddEnumValue: _add_enum_value,
    o.AlterColumnKind: _alter_kind,
    o.AlterTableFlag: _alter_flag,
}

"""Operations are data: one frozen value per change, each knowing its own ``reverse()``.

A downgrade is derived from the upgrade, never written separately. Each
operation also knows how it changes the schema model (``apply_to``), so a
renderer can see the table as it is at that point of the plan (SQLite batch
mode needs it) and tests can check a plan converges without a database.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from remedy import dialects
from remedy.plan.dialect import backfill_value
from remedy.model import (CheckConstraint, Column, Enum, Exclusion, ForeignKey, Index, PrimaryKey, Schema,
                          SchemaObject, Table, TableOptions, UniqueConstraint)


@dataclass(frozen=True)
class Hazard:
    kind: str  # lock | rewrite | data_loss | backfill | cast | non_transactional | not_null | irreversible | cascade
    # | restart (a sequence's next value)
    message: str
    safer: str = ""  # a safer form, where one exists

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}" + (f" (safer: {self.safer})" if self.safer else "")


@dataclass(frozen=True, kw_only=True)
class Operation:
    finding_ids: tuple[str, ...] = ()
    hazards: tuple[Hazard, ...] = ()
    note: str = ""  # said beside the SQL, e.g. "data is not restored"

    schema: str = ""
    table: str = ""

    @property
    def title(self) -> str:
        return type(self).__name__

    def reverse(self) -> "Operation":
        raise NotImplementedError

    def apply_to(self, model: Schema) -> Schema:
        return model

    def _carry(self, op: "Operation", note: str = "") -> "Operation":
        return replace(op, finding_ids=self.finding_ids, note=note)


def _with_table(model: Schema, table: Table) -> Schema:
    tables = dict(model.tables)
    tables[(table.schema, table.name)] = table
    return replace(model, tables=tables)


def _edit_table(model: Schema, schema: str, name: str, **changes) -> Schema:
    table = model.table(schema, name)
    if table is None:
        return model
    return _with_table(model, replace(table, **changes))


def _edit_column(model: Schema, schema: str, table: str, column: str, **changes) -> Schema:
    current = model.table(schema, table)
    if current is None:
        return model
    cols = tuple(replace(c, **changes) if c.name == column else c for c in current.columns)
    return _with_table(model, replace(current, columns=cols))


def _key(table: Table) -> tuple[str, str]:
    return (table.schema, table.name)


# --- schemas -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CreateSchema(Operation):
    @property
    def title(self) -> str:
        return f"create schema {self.schema}"

    def reverse(self) -> Operation:
        return self._carry(DropSchema(schema=self.schema))

    def apply_to(self, model: Schema) -> Schema:
        return replace(model, schemas=tuple(dict.fromkeys((*model.schemas, self.schema))))


@dataclass(frozen=True)
class DropSchema(Operation):
    """Drops an empty schema (never CASCADE: what is in it is dropped, and shown, one object at a time)."""

    @property
    def title(self) -> str:
        return f"drop schema {self.schema}"

    def reverse(self) -> Operation:
        return self._carry(CreateSchema(schema=self.schema))

    def apply_to(self, model: Schema) -> Schema:
        return replace(model, schemas=tuple(name for name in model.schemas if name != self.schema))


# --- extensions and enums ------------------------------------------------------------------------

@dataclass(frozen=True)
class CreateExtension(Operation):
    """An extension as the expected side names it (IF NOT EXISTS, the server's default version), or, with a
    ``version``, the live one a drop took, exactly (in ``installed_in``, at ``version``)."""
    name: str = ""
    installed_in: str = ""
    version: str = ""

    @property
    def title(self) -> str:
        return f"create extension {self.name}"

    def reverse(self) -> Operation:
        return self._carry(DropExtension(name=self.name, installed_in=self.installed_in, version=self.version))

    def apply_to(self, model: Schema) -> Schema:
        return replace(model, extensions=model.extensions | {self.name})


@dataclass(frozen=True)
class DropExtension(Operation):
    """The undoing of a CreateExtension (IF EXISTS), or, with a ``version``, a live extension the expected side does
    not name: dropped without CASCADE (PostgreSQL refuses while anything uses what it provides)."""
    name: str = ""
    installed_in: str = ""
    version: str = ""

    @property
    def title(self) -> str:
        return f"drop extension {self.name}"

    def reverse(self) -> Operation:
        return self._carry(CreateExtension(name=self.name, installed_in=self.installed_in, version=self.version))

    def apply_to(self, model: Schema) -> Schema:
        objects = {k: v for k, v in model.objects.items() if k != ("extension", "", self.name)}
        return replace(model, extensions=model.extensions - {self.name}, objects=objects)


@dataclass(frozen=True)
class CreateEnum(Operation):
    enum: Enum = Enum("", ())

    @property
    def title(self) -> str:
        return f"create enum {self.enum.name}"

    def reverse(self) -> Operation:
        return self._carry(DropEnum(enum=self.enum))

    def apply_to(self, model: Schema) -> Schema:
        enums = dict(model.enums)
        enums[(self.enum.schema, self.enum.name)] = self.enum
        return replace(model, enums=enums)


@dataclass(frozen=True)
class DropEnum(Operation):
    enum: Enum = Enum("", ())

    @property
    def title(self) -> str:
        return f"drop enum {self.enum.name}"

    def reverse(self) -> Operation:
        return self._carry(CreateEnum(enum=self.enum))

    def apply_to(self, model: Schema) -> Schema:
        enums = {k: v for k, v in model.enums.items() if k != (self.enum.schema, self.enum.name)}
        return replace(model, enums=enums)


@dataclass(frozen=True)
class AddEnumValue(Operation):
    enum: str = ""
    value: str = ""
    before: str | None = None  # the expected order: placed before this value (else at the end)

    @property
    def title(self) -> str:
        return f"add value {self.value!r} to enum {self.enum}"

    def reverse(self) -> Operation:
        return self._carry(Comment(text=f"enum {self.enum} keeps the value {self.value!r}: "
                                        f"PostgreSQL cannot remove a value from an enum"))

    def apply_to(self, model: Schema) -> Schema:
        key = (self.schema, self.enum)
        current = model.enums.get(key)
        if current is None:
            return model
        values = list(current.values)
        values.insert(values.index(self.before) if self.before in values else len(values), self.value)
        enums = dict(model.enums)
        enums[key] = replace(current, values=tuple(values))
        return replace(model, enums=enums)


@dataclass(frozen=True)
class Comment(Operation):
    """No SQL: a line the reader must see (what a downgrade cannot undo)."""

    text: str = ""

    @property
    def title(self) -> str:
        return self.text

    def reverse(self) -> Operation:
        return self


# --- tables --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CreateTable(Operation):
    definition: Table = Table("")
    partition_by: str = ""  # what follows PARTITION BY, given at creation only (PostgreSQL: "RANGE (at)"; MariaDB: with its partitions)
    # PostgreSQL: the parents (schema, table) it is made with, INHERITS (...): their columns and checks come with
    # them, and the definition's columns that are only theirs (Column.inherited_only) are not written
    inherits: tuple[tuple[str, str], ...] = ()
    # PostgreSQL: the owner and grants (remedy.objects) it is given after it is made: a dropped table's downgrade
    # makes it again as it was held (the role that runs the downgrade would own it, and nobody else hold it)
    kept: tuple[SchemaObject, ...] = ()

    @property
    def title(self) -> str:
        return f"create table {self.definition.qualified}"

    def reverse(self) -> Operation:
        return self._carry(DropTable(schema=self.schema, table=self.table, definition=self.definition,
                                     partition_by=self.partition_by, inherits=self.inherits, kept=self.kept))

    def apply_to(self, model: Schema) -> Schema:
        return _with_table(model, self.definition)


@dataclass(frozen=True)
class DropTable(Operation):
    definition: Table = Table("")
    # how the downgrade makes it again (CreateTable's): its partition key, the parents it inherits from
    partition_by: str = ""
    inherits: tuple[tuple[str, str], ...] = ()
    kept: tuple[SchemaObject, ...] = ()  # its owner and grants: the drop takes them, the downgrade gives them back

    @property
    def title(self) -> str:
        return f"drop table {self.definition.qualified}"

    def reverse(self) -> Operation:
        return self._carry(CreateTable(schema=self.schema, table=self.table, definition=self.definition,
                                       partition_by=self.partition_by, inherits=self.inherits, kept=self.kept),
                           note=f"recreates {self.definition.qualified} empty: its data is not restored")

    def apply_to(self, model: Schema) -> Schema:
        tables = {k: v for k, v in model.tables.items() if k != _key(self.definition)}
        return replace(model, tables=tables)  # what it held is left in the model (nothing later reads it)


# --- columns -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RenameColumn(Operation):
    old: str = ""
    new: str = ""

    @property
    def title(self) -> str:
        return f"rename {self.table}.{self.old} to {self.new}"

    def reverse(self) -> Operation:
        return self._carry(RenameColumn(schema=self.schema, table=self.table, old=self.new, new=self.old))

    def apply_to(self, model: Schema) -> Schema:
        return _edit_column(model, self.schema, self.table, self.old, name=self.new)


@dataclass(frozen=True)
class AddColumn(Operation):
    """Add a column; a NOT NULL one without default is added nullable, backfilled, then SET NOT NULL.

    ``copy_from`` (add_copy) fills the new column from an old one, through ``cast`` when given.
    """

    column: Column = Column("", "")
    backfill: str | None = None  # SQL expression for existing rows
    copy_from: str | None = None
    cast: str | None = None  # SQL expression over copy_from; default CAST(old AS type)

    @property
    def title(self) -> str:
        how = f" copied from {self.copy_from}" if self.copy_from else ""
        return f"add column {self.table}.{self.column.name}{how}"

    @property
    def needs_fill(self) -> bool:
        return self.copy_from is not None or (not self.column.nullable and self.column.default is None
                                              and not self.column.identity)

    def reverse(self) -> Operation:
        return self._carry(DropColumn(schema=self.schema, table=self.table, column=self.column))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        column = replace(self.column, ordinal=len(current.columns) + 1)
        return _with_table(model, replace(current, columns=current.columns + (column,)))


@dataclass(frozen=True)
class DropColumn(Operation):
    column: Column = Column("", "")

    @property
    def title(self) -> str:
        return f"drop column {self.table}.{self.column.name}"

    def reverse(self) -> Operation:
        return self._carry(AddColumn(schema=self.schema, table=self.table, column=self.column,
                                     backfill=backfill_value(self.column)),
                           note=f"re-adds {self.table}.{self.column.name}: its data is not restored")

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        cols = tuple(c for c in current.columns if c.name != self.column.name)
        return _with_table(model, replace(current, columns=cols))


@dataclass(frozen=True)
class AlterColumnType(Operation):
    column: str = ""
    from_type: Column = Column("", "")  # the column as it is (type + raw spelling)
    to_type: Column = Column("", "")  # the column as it should be
    using: str | None = None  # cast expression; default CAST(col AS type)
    default_changed: bool = False  # the default becomes to_type's too (one step: it must match the type)

    @property
    def title(self) -> str:
        also = " and its default" if self.default_changed else ""
        collated = self.from_type.collation != self.to_type.collation  # COLLATE NOCASE added: say so
        shown = lambda c: c.shown_type + (f" COLLATE {c.collation}" if collated and c.collation else "")  # noqa: E731
        return f"change type{also} of {self.table}.{self.column} from {shown(self.from_type)} to " \
               f"{shown(self.to_type)}"

    def reverse(self) -> Operation:
        return self._carry(AlterColumnType(schema=self.schema, table=self.table, column=self.column,
                                           from_type=self.to_type, to_type=self.from_type,
                                           default_changed=self.default_changed))

    def apply_to(self, model: Schema) -> Schema:
        changes = {"type": self.to_type.type, "raw_type": self.to_type.raw_type, "charset": self.to_type.charset,
                   "collation": self.to_type.collation}
        if self.default_changed:
            changes.update(default=self.to_type.default, raw_default=self.to_type.raw_default)
        return _edit_column(model, self.schema, self.table, self.column, **changes)


@dataclass(frozen=True)
class AlterNullability(Operation):
    column: Column = Column("", "")  # the column as it is
    nullable: bool = True
    backfill: str | None = None  # value for NULL rows before SET NOT NULL
    # PostgreSQL 18: the name the NOT NULL constraint gets (ADD CONSTRAINT name NOT NULL col; None: the server's)
    constraint_name: str | None = None

    @property
    def title(self) -> str:
        what = "drop NOT NULL on" if self.nullable else "set NOT NULL on"
        return f"{what} {self.table}.{self.column.name}"

    def reverse(self) -> Operation:
        current = replace(self.column, nullable=self.nullable,
                          not_null_name=None if self.nullable else self.constraint_name)
        return self._carry(AlterNullability(schema=self.schema, table=self.table, column=current,
                                            nullable=self.column.nullable,
                                            constraint_name=None if self.column.nullable else self.column.not_null_name))

    def apply_to(self, model: Schema) -> Schema:
        named = {"not_null_name": None if self.nullable else self.constraint_name} \
            if self.nullable or self.constraint_name else {}
        return _edit_column(model, self.schema, self.table, self.column.name, nullable=self.nullable, **named)


@dataclass(frozen=True)
class AlterDefault(Operation):
    column: Column = Column("", "")  # the column as it is
    default: str | None = None  # new raw default expression (None = drop the default)
    normalized: str | None = None

    @property
    def title(self) -> str:
        what = f"set default {self.default}" if self.default is not None else "drop default"
        return f"{what} on {self.table}.{self.column.name}"

    def reverse(self) -> Operation:
        current = replace(self.column, default=self.normalized, raw_default=self.default)
        return self._carry(AlterDefault(schema=self.schema, table=self.table, column=current,
                                        default=self.column.raw_default, normalized=self.column.default))

    def apply_to(self, model: Schema) -> Schema:
        return _edit_column(model, self.schema, self.table, self.column.name, default=self.normalized,
                            raw_default=self.default)


@dataclass(frozen=True)
class AlterColumnKind(Operation):
    """Make a column serial, identity (ALWAYS / BY DEFAULT, with its sequence options), generated, or
    plain: ``from_column`` is the column as it is, ``to_column`` as it should be (its default too)."""

    from_column: Column = Column("", "")
    to_column: Column = Column("", "")

    @property
    def title(self) -> str:
        if self.options_only:
            now, to = self.from_column.kind_options, self.to_column.kind_options
            return f"set the options of the sequence serial {self.table}.{self.from_column.name} owns " \
                   f"({to or 'serial defaults'}; was {now or 'serial defaults'})"
        if self.from_column.kind == self.to_column.kind:  # an identity's sequence: its type or options
            now, to = self.from_column.kind_options, self.to_column.kind_options
            return f"set the sequence of identity {self.table}.{self.from_column.name} " \
                   f"({to or 'identity defaults'}; was {now or 'identity defaults'})"
        return f"make {self.table}.{self.from_column.name} {self.to_column.kind or 'plain'}" \
               f" (was {self.from_column.kind or 'plain'})"

    @property
    def options_only(self) -> bool:
        """A serial that stays serial: only the options of the sequence it owns change (ALTER SEQUENCE)."""
        return self.from_column.kind == self.to_column.kind == "serial"

    @property
    def hands_over_sequence(self) -> bool:
        """A serial and a plain column drawing from the sequence under the serial's name (its owner lost, or to
        be given up): only the sequence's owner changes (OWNED BY), and it keeps its value."""
        from remedy.dialects.postgresql_sequences import draws_from_serial_name

        now, to = self.from_column, self.to_column
        plain = now if to.kind == "serial" else to
        return {now.kind, to.kind} == {"serial", ""} and draws_from_serial_name(plain.raw_default, self.schema,
                                                                                 self.table, now.name)

    @property
    def recreates(self) -> bool:
        """PostgreSQL cannot turn a column into a generated one, nor change the expression before 17:
        the column is dropped and added again."""
        return self.to_column.kind == "generated stored"

    def reverse(self) -> Operation:
        note = "the column is dropped and added again: its stored values are computed anew" \
            if self.from_column.kind == "generated stored" else ""
        return self._carry(AlterColumnKind(schema=self.schema, table=self.table, from_column=self.to_column,
                                           to_column=self.from_column), note=note)

    def apply_to(self, model: Schema) -> Schema:
        to = self.to_column
        return _edit_column(model, self.schema, self.table, self.from_column.name, kind=to.kind,
                            kind_options=to.kind_options, identity=to.identity, default=to.default,
                            raw_default=to.raw_default,
                            nullable=False if to.kind.startswith("identity") else
                            model.table(self.schema, self.table).column(self.from_column.name).nullable)


@dataclass(frozen=True)
class AlterColumnAttributes(Operation):
    """MariaDB/MySQL: the column restated (MODIFY) with another comment or visibility, everything else kept."""

    from_column: Column = Column("", "")  # the column as it is
    to_column: Column = Column("", "")  # as it should be

    @property
    def title(self) -> str:
        now, to = self.from_column, self.to_column
        what = [w for w, changed in (("comment", now.comment != to.comment),
                                     ("visibility", now.invisible != to.invisible)) if changed]
        return f"change the {' and '.join(what) or 'attributes'} of {self.table}.{now.name}"

    def reverse(self) -> Operation:
        return self._carry(AlterColumnAttributes(schema=self.schema, table=self.table, from_column=self.to_column,
                                                 to_column=self.from_column))

    def apply_to(self, model: Schema) -> Schema:
        return _edit_column(model, self.schema, self.table, self.from_column.name, comment=self.to_column.comment,
                            invisible=self.to_column.invisible)


@dataclass(frozen=True)
class AlterTableOptions(Operation):
    """MariaDB/MySQL: a table's engine, default charset and collation, row format or comment
    (``options``: name -> value, ``before``: the same names as they are; "" / None: the default / none)."""

    options: tuple[tuple[str, str | None], ...] = ()
    before: tuple[tuple[str, str | None], ...] = ()

    @property
    def title(self) -> str:
        return f"set {', '.join(name.replace('_', ' ') for name, _ in self.options)} of table {self.table}"

    def reverse(self) -> Operation:
        return self._carry(AlterTableOptions(schema=self.schema, table=self.table, options=self.before,
                                             before=self.options))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        said = dict(self.options)
        comment = said.pop("comment", current.comment)
        options = replace(current.options or TableOptions(), **said)
        return _with_table(model, replace(current, comment=comment, options=options))


@dataclass(frozen=True)
class AlterTableFlag(Operation):
    """Give a table a flag or take it away (SQLite: AUTOINCREMENT, STRICT, WITHOUT ROWID; the table is rebuilt)."""

    flag: str = ""
    on: bool = True

    @property
    def title(self) -> str:
        return f"make table {self.table} {'' if self.on else 'no longer '}{self.flag.upper().replace('_', ' ')}"

    def reverse(self) -> Operation:
        return self._carry(AlterTableFlag(schema=self.schema, table=self.table, flag=self.flag, on=not self.on))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        flags = (set(current.flags) | {self.flag}) if self.on else (set(current.flags) - {self.flag})
        return _with_table(model, replace(current, flags=tuple(sorted(flags))))


# --- constraints and indexes ---------------------------------------------------------------------

@dataclass(frozen=True)
class AddConstraint(Operation):
    """A primary key, foreign key, unique or check constraint added to an existing table."""

    constraint: PrimaryKey | ForeignKey | UniqueConstraint | CheckConstraint | Exclusion = PrimaryKey(())
    name: str = ""  # the name it gets (needed to drop it again)

    @property
    def kind(self) -> str:
        return {PrimaryKey: "primary key", ForeignKey: "foreign key", UniqueConstraint: "unique",
                CheckConstraint: "check", Exclusion: "exclusion"}[type(self.constraint)]

    @property
    def title(self) -> str:
        return f"add {self.kind} {self.name} on {self.table}"

    def reverse(self) -> Operation:
        return self._carry(DropConstraint(schema=self.schema, table=self.table, constraint=self.constraint,
                                          name=self.name))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        named = replace(self.constraint, name=self.name if self.constraint.name or not dialects.get(
            model.dialect).unnamed_constraints else None)  # SQLite: written without a name, it has none
        field_name = _constraint_field(self.constraint)
        if field_name == "primary_key":
            return _with_table(model, replace(current, primary_key=named))
        return _with_table(model, replace(current, **{field_name: getattr(current, field_name) + (named,)}))


@dataclass(frozen=True)
class DropConstraint(Operation):
    constraint: PrimaryKey | ForeignKey | UniqueConstraint | CheckConstraint | Exclusion = PrimaryKey(())
    name: str = ""

    @property
    def kind(self) -> str:
        return AddConstraint(constraint=self.constraint).kind

    @property
    def title(self) -> str:
        return f"drop {self.kind} {self.name} on {self.table}"

    def reverse(self) -> Operation:
        return self._carry(AddConstraint(schema=self.schema, table=self.table, constraint=self.constraint,
                                         name=self.name))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        field_name = _constraint_field(self.constraint)
        if field_name == "primary_key":
            return _with_table(model, replace(current, primary_key=None))
        kept = tuple(c for c in getattr(current, field_name)
                     if c != self.constraint and not (c.name and c.name == self.name))
        return _with_table(model, replace(current, **{field_name: kept}))


def _constraint_field(constraint) -> str:
    return {PrimaryKey: "primary_key", ForeignKey: "foreign_keys", UniqueConstraint: "uniques",
            CheckConstraint: "checks", Exclusion: "exclusions"}[type(constraint)]


@dataclass(frozen=True)
class CreateIndex(Operation):
    index: Index = Index("", ())

    @property
    def title(self) -> str:
        return f"create {'unique ' if self.index.unique else ''}index {self.index.name} on {self.table}"

    def reverse(self) -> Operation:
        return self._carry(DropIndex(schema=self.schema, table=self.table, index=self.index))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        return _with_table(model, replace(current, indexes=current.indexes + (self.index,)))


@dataclass(frozen=True)
class DropIndex(Operation):
    index: Index = Index("", ())

    @property
    def title(self) -> str:
        return f"drop index {self.index.name}"

    def reverse(self) -> Operation:
        return self._carry(CreateIndex(schema=self.schema, table=self.table, index=self.index))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        kept = tuple(i for i in current.indexes if i.name != self.index.name)
        return _with_table(model, replace(current, indexes=kept))


# A constraint's kind, as findings and operations say it, and the Table field that holds it
CONSTRAINT_FIELDS = {"primary key": "primary_key", "foreign key": "foreign_keys", "unique": "uniques",
                     "check": "checks", "exclusion": "exclusions"}


@dataclass(frozen=True)
class RenameConstraint(Operation):
    """A key, check, exclusion constraint, index or NOT NULL constraint (of ``column``) renamed in place: what it
    is and does stay as they are (ALTER TABLE ... RENAME CONSTRAINT, ALTER INDEX ... RENAME TO)."""

    kind: str = ""  # "primary key", "foreign key", "unique", "check", "exclusion", "index", "not null"
    old: str = ""
    new: str = ""
    column: str = ""  # a NOT NULL constraint's column

    @property
    def title(self) -> str:
        return f"rename {self.kind} {self.old} on {self.table} to {self.new}"

    def reverse(self) -> Operation:
        return self._carry(replace(self, old=self.new, new=self.old, finding_ids=()))

    def apply_to(self, model: Schema) -> Schema:
        current = model.table(self.schema, self.table)
        if current is None:
            return model
        if self.kind == "not null":
            return _edit_column(model, self.schema, self.table, self.column, not_null_name=self.new)
        if self.kind == "primary key":
            key = current.primary_key
            return _with_table(model, replace(current, primary_key=replace(key, name=self.new))) if key else model
        field_name = "indexes" if self.kind == "index" else CONSTRAINT_FIELDS[self.kind]
        items = tuple(replace(i, name=self.new) if i.name == self.old else i for i in getattr(current, field_name))
        return _with_table(model, replace(current, **{field_name: items}))

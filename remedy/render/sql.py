"""A Plan as SQL, through alembic operations in as-SQL mode, so each dialect gets its own DDL.

``statements(plan)`` / ``downgrade_statements(plan)`` give one Statement per SQL
statement, each tied to the operation it came from; ``render_sql`` writes the
reviewable script: a header (database, findings, decisions, hazards), the
upgrade in one transaction (where DDL has them), and the downgrade as a commented section.
SQLite cannot ALTER most things: those operations run in alembic batch mode,
which copies the table as it is at that point of the plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from contextlib import contextmanager
import sys
from typing import Callable, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.sql.elements import quoted_name

# alembic imports mako.exceptions, which loads pygments (~40 ms of a plan's start-up) only to highlight mako's HTML
# error pages; remedy renders none, and mako falls back to plain escaping when the plugin cannot be imported
sys.modules.setdefault("mako.ext.pygmentplugin", None)  # type: ignore[arg-type]
from alembic.operations import Operations  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402

from remedy import dialects
from remedy.errors import RemedyError
from remedy.model import GENERATED_STORED, GENERATED_VIRTUAL, IDENTITY_ALWAYS, SERIAL, Column, ForeignKey, IndexKey, Schema, Table
from remedy.normalize import is_mariadb
from remedy.plan import ops as o
from remedy.dialects.sqlite import AUTOINCREMENT as AUTOINCREMENT_FLAG
from remedy.dialects.postgresql_sequences import SequenceOptions, drawn_sequence, made_for, serial_sequence_name
from remedy.plan.build import Plan, constraint_name
from remedy.plan.dialect import AUTOINCREMENT, copy_value, default_spec, type_spec
from remedy.plan.object_ops import CreateObject
from remedy.render.objects import RENDERERS as OBJECT_RENDERERS, create_object
from remedy.model import CATALOG_DRIFT
from remedy.model import TYPE_FROM_CODE
from remedy.sources.live import GENERATED
from remedy.sources.metadata import (collate_clause, declared_integer, declared_otherwise, generated, identity_of,
                                     index_key_element, index_method_options, sql_fragment)

ALEMBIC_DIALECT = {"postgresql": "postgresql", "mysql": "mysql", "sqlite": "sqlite"}


@dataclass(frozen=True)
class Statement:
    sql: str  # without the terminating ';'
    operation: o.Operation
    hazards: tuple[o.Hazard, ...] = ()
    title: str = ""  # what this statement does; an operation of several statements names each one

    @property
    def step(self) -> str:
        return self.title or self.operation.title


# --- entry points --------------------------------------------------------------------------------

def statements(plan: Plan) -> list[Statement]:
    return render_operations(plan.operations, plan.before, plan)


def downgrade_statements(plan: Plan) -> list[Statement]:
    return downgrade(plan)[1]


def downgrade(plan: Plan) -> tuple[tuple[o.Operation, ...], list[Statement]]:
    """The downgrade operations and their statements (each statement's ``operation`` is one of them)."""
    operations = plan.downgrade
    return operations, render_operations(operations, plan.after(), plan)


def render_sql(plan: Plan, scan=None, decisions=None) -> str:
    from remedy.render import guard

    rules = dialects.get(plan.dialect)
    lines = rules.client_lines() + header_lines(plan, scan, decisions)
    lines += ["", *rules.script_begin_lines(), *pinned_path(plan), *guard.script_guard(plan, scan), ""]
    lines += body_lines(plan.operations, statements(plan), commented=False, terminated=rules.script_statement)
    lines += rules.script_commit_lines()
    lines += ["", "-- ---------------------------------------------------------------------------",
              "-- Downgrade (run to undo this plan):", "--"]
    lines += body_lines(*downgrade(plan), commented=True, terminated=rules.script_statement)
    return "\n".join(lines).rstrip() + "\n"


def begin_lines(plan: Plan) -> list[str]:
    """How a script opens its transaction (MariaDB/MySQL: none, DDL commits at once), with the search_path pinned
    where the plan's definitions depend on it."""
    return dialects.get(plan.dialect).begin_lines() + pinned_path(plan)


def pinned_path(plan: Plan) -> list[str]:
    return dialects.get(plan.dialect).search_path_lines(plan.before.search_path)


_LINE_BREAKS = str.maketrans({c: repr(c)[1:-1] for c in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def comment_text(text: str) -> str:
    """Text for a one-line comment (SQL ``--``, Python ``#``): a line break in a name (PostgreSQL, MariaDB
    and SQLite allow them in quoted identifiers) is written as its escape, so the name cannot end the
    comment and put the rest of itself on a line of code."""
    return text.translate(_LINE_BREAKS)


def header_lines(plan: Plan, scan=None, decisions=None) -> list[str]:
    return [comment_text(line) for line in _header_lines(plan, scan, decisions)]


def _header_lines(plan: Plan, scan=None, decisions=None) -> list[str]:
    database = getattr(scan, "database_url", "") or plan.before.source or "(unknown)"
    expected = getattr(scan, "expected_source", "") or (plan.expected.source if plan.expected else "")
    lines = ["-- remedy plan", f"-- database: {database} ({plan.dialect})"]
    if expected:
        lines.append(f"-- expected: {expected}")
    if getattr(scan, "fingerprint", ""):
        lines.append(f"-- live schema fingerprint: {scan.fingerprint}")
    lines.append(f"-- generated: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M:%S UTC')}")
    chosen = decisions if decisions is not None else plan.decisions
    unplanned = plan.unplanned_ids
    settled = [fid for fid in plan.finding_ids if fid not in unplanned]
    lines += ["--", f"-- findings settled ({len(settled)}):"]
    lines += [f"--   {fid}: {_decision_text(chosen.get(fid))}" for fid in settled]
    if unplanned:
        lines += ["--", f"-- findings not planned ({len(unplanned)}; the script's comments say why):"]
        lines += [f"--   {fid}" for fid in unplanned]
    taken = _taken_columns(scan, chosen)
    skipped = sorted(fid for fid, d in chosen.items() if d.action == "skip" and fid not in taken)
    if skipped:
        lines += ["--", f"-- findings left as they are (skip, {len(skipped)}):"]
        lines += [f"--   {fid}" for fid in skipped]
    if taken:
        lines += ["--", f"-- columns taken by a rename or add+copy ({len(taken)}):"]
        lines += [f"--   {fid}: used by {user}" for fid, user in sorted(taken.items())]
    if plan.hazards:
        lines += ["--", "-- hazards:"]
        for op in plan.operations:
            lines += [f"--   {op.title}: {h}" for h in op.hazards]
    if plan.dialect == "mysql":
        lines += ["--", "-- MariaDB/MySQL commit each DDL statement at once: this script cannot be rolled back."]
    return lines


def _taken_columns(scan, chosen) -> dict[str, str]:
    """Extra-column finding id -> the finding whose rename or add+copy takes that column."""
    from remedy.decisions import consumed_by

    known = {f.id: f for f in (scan.findings if scan is not None else ())}
    taken = {fid: consumed_by(f, known, chosen) for fid, f in known.items()}
    return {fid: user for fid, user in taken.items() if user}


def _decision_text(decision) -> str:
    if decision is None:
        return "(default)"
    text = decision.action
    if decision.from_column:
        text += f" from {decision.from_column}"
    if decision.value is not None:
        text += f" (value {decision.value})"
    return text


def body_lines(operations: Iterable[o.Operation], rendered: list[Statement], commented: bool,
               terminated: Callable[[str], str] = lambda sql: sql + ";") -> list[str]:
    """Each operation's title and statements; ``terminated``: how the client's script ends a statement
    (``Dialect.script_statement``: MariaDB's BEGIN ... END bodies go between DELIMITER lines)."""
    lines: list[str] = []
    prefix = "-- " if commented else ""
    for op in operations:
        lines.append(comment_text(f"-- {op.title}" + (f" [{', '.join(op.finding_ids)}]" if op.finding_ids else "")))
        if op.note:
            lines.append(comment_text(f"-- NOTE: {op.note}"))
        for stmt in (s for s in rendered if s.operation is op):  # only \n ends a line of SQL (a quoted name
            lines += [prefix + line for line in terminated(stmt.sql).split("\n")]  # may hold U+2028 and the like)
        lines.append("--" if commented else "")
    return lines


# --- rendering through alembic -------------------------------------------------------------------

class _Collector:
    """alembic's as-SQL output buffer: one write per statement, each with the title it was written under."""

    def __init__(self):
        self.chunks: list[tuple[str, str]] = []
        self.title = ""

    def write(self, text: str) -> None:
        self.chunks.append((self.title, text))

    def flush(self) -> None:
        return None

    def take(self) -> list[tuple[str, str]]:
        out = [(title, c.strip().removesuffix(";").strip()) for title, c in self.chunks if c.strip()]
        self.chunks.clear()
        return [(title, c) for title, c in out if c]


def render_operations(operations: Iterable[o.Operation], model: Schema, plan: Plan) -> list[Statement]:
    collector = _Collector()
    ctx = MigrationContext.configure(dialect_name=ALEMBIC_DIALECT[plan.dialect],
                                     opts={"as_sql": True, "output_buffer": collector},
                                     dialect_opts={"paramstyle": "named"})  # '%' as written, not '%%'
    env = _Env(Operations(ctx), dialects.strict_quoting(ctx.dialect), plan.dialect,
               plan.dialect == "mysql" and is_mariadb(plan.before.server_version), collector)
    out: list[Statement] = []
    for op in operations:
        env.model = model
        (_sqlite_recreate if _copies_generated(env, op) else _RENDERERS[type(op)])(env, op)
        out += _titled(op, collector.take())
        model = op.apply_to(model)
    return out


def _titled(op: o.Operation, written: list[tuple[str, str]]) -> list[Statement]:
    """Each statement with what it does: its own title where the renderer gave one, else the operation's;
    the statements of a table copied in SQLite's batch mode say which part of the copy they are, and any that
    would still share a title are numbered."""
    titles = [title or op.title for title, _ in written]
    titles = [_copy_step(title, text) if titles.count(title) > 1 else title
              for title, (_, text) in zip(titles, written)]
    seen: dict[str, int] = {}
    out = []
    for title, (_, text) in zip(titles, written):
        if titles.count(title) > 1:
            seen[title] = seen.get(title, 0) + 1
            title = f"{title} ({seen[title]} of {titles.count(title)})"
        out.append(Statement(text, op, op.hazards, title))
    return out


_COPY_STEPS = ((re.compile(r"^CREATE TABLE _alembic_tmp_(\w+) \("), "create {} anew as _alembic_tmp_{}"),
               (re.compile(r"^INSERT INTO _alembic_tmp_(\w+) "), "copy the rows of {} into _alembic_tmp_{}"),
               (re.compile(r"^DROP TABLE (\w+)$"), "drop the old {}"),
               (re.compile(r"^ALTER TABLE _alembic_tmp_(\w+) RENAME TO (\w+)$"), "rename _alembic_tmp_{} to {}"))


def _copy_step(title: str, sql: str) -> str:
    """``title: <which part of the table copy>`` for a statement of alembic's batch mode, else ``title``."""
    for pattern, text in _COPY_STEPS:
        found = pattern.match(sql)
        if found:
            names = found.groups()
            return f"{title}: " + text.format(*(names * 2)[:text.count("{}")])
    return title


class _Env:
    def __init__(self, ops: Operations, sa_dialect, dialect: str, mariadb: bool = False,
                 collector: _Collector | None = None):
        self.ops = ops
        self.collector = collector or _Collector()
        self.mariadb = mariadb
        self.sa_dialect = sa_dialect
        self.dialect = dialect
        self.model: Schema | None = None

    def schema(self, name: str) -> str | None:
        """The schema for alembic: a quoted_name, so a dot in it is part of the name (alembic splits a
        plain string on dots, as database.schema)."""
        return quoted_name(name, None) if name and self.dialect == "postgresql" else None

    def quote(self, name: str) -> str:
        return self.sa_dialect.identifier_preparer.quote(name)

    def qualified(self, schema: str, table: str) -> str:
        sch = self.schema(schema)
        return f"{self.quote(sch)}.{self.quote(table)}" if sch else self.quote(table)

    def execute(self, sql: str) -> None:
        self.ops.execute(sql_fragment(sql))

    @contextmanager
    def titled(self, title: str) -> Iterator[None]:
        """The statements written inside are titled ``title`` (what they do, where one operation writes several)."""
        before, self.collector.title = self.collector.title, title
        try:
            yield
        finally:
            self.collector.title = before

    def column_type(self, column: Column) -> sa.types.TypeEngine:
        return sql_type(column, self.dialect)

    def sa_column(self, column: Column, nullable: bool | None = None, keyless_auto_increment: bool = False) \
            -> sa.Column:
        default = default_spec(column, self.dialect, self.dialect)
        rules = dialects.get(self.dialect)
        is_generated = (rules.generated_storage or not rules.column_kinds and default is not None) \
            and (column.default or "").startswith(GENERATED)  # MariaDB/SQLite: GENERATED ALWAYS AS, not a DEFAULT
        computed = generated(generation_expression(column), column, self.dialect)
        type_ = self.column_type(column)
        keyless = keyless_auto_increment and column.identity and bool(rules.auto_increment_suffix)
        if keyless:  # SQLAlchemy says AUTO_INCREMENT on a primary key's column only
            type_ = SQLType(type_spec(column, self.dialect, self.dialect) + collate_clause(column, self.dialect)
                            + rules.auto_increment_suffix)
        return sa.Column(column.name, type_, *self.kind_items(column),
                         *([computed] if is_generated else []),
                         nullable=column.nullable if nullable is None else nullable,
                         server_default=sql_fragment(default) if default is not None and not is_generated else None,
                         autoincrement=column.identity and column.kind != SERIAL and not keyless,
                         comment=self.comment(column.comment))

    def comment(self, text: str | None) -> str | None:
        """A comment written in a column's or table's definition (MariaDB/MySQL); remedy's own notes on a column
        the code names (its type from the code, the catalog's drift) are not the column's comment."""
        if not dialects.get(self.dialect).inline_comments or not text:
            return None
        return None if text.startswith((TYPE_FROM_CODE, CATALOG_DRIFT)) else text

    def kind_items(self, column: Column) -> list:
        """GENERATED ... AS IDENTITY (options) or GENERATED ALWAYS AS (expression) STORED (PostgreSQL)."""
        if not dialects.get(self.dialect).column_kinds:
            return []
        if column.kind.startswith("identity"):
            return [identity_of(column)]
        if column.kind == GENERATED_STORED:
            return [sa.Computed(sql_fragment(generation_expression(column)), persisted=True)]
        return []

    def table(self, schema: str, name: str) -> sa.Table:
        """The table as the model has it now, for batch mode (with the tables it references)."""
        from remedy.sources.metadata import metadata_from_schema

        table = self.model.table(schema, name)
        needed = {(schema, name)} | {(fk.ref_schema or schema, fk.ref_table) for fk in table.foreign_keys}
        model = replace(self.model, tables={k: t for k, t in self.model.tables.items() if k in needed})
        return metadata_from_schema(model, default_schema=schema).tables[name]

    def constraints(self, table: Table) -> list:
        items: list = []
        if table.primary_key:
            items.append(sa.PrimaryKeyConstraint(*table.primary_key.columns, name=table.primary_key.name))
        items += [self.fk(table.schema, fk) for fk in table.foreign_keys]
        items += [sa.UniqueConstraint(*u.columns, name=u.name) for u in table.uniques]
        items += [sa.CheckConstraint(sql_fragment(c.raw_expression or c.expression), name=c.name)
                  for c in table.checks]
        return items

    def ref_columns(self, fk: ForeignKey) -> tuple[str, ...]:
        if fk.ref_columns:
            return fk.ref_columns
        target = self.model.table(fk.ref_schema or "", fk.ref_table) if self.model else None
        if target is None:
            target = next((t for t in self.model.tables.values() if t.name == fk.ref_table), None)
        return target.primary_key.columns if target and target.primary_key else ("id",)

    def fk(self, schema: str, fk: ForeignKey) -> sa.ForeignKeyConstraint:
        """The foreign key with its target as columns of a stand-in table, never as a dotted string
        (``"s.t.c"`` cannot say which dot is part of a name)."""
        columns = self.ref_columns(fk)
        ref = sa.Table(fk.ref_table, sa.MetaData(), *[sa.Column(c, sa.Integer) for c in columns],
                       schema=self.schema(fk.ref_schema or schema))
        return sa.ForeignKeyConstraint(list(fk.columns), [ref.c[c] for c in columns],
                                       name=fk.name, ondelete=fk.on_delete, onupdate=fk.on_update)


# --- types and defaults on the target dialect -----------------------------------------------------

class SQLType(sa.types.UserDefinedType):
    """A column type spelled exactly as the target dialect wants it."""

    cache_ok = True

    def __init__(self, spec: str):
        self.spec = spec

    def get_col_spec(self, **kw) -> str:
        return self.spec

    def __repr__(self) -> str:
        return f"SQLType({self.spec!r})"


_INTEGER_TYPES = {"integer": sa.Integer, "bigint": sa.BigInteger, "smallint": sa.SmallInteger}


_SERIALS = {"smallint": "smallserial", "integer": "serial", "bigint": "bigserial"}


def sql_type(column: Column, dialect: str) -> sa.types.TypeEngine:
    if dialects.get(dialect).column_kinds and column.kind == SERIAL and column.type in _SERIALS:
        return SQLType(_SERIALS[column.type])  # the sequence, its ownership and the nextval default
    suffix = collate_clause(column, dialect)
    if column.identity and column.type in _INTEGER_TYPES and not suffix and not declared_otherwise(column, dialect):
        return declared_integer(column.raw_type, dialect) or _INTEGER_TYPES[column.type]()
    return SQLType(type_spec(column, dialect, dialect) + suffix)


def generation_expression(column: Column) -> str:
    """A generated column's expression: as the source wrote it, else its normalized form."""
    return column.raw_default or (column.default or "").removeprefix("generated: ")


# --- one renderer per operation ------------------------------------------------------------------

def _create_schema(env: _Env, op: o.CreateSchema) -> None:
    env.execute(f"CREATE SCHEMA {env.quote(op.schema)}")


def _drop_schema(env: _Env, op: o.DropSchema) -> None:
    env.execute(f"DROP SCHEMA {env.quote(op.schema)}")


def _create_extension(env: _Env, op: o.CreateExtension) -> None:
    if not op.version:
        env.execute(f"CREATE EXTENSION IF NOT EXISTS {env.quote(op.name)}")
        return
    where = f" WITH SCHEMA {env.quote(op.installed_in)}" if op.installed_in else ""
    env.execute(f"CREATE EXTENSION {env.quote(op.name)}{where} VERSION {dialects.get(env.dialect).literal(op.version)}")


def _drop_extension(env: _Env, op: o.DropExtension) -> None:
    exists = "" if op.version else "IF EXISTS "  # a live one, known to exist; else the undoing of a create
    env.execute(f"DROP EXTENSION {exists}{env.quote(op.name)}")


def _create_enum(env: _Env, op: o.CreateEnum) -> None:
    values = ", ".join(dialects.get(env.dialect).literal(v) for v in op.enum.values)
    env.execute(f"CREATE TYPE {env.qualified(op.enum.schema, op.enum.name)} AS ENUM ({values})")


def _drop_enum(env: _Env, op: o.DropEnum) -> None:
    env.execute(f"DROP TYPE {env.qualified(op.enum.schema, op.enum.name)}")


def _add_enum_value(env: _Env, op: o.AddEnumValue) -> None:
    literal = dialects.get(env.dialect).literal
    where = f" BEFORE {literal(op.before)}" if op.before is not None else ""
    env.execute(f"ALTER TYPE {env.qualified(op.schema, op.enum)} ADD VALUE IF NOT EXISTS {literal(op.value)}{where}")


def _comment(env: _Env, op: o.Comment) -> None:
    return None


def _create_table(env: _Env, op: o.CreateTable) -> None:
    env.model = op.apply_to(env.model)  # self-references resolve against the new table
    table = op.definition.own_part() if op.inherits else op.definition  # its parents' come with them
    worded = _worded(env, table)
    plain = replace(table, primary_key=None if table.primary_key in worded else table.primary_key,
                    foreign_keys=tuple(c for c in table.foreign_keys if c not in worded),
                    uniques=tuple(c for c in table.uniques if c not in worded),
                    checks=tuple(c for c in table.checks if c not in worded))
    key = set(table.primary_key.columns) if table.primary_key else set()
    items = [env.sa_column(c, nullable=_implied_not_null(env, table, c), keyless_auto_increment=c.name not in key)
             for c in table.columns]
    items += env.constraints(plain)
    partitioned = dialects.get(env.dialect).partition_table_kwargs(op.partition_by)
    partitioned.update(dialects.get(env.dialect).sa_table_options(table.options))  # MariaDB: ENGINE=, CHARSET ...
    partitioned.update(dialects.get(env.dialect).flag_table_kwargs(table.flags))  # SQLite: STRICT ...
    partitioned.update(dialects.get(env.dialect).inherits_table_kwargs(
        tuple(env.qualified(schema, name) for schema, name in op.inherits)))
    env.ops.create_table(table.name, *items, schema=env.schema(table.schema), comment=env.comment(table.comment),
                         **partitioned)
    _new_serial_options(env, op.schema, table.name, table.columns)
    for constraint in worded:
        added = o.AddConstraint(schema=op.schema, table=table.name, constraint=constraint,
                                name=constraint_name(table, constraint, env.dialect))
        with env.titled(added.title):
            _add_constraint(env, added)
    for index in table.indexes:  # a dropped table's downgrade brings its indexes back too
        created = o.CreateIndex(schema=op.schema, table=table.name, index=index)
        with env.titled(created.title):
            _create_index(env, created)
    for obj in op.kept:  # and its owner and grants
        given = CreateObject(schema=op.schema, table=table.name, obj=obj)
        with env.titled(given.title):
            create_object(env, given)


def _implied_not_null(env: _Env, table: Table, column: Column) -> bool | None:
    """True (leave NOT NULL unsaid) for a key column the database keeps NOT NULL by itself (SQLite's rowid)."""
    key = table.primary_key.columns if table.primary_key else ()
    sole = tuple(key) == (column.name,)
    return True if column.name in key and dialects.get(env.dialect).not_null_implied(
        column.raw_type or column.type, sole) else None


def _worded(env: _Env, table: Table) -> list:
    """Constraints added in the server's own words after CREATE TABLE (PostgreSQL, when read from a
    server): keys first, then checks and exclusions, then foreign keys (which may reference the keys)."""
    if not dialects.get(env.dialect).worded_definitions:
        return list(table.exclusions)
    keys = [table.primary_key] if table.primary_key is not None else []
    found = keys + list(table.uniques) + list(table.checks) + list(table.exclusions) + list(table.foreign_keys)
    return [c for c in found if c.definition]


def _drop_table(env: _Env, op: o.DropTable) -> None:
    env.ops.drop_table(op.definition.name, schema=env.schema(op.schema))


def _rename_column(env: _Env, op: o.RenameColumn) -> None:
    if env.dialect == "mysql":
        env.execute(f"ALTER TABLE {env.qualified(op.schema, op.table)} RENAME COLUMN "
                    f"{env.quote(op.old)} TO {env.quote(op.new)}")
        return
    env.ops.alter_column(op.table, op.old, new_column_name=op.new, schema=env.schema(op.schema))


def _add_column(env: _Env, op: o.AddColumn) -> None:
    column = op.column
    _plain_add(env, op, env.sa_column(column, nullable=True if op.needs_fill else None))
    _new_serial_options(env, op.schema, op.table, [column])
    if not op.needs_fill:
        return
    target, named = env.qualified(op.schema, op.table), f"{op.table}.{column.name}"
    if op.copy_from:
        value = op.cast or _copy_value(env, op)
        with env.titled(f"copy {op.table}.{op.copy_from} into {named}"):
            env.execute(f"UPDATE {target} SET {env.quote(column.name)} = {value}")
    elif op.backfill is not None:
        with env.titled(f"fill {named} with {op.backfill}"):
            env.execute(f"UPDATE {target} SET {env.quote(column.name)} = {op.backfill}")
    if not column.nullable:
        env.model = op.apply_to(env.model)
        with env.titled(f"set NOT NULL on {named}"):
            _alter(env, op.schema, op.table, column.name, nullable=False,
                   existing=_model_column(env, op.schema, op.table, column.name))


def _copy_value(env: _Env, op: o.AddColumn) -> str:
    """The old column as the new type: as it is when the types agree (MySQL converts on assignment)."""
    old = _model_column(env, op.schema, op.table, op.copy_from)
    source = env.quote(op.copy_from)
    if old.type == op.column.type or dialects.get(env.dialect).converts_on_assignment:
        return source
    return f"CAST({source} AS {type_spec(op.column, env.dialect, env.dialect)})"


def _plain_add(env: _Env, op: o.AddColumn, column: sa.Column) -> None:
    if env.dialect == "sqlite":  # a default expression or NOT NULL makes SQLite copy the table
        with env.ops.batch_alter_table(op.table, copy_from=_batch_source(env, op.schema, op.table),
                                       recreate="auto") as batch:
            batch.add_column(column)
        return
    env.ops.add_column(op.table, column, schema=env.schema(op.schema))


def _model_column(env: _Env, schema: str, table: str, name: str) -> Column:
    current = env.model.table(schema, table)
    found = current.column(name, env.model.name_key) if current else None
    return found or Column(name, "text")


def _alter(env: _Env, schema: str, table: str, column: str, existing: Column, **changes) -> None:
    """ALTER COLUMN through alembic; SQLite copies the table (batch mode)."""
    kwargs = dict(existing_type=env.column_type(existing), existing_nullable=existing.nullable,
                  existing_server_default=_existing_default(env, existing))
    kwargs.update(dialects.get(env.dialect).alter_keeps(existing))
    kwargs.update(changes)
    if env.dialect == "sqlite":
        with _rebuilt(env, table), env.ops.batch_alter_table(table, copy_from=_batch_source(env, schema, table),
                                                             recreate="always") as b:
            b.alter_column(column, **kwargs)
        return
    env.ops.alter_column(table, column, schema=env.schema(schema), **kwargs)


def _existing_default(env: _Env, column: Column):
    text = default_spec(column, env.dialect, env.dialect)
    return sql_fragment(text) if text is not None else None


def _batch_source(env: _Env, schema: str, table: str) -> sa.Table:
    return env.table(schema, table)


def _drop_column(env: _Env, op: o.DropColumn) -> None:
    if env.dialect == "sqlite":
        with _rebuilt(env, op.table), env.ops.batch_alter_table(
                op.table, copy_from=_batch_source(env, op.schema, op.table), recreate="always") as batch:
            batch.drop_column(op.column.name)
        return
    env.ops.drop_column(op.table, op.column.name, schema=env.schema(op.schema))


def _alter_type(env: _Env, op: o.AlterColumnType) -> None:
    if not dialects.get(env.dialect).alter_in_place:  # SQLite: the rebuild copies the values without a CAST
        _sqlite_recreate(env, op)
        return
    existing = _model_column(env, op.schema, op.table, op.column)
    new_type = env.column_type(replace(op.to_type, invisible=existing.invisible))  # MariaDB: INVISIBLE is kept
    keeps = op.to_type if op.default_changed or op.to_type.default is not None else existing
    default = default_spec(keeps, env.dialect, env.dialect)
    if env.dialect != "postgresql":
        changes = {"server_default": sql_fragment(default) if default else None} if op.default_changed else {}
        _alter(env, op.schema, op.table, op.column, existing, type_=new_type, **changes)
        return
    if existing.kind == SERIAL:  # retyped as the plain type; it keeps the nextval default of the sequence it owns
        new_type, default = env.column_type(replace(op.to_type, kind="")), existing.raw_default
    spec = type_spec(op.to_type, env.dialect, env.dialect)
    via_text = "::text" if _is_enum(env, existing) else ""  # PostgreSQL casts one enum to another only through text
    using = op.using or f"{env.quote(op.column)}{via_text}::{spec}"
    named = f"{op.table}.{op.column}"
    if (existing.raw_default is not None or existing.default is not None) and not _numbered_or_generated(existing):
        # PostgreSQL cannot cast most defaults itself: drop, retype, set again (an identity's sequence and a
        # generation are no default: PostgreSQL retypes the identity's sequence with its column)
        with env.titled(f"drop default of {named} before its type changes from {op.from_type.shown_type} "
                        f"to {op.to_type.shown_type}"):
            _alter(env, op.schema, op.table, op.column, existing, server_default=None)
        existing = replace(existing, default=None, raw_default=None)
    _alter(env, op.schema, op.table, op.column, existing, type_=new_type, postgresql_using=using)
    if default is not None:
        with env.titled(f"set default of {named} to {default}"):
            _alter(env, op.schema, op.table, op.column, replace(existing, raw_type=spec),
                   server_default=sql_fragment(default))


def _numbered_or_generated(column: Column) -> bool:
    return column.kind.startswith(("identity", "generated"))


def _is_enum(env: _Env, column: Column) -> bool:
    name = column.type.removesuffix("[]")
    return any(enum.name == name for enum in env.model.enums.values())


def _alter_kind(env: _Env, op: o.AlterColumnKind) -> None:
    """Leave the column's current kind, then take the expected one (PostgreSQL); a column that must
    become generated is dropped and added again."""
    if not dialects.get(env.dialect).alter_in_place:  # SQLite: the table is rebuilt
        _sqlite_recreate(env, op)
        return
    if dialects.get(env.dialect).generated_storage:
        _restate_generation(env, op)
        return
    named = f"{op.table}.{op.from_column.name}"
    if op.recreates:
        with env.titled(f"drop column {named} (it comes back {op.to_column.kind or 'plain'})"):
            env.ops.drop_column(op.table, op.from_column.name, schema=env.schema(op.schema))
        with env.titled(f"add column {named} as {op.to_column.kind or 'plain'}"):
            env.ops.add_column(op.table, env.sa_column(op.to_column), schema=env.schema(op.schema))
        return
    now, to = _model_column(env, op.schema, op.table, op.from_column.name), op.to_column
    at = f"ALTER TABLE {env.qualified(op.schema, op.table)} ALTER COLUMN {env.quote(now.name)}"
    if op.options_only:
        _set_serial_options(env, op.schema, op.table, to)
        return
    if now.kind.startswith("identity") and to.kind.startswith("identity"):
        if now.kind != to.kind:
            env.execute(f"{at} SET GENERATED {_generated_word(to)}")
        if now.kind_options != to.kind_options:
            turned = (_sequence(now).increment > 0) != (_sequence(to).increment > 0)
            restart = " RESTART" if turned else ""  # the current value lies outside the new range
            if _sequence(now).type != _sequence(to).type:  # ALTER COLUMN ... SET takes no AS type
                _set_serial_options(env, op.schema, op.table, to, restart=turned)
            else:
                env.execute(f"{at} {_identity_settings(to)}{restart}")
        return
    if not _hand_over_sequence(env, op, now, to):
        _leave_kind(env, op, now, at)
        _take_kind(env, op, now, to, at)


def _hand_over_sequence(env: _Env, op: o.AlterColumnKind, now: Column, to: Column) -> bool:
    """A serial and a plain column drawing from the sequence under the serial's name: the sequence changes
    owner (OWNED BY), and keeps its value; a serial's takes the expected options. False: something else."""
    if not op.hands_over_sequence:
        return False
    sequence = env.qualified(op.schema, serial_sequence_name(op.table, now.name))
    owner = f"{env.qualified(op.schema, op.table)}.{env.quote(now.name)}" if to.kind == SERIAL else "NONE"
    with env.titled(f"sequence {sequence} owned by {owner}"):
        env.execute(f"ALTER SEQUENCE {sequence} OWNED BY {owner}")
    if to.kind == SERIAL:
        with env.titled(f"set the options of the sequence {op.table}.{now.name} owns"):
            _set_serial_options(env, op.schema, op.table, to)
    return True


def _restate_generation(env: _Env, op: o.AlterColumnKind) -> None:
    """MariaDB/MySQL: a new expression of the same storage and a STORED column becoming a written one are
    restated with MODIFY (the rows keep their values); MariaDB refuses the rest (VIRTUAL <-> STORED, VIRTUAL
    -> written, written -> generated), so the column is dropped and added, a VIRTUAL one's values kept."""
    now, to = _model_column(env, op.schema, op.table, op.from_column.name), op.to_column
    table, column = env.qualified(op.schema, op.table), env.quote(now.name)
    if now.kind and now.kind == to.kind:
        _modify_generated(env, op.schema, op.table, replace(to, comment=now.comment, invisible=now.invisible))
        return
    if now.kind == GENERATED_STORED and not to.kind:
        default = default_spec(to, env.dialect, env.dialect)
        _alter(env, op.schema, op.table, now.name, replace(now, kind="", default=None, raw_default=None),
               nullable=to.nullable, server_default=sql_fragment(default) if default is not None else None)
        return
    env.ops.drop_column(op.table, now.name, schema=env.schema(op.schema))
    env.ops.add_column(op.table, env.sa_column(to), schema=env.schema(op.schema))
    if now.kind and not to.kind:
        env.execute(f"UPDATE {table} SET {column} = ({generation_expression(now)})")


def _modify_generated(env: _Env, schema: str, table: str, column: Column) -> None:
    """MariaDB/MySQL: a generated column restated whole: type, charset, expression, storage, INVISIBLE (said after
    the generation, where MariaDB takes it) and comment."""
    storage = "VIRTUAL" if column.kind == GENERATED_VIRTUAL else "STORED"
    tail = dialects.get(env.dialect).after_generation(column)
    tail += f" COMMENT {dialects.get(env.dialect).literal(column.comment)}" if column.comment else ""
    env.execute(f"ALTER TABLE {env.qualified(schema, table)} MODIFY {env.quote(column.name)} "
                f"{type_spec(column, env.dialect, env.dialect)}{collate_clause(column, env.dialect)} "
                f"AS ({generation_expression(column)}) {storage}{tail}")


def _alter_attributes(env: _Env, op: o.AlterColumnAttributes) -> None:
    """MariaDB/MySQL: MODIFY with the new comment or visibility; type, charset, NULL, default, ON UPDATE,
    AUTO_INCREMENT and generation restated as the model has them."""
    existing = _model_column(env, op.schema, op.table, op.from_column.name)
    wanted = replace(existing, comment=op.to_column.comment, invisible=op.to_column.invisible)
    if existing.kind.startswith("generated"):
        _modify_generated(env, op.schema, op.table, wanted)
        return
    _alter(env, op.schema, op.table, existing.name, existing, type_=env.column_type(wanted),
           nullable=existing.nullable, comment=wanted.comment)


_ROW_FORMAT = re.compile(r"[A-Za-z_]+")


def _alter_table_options(env: _Env, op: o.AlterTableOptions) -> None:
    """ALTER TABLE ... ENGINE=, DEFAULT CHARACTER SET ... COLLATE ... (the default only: CONVERT TO would also
    convert the columns the expected side keeps in another charset), ROW_FORMAT=, COMMENT=."""
    rules, said = dialects.get(env.dialect), dict(op.options)
    words = [f"ENGINE={env.quote(said['engine'])}"] if said.get("engine") else []
    if said.get("charset") or said.get("collation"):
        words.append("DEFAULT" + (f" CHARACTER SET {env.quote(said['charset'])}" if said.get("charset") else "")
                     + (f" COLLATE {env.quote(said['collation'])}" if said.get("collation") else ""))
    if "row_format" in said:
        row_format = said["row_format"] or "DEFAULT"
        if not _ROW_FORMAT.fullmatch(row_format):
            raise RemedyError(f"table {op.table}: row format {row_format!r} is not a row format name")
        words.append(f"ROW_FORMAT={row_format.upper()}")
    if "comment" in said:
        words.append(f"COMMENT={rules.literal(said['comment'] or '')}")
    if words:
        env.execute(f"ALTER TABLE {env.qualified(op.schema, op.table)} {' '.join(words)}")


def _generated_word(column: Column) -> str:
    return "ALWAYS" if column.kind == IDENTITY_ALWAYS else "BY DEFAULT"


def _sequence(column: Column) -> SequenceOptions:
    """Every option of the column's sequence (an identity's or a serial's), the unsaid ones at PostgreSQL's
    defaults for its type."""
    return SequenceOptions.from_words(column.kind_options, column.type)


def _identity_settings(column: Column) -> str:
    v = _sequence(column)
    return (f"SET START WITH {v.start} SET INCREMENT BY {v.increment} SET MINVALUE {v.minvalue} "
            f"SET MAXVALUE {v.maxvalue} SET CACHE {v.cache} SET {'CYCLE' if v.cycle else 'NO CYCLE'}")


def _identity_clause(column: Column) -> str:
    return f"ADD GENERATED {_generated_word(column)} AS IDENTITY ({_sequence(column).clause()})"


def _set_serial_options(env: _Env, schema: str, table: str, column: Column, made_now: bool = False,
                        restart: bool = False) -> None:
    """ALTER SEQUENCE on the sequence a serial or identity column owns, found by pg_get_serial_sequence
    (PostgreSQL names it, and may have named it otherwise): its type and every option, so what AS would do to the
    bounds does not matter (a bound said in the same command is kept). A sequence ``made_now`` restarts at its
    START while its table holds no row, so the first value is the expected one (rows added with the column have
    drawn from it already); ``restart``: always (its increment turned, where it stands lies outside)."""
    literal, sequence = dialects.get(env.dialect).literal, _sequence(column)
    target = env.qualified(schema, table)
    restart = " || ' RESTART'" if restart else \
        f" || CASE WHEN EXISTS (SELECT FROM {target}) THEN '' ELSE ' RESTART' END" if made_now else ""
    body = (f"BEGIN EXECUTE 'ALTER SEQUENCE ' || pg_get_serial_sequence({literal(target)}, {literal(column.name)}) "
            f"|| ' AS {sequence.type} {sequence.clause(cycle_said=True)}'{restart}; END")
    tag = dialects.get(env.dialect).dollar_tag(body)  # a table named x$remedy$ must not end the block
    env.execute(f"DO {tag} {body} {tag}")


def _new_serial_options(env: _Env, schema: str, table: str, columns: Iterable[Column]) -> None:
    """The options of the sequences that new serial columns own, where they are not serial's defaults, and the
    type of a new identity's sequence where it is not its column's (PostgreSQL refuses AS in the identity's own
    options: the sequence takes its column's type, then ALTER SEQUENCE ... AS)."""
    for column in columns:
        if column.kind == SERIAL and column.kind_options or _identity_retyped(column):
            with env.titled(f"set the options of the sequence {table}.{column.name} owns"):
                _set_serial_options(env, schema, table, column, made_now=True)


def _identity_retyped(column: Column) -> bool:
    """An identity whose sequence's type is not its column's (``as integer`` on a bigint column)."""
    return column.kind.startswith("identity") and _sequence(column).type != made_for(column.type)


def _leave_kind(env: _Env, op: o.AlterColumnKind, now: Column, at: str) -> None:
    named = f"{op.table}.{now.name}"
    if now.kind.startswith("identity"):
        with env.titled(f"drop identity of {named}"):
            env.execute(f"{at} DROP IDENTITY")
    elif now.kind == GENERATED_STORED:
        with env.titled(f"drop generation expression of {named}"):
            env.execute(f"{at} DROP EXPRESSION")
    elif now.raw_default is not None:
        with env.titled(f"drop default of {named}"):
            env.execute(f"{at} DROP DEFAULT")
        if now.kind == SERIAL:  # the sequence the column owned: its name is free again for the new kind
            owned = drawn_sequence(now.raw_default)
            with env.titled(f"drop the sequence {named} owned"):
                env.execute(f"DROP SEQUENCE {owned}" if owned else
                            f"DROP SEQUENCE {env.qualified(op.schema, serial_sequence_name(op.table, now.name))}")


def _take_kind(env: _Env, op: o.AlterColumnKind, now: Column, to: Column, at: str) -> None:
    named = f"{op.table}.{now.name}"
    if to.kind.startswith("identity"):
        if now.nullable:
            with env.titled(f"set NOT NULL on {named}"):
                env.execute(f"{at} SET NOT NULL")
        env.execute(f"{at} {_identity_clause(to)}")
        if _identity_retyped(to):
            _set_serial_options(env, op.schema, op.table, to)
        _catch_up(env, op, now)
    elif to.kind == SERIAL:
        sequence = env.qualified(op.schema, f"{op.table}_{now.name}_seq"[:63])
        options = _sequence(to)
        said = f" {options.clause()}" if to.kind_options else ""
        with env.titled(f"create sequence {sequence} for {named}"):
            env.execute(f"CREATE SEQUENCE {sequence} AS {options.type}{said} OWNED BY "
                        f"{env.qualified(op.schema, op.table)}.{env.quote(now.name)}")
        env.execute(f"{at} SET DEFAULT nextval({dialects.get(env.dialect).literal(sequence)}::regclass)")
        _catch_up(env, op, now)
    elif to.raw_default is not None or to.default is not None:
        default = default_spec(to, env.dialect, env.dialect)
        if default is not None:
            with env.titled(f"set default of {named} to {default}"):
                env.execute(f"{at} SET DEFAULT {default}")


def _catch_up(env: _Env, op: o.AlterColumnKind, now: Column) -> None:
    """The new sequence goes on after the values the rows already hold (no duplicate on the next insert)."""
    table = env.qualified(op.schema, op.table)
    column = env.quote(now.name)
    with env.titled(f"move the sequence of {op.table}.{now.name} past the values its rows hold"):
        env.execute(f"SELECT setval(pg_get_serial_sequence({dialects.get(env.dialect).literal(table)}, {dialects.get(env.dialect).literal(now.name)}), max({column})) "
                    f"FROM {table} HAVING max({column}) IS NOT NULL")


def _alter_nullability(env: _Env, op: o.AlterNullability) -> None:
    existing = _model_column(env, op.schema, op.table, op.column.name)
    table = env.model.table(op.schema, op.table)
    if not op.nullable and table is not None and _implied_not_null(env, table, existing):
        return  # SQLite's rowid (a type change made the column INTEGER PRIMARY KEY): NOT NULL by itself
    if not op.nullable and op.backfill is not None:
        _fill_nulls(env, op)
    if not op.nullable and op.constraint_name:  # PostgreSQL 18: the constraint's own name, as expected
        env.execute(f"ALTER TABLE {env.qualified(op.schema, op.table)} ADD CONSTRAINT "
                    f"{env.quote(op.constraint_name)} NOT NULL {env.quote(op.column.name)}")
        return
    _alter(env, op.schema, op.table, op.column.name, existing, nullable=op.nullable)


def _fill_nulls(env: _Env, op: o.AlterNullability) -> None:
    with env.titled(f"fill NULLs in {op.table}.{op.column.name} with {op.backfill}"):
        env.execute(f"UPDATE {env.qualified(op.schema, op.table)} SET {env.quote(op.column.name)} = "
                    f"{op.backfill} WHERE {env.quote(op.column.name)} IS NULL")


def _alter_default(env: _Env, op: o.AlterDefault) -> None:
    existing = _model_column(env, op.schema, op.table, op.column.name)
    if existing.identity != (op.normalized == AUTOINCREMENT):  # MariaDB: AUTO_INCREMENT is restated, not a default
        _alter(env, op.schema, op.table, op.column.name, existing, autoincrement=not existing.identity,
               nullable=existing.nullable, server_default=None)
        return
    wanted = Column(op.column.name, existing.type, default=op.normalized, raw_default=op.default,
                    raw_type=existing.raw_type)
    text = default_spec(wanted, env.dialect, env.dialect) if op.default is not None else None
    rules = dialects.get(env.dialect)
    restated = any(rules.split_on_update(d)[1] for d in (existing.raw_default, op.default))
    _alter(env, op.schema, op.table, op.column.name, existing,  # ON UPDATE: MODIFY, not SET DEFAULT
           server_default=sql_fragment(text) if text is not None else None,
           **({"nullable": existing.nullable} if restated else {}))


def _add_constraint(env: _Env, op: o.AddConstraint) -> None:
    if env.dialect == "sqlite":
        _sqlite_recreate(env, op)
        return
    c, table, schema = op.constraint, op.table, env.schema(op.schema)
    if dialects.get(env.dialect).worded_definitions and c.definition:  # the server's own words: every option kept
        env.execute(f"ALTER TABLE {env.qualified(op.schema, table)} ADD CONSTRAINT {env.quote(op.name)} "
                    f"{c.definition}")
        return
    if op.kind == "primary key" and env.dialect == "mysql":  # MySQL's primary key is always named PRIMARY
        columns = ", ".join(env.quote(col) for col in c.columns)
        env.execute(f"ALTER TABLE {env.qualified(op.schema, table)} ADD PRIMARY KEY ({columns})")
    elif op.kind == "primary key":
        env.ops.create_primary_key(op.name, table, list(c.columns), schema=schema)
    elif op.kind == "unique":
        env.ops.create_unique_constraint(op.name, table, list(c.columns), schema=schema)
    elif op.kind == "check":
        env.ops.create_check_constraint(op.name, table, sql_fragment(c.raw_expression or c.expression),
                                        schema=schema)
    else:  # alembic's create_foreign_key names the target as a dotted string: build the constraint here
        source = sa.Table(table, sa.MetaData(), *[sa.Column(col, sa.Integer) for col in c.columns], schema=schema)
        constraint = env.fk(op.schema, replace(c, name=op.name))
        source.append_constraint(constraint)
        env.ops.execute(sa.schema.AddConstraint(constraint))


def _copies_generated(env: _Env, op: o.Operation) -> bool:
    """A column change SQLite makes by copying a table that has generated columns: alembic's batch mode would copy
    into them (SQLite refuses), so the rebuild below, which leaves them out, makes it."""
    if dialects.get(env.dialect).alter_in_place or not isinstance(op, _COLUMN_CHANGES):
        return False
    table = env.model.table(op.schema, op.table)
    return table is not None and any(c.kind.startswith("generated") for c in table.columns)


def _alter_table_flag(env: _Env, op: o.AlterTableFlag) -> None:
    sql = dialects.get(env.dialect).alter_table_flag(env.qualified(op.schema, op.table), op.flag, op.on)
    if sql is None:
        _sqlite_recreate(env, op)
    else:
        env.model = op.apply_to(env.model)
        env.execute(sql)


def _sqlite_recreate(env: _Env, op: o.Operation) -> None:
    """SQLite cannot ALTER constraints, table flags or generated columns: the table is rebuilt as the model has
    it after ``op`` (new table, copy, drop, rename, its indexes created again), within the plan's transaction."""
    if isinstance(op, o.AlterNullability) and not op.nullable and op.backfill is not None:
        _fill_nulls(env, op)
    before = env.model.table(op.schema, op.table)
    with _rebuilt(env, op.table):
        env.model = op.apply_to(env.model)
        after = env.model.table(op.schema, op.table)
        temp = replace(after, name=f"_alembic_tmp_{after.name}"[:50], indexes=())  # the copy's name in batch mode
        copied = [c.name for c in after.columns if not c.kind.startswith("generated")  # computed, never written
                  and before.column(c.name) is not None]
        names = ", ".join(env.quote(c) for c in copied)
        values = ", ".join(_copied_value(env, op, after, c) for c in copied)
        env.ops.execute(sa.schema.CreateTable(_sa_table(env, op.schema, temp)))
        env.execute(f"INSERT INTO {env.quote(temp.name)} ({names}) SELECT {values} FROM {env.quote(after.name)}")
        env.ops.drop_table(after.name)
        env.ops.rename_table(temp.name, after.name)
        for index in after.indexes:
            _create_index(env, o.CreateIndex(schema=op.schema, table=after.name, index=index))


def _copied_value(env: _Env, op: o.Operation, after: Table, name: str) -> str:
    """A column's value in the rebuild's copy: as it is, but for the column whose type changes (the decision's
    expression, else the value as the new type takes it: remedy.dialects ``copy_value``)."""
    if not isinstance(op, o.AlterColumnType) or op.column != name:
        return env.quote(name)
    return op.using or copy_value(env.dialect, after, after.column(name))


def _sa_table(env: _Env, schema: str, table: Table) -> sa.Table:
    """``table`` as SQLAlchemy's, with the tables its foreign keys reference (as the model has them now)."""
    from remedy.sources.metadata import metadata_from_schema

    needed = {(fk.ref_schema or schema, fk.ref_table) for fk in table.foreign_keys}
    tables = {k: t for k, t in env.model.tables.items() if k in needed} | {(schema, table.name): table}
    return metadata_from_schema(replace(env.model, tables=tables), default_schema=schema).tables[table.name]


@contextmanager
def _rebuilt(env: _Env, table: str):
    """SQLite's table rebuild as its documentation gives it: the views and triggers that involve the table
    (its own triggers go with DROP TABLE; a view or trigger naming it fails the RENAME) are dropped first and
    created again, from the text sqlite_master keeps, once the new table has the old name."""
    from remedy.sources.objects_sqlite import dependants_of

    saved = dependants_of(env.model, table)
    for obj in reversed(saved):
        env.execute(f"DROP {obj.kind.upper()} IF EXISTS {env.quote(obj.own_name)}")
    counted = _counted(env, table)
    if counted:
        _save_counter(env, table)
    yield
    if counted:
        _restore_counter(env, table, _counted(env, table))
    for obj in saved:
        env.execute(obj.definition)


_COUNTER = "temp.remedy_sequence"  # an AUTOINCREMENT table's counter while the table is rebuilt


def _counted(env: _Env, table: str) -> bool:
    """Whether the table, as the model has it now, numbers its rows with AUTOINCREMENT (sqlite_sequence)."""
    found = env.model.table("main", table)
    return found is not None and AUTOINCREMENT_FLAG in found.flags


def _save_counter(env: _Env, table: str) -> None:
    with env.titled(f"keep the AUTOINCREMENT counter of {table}"):
        env.execute(f"CREATE TEMP TABLE remedy_sequence AS SELECT seq FROM sqlite_sequence WHERE name = "
                    f"{dialects.get(env.dialect).literal(table)}")


def _restore_counter(env: _Env, table: str, still: bool) -> None:
    """The rebuilt table goes on counting from where the old one was, so the ids of deleted rows are not
    handed out again (the copy starts sqlite_sequence at the largest id it copied)."""
    name = dialects.get(env.dialect).literal(table)
    with env.titled(f"give {table} back its AUTOINCREMENT counter"):
        if still:
            env.execute(f"DELETE FROM sqlite_sequence WHERE name = {name}")
            env.execute(f"INSERT INTO sqlite_sequence (name, seq) SELECT {name}, seq FROM {_COUNTER}")
        env.execute(f"DROP TABLE {_COUNTER}")


_CONSTRAINT_TYPE = {"primary key": "primary", "foreign key": "foreignkey", "unique": "unique", "check": "check",
                    "exclusion": None}


def _drop_constraint(env: _Env, op: o.DropConstraint) -> None:
    type_ = _CONSTRAINT_TYPE[op.kind]
    if env.dialect == "mysql" and type_ == "check":  # MariaDB has no DROP CHECK; a column's own check
        if_exists = "IF EXISTS " if env.mariadb else ""  # goes with the column, so it may be gone already
        env.execute(f"ALTER TABLE {env.qualified(op.schema, op.table)} DROP CONSTRAINT {if_exists}"
                    f"{env.quote(op.name)}")
        _drop_column_check(env, op)
        return
    if env.dialect == "sqlite":  # SQLite's constraints may be unnamed: copy into a table without it
        _sqlite_recreate(env, op)
        return
    env.ops.drop_constraint(op.name, op.table, type_=type_, schema=env.schema(op.schema))
    if env.mariadb and type_ == "foreignkey" and not _indexed(env, op):
        # InnoDB made an index for the foreign key when none could serve; it goes with the key
        with env.titled(f"drop index {op.name} on {op.table} (InnoDB made it for the foreign key)"):
            env.execute(f"DROP INDEX IF EXISTS {env.quote(op.name)} ON {env.qualified(op.schema, op.table)}")


def _drop_column_check(env: _Env, op: o.DropConstraint) -> None:
    """MariaDB names a column's own CHECK after the column, and DROP CONSTRAINT does not reach it: restating
    the column (MODIFY, as the model has it) does."""
    table = env.model.table(op.schema, op.table)
    column = table.column(op.name, env.model.name_key) if table is not None else None
    if column is None or not dialects.get(env.dialect).column_checks_named_after_column \
            or column.kind.startswith("generated"):
        return
    _alter(env, op.schema, op.table, column.name, column, nullable=column.nullable)


def _indexed(env: _Env, op: o.DropConstraint) -> bool:
    """Whether the model has an index (or key) the foreign key's columns lead, other than InnoDB's own."""
    table = env.model.table(op.schema, op.table)
    if table is None:
        return True
    wanted = tuple(op.constraint.columns)
    keys = [tuple(k.column for k in i.keys) for i in table.indexes if i.name != op.name]
    keys += [tuple(u.columns) for u in table.uniques]
    keys += [tuple(table.primary_key.columns)] if table.primary_key else []
    return any(key[:len(wanted)] == wanted for key in keys)


def _create_index(env: _Env, op: o.CreateIndex) -> None:
    index = op.index
    if dialects.get(env.dialect).worded_definitions and index.definition:
        unique = "UNIQUE " if index.unique else ""
        env.execute(f"CREATE {unique}INDEX {env.quote(index.name)} ON {env.qualified(op.schema, op.table)} "
                    f"{index.definition}")
        return
    columns = [_index_key(env, key) for key in index.keys]
    kwargs = {}
    opclasses = {key.column: key.opclass for key in index.keys if key.column and key.opclass}
    if opclasses:  # only PostgreSQL reads it
        kwargs["postgresql_ops"] = opclasses
    if index.where and env.dialect in ("postgresql", "sqlite"):
        kwargs[f"{env.dialect}_where"] = sql_fragment(index.where)
    kwargs.update(index_method_options(index.method, env.dialect))
    env.ops.create_index(index.name, op.table, columns, unique=index.unique, schema=env.schema(op.schema), **kwargs)


def _index_key(env: _Env, key: IndexKey):
    """A plain column key as its name (alembic quotes it with the dialect's preparer); anything else through
    ``index_key_element``, which quotes a column the same way and writes an expression as it stands."""
    if key == IndexKey(column=key.column):
        return key.column
    return index_key_element(key, {}, env.dialect)


def _rename_constraint(env: _Env, op: o.RenameConstraint) -> None:
    if op.kind == "index":
        env.execute(f"ALTER INDEX {env.qualified(op.schema, op.old)} RENAME TO {env.quote(op.new)}")
        return
    env.execute(f"ALTER TABLE {env.qualified(op.schema, op.table)} RENAME CONSTRAINT {env.quote(op.old)} "
                f"TO {env.quote(op.new)}")


def _drop_index(env: _Env, op: o.DropIndex) -> None:
    env.ops.drop_index(op.index.name, table_name=op.table, schema=env.schema(op.schema))


_COLUMN_CHANGES = (o.AlterColumnType, o.AlterNullability, o.AlterDefault, o.DropColumn)
_RENDERERS: dict[type, Callable[[_Env, o.Operation], None]] = {
    o.CreateSchema: _create_schema,
    o.DropSchema: _drop_schema,
    o.CreateExtension: _create_extension,
    o.DropExtension: _drop_extension,
    o.CreateEnum: _create_enum,
    o.DropEnum: _drop_enum,
    o.AddEnumValue: _add_enum_value,
    o.Comment: _comment,
    o.CreateTable: _create_table,
    o.DropTable: _drop_table,
    o.RenameColumn: _rename_column,
    o.AddColumn: _add_column,
    o.DropColumn: _drop_column,
    o.AlterColumnType: _alter_type,
    o.AlterNullability: _alter_nullability,
    o.AlterDefault: _alter_default,
    o.AlterColumnKind: _alter_kind,
    o.AlterColumnAttributes: _alter_attributes,
    o.AlterTableOptions: _alter_table_options,
    o.AlterTableFlag: _alter_table_flag,
    o.AddConstraint: _add_constraint,
    o.DropConstraint: _drop_constraint,
    o.CreateIndex: _create_index,
    o.DropIndex: _drop_index,
    o.RenameConstraint: _rename_constraint,
}
_RENDERERS.update(OBJECT_RENDERERS)  # views, functions, triggers, policies... (remedy.render.objects)

"""SQLAlchemy MetaData <-> Schema.

``schema_from_metadata`` reads a MetaData (or a declarative base) as the expected
schema: each column type is compiled with the target dialect's type compiler and
normalized. ``metadata_from_schema`` goes the other way so that SQLAlchemy's DDL
compilers can render any Schema for any dialect; column types travel as
:class:`SchemaType`, which renders its text translated to the target dialect by sqlglot.
"""
from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import replace

import sqlalchemy as sa
import sqlglot
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.ext.compiler import compiles

from remedy import dialects
from remedy.errors import SourceError
from remedy.model import (
    GENERATED_VIRTUAL, CheckConstraint, Column, Enum, ForeignKey, Index, IndexKey, PrimaryKey, Schema, Table, UniqueConstraint,
)
from remedy.normalize import SQLGLOT_DIALECT, is_unsigned, normalize_check, normalize_default, normalize_type
from remedy.sources.live import GENERATED

SA_DIALECTS = {"postgresql": postgresql.dialect, "mysql": mysql.dialect, "sqlite": sqlite.dialect}
DEFAULT_SCHEMA = {"postgresql": "public", "sqlite": "main", "mysql": ""}
_INTEGER_TYPES = {"smallint": sa.SmallInteger, "integer": sa.Integer, "bigint": sa.BigInteger}
_SERIALS = {"smallint": "SMALLSERIAL", "integer": "SERIAL", "bigint": "BIGSERIAL"}


def sa_dialect(dialect: str) -> sa.engine.Dialect:
    """The dialect that renders DDL: named parameters, so a '%' in SQL is written as is, not '%%'."""
    return dialects.strict_quoting(SA_DIALECTS[dialect](paramstyle="named"))


def sql_fragment(text: str) -> sa.TextClause:
    """SQL a database or a catalog wrote (a default, a check, a predicate), rendered as written:
    ``sa.text`` would read ``':x'`` as a bind parameter; ``'\\:'`` keeps the colon."""
    return sa.text(text.replace(":", "\\:"))


def index_method_options(method: str | None, dialect: str) -> dict:
    """SQLAlchemy's options for an index's access method: PostgreSQL ``USING gin``; MariaDB's FULLTEXT
    and SPATIAL are kinds of index (``CREATE FULLTEXT INDEX``), its HASH/BTREE a ``USING``."""
    method = (method or "btree").lower()
    if method == "btree" or dialect == "sqlite":
        return {}
    if dialect == "mysql":
        return {"mysql_prefix": method.upper()} if method in ("fulltext", "spatial") else {"mysql_using": method}
    return {f"{dialect}_using": method}


# --------------------------------------------------------------------------- MetaData -> Schema


def schema_from_metadata(md: sa.MetaData, dialect: str = "postgresql", default_schema: str | None = None,
                         source: str = "") -> Schema:
    """The Schema a MetaData declares, with types as ``dialect`` would store them."""
    target = sa_dialect(dialect)
    fallback = DEFAULT_SCHEMA[dialect] if default_schema is None else default_schema
    tables, enums = {}, {}
    for table in md.tables.values():
        schema = table.schema or fallback
        tables[(schema, table.name)] = _table_from_sa(table, schema, target, dialect, enums)
    return Schema(dialect=dialect, tables=tables, enums=enums,
                  schemas=tuple(sorted({k[0] for k in tables})) or (fallback,), source=source)


def _table_from_sa(table: sa.Table, schema: str, target, dialect: str, enums: dict) -> Table:
    columns = tuple(_column_from_sa(col, i + 1, target, dialect, enums, schema)
                    for i, col in enumerate(table.columns))
    pk = table.primary_key
    return Table(
        name=table.name, schema=schema, columns=columns,
        primary_key=PrimaryKey(tuple(c.name for c in pk.columns), pk.name) if len(pk.columns) else None,
        foreign_keys=tuple(_fk_from_sa(fk, schema) for fk in table.foreign_key_constraints),
        uniques=tuple(UniqueConstraint(tuple(c.name for c in u.columns), _name(u.name))
                      for u in table.constraints if isinstance(u, sa.UniqueConstraint)),
        checks=tuple(_check_from_sa(c, target, dialect) for c in table.constraints
                     if isinstance(c, sa.CheckConstraint)),
        indexes=tuple(_index_from_sa(i, target, dialect) for i in sorted(table.indexes, key=lambda i: i.name or "")),
        comment=table.comment,
    )


def _name(name) -> str | None:
    """A constraint's given name; None for unnamed ones (SQLAlchemy may use a sentinel type)."""
    return str(name) if isinstance(name, str) and type(name).__name__ != "_NoneName" else None


def _column_from_sa(col: sa.Column, ordinal: int, target, dialect: str, enums: dict, schema: str) -> Column:
    raw_type = _compile_type(col.type, target)
    col_type = normalize_type(raw_type, dialect)
    if isinstance(col.type, sa.Enum) and dialect == "postgresql" and col.type.name:
        enum_schema = col.type.schema or schema
        enums[(enum_schema, col.type.name)] = Enum(col.type.name, tuple(col.type.enums), enum_schema)
        col_type = raw_type = col.type.name
    identity = col.identity is not None or col.table.autoincrement_column is col
    if dialect == "sqlite":  # only INTEGER PRIMARY KEY (the rowid) numbers itself
        identity = identity and raw_type.upper() == "INTEGER"
    raw_default = _server_default(col, target)
    default = "autoincrement" if identity else normalize_default(raw_default, dialect, col_type)
    return Column(name=col.name, type=col_type, nullable=bool(col.nullable) and not col.primary_key,
                  default=default, raw_type=raw_type, raw_default=raw_default, ordinal=ordinal,
                  identity=identity, comment=col.comment)


def _compile_type(type_: sa.types.TypeEngine, target) -> str:
    try:
        return type_.compile(dialect=target)
    except Exception:  # a type the dialect cannot render (e.g. ARRAY on SQLite)
        return str(type_.__class__.__name__).lower()


def _server_default(col: sa.Column, target) -> str | None:
    default = col.server_default
    if default is None or not hasattr(default, "arg"):
        return None
    arg = default.arg
    if isinstance(arg, str):
        return "'" + arg.replace("'", "''") + "'"
    return str(arg.compile(dialect=target)) if hasattr(arg, "compile") else str(arg)


def _fk_from_sa(fk: sa.ForeignKeyConstraint, schema: str) -> ForeignKey:
    ref = fk.elements[0].column.table if fk.elements else None
    return ForeignKey(
        columns=tuple(fk.column_keys), ref_table=ref.name if ref is not None else "",
        ref_columns=tuple(e.column.name for e in fk.elements), ref_schema=(ref.schema if ref is not None
                                                                           and ref.schema else schema),
        name=_name(fk.name), on_delete=_action(fk.ondelete), on_update=_action(fk.onupdate))


def _action(value: str | None) -> str | None:
    if not value or value.upper() == "NO ACTION":
        return None
    return value.upper()


def _check_from_sa(check: sa.CheckConstraint, target, dialect: str) -> CheckConstraint:
    raw = str(check.sqltext.compile(dialect=target, compile_kwargs={"literal_binds": True}))
    return CheckConstraint(normalize_check(raw, dialect), _name(check.name), raw)


def _index_from_sa(index: sa.Index, target, dialect: str) -> Index:
    keys = tuple(_prefixed(_index_key_from_sa(expr, target, dialect), index, dialect) for expr in index.expressions)
    where = index.dialect_options.get(dialect, {}).get("where") if dialect in ("postgresql", "sqlite") else None
    using = index.dialect_options.get(dialect, {}).get("using") if dialect in ("postgresql", "mysql") else None
    where_text = str(where.compile(dialect=target, compile_kwargs={"literal_binds": True})) \
        if where is not None and hasattr(where, "compile") else where
    return Index(name=index.name or "", keys=keys, unique=bool(index.unique),
                 where=normalize_check(where_text, dialect) if where_text else None,
                 method=using.lower() if isinstance(using, str) else None)


def _prefixed(key: IndexKey, index: sa.Index, dialect: str) -> IndexKey:
    """MariaDB/MySQL: the prefix ``mysql_length`` (or ``mariadb_length``) gives a column key: one length for every
    column, or {column name: length}."""
    if not dialects.get(dialect).index_prefix_keys or not key.column:
        return key
    for option in ("mariadb", "mysql"):
        length = index.dialect_options[option].get("length")
        length = length.get(key.column) if isinstance(length, dict) else length
        if length:
            return replace(key, prefix=int(length))
    return key


_ORDER = {sa.sql.operators.desc_op: {"descending": True}, sa.sql.operators.nulls_first_op: {"nulls": "first"},
          sa.sql.operators.nulls_last_op: {"nulls": "last"}}


def _index_key_from_sa(expr, target, dialect: str) -> IndexKey:
    """A column (``t.c.a``, ``t.c.a.desc()``) as a column key; anything else as compiled expression text."""
    order: dict = {}
    while isinstance(expr, sa.sql.elements.UnaryExpression) and expr.modifier in _ORDER:
        order.update(_ORDER[expr.modifier])
        expr = expr.element
    if isinstance(expr, sa.Column):
        return IndexKey(column=expr.name, **order)
    text = str(expr.compile(dialect=target, compile_kwargs={"literal_binds": True}))
    return IndexKey(expression=normalize_check(text, dialect), **order)


# --------------------------------------------------------------------------- python:module:attr


def load_python_source(source: str, dialect: str = "postgresql") -> Schema:
    """``python:pkg.mod:attr`` naming a MetaData or a declarative base -> Schema."""
    spec = source[len("python:"):] if source.startswith("python:") else source
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise SourceError(f"{source}: expected python:package.module:attribute")
    if os.getcwd() not in sys.path:  # like `python -m`: the project you stand in is importable
        sys.path.insert(0, os.getcwd())
    if os.getcwd() not in sys.path:  # the console script does not put the project directory on the path
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        raise SourceError(f"{source}: cannot import {module_name}: {type(exc).__name__}: {_line(exc)}") from None
    obj = module
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise SourceError(f"{source}: {module_name} has no attribute {attr!r}")
        obj = getattr(obj, part)
    md = obj if isinstance(obj, sa.MetaData) else getattr(obj, "metadata", None)
    if not isinstance(md, sa.MetaData):
        raise SourceError(f"{source}: {attr} is neither a MetaData nor a declarative base")
    try:
        return schema_from_metadata(md, dialect, source=source)
    except Exception as exc:
        raise SourceError(f"{source}: cannot read the metadata: {type(exc).__name__}: {_line(exc)}") from None


def _line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


# --------------------------------------------------------------------------- Schema -> MetaData


class SchemaType(sa.types.UserDefinedType):
    """A column type carried as text, rendered for whatever dialect compiles it."""

    cache_ok = True

    def __init__(self, text: str, dialect: str = "postgresql"):
        self.text = text
        self.dialect = dialect

    def get_col_spec(self, **kw) -> str:
        return self.text


@compiles(SchemaType)
def _compile_schema_type(element: SchemaType, compiler, **kw) -> str:
    return translate_type(element.text, element.dialect, compiler.dialect.name)


class Generated(sa.Computed):
    """GENERATED ALWAYS AS (expression) VIRTUAL / STORED, and what the dialect writes after it (MariaDB takes
    INVISIBLE there only: ``remedy.dialects`` ``after_generation``)."""

    inherit_cache = True

    def __init__(self, sqltext, persisted: bool, after: str = ""):
        super().__init__(sqltext, persisted=persisted)
        self.after = after

    def _copy(self, **kw) -> "Generated":
        copied = super()._copy(**kw)
        return self._schema_item_copy(Generated(copied.sqltext, copied.persisted, self.after))


@compiles(Generated)
def _compile_generated(element: Generated, compiler, **kw) -> str:
    return compiler.visit_computed_column(element, **kw) + element.after


def generated(expression: str, column: Column, dialect: str) -> Generated:
    """A generated column's clause as the dialect writes it in a CREATE TABLE or ADD COLUMN."""
    return Generated(sql_fragment(expression), persisted=column.kind != GENERATED_VIRTUAL,
                     after=dialects.get(dialect).after_generation(column))


def translate_type(text: str, source: str, target: str) -> str:
    """A type spelled for ``source`` as ``target`` spells it (unchanged within one dialect)."""
    target = {"mariadb": "mysql"}.get(target, target)
    if source == target:
        return _SAME_DIALECT.get(target, lambda t: t)(text)
    try:
        dtype = sqlglot.exp.DataType.build(text, dialect=SQLGLOT_DIALECT[source])
    except Exception:
        return text
    kind = dtype.this.name
    if dtype.is_type(*_ARRAY_KINDS) and target != "postgresql":
        return "JSON" if target == "mysql" else "TEXT"
    replacement = _STORED_AS.get(target, {}).get(kind)
    return replacement or dtype.sql(SQLGLOT_DIALECT[target])


# Spellings a database reports that sqlglot (the catalog reader) does not parse.
_SAME_DIALECT = {"postgresql": lambda t: re.sub(r"(?i)^bit varying", "varbit", t)}
_ARRAY_KINDS = (sqlglot.exp.DataType.Type.ARRAY,)
# Types the target dialect has no spelling for, and what it stores them as.
_STORED_AS = {
    "mysql": {"JSONB": "JSON", "UUID": "CHAR(36)", "TIMESTAMPTZ": "TIMESTAMP", "INET": "VARCHAR(45)",
              "CIDR": "VARCHAR(45)", "INTERVAL": "VARCHAR(64)", "BYTEA": "LONGBLOB", "TSVECTOR": "LONGTEXT"},
    "sqlite": {"JSONB": "JSON", "TIMESTAMPTZ": "TIMESTAMP", "UUID": "CHAR(36)", "INET": "TEXT", "CIDR": "TEXT"},
}


def metadata_from_schema(schema: Schema, default_schema: str | None = None) -> sa.MetaData:
    """A MetaData holding ``schema``; tables in ``default_schema`` (default: the first) are unqualified."""
    default = schema.schemas[0] if default_schema is None and schema.schemas else (default_schema or "")
    md = sa.MetaData()
    if schema.dialect == "postgresql":
        for enum in schema.enums.values():
            postgresql.ENUM(*enum.values, name=enum.name, schema=_qualifier(enum.schema, default),
                            metadata=md, create_type=True)
    for table in schema.iter_tables():
        _sa_table(md, table, schema.dialect, default)
    for table in schema.iter_tables():
        _sa_foreign_keys(md, table, default)
    return md


def _qualifier(name: str, default: str) -> str | None:
    return None if not name or name == default else name


def _sa_table(md: sa.MetaData, table: Table, dialect: str, default: str) -> sa.Table:
    pk_columns = set(table.primary_key.columns) if table.primary_key else set()
    columns = [_sa_column(col, dialect, col.name in pk_columns, len(pk_columns) == 1) for col in table.columns]
    items: list = list(columns)
    if table.primary_key:
        items.append(sa.PrimaryKeyConstraint(*table.primary_key.columns, name=table.primary_key.name))
    items += [sa.UniqueConstraint(*u.columns, name=u.name) for u in table.uniques]
    items += [sa.CheckConstraint(sql_fragment(c.raw_expression or c.expression), name=c.name)
              for c in table.checks]
    sa_table = sa.Table(table.name, md, *items, schema=_qualifier(table.schema, default), comment=table.comment,
                        **dialects.get(dialect).sa_table_options(table.options),
                        **dialects.get(dialect).flag_table_kwargs(table.flags))
    for index in table.indexes:
        _sa_index(sa_table, index, dialect)
    return sa_table


def _sa_column(col: Column, dialect: str, in_pk: bool, single_pk: bool) -> sa.Column:
    kw: dict = {"nullable": col.nullable, "comment": col.comment}
    extra: list = []
    type_: sa.types.TypeEngine = SchemaType(_type_text(col, dialect) + collate_clause(col, dialect), dialect)
    serial = col.identity and (col.raw_default or "").lower().startswith("nextval(")
    if col.identity and col.type in _INTEGER_TYPES and in_pk and single_pk and not _is_pg_identity(col, dialect) \
            and not declared_otherwise(col, dialect):
        type_ = declared_integer(col.raw_type, dialect)
        type_ = type_ if type_ is not None else _INTEGER_TYPES[col.type]()
        kw["autoincrement"] = True
    elif col.identity and dialect == "postgresql" and not serial:
        extra.append(identity_of(col))
    elif serial:
        type_ = SchemaType(_SERIALS.get(col.type, "SERIAL"), dialect)
    else:
        kw["autoincrement"] = False
        if col.identity:
            type_ = SchemaType(type_.text + dialects.get(dialect).auto_increment_suffix, dialect)
    if (col.default or "").startswith(GENERATED) and col.raw_default:
        extra.append(generated(col.raw_default, col, dialect))
    elif not col.identity and col.raw_default is not None and col.raw_default != "autoincrement":
        kw["server_default"] = sql_fragment(col.raw_default)
    if in_pk and dialects.get(dialect).not_null_implied(col.raw_type or col.type, single_pk):
        kw["nullable"] = True  # the rowid: NOT NULL would be a difference the catalog shows
    return sa.Column(col.name, type_, *extra, **kw)


def collate_clause(col: Column, dialect: str) -> str:
    """What follows a column's type (remedy.dialects: ``column_type_suffix``): PostgreSQL's `` COLLATE "C"``
    where not the type's default; MariaDB/MySQL's CHARACTER SET, COLLATE and INVISIBLE."""
    return dialects.get(dialect).column_type_suffix(col)


def identity_options(text: str) -> dict[str, int | bool]:
    """``start 10 increment 5 cycle`` (Column.kind_options) as keyword arguments of sa.Identity."""
    from remedy.dialects.postgresql_sequences import said_options

    return {k: v for k, v in said_options(text).items() if k != "as"}


def identity_of(col: Column) -> sa.Identity:
    """GENERATED ALWAYS / BY DEFAULT AS IDENTITY with the column's sequence options (BY DEFAULT when
    the kind is not said: an auto-increment key from another dialect)."""
    return sa.Identity(always=col.kind == "identity always", **identity_options(col.kind_options))


def _type_text(col: Column, dialect: str) -> str:
    """The raw spelling when it means the normalized type (MariaDB's JSON reads as LONGTEXT: use ``json``).
    A SQLite column declared without a type stays without one."""
    if col.raw_type and (not col.type or normalize_type(col.raw_type, dialect) == col.type):
        return dialects.get(dialect).type_sql(col.raw_type)
    if not col.raw_type and col.type and col.type == dialects.get(dialect).untyped:
        return ""
    return col.type or "text"


_MYSQL_INTEGERS = {"tinyint": mysql.TINYINT, "smallint": mysql.SMALLINT, "mediumint": mysql.MEDIUMINT,
                   "int": mysql.INTEGER, "integer": mysql.INTEGER, "bigint": mysql.BIGINT}


def declared_integer(raw_type: str, dialect: str) -> sa.types.TypeEngine | None:
    """The integer type of a MariaDB AUTO_INCREMENT key as declared (INT UNSIGNED stays unsigned); None
    where the raw spelling adds nothing to the normalized type."""
    if not dialects.get(dialect).unsigned_integers:
        return None
    match = re.match(r"\s*(\w+)", raw_type or "")
    kind = _MYSQL_INTEGERS.get(match.group(1).lower()) if match else None
    return kind(unsigned=is_unsigned(raw_type)) if kind else None


def declared_otherwise(col: Column, dialect: str) -> bool:
    """SQLite: a numbered key column whose declared type is not the rowid's INTEGER (INT, BIGINT) is written as
    declared, not as SQLAlchemy's Integer."""
    rules = dialects.get(dialect)
    return rules.any_declared_type and bool(col.raw_type) and not rules.not_null_implied(col.raw_type, True)


def _is_pg_identity(col: Column, dialect: str) -> bool:
    """A PostgreSQL identity column (no sequence default): rendered GENERATED BY DEFAULT AS IDENTITY."""
    return dialect == "postgresql" and not (col.raw_default or "").lower().startswith("nextval(")


def _sa_index(table: sa.Table, index: Index, dialect: str) -> sa.Index:
    exprs = [index_key_element(key, table.c, dialect) for key in index.keys]
    opclasses = {key.column: key.opclass for key in index.keys if key.column and key.opclass}
    kw: dict = {"postgresql_ops": opclasses} if opclasses else {}  # only PostgreSQL reads it
    if index.where and dialect in ("postgresql", "sqlite"):
        kw[f"{dialect}_where"] = sql_fragment(index.where)
    kw.update(index_method_options(index.method, dialect))
    return sa.Index(index.name, *exprs, unique=index.unique, _table=table, **kw)


def index_key_element(key: IndexKey, columns, dialect: str):
    """An index key as SQLAlchemy renders it: a column of the table (quoted by the dialect's preparer when
    rendered), with its MySQL prefix, direction and NULLS order; an expression as written. A column the
    table does not have (yet) is named through the preparer too, never pasted."""
    if not key.column:
        element = sql_fragment(key.expression)
    elif key.column in columns and not key.prefix:
        element = columns[key.column]
    else:
        prefix = f"({key.prefix})" if key.prefix else ""
        element = sa.literal_column(dialects.get(dialect).quote(key.column) + prefix)
    element = sa.desc(element) if key.descending else element
    if key.nulls and dialects.get(dialect).index_nulls_order:
        return sa.nulls_first(element) if key.nulls == "first" else sa.nulls_last(element)
    return element


def _sa_foreign_keys(md: sa.MetaData, table: Table, default: str) -> None:
    sa_table = md.tables[_key(table.schema, table.name, default)]
    for fk in table.foreign_keys:
        ref_schema = _qualifier(fk.ref_schema or table.schema, default)
        ref = _ref_table(md, ref_schema, fk)
        targets = [ref.c[c] for c in fk.ref_columns]  # columns, not "s.t.c": a dot may be part of a name
        sa_table.append_constraint(sa.ForeignKeyConstraint(
            list(fk.columns), targets, name=fk.name, ondelete=fk.on_delete, onupdate=fk.on_update))


def _key(schema: str, name: str, default: str) -> str:
    qualifier = _qualifier(schema, default)
    return f"{qualifier}.{name}" if qualifier else name


def _ref_table(md: sa.MetaData, schema: str | None, fk: ForeignKey) -> sa.Table:
    """The referenced table; a stub (never rendered) when it lies outside the schema that was read."""
    key = f"{schema}.{fk.ref_table}" if schema else fk.ref_table
    table = md.tables.get(key)
    if table is None:
        table = sa.Table(fk.ref_table, md, schema=schema, info={"stub": True})
    for col in fk.ref_columns:
        if col not in table.c:
            table.append_column(sa.Column(col, sa.Integer))
    return table

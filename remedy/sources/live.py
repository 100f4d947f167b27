"""Live introspection: the whole schema in a handful of bulk catalog queries.

One query per object kind (never one per table), inside a READ ONLY transaction.
PostgreSQL reads ``pg_catalog`` (SQL in ``sql/postgresql_*.sql``); MariaDB/MySQL read
``information_schema``; SQLite joins ``sqlite_master`` with the ``pragma_*`` table functions.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import sqlalchemy as sa
import sqlglot
from sqlalchemy.engine import Connection, Engine

from remedy import dialects
from remedy.ahead import Ahead
from remedy.dialects.postgresql import UNLOGGED
from remedy.dialects.postgresql_sequences import SequenceOptions
from remedy.db import connection_error, dialect_of, mask_url
from remedy.errors import RemedyError
from remedy.gcpause import gc_paused
from remedy.model import (
    GENERATED_STORED, GENERATED_VIRTUAL, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT, SERIAL, CheckConstraint, Column, Enum, Exclusion,
    ForeignKey, Index, IndexKey, PrimaryKey, Schema, Table, TableOptions, UniqueConstraint,
)
from remedy.normalize import normalize_check, normalize_default, normalize_type

SQL_DIR = Path(__file__).parent / "sql"
AUTOINCREMENT = "autoincrement"
GENERATED = "generated: "  # Column.default of a generated column: "generated: <normalize_check(expression)>"
_PG_ACTIONS = {"a": None, "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


@lru_cache(maxsize=None)
def load_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


@dataclass
class _Parts:
    """Mutable accumulator for one table while rows stream in."""

    schema: str
    name: str
    row_estimate: int | None = None
    comment: str | None = None
    columns: list[Column] = field(default_factory=list)
    attnames: dict[int, str] = field(default_factory=dict)
    primary_key: PrimaryKey | None = None
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    uniques: list[UniqueConstraint] = field(default_factory=list)
    checks: list[CheckConstraint] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    options: TableOptions | None = None
    flags: tuple[str, ...] = ()

    def freeze(self) -> Table:
        return Table(
            name=self.name, schema=self.schema, columns=tuple(self.columns), primary_key=self.primary_key,
            foreign_keys=tuple(self.foreign_keys), uniques=tuple(self.uniques), checks=tuple(self.checks),
            indexes=tuple(self.indexes), exclusions=tuple(self.exclusions), row_estimate=self.row_estimate,
            comment=self.comment, options=self.options, flags=self.flags,
        )


class _Tables(dict):
    """(schema, table) -> _Parts; rows for unknown tables (views, partitions) are ignored."""

    def get_parts(self, schema: str, name: str) -> _Parts | None:
        return self.get((schema, name))

    def freeze(self) -> dict[tuple[str, str], Table]:
        return {key: parts.freeze() for key, parts in sorted(self.items())}


# --------------------------------------------------------------------------- entry point


def read_live(engine: Engine | Connection, schemas: list[str] | None = None) -> Schema:
    """Read the live schema of ``engine`` (``schemas`` default: on PostgreSQL every schema but the server's
    own and remedy's, see remedy.scope; elsewhere the current database).

    Given a Connection, reads inside that connection's open transaction (the dry run
    re-inspects its own uncommitted DDL this way) and leaves the transaction alone.
    """
    if isinstance(engine, Connection):
        return _read_in_transaction(engine, schemas)
    try:
        conn = engine.connect()
    except Exception as exc:
        raise connection_error(engine.url, exc) from None
    with conn:
        return read_live_read_only(conn, schemas)


def read_live_read_only(conn: Connection, schemas: list[str] | None = None, skip: frozenset[str] = frozenset(),
                        fingerprinted: bool = True) -> Schema:
    """Read on an open connection with no transaction yet, in one REPEATABLE READ, READ ONLY snapshot, rolled
    back after; without the object kinds in ``skip`` of those read only on request (ON_REQUEST in
    remedy.sources.objects: PostgreSQL's grants and owners). DDL committed meanwhile can still trip the catalog
    functions (they read the latest catalog, not the snapshot): the read is tried once more, then it is an input
    error saying so. ``fingerprinted``: the fingerprint will be taken of it (remedy.ahead makes its text ahead);
    not of an expected side."""
    dialect = dialect_of(conn.engine.url)
    try:
        return _as_read(_read_snapshot(conn, dialect, schemas, skip, fingerprinted), dialect, conn)
    except Exception as exc:
        first = _changed_meanwhile(conn, exc)
    try:
        return _as_read(_read_snapshot(conn, dialect, schemas, skip, fingerprinted), dialect, conn)
    except Exception as exc:
        if not _changed_meanwhile(conn, exc):
            raise
    raise RemedyError(f"the schema of {mask_url(conn.engine.url)} changed while it was being read, twice "
                      f"({first}): run again when the schema change has finished")


def _read_snapshot(conn: Connection, dialect: str, schemas: list[str] | None, skip: frozenset[str],
                   fingerprinted: bool = True) -> Schema:
    with gc_paused():
        begin_read_only(conn, dialect)
        try:
            return _READERS[dialect](conn, list(schemas) if schemas else None, skip, fingerprinted)
        finally:
            conn.rollback()


_CHANGED_MEANWHILE = {"XX000", "42P01", "42704"}  # cache lookup failed, relation/object gone


def _changed_meanwhile(conn: Connection, exc: Exception) -> str:
    """What a concurrent DDL commit did to the read ('' and re-raised as before when it was not that).

    The catalog functions (pg_get_constraintdef, format_type…) see the latest catalog, not the snapshot:
    they fail ("cache lookup failed") or give NULL for what was dropped since the snapshot began."""
    if isinstance(exc, sa.exc.DBAPIError):
        if exc.connection_invalidated or not _sqlstate_changed(exc.orig):
            raise _read_error(conn.engine, exc) from None
        return _first_line(exc)
    if isinstance(exc, conn.dialect.dbapi.Error):
        if not _sqlstate_changed(exc):
            raise RemedyError(f"cannot read the schema of {mask_url(conn.engine.url)}: {_first_line(exc)}") from None
        return _first_line(exc)
    if isinstance(exc, (KeyError, AttributeError, TypeError)):
        return "a catalog function found nothing for an object dropped while the schema was read"
    raise exc


def _sqlstate_changed(error: BaseException) -> bool:
    code = getattr(getattr(error, "diag", None), "sqlstate", None)  # psycopg; other drivers: the text
    return code in _CHANGED_MEANWHILE or "cache lookup failed" in str(error)


def _first_line(exc: BaseException) -> str:
    error = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _read_in_transaction(conn: Connection, schemas: list[str] | None) -> Schema:
    dialect = dialect_of(conn.engine.url)
    try:
        schema = _READERS[dialect](conn, list(schemas) if schemas else None, frozenset())
    except sa.exc.DBAPIError as exc:
        raise _read_error(conn.engine, exc) from None
    except (KeyError, conn.dialect.dbapi.Error) as exc:  # the caller's transaction: no retry here
        raise RemedyError(f"the schema of {mask_url(conn.engine.url)} changed while it was being read: "
                          f"{_changed_meanwhile(conn, exc)}") from None
    return _as_read(schema, dialect, conn)


def _as_read(schema: Schema, dialect: str, conn: Connection) -> Schema:
    """A reader's schema labelled with the dialect and the (masked) database it was read from."""
    return replace(schema, dialect=dialect, source=mask_url(conn.engine.url))


def begin_read_only(conn: Connection, dialect: str) -> None:
    if dialect == "postgresql":  # one snapshot for every catalog query
        conn.exec_driver_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    elif dialect == "mysql":
        conn.exec_driver_sql("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")
    else:
        conn.exec_driver_sql("BEGIN")


def _read_error(engine: Engine, exc: sa.exc.DBAPIError) -> RemedyError:
    if isinstance(exc, sa.exc.OperationalError) and exc.connection_invalidated:
        return connection_error(engine.url, exc)
    return RemedyError(f"cannot read the schema of {mask_url(engine.url)}: {_first_line(exc)}")


def _rows(conn: Connection, sql: str, params: dict | None = None) -> list:
    return conn.exec_driver_sql(sql, params or {}).all()


def _tuples(conn: Connection, sql: str, params: dict | None = None) -> list[tuple]:
    """Plain DBAPI tuples (no Row objects): the bulk reads fetch tens of thousands of rows."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params or {})
        return cursor.fetchall()
    finally:
        cursor.close()


def _unique_names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


# --------------------------------------------------------------------------- PostgreSQL


def _read_postgresql(conn: Connection, schemas: list[str] | None, skip: frozenset[str] = frozenset(),
                     fingerprinted: bool = True) -> Schema:
    schemas = _pg_schemas(conn, schemas)
    params = {"schemas": schemas}
    enums = {(r[0], r[1]): Enum(r[1], tuple(r[2]), r[0]) for r in _tuples(conn, load_sql("postgresql_enums"), params)}
    by_oid: dict[int, _Parts] = {}
    for oid, schema, name, reltuples, comment, unlogged in _tuples(conn, load_sql("postgresql_tables"), params):
        estimate = None if reltuples is None or reltuples < 0 else int(reltuples)
        by_oid[oid] = _Parts(schema, name, row_estimate=estimate, comment=comment,
                             flags=(UNLOGGED,) if unlogged else ())
    _pg_columns(by_oid, _tuples(conn, load_sql("postgresql_columns"), params), {k[1] for k in enums})
    for row in _tuples(conn, load_sql("postgresql_constraints"), params):
        _pg_constraint(by_oid[row[0]], row, by_oid)
    for row in _tuples(conn, load_sql("postgresql_indexes"), params):
        parts = by_oid[row[0]]
        parts.indexes.append(_pg_index(parts, row))
    extensions = frozenset(r[0] for r in _tuples(conn, load_sql("postgresql_extensions")))
    tables = Ahead({(p.schema, p.name): p.freeze() for p in sorted(by_oid.values(), key=lambda p: (p.schema, p.name))},
                   "postgresql").start(texts=fingerprinted)  # while the server reads the objects
    from remedy.sources.objects import kinds_read, read_objects

    read = kinds_read(skip)
    objects = read_objects(conn, schemas, read)
    return Schema(dialect="postgresql", tables=tables.done(), enums=enums, extensions=extensions,
                  extensions_read=True, schemas=tuple(schemas), server_version=_pg_version(conn), objects=objects,
                  objects_read=read, server_read=True,
                  search_path=conn.exec_driver_sql("SELECT current_setting('search_path')").scalar() or "")


def _pg_schemas(conn: Connection, wanted: list[str] | None) -> list[str]:
    """The schemas to read that exist: ``wanted``, or every one but the server's own and remedy's."""
    from remedy.scope import is_system_schema

    present = [row[0] for row in _tuples(conn, "SELECT nspname FROM pg_namespace ORDER BY nspname")]
    if wanted is None:
        return [name for name in present if not is_system_schema(name)]
    return [name for name in wanted if name in present]


def _pg_version(conn: Connection) -> str:
    raw = conn.exec_driver_sql("SHOW server_version").scalar() or ""
    return raw.split()[0] if raw else ""


def _pg_columns(by_oid: dict[int, _Parts], rows: list[tuple], enum_names: set[str]) -> None:
    rows.sort(key=lambda r: (r[0], r[1]))
    seen: dict[tuple, tuple] = {}  # a schema spells few distinct (type, default) pairs: normalize each once
    bulk = Column.bulk
    for oid, attnum, name, raw_type, not_null, raw_default, identity_kind, generated, comment, collation, \
            sequence, not_null_name, not_null_inherited, inherited_only in rows:
        parts = by_oid[oid]
        parts.attnames[attnum] = name
        key = (raw_type, raw_default, identity_kind, generated, sequence is not None)
        found = seen.get(key)
        if found is None:
            found = seen[key] = _pg_column_type(raw_type, raw_default, identity_kind, generated, enum_names,
                                                sequence is not None)
        columns = parts.columns
        options = identity_options(sequence, found[0]) if found[2] and sequence else ""
        columns.append(bulk(name, found[0], not not_null, found[1], raw_type, raw_default, len(columns) + 1,
                            found[2], comment, found[3], options, collation, not_null_name=not_null_name,
                            not_null_inherited=bool(not_null_inherited), inherited_only=inherited_only))


def _pg_column_type(raw_type: str, raw_default: str | None, identity_kind: str, generated: str,
                    enum_names: set[str], owns_sequence: bool = False) -> tuple[str, str | None, bool, str]:
    """(normalized type, normalized default, identity, kind) of a column's catalog spelling. A serial
    is a ``nextval`` default of a sequence the column owns; a nextval of another sequence is a default."""
    col_type = _pg_enum_type(raw_type, enum_names) or normalize_type(raw_type, "postgresql")
    serial = owns_sequence and not identity_kind and (raw_default or "").startswith("nextval(")
    kind = {"a": IDENTITY_ALWAYS, "d": IDENTITY_BY_DEFAULT}.get(identity_kind) or (SERIAL if serial else "")
    identity = bool(kind)
    default = AUTOINCREMENT if identity else normalize_default(raw_default, "postgresql", col_type)
    if generated:
        default = GENERATED + normalize_check(raw_default or "", "postgresql")
        kind = GENERATED_STORED
    return col_type, default, identity, kind


def identity_options(sequence, column_type: str = "") -> str:
    """An identity's or a serial's sequence options that differ from what ``AS IDENTITY`` or ``serial`` alone
    gives, in DDL words (``start 10 increment 5``); the same text from a catalog's ``(START WITH 10 INCREMENT BY
    5)``. The sequence's type is said where it is not the column's (``as bigint``)."""
    start, increment, low, high, cache, cycle, type_ = sequence
    options = SequenceOptions(type_, int(start), int(increment), int(low), int(high), int(cache),
                              str(cycle).lower() in ("true", "t", "1"))
    return options.words(column_type)


def _pg_enum_type(raw_type: str, enum_names: set[str]) -> str | None:
    """An enum column's type: the enum's unqualified name (``mood``, ``mood[]``)."""
    if not enum_names:
        return None
    array = raw_type.endswith("[]")
    base = (raw_type[:-2] if array else raw_type).rsplit(".", 1)[-1].strip('"')
    if base not in enum_names:
        return None
    return base + "[]" if array else base


def _pg_constraint(parts: _Parts, row: tuple, by_oid: dict[int, _Parts]) -> None:
    _, name, kind, attnums, ref_schema, ref_table, ref_oid, ref_attnums, ref_columns, on_delete, on_update, pretty, \
        storage, exact, inherited = row
    columns = tuple(parts.attnames.get(n, f"#{n}") for n in (attnums or ()))
    if kind == "f" and ref_columns is None:  # a table the columns query read
        referenced = by_oid[ref_oid].attnames if ref_oid in by_oid else {}
        ref_columns = [referenced.get(n, f"#{n}") for n in (ref_attnums or ())]
    full = with_storage(exact, storage, kind)
    if kind == "p":
        parts.primary_key = PrimaryKey(columns, name, full)
    elif kind == "u":
        parts.uniques.append(UniqueConstraint(columns, name, full))
    elif kind == "f":
        parts.foreign_keys.append(ForeignKey(
            columns=columns, ref_table=ref_table, ref_columns=tuple(ref_columns or ()), ref_schema=ref_schema,
            name=name, on_delete=_PG_ACTIONS.get(on_delete), on_update=_PG_ACTIONS.get(on_update),
            definition=exact))
    elif kind == "c":
        expr = _strip_check(pretty)
        parts.checks.append(CheckConstraint(normalize_check(expr, "postgresql"), name, expr, exact, bool(inherited)))
    elif kind == "x":
        parts.exclusions.append(Exclusion(name, full))


_CONSTRAINT_ATTRIBUTES = re.compile(r"(?i)(\s+(NOT\s+)?DEFERRABLE|\s+INITIALLY\s+(DEFERRED|IMMEDIATE)|\s+NOT\s+VALID)*$")


def with_storage(definition: str, storage: str | None, kind: str) -> str:
    """pg_get_constraintdef leaves out the index's storage parameters: put ``WITH (...)`` where
    ADD CONSTRAINT takes it (before an exclusion's WHERE, before DEFERRABLE)."""
    if not storage:
        return definition
    tail = _CONSTRAINT_ATTRIBUTES.search(definition)
    head, attributes = definition[:tail.start()], definition[tail.start():]
    where = head.find(" WHERE (") if kind == "x" else -1
    if where >= 0:
        return f"{head[:where]} WITH ({storage}){head[where:]}{attributes}"
    return f"{head} WITH ({storage}){attributes}"


def _strip_check(definition: str) -> str:
    match = re.match(r"(?is)^check\s*\((.*)\)(\s+no inherit)?(\s+not valid)?$", definition.strip())
    return match.group(1).strip() if match else definition


def _pg_index(parts: _Parts, row: tuple) -> Index:
    _, name, unique, method, key_count, attnums, options, key_texts, predicate, opclasses, indexdef = row
    keys = []
    for pos, attnum in enumerate(attnums[:key_count]):  # INCLUDE columns come after the keys
        what = {"column": parts.attnames.get(attnum, "")} if attnum else \
            {"expression": normalize_check(key_texts[pos], "postgresql")}
        opclass = opclasses[pos] if opclasses else ""  # varchar_pattern_ops: not the default
        keys.append(IndexKey(**what, opclass=opclass or "", **_pg_order(options[pos])))
    return Index(name=name, keys=tuple(keys), unique=bool(unique), where=predicate, method=method,
                 definition=index_definition(indexdef))


_INDEXDEF = re.compile(r"(?s)^CREATE (?:UNIQUE )?INDEX .+? ON (?:ONLY )?.+? (USING .*)$")


def index_definition(indexdef: str | None) -> str:
    """pg_get_indexdef's text after the table (``USING btree (a) INCLUDE (b) WHERE (...)``): what the
    index is, whatever its name and wherever its table."""
    match = _INDEXDEF.match(indexdef or "")
    return match.group(1) if match else ""


def _pg_order(option: int) -> dict:
    """indoption: bit 1 DESC, bit 2 NULLS FIRST; the NULLS order is named only when not the default."""
    desc, nulls_first = bool(option & 1), bool(option & 2)
    if desc:
        return {"descending": True, "nulls": "" if nulls_first else "last"}
    return {"nulls": "first" if nulls_first else ""}


# --------------------------------------------------------------------------- MariaDB / MySQL

_MY_TABLES = """
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, TABLE_COMMENT, ENGINE, TABLE_COLLATION, CREATE_OPTIONS
FROM information_schema.TABLES
WHERE TABLE_SCHEMA IN %(schemas)s AND TABLE_TYPE = 'BASE TABLE'
"""
_MY_COLUMNS = """
SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE,
       COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION, CHARACTER_SET_NAME, COLLATION_NAME
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN %(schemas)s
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION
"""
_MY_KEYS = """
SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME,
       k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
       rc.DELETE_RULE, rc.UPDATE_RULE
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.KEY_COLUMN_USAGE k
  ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
 AND k.TABLE_SCHEMA = tc.TABLE_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME
LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
  ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
 AND rc.TABLE_NAME = tc.TABLE_NAME
WHERE tc.TABLE_SCHEMA IN %(schemas)s AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION
"""
_MY_CHECKS = """
SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN %(schemas)s
ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME
"""
_MYSQL8_CHECKS = """
SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA IN %(schemas)s AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME
"""
_MY_INDEXES = """
SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE, SEQ_IN_INDEX, SUB_PART, COLLATION
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN %(schemas)s AND INDEX_NAME <> 'PRIMARY'
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
"""


def _my_schemas(conn: Connection, wanted: list[str] | None) -> list[str]:
    """The databases to read: ``wanted``, or the current one."""
    if wanted is not None:
        return wanted
    current = conn.exec_driver_sql("SELECT DATABASE()").scalar()
    return [current] if current else []


def _read_mysql(conn: Connection, schemas: list[str] | None, skip: frozenset[str] = frozenset(),
                fingerprinted: bool = True) -> Schema:
    schemas = _my_schemas(conn, schemas)
    if not schemas:
        return Schema(dialect="mysql", server_version=_my_version(conn))
    params = {"schemas": tuple(schemas)}
    tables = _Tables()
    for row in _rows(conn, _MY_TABLES, params):
        tables[(row[0], row[1])] = _Parts(row[0], row[1], row_estimate=_int_or_none(row[2]),
                                          comment=row[3] or None, options=_my_options(row[4], row[5], row[6]))
    version = conn.exec_driver_sql("SELECT VERSION()").scalar() or ""
    check_rows = _rows(conn, _MY_CHECKS if "mariadb" in version.lower() else _MYSQL8_CHECKS, params)
    json_columns = _my_json_columns(check_rows)
    checks = _my_checks(check_rows)
    for row in _rows(conn, _MY_COLUMNS, params):
        parts = tables.get_parts(row[0], row[1])
        if parts is not None:
            is_json = (row[0], row[1], row[2]) in json_columns
            parts.columns.append(_my_column(row, len(parts.columns) + 1, is_json))
    _my_constraints(conn, params, tables)
    for key, found in checks.items():
        if key in tables:
            tables[key].checks.extend(found)
    _my_indexes(conn, params, tables)
    from remedy.sources.objects_mysql import KINDS, read_objects

    frozen = Ahead(tables.freeze(), "mysql").start(texts=fingerprinted)  # while the server reads the objects
    objects = read_objects(conn, schemas, frozen, version)
    return Schema(dialect="mysql", tables=frozen.done(), schemas=tuple(schemas), server_version=version.split("-")[0],
                  objects=objects, objects_read=KINDS)


def _int_or_none(value) -> int | None:
    return None if value is None else int(value)


def _my_version(conn: Connection) -> str:
    raw = conn.exec_driver_sql("SELECT VERSION()").scalar() or ""
    return raw.split("-")[0]


_JSON_VALID = re.compile(r"(?i)^json_valid\(\s*`?([^`()]+)`?\s*\)$")


def _my_json_columns(check_rows: list) -> set[tuple[str, str, str]]:
    """MariaDB stores JSON as LONGTEXT plus ``CHECK (json_valid(col))``: the (schema, table, column)s."""
    found = set()
    for row in check_rows:
        match = _JSON_VALID.match(row[3].strip())
        if match:
            found.add((row[0], row[1], match.group(1)))
    return found


def _my_checks(check_rows: list) -> dict:
    out: dict[tuple[str, str], list[CheckConstraint]] = defaultdict(list)
    for row in check_rows:
        if _JSON_VALID.match(row[3].strip()):
            continue
        clause = row[3].strip()
        out[(row[0], row[1])].append(CheckConstraint(normalize_check(clause, "mysql"), row[2], clause))
    return out


_MY_ROW_FORMAT = re.compile(r"(?i)\brow_format=(\w+)")


def _my_options(engine: str | None, collation: str | None, create_options: str | None) -> TableOptions:
    """The engine, the default charset (that of the default collation) and collation, and the row format the
    table was given (CREATE_OPTIONS; "" for the engine's default)."""
    from remedy.dialects.mysql import canonical_collation, charset_of_collation

    row_format = _MY_ROW_FORMAT.search(create_options or "")
    collation = canonical_collation(collation)
    return TableOptions(engine=engine or None, charset=charset_of_collation(collation), collation=collation,
                        row_format=row_format.group(1).upper() if row_format else "")


def _my_column(row, ordinal: int, is_json: bool) -> Column:
    raw_type, extra = ("json" if is_json else row[4]), (row[8] or "").lower()  # MariaDB's JSON: LONGTEXT + CHECK,
    identity = "auto_increment" in extra  # written JSON again (the server adds its check)
    col_type = "json" if is_json else normalize_type(raw_type, "mysql")
    raw_default = _with_on_update(_my_raw_default(row[7]), extra)
    default = AUTOINCREMENT if identity else normalize_default(raw_default, "mysql", col_type)
    kind = ""
    if "generated" in extra:
        raw_default = row[10]
        default = GENERATED + normalize_check(raw_default or "", "mysql")
        kind = GENERATED_VIRTUAL if "virtual" in extra else GENERATED_STORED
    charset, collation = (None, None) if is_json else (row[11], row[12])  # JSON: utf8mb4_bin, whatever is said
    return Column(name=row[2], type=col_type, nullable=row[6] == "YES", default=default,
                  raw_type=raw_type, raw_default=raw_default, ordinal=ordinal, identity=identity,
                  comment=row[9] or None, kind=kind, charset=charset or None, collation=collation or None,
                  invisible="invisible" in extra)


_MY_ON_UPDATE = re.compile(r"(?i)\bon update (\w+(?:\(\d*\))?)")


def _with_on_update(raw_default: str | None, extra: str) -> str | None:
    """EXTRA's ``on update current_timestamp()`` joins the default: ``x ON UPDATE current_timestamp()``."""
    match = _MY_ON_UPDATE.search(extra)
    if match is None:
        return raw_default
    return f"{raw_default or 'NULL'} ON UPDATE {match.group(1)}"


def _my_raw_default(value: str | None) -> str | None:
    """MariaDB reports a literal default quoted ('x') and no default as NULL or the string 'NULL'."""
    if value is None or value == "NULL":
        return None
    return value


def _my_constraints(conn: Connection, params: dict, tables: _Tables) -> None:
    grouped: dict[tuple, list] = defaultdict(list)
    for row in _rows(conn, _MY_KEYS, params):
        grouped[(row[0], row[1], row[2], row[3])].append(row)
    for (schema, table, name, kind), rows in grouped.items():
        parts = tables.get_parts(schema, table)
        if parts is None:
            continue
        columns = _unique_names(r[4] for r in rows)
        if kind == "PRIMARY KEY":
            parts.primary_key = PrimaryKey(columns, None)
        elif kind == "UNIQUE":
            parts.uniques.append(UniqueConstraint(columns, name))
        else:
            first = rows[0]
            parts.foreign_keys.append(ForeignKey(
                columns=columns, ref_table=first[6], ref_columns=tuple(r[7] for r in rows),
                ref_schema=first[5], name=name, on_delete=_my_action(first[8]), on_update=_my_action(first[9])))


def _my_action(rule: str | None) -> str | None:
    """RESTRICT is MariaDB's name for the default (NO ACTION): both read as None."""
    if rule is None or rule.upper() in ("NO ACTION", "RESTRICT"):
        return None
    return rule.upper()


def _my_indexes(conn: Connection, params: dict, tables: _Tables) -> None:
    grouped: dict[tuple, list] = defaultdict(list)
    for row in _rows(conn, _MY_INDEXES, params):
        grouped[(row[0], row[1], row[2])].append(row)
    for (schema, table, name), rows in grouped.items():
        parts = tables.get_parts(schema, table)
        keys = tuple(_my_index_key(r[4], r[7], r[8]) for r in rows)
        if parts is None or _my_implicit_index(parts, name, keys):
            continue
        method = (rows[0][5] or "").lower() or None
        parts.indexes.append(Index(name=name, keys=keys, unique=not int(rows[0][3]), method=method))


def _my_index_key(column: str, prefix: int | None, collation: str | None) -> IndexKey:
    """``title(20)`` for a prefix, ``created_at desc`` for a descending key (COLLATION 'D', MariaDB 10.8+)."""
    return IndexKey(column=column, prefix=int(prefix or 0), descending=collation == "D")


def _my_implicit_index(parts: _Parts, name: str, keys: tuple[IndexKey, ...]) -> bool:
    """A UNIQUE constraint's index, or the one MariaDB/MySQL adds for a foreign key (named after it).
    A unique key with a prefix length or a descending key is an index (a constraint has plain columns):
    it leaves the constraints for the indexes."""
    plain = tuple(k.column for k in keys if k == IndexKey(column=k.column))
    if any(u.name == name for u in parts.uniques):
        if len(plain) == len(keys):
            return True
        parts.uniques = [u for u in parts.uniques if u.name != name]
        return False
    return any(fk.name == name and fk.columns == plain for fk in parts.foreign_keys)


# --------------------------------------------------------------------------- SQLite

_SQLITE_OBJECTS = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
_SQLITE_COLUMNS = """
SELECT m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.hidden <> 1 ORDER BY m.name, p.cid
"""
_SQLITE_GENERATED = {2: GENERATED_VIRTUAL, 3: GENERATED_STORED}  # pragma table_xinfo's hidden
_SQLITE_FKS = """
SELECT m.name, p.id, p.seq, p."table", p."from", p."to", p.on_update, p.on_delete
FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.id, p.seq
"""
_SQLITE_INDEXES = """
SELECT m.name, il.name, il."unique", il.origin, il.partial, ii.seqno, ii.name, s.sql
FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = il.name
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, il.name, ii.seqno
"""


def _read_sqlite(conn: Connection, schemas: list[str] | None, skip: frozenset[str] = frozenset(),
                 fingerprinted: bool = True) -> Schema:
    tables = _Tables()
    ddl = {}
    found = _rows(conn, _SQLITE_OBJECTS)
    virtual = _sqlite_virtual(conn, found)
    for name, sql in found:
        if name not in virtual:
            tables[("main", name)] = _Parts("main", name)
            ddl[name] = sql or ""
    pk_columns: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _rows(conn, _SQLITE_COLUMNS):
        parts = tables.get(("main", row[0]))
        if parts is None:
            continue  # a virtual table's columns (and its shadow tables'): the module's, not compared
        parts.columns.append(_sqlite_column(row, len(parts.columns) + 1, ddl[row[0]]))
        if row[6]:
            pk_columns[row[0]].append((row[6], row[2]))
    for table, cols in pk_columns.items():
        _sqlite_primary_key(tables[("main", table)], [c for _, c in sorted(cols)], ddl[table])
    _sqlite_foreign_keys(conn, tables)
    _sqlite_indexes(conn, tables)
    for name, sql in ddl.items():
        _sqlite_checks(tables[("main", name)], sql)
    version = conn.exec_driver_sql("SELECT sqlite_version()").scalar() or ""
    from remedy.sources.objects_sqlite import KINDS, read_objects

    flags = {("main", name): dialects.get("sqlite").flags_of(sql) for name, sql in ddl.items()}
    frozen = {key: replace(table, flags=flags[key]) for key, table in tables.freeze().items()}
    return Schema(dialect="sqlite", tables=frozen, schemas=("main",), server_version=version,
                  objects=read_objects(conn, frozen), objects_read=KINDS)


def _sqlite_virtual(conn: Connection, found: list) -> set[str]:
    """The virtual tables (CREATE VIRTUAL TABLE ... USING fts5(...)) and the shadow tables their module keeps
    (docs_fts_data, docs_fts_idx...): the module makes both, from the CREATE VIRTUAL TABLE statement, which is
    compared as written (remedy.sources.objects_sqlite); none is a table of the schema."""
    virtual = {name for name, sql in found if re.match(r"(?is)\s*CREATE\s+VIRTUAL\s+TABLE\b", sql or "")}
    if not virtual:
        return virtual
    version = tuple(int(p) for p in re.findall(r"\d+", conn.exec_driver_sql("SELECT sqlite_version()").scalar())[:2])
    if version >= (3, 37):
        shadow = {r[0] for r in _rows(conn, "SELECT name FROM pragma_table_list WHERE type = 'shadow'")}
    else:  # SQLite names every shadow table after its virtual table
        shadow = {name for name, _ in found if any(name.lower().startswith(v.lower() + "_") for v in virtual)}
    return virtual | shadow


def _sqlite_column(row, ordinal: int, ddl: str) -> Column:
    """A column as pragma table_xinfo gives it: NOT NULL as declared (a primary key of a rowid table takes
    NULLs unless declared NOT NULL), a generated one with its expression from the CREATE TABLE."""
    raw_type = row[3] or ""
    col_type = normalize_type(raw_type, "sqlite") if raw_type else dialects.get("sqlite").untyped
    declared = dialects.get("sqlite").declared_columns(ddl).get(row[2].lower())
    collation = declared.collation if declared is not None else None  # COLLATE: only the CREATE TABLE says it
    kind = _SQLITE_GENERATED.get(row[7], "")
    if kind:
        expression = _sqlite_generation(ddl, row[2])
        return Column(name=row[2], type=col_type, nullable=not row[4], default=GENERATED + normalize_check(
            expression, "sqlite"), raw_type=raw_type, raw_default=expression, ordinal=ordinal, kind=kind,
            collation=collation)
    return Column(name=row[2], type=col_type, nullable=not row[4],
                  default=normalize_default(row[5], "sqlite", col_type),
                  raw_type=raw_type, raw_default=row[5], ordinal=ordinal, collation=collation)


def _sqlite_generation(ddl: str, column: str) -> str:
    """A generated column's expression, read from the CREATE TABLE as the catalog reader reads it."""
    from remedy.sources.ddl import schema_from_ddl

    try:
        table = next(iter(schema_from_ddl(ddl, "sqlite_master", "sqlite", "main").tables.values()))
    except Exception:
        return ""
    found = table.column(column, str.lower)
    return found.raw_default or "" if found is not None else ""


def _sqlite_primary_key(parts: _Parts, columns: list[str], ddl: str) -> None:
    parts.primary_key = PrimaryKey(tuple(columns), _sqlite_constraint_name(ddl, "primary key"))
    if len(columns) != 1:
        return
    for pos, col in enumerate(parts.columns):
        if col.name == columns[0] and col.raw_type.upper() == "INTEGER":  # a rowid alias
            parts.columns[pos] = Column(
                name=col.name, type=col.type, nullable=False, default=AUTOINCREMENT, raw_type=col.raw_type,
                raw_default=col.raw_default, ordinal=col.ordinal, identity=True)


def _sqlite_constraint_name(ddl: str, keyword: str) -> str | None:
    match = re.search(r'(?i)constraint\s+["`\[]?(\w+)["`\]]?\s+' + keyword.replace(" ", r"\s+"), ddl)
    return match.group(1) if match else None


_SQLITE_ACTIONS = {"NO ACTION": None, "RESTRICT": "RESTRICT", "CASCADE": "CASCADE",
                   "SET NULL": "SET NULL", "SET DEFAULT": "SET DEFAULT"}


def _sqlite_foreign_keys(conn: Connection, tables: _Tables) -> None:
    grouped: dict[tuple, list] = defaultdict(list)
    for row in _rows(conn, _SQLITE_FKS):
        grouped[(row[0], row[1])].append(row)
    for (table, _), rows in sorted(grouped.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        first = rows[0]
        parts = tables.get(("main", table))
        if parts is None:
            continue
        ref_columns = tuple(r[5] for r in rows)
        if any(c is None for c in ref_columns):  # REFERENCES t without columns: t's primary key
            target = tables.get(("main", first[3]))
            ref_columns = target.primary_key.columns if target and target.primary_key else ()
        parts.foreign_keys.append(ForeignKey(
            columns=tuple(r[4] for r in rows), ref_table=first[3], ref_columns=ref_columns, ref_schema="main",
            on_delete=_SQLITE_ACTIONS.get(first[7]), on_update=_SQLITE_ACTIONS.get(first[6])))


def _sqlite_indexes(conn: Connection, tables: _Tables) -> None:
    grouped: dict[tuple, list] = defaultdict(list)
    for row in _rows(conn, _SQLITE_INDEXES):
        grouped[(row[0], row[1])].append(row)
    for (table, name), rows in sorted(grouped.items()):
        parts = tables.get(("main", table))
        if parts is None:
            continue  # a shadow table's index
        first = rows[0]
        columns = tuple(r[6] for r in rows)
        if first[3] == "pk":
            continue
        if first[3] == "u":
            parts.uniques.append(UniqueConstraint(columns, None))
            continue
        keys = tuple(IndexKey(column=c) for c in columns)
        if first[7]:  # expression keys and DESC: pragma_index_info gives neither, the CREATE INDEX does
            keys = _sqlite_index_keys(first[7]) or keys
        where = _sqlite_index_where(first[7]) if first[4] else None
        parts.indexes.append(Index(name=name, keys=keys, unique=bool(first[2]), where=where))


def _sqlite_index_keys(sql: str | None) -> tuple[IndexKey, ...] | None:
    """Keys of CREATE INDEX (``lower(email)``, ``name desc``), read as the catalog reader reads them."""
    from remedy.sources.ddl import index_key

    try:
        params = sqlglot.parse_one(sql or "", read="sqlite").this.args.get("params")
        return tuple(index_key(key, "sqlite") for key in params.args.get("columns") or [])
    except Exception:
        return None


def _sqlite_index_where(sql: str | None) -> str | None:
    match = re.search(r"(?is)\bwhere\b(.*)$", sql or "")
    return match.group(1).strip() if match else None


def _sqlite_checks(parts: _Parts, ddl: str) -> None:
    for name, expr in _sqlite_check_clauses(ddl):
        parts.checks.append(CheckConstraint(normalize_check(expr, "sqlite"), name, expr))


_SQLITE_QUOTED = r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]"""
_SQLITE_TOKEN = re.compile(rf"""(?is)(?P<quoted>{_SQLITE_QUOTED})|(?P<paren>[()])"""
                           rf"""|(?:\bconstraint\s+(?P<name>{_SQLITE_QUOTED}|\w+)\s+)?(?P<check>\bcheck\s*\()""")


def _sqlite_check_clauses(ddl: str) -> list[tuple[str | None, str]]:
    """CHECK (...) clauses of a CREATE TABLE statement, with their constraint names. Strings and quoted
    names are read as wholes: a ``check (`` or a parenthesis inside them is not SQL."""
    out, tokens = [], _SQLITE_TOKEN.finditer(ddl)
    for match in tokens:
        if match.group("check"):
            end = _sqlite_closing(tokens)
            out.append((_sqlite_unquoted(match.group("name")), ddl[match.end():end].strip()))
    return out


def _sqlite_closing(tokens) -> int:
    """Where the parenthesis just opened closes (strings and quoted names skipped whole)."""
    depth = 1
    for match in tokens:
        if match.group("paren") or match.group("check"):
            depth += 1 if match.group(0).endswith("(") else -1
            if not depth:
                return match.start()
    return -1


def _sqlite_unquoted(name: str | None) -> str | None:
    if not name or name[0] not in "\"`[":
        return name
    return name[1:-1] if name[0] == "[" else name[1:-1].replace(name[0] * 2, name[0])


def read_namespaces(conn: Connection, wanted: list[str] | None) -> list[str]:
    """The namespaces a read of ``wanted`` (None: the default) covers, as its Schema.schemas will name them (in a
    read-only transaction of its own, rolled back)."""
    dialect = dialect_of(conn.engine.url)
    begin_read_only(conn, dialect)
    try:
        return _NAMESPACES[dialect](conn, list(wanted) if wanted else None)
    finally:
        conn.rollback()


_NAMESPACES: dict[str, Callable[[Connection, list[str] | None], list[str]]] = {
    "postgresql": _pg_schemas, "mysql": _my_schemas, "sqlite": lambda _conn, _wanted: ["main"],
}
# Each reader takes the kinds to skip of those read only on request; MariaDB/MySQL and SQLite read none of them.
_READERS: dict[str, Callable[[Connection, list[str] | None, frozenset[str], bool], Schema]] = {
    "postgresql": _read_postgresql, "mysql": _read_mysql, "sqlite": _read_sqlite,
}

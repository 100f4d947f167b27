"""What every dialect answers, and the registry that finds a dialect by name.

A dialect is one small subclass of :class:`Dialect` (as alembic's ``DefaultImpl`` /
``PostgresqlImpl``, or sqlglot's ``Dialect`` subclasses): class attributes for the tables
of differences, methods for the rules. The core asks ``dialects.get(name)`` and never
compares a dialect's name itself.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import ClassVar

_REGISTRY: dict[str, "Dialect"] = {}


def register(cls: type["Dialect"]) -> type["Dialect"]:
    """Class decorator: make ``cls()`` the dialect named ``cls.name``."""
    _REGISTRY[cls.name] = cls()
    return cls


def get(name: str) -> "Dialect":
    """The dialect called ``name`` ("postgresql", "mysql", "sqlite"); a RemedyError for others."""
    try:
        return _REGISTRY[name]
    except KeyError:
        from remedy.errors import RemedyError

        raise RemedyError(f"remedy does not know the database dialect {name!r}",
                          "it reads PostgreSQL, MariaDB/MySQL and SQLite") from None


# SQLAlchemy's own test ends in $, which also matches before a final newline: "t1\n" went out unquoted
_LEGAL_CHARACTERS = re.compile(r"^[A-Z0-9_$]+\Z", re.I)


def strict_quoting(sa_dialect):
    """``sa_dialect`` with a preparer that quotes every name holding anything but letters, digits, _ and $
    (a name ending in a newline included). Every SQLAlchemy dialect that renders for remedy goes through it."""
    sa_dialect.identifier_preparer.legal_characters = _LEGAL_CHARACTERS
    return sa_dialect


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


class Dialect:
    """Defaults shared by the dialects; each subclass overrides what its database does otherwise."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""  # how a person names it
    sqlglot: ClassVar[str | None] = None  # sqlglot's name for it
    alembic: ClassVar[str] = ""  # alembic / SQLAlchemy's name for it
    case_sensitive_names: ClassVar[bool] = False  # names compare exactly (else: case-insensitively)
    folds_unquoted_to_lower: ClassVar[bool] = False  # an unquoted identifier is stored lower case
    transactional_ddl: ClassVar[bool] = True  # DDL can be rolled back
    has_schemas: ClassVar[bool] = False  # tables are qualified by a schema remedy renders
    default_schema: ClassVar[str] = ""
    partial_indexes: ClassVar[bool] = False  # CREATE INDEX ... WHERE
    index_methods: ClassVar[bool] = False  # CREATE INDEX ... USING method
    default_time_precision: ClassVar[str] = "6"  # timestamp == timestamp(N)
    default_decimal_args: ClassVar[tuple[str, ...]] = ()  # decimal == decimal(p, s)
    tinyint1_is_boolean: ClassVar[bool] = False
    bit_literal_booleans: ClassVar[bool] = False  # b'1' / b'0' as a default mean true / false
    inline_enums: ClassVar[bool] = False  # enum('a','b') / set(...) written in the column type
    inline_foreign_keys: ClassVar[bool] = False  # foreign keys only inside CREATE TABLE
    alter_in_place: ClassVar[bool] = True  # ALTER TABLE changes columns and constraints in place
    lock_notes: ClassVar[bool] = False  # hazards name PostgreSQL's lock levels
    restrict_is_no_action: ClassVar[bool] = False  # ON DELETE RESTRICT reads as the default
    named_enums: ClassVar[bool] = False  # CREATE TYPE ... AS ENUM (else enums live in the column type)
    extensions: ClassVar[bool] = False  # CREATE EXTENSION
    raw_type_carries_meaning: ClassVar[bool] = False  # UNSIGNED, enum values, SQLite's declared type: the raw
    # spelling is compared (same_raw_type)
    unsigned_integers: ClassVar[bool] = False  # INT UNSIGNED
    foreign_keys_keep_an_index: ClassVar[bool] = False  # every foreign key's columns are indexed
    index_prefix_keys: ClassVar[bool] = False  # an index key name(N) is a prefix of the column (not a call)
    index_nulls_order: ClassVar[bool] = False  # an index key may say NULLS FIRST / LAST
    column_kinds: ClassVar[bool] = False  # serial / identity / generated columns and collations are told apart
    worded_definitions: ClassVar[bool] = False  # keys and indexes are re-created in the server's own words
    generated_storage: ClassVar[bool] = False  # a generated column is VIRTUAL or STORED (compared, planned)
    alter_actions_read_exactly: ClassVar[bool] = False  # an ALTER TABLE action the DDL reader does not read is refused
    # written after the type of an auto-increment column SQLAlchemy does not mark (one outside a sole-column key)
    auto_increment_suffix: ClassVar[str] = ""
    column_checks_named_after_column: ClassVar[bool] = False  # a column's own CHECK bears its name (MariaDB)
    retyping_needs_foreign_keys_off: ClassVar[bool] = False  # a key's column and its target change type apart
    inline_comments: ClassVar[bool] = False  # a column's or table's comment is part of its definition (MariaDB),
    # compared as an attribute (elsewhere COMMENT ON, compared as an object: remedy.diff.comments)
    table_options: ClassVar[bool] = False  # engine, default charset and collation, row format (MariaDB/MySQL)
    keys_named_like_indexes: ClassVar[bool] = False  # a unique key's name is an index name (one namespace):
    # a key cannot take the name a plain index holds, nor an index the name of a key
    names_constraints: ClassVar[bool] = False  # every key, check and index has a name the server keeps and
    # reports (MariaDB: c_ibfk_1, a column's check named after it): a name that differs is drift, and a check
    # of the expected name holding another condition is another check
    renames_constraints: ClassVar[bool] = False  # keys, checks, indexes (and PostgreSQL 18's NOT NULLs) keep the
    # name they were given and can be renamed in place: where both sides carry the server's definitions, one of the
    # same definition under another name is a name_mismatch (remedy.diff.names), planned as a rename

    # --- names -----------------------------------------------------------------------------------

    def fold_identifier(self, name: str, quoted: bool = False) -> str:
        """How the database stores an identifier as written in DDL."""
        if quoted or not self.folds_unquoted_to_lower:
            return name
        return name.lower()

    truncates_names_at: ClassVar[int] = 0  # bytes: a longer name is cut to this many, with a NOTICE (0: never)

    def stored_name(self, name: str) -> str:
        """The name as the server stores it: PostgreSQL cuts one over 63 bytes to 63 (never inside a
        character, as pg_mbcliplen does) and only says so in a NOTICE."""
        limit = self.truncates_names_at
        if not limit or len(name) * 4 <= limit or len(raw := name.encode()) <= limit:
            return name
        return raw[:limit].decode(errors="ignore")

    def name_key(self, name: str) -> str:
        """Key for comparing names: exact where names are case-sensitive, case-insensitive elsewhere."""
        return name if self.case_sensitive_names else name.lower()

    def alter_keeps(self, existing) -> dict:
        """alembic ``alter_column`` arguments that keep what a column change must not lose."""
        return {}

    # --- connecting ------------------------------------------------------------------------------

    def connect_args(self, driver: str, timeout: int) -> dict:
        """Driver arguments that bound connecting (and only connecting) by ``timeout`` seconds."""
        return {}

    def connected(self, driver: str, dbapi_connection) -> None:
        """Lift what bounded the connection attempt, once connected (statements may run long)."""

    @cached_property
    def sa_dialect(self):
        """SQLAlchemy's dialect object (its identifier preparer quotes names)."""
        from sqlalchemy.dialects import registry

        return strict_quoting(registry.load(self.alembic)(paramstyle="named"))  # '%' as is, not '%%'

    def quote(self, name: str) -> str:
        """``name`` quoted by the dialect's own preparer where it needs quoting."""
        return self.sa_dialect.identifier_preparer.quote(name)

    def quote_always(self, name: str) -> str:
        return self.sa_dialect.identifier_preparer.quote_identifier(name)

    def qualified(self, schema: str | None, name: str) -> str:
        """A table's name as SQL: schema-qualified where the dialect has schemas, each part quoted."""
        schema = self.schema_of(schema)
        return f"{self.quote(schema)}.{self.quote(name)}" if schema else self.quote(name)

    def literal(self, value: str) -> str:
        """A string literal: quotes doubled (the SQL standard, what SQLite reads)."""
        return "'" + value.replace("'", "''") + "'"

    def schema_of(self, name: str | None) -> str | None:
        """The schema remedy renders for a table (None where the dialect has no schemas)."""
        return (name or None) if self.has_schemas else None

    def primary_key_name(self, table: str) -> str:
        """The name an unnamed primary key is known by (MariaDB/MySQL: always PRIMARY)."""
        return "PRIMARY"

    def names_not_null(self, version: str) -> bool:
        """Whether a column's NOT NULL is a constraint with a name of its own on this server version
        (PostgreSQL 18: ADD CONSTRAINT name NOT NULL column)."""
        return False

    def not_null_implied(self, raw_type: str, sole_key_column: bool) -> bool:
        """Whether a primary key column is NOT NULL without saying so, and DDL should not add the words
        (SQLite's INTEGER PRIMARY KEY is the rowid: the catalog reports it nullable)."""
        return False

    def is_rowid(self, raw_type: str, sole_key_column: bool, flags: tuple[str, ...]) -> bool:
        """Whether a key column is the table's rowid (SQLite)."""
        return False

    def primary_key_not_null(self, flags: tuple[str, ...]) -> bool:
        """Whether the columns of a primary key are NOT NULL without saying so (``flags``: the table's)."""
        return True

    # --- tables ----------------------------------------------------------------------------------

    table_flags: ClassVar[tuple[str, ...]] = ()  # words a table is created with beyond its columns (Table.flags)
    unnamed_constraints: ClassVar[bool] = False  # a constraint written without a name has none (else the
    # server names it, and a plan gives it the name the finding shows)

    def flags_of(self, create_table: str) -> tuple[str, ...]:
        """The table flags a CREATE TABLE statement declares, sorted."""
        return ()

    def search_path_lines(self, path: str) -> list[str]:
        """A script's statement that resolves unqualified names as they were read (PostgreSQL's search_path)."""
        return []

    def flag_table_kwargs(self, flags: tuple[str, ...]) -> dict:
        """SQLAlchemy ``Table`` keyword arguments that write the flags."""
        return {}

    def alter_table_flag(self, table: str, flag: str, on: bool) -> str | None:
        """The statement that gives ``table`` (quoted, qualified) ``flag`` or takes it away; None where the
        database has none and the table is rebuilt (SQLite)."""
        return None

    def same_index_method(self, want: str, have: str) -> bool:
        """Whether two index access methods build the same index (SQLite has one kind)."""
        return True

    # --- types and defaults ------------------------------------------------------------------------

    def array_element(self, low: str) -> str | None:
        """For an internal array type name (``_text``), its element type; None otherwise."""
        return None

    def type_text(self, text: str) -> tuple[str, bool]:
        """A column type's spelling with dialect aliases resolved, and whether it was UNSIGNED."""
        return text, False

    def widen_unsigned(self, name: str) -> str:
        return name

    def same_raw_type(self, expected: str, actual: str) -> bool:
        """Whether two types of equal normalized spelling are one type here, as the raw spellings say
        (MariaDB: INT UNSIGNED and BIGINT are both ``bigint``, but not one type)."""
        return True

    converts_on_assignment: ClassVar[bool] = False  # a value written into a column takes its type (no CAST needed)
    stores_by_affinity: ClassVar[bool] = False  # a value keeps its own type unless the column's converts it (SQLite)

    def copy_value(self, column_sql: str, declared: str, flags: tuple[str, ...]) -> str:
        """What a table rebuild selects for a column whose type changes: the old value, converted by the new
        column as it is written (SQLite: a CAST where the declared type needs it)."""
        return column_sql

    def retype_hazard(self, column: str, to_type: str) -> str:
        """What a type change risks for the values a column holds."""
        return f"rows whose {column} does not cast to {to_type} make it fail; the dry run counts them"

    def same_storage_note(self, expected: str, actual: str) -> str:
        """Where two declared types of one column store every value alike (SQLite: the same affinity), what a
        type_mismatch says of it ("" where they do not)."""
        return ""

    def split_on_update(self, raw: str | None) -> tuple[str | None, str | None]:
        """A raw default and what the column is set to on every UPDATE (None: nothing)."""
        return raw, None

    column_collations: ClassVar[bool] = False  # a column's collation is compared (PostgreSQL: with its kinds)

    def type_sql(self, declared: str) -> str:
        """A type the database reported as a statement writes it (SQLite: quoted where its words would not
        read back as one type)."""
        return declared

    def after_generation(self, column) -> str:
        """What DDL writes after a generated column's ``GENERATED ALWAYS AS (...) STORED``."""
        return ""

    def column_type_suffix(self, column) -> str:
        """What DDL writes after a column's type: PostgreSQL's ``COLLATE "C"`` where not the type's default."""
        return f" COLLATE {column.collation}" if column.collation and self.column_kinds else ""

    def sa_table_options(self, options) -> dict:
        """SQLAlchemy ``Table`` keyword arguments that write a table's options (model.TableOptions) in DDL."""
        return {}

    def has_charset(self, type_name: str) -> bool:
        """Whether a column of this normalized type holds characters of a character set (MariaDB/MySQL)."""
        return False

    def quote_bare_default(self, text: str) -> str:
        """A default the catalog reports without quotes (MariaDB: ``abc``), quoted as SQL."""
        return text

    def declared_columns(self, sql: str) -> dict:
        """Where the DDL parser's reading of a type is not the database's (SQLite keeps any words as written):
        the columns a CREATE TABLE declares as the database reads them, by lower-case name."""
        return {}

    def cross_types_equivalent(self, expected: str, actual: str) -> bool | None:
        """Whether another dialect's normalized type is stored as ``actual`` here (None: ask the family)."""
        return None

    # --- expressions -----------------------------------------------------------------------------

    # The server writes casts of its own into a stored CHECK, index predicate or generation (PostgreSQL:
    # ``(kind)::text``, ``'a'::character varying``), so a cast says nothing there and is left out of the
    # comparison. MariaDB/MySQL and SQLite keep an expression as written: a cast there is the author's, and
    # ``CAST(price AS SIGNED) > 0`` is not ``price > 0``.
    adds_casts: ClassVar[bool] = False

    def drawn_sequence(self, default: str | None, search_path: str, has_sequence) -> tuple[str, str] | None:
        """The (schema, name) of the sequence a column default draws from, however the side spells it; None where
        the dialect's defaults draw from no named sequence."""
        return None

    def canon_expression(self, tree):
        """A CHECK / default tree with this dialect's stored spellings undone (sqlglot nodes)."""
        return tree

    # --- what else is there ------------------------------------------------------------------------

    any_declared_type: ClassVar[bool] = False  # stores any declared type name (SQLite's affinity)
    untyped: ClassVar[str] = ""  # the type of a column declared without one (SQLite); "" is a type not known
    varchar_needs_length: ClassVar[bool] = False  # VARCHAR without (n) is refused
    function_defaults_in_parentheses: ClassVar[bool] = True  # DEFAULT (expr()) rather than DEFAULT expr()
    journal_in_database: ClassVar[bool] = False  # apply records itself in a remedy.journal table
    present_kinds_sql: ClassVar[str] = ""  # rows of (kind, count) for object kinds beyond tables
    # views, functions, triggers, policies... read as model.SchemaObject, a catalog's through a scratch
    # database on the server (remedy.sources.scratch), and compared (remedy.diff.objects)
    dependent_objects: ClassVar[bool] = False
    # MariaDB/MySQL: a table's partitions are declared in its CREATE TABLE and changed by ALTER TABLE ... PARTITION
    # (PostgreSQL's are tables of their own)
    partitions_with_table: ClassVar[bool] = False

    def partition_clause(self, objects, schema: str, table: str) -> str:
        """What follows PARTITION BY in the table's CREATE TABLE ("" where it is not partitioned): PostgreSQL's key
        (its partitions are created after it, as tables)."""
        key = objects.get(("partition_key", schema, table))
        if key is None and not schema:  # a table written without its schema (catalog init's default schema)
            key = next((o for o in objects.values() if o.kind == "partition_key" and o.name == table), None)
        return key.definition if key is not None else ""

    def partition_table_kwargs(self, clause: str) -> dict:
        """SQLAlchemy's table keyword for the PARTITION BY clause."""
        return {"postgresql_partition_by": clause} if clause else {}

    def inherits_table_kwargs(self, parents: tuple[str, ...]) -> dict:
        """SQLAlchemy's table keyword for INHERITS (parents, qualified and quoted); only PostgreSQL has it."""
        return {}

    identifier_quotes: ClassVar[str] = '"'  # what opens a quoted name (else a string literal, or no SQL)
    delimiter_command: ClassVar[bool] = False  # the client's DELIMITER line changes what ends a statement

    def script_statement(self, sql: str) -> str:
        """One statement as a script for the database's own client writes it (with its terminator)."""
        return sql + ";"

    def definition_key(self, text: str) -> str:
        """What is compared of a view's, trigger's or routine's text: the text itself where the server deparses
        it (PostgreSQL); elsewhere it is kept as written, and spacing, case and identifier quotes are folded."""
        return text

    def names_in(self, text: str) -> set[str]:
        """Every name (quoted or not, as ``name_key`` compares it) that SQL text mentions: what a view or trigger
        may read, where the server keeps no dependencies of its own."""
        return {self.name_key(_unquoted(t)) for t in _SQL_TOKEN.findall(text)
                if t[0] in self.identifier_quotes or t[0].isalpha() or t[0] in "_$"}

    def present_kinds(self, conn) -> dict[str, int]:
        """How many objects of each kind beyond tables, keys and indexes the database holds (views,
        triggers, routines, events, partitioned tables...), for the ``not_compared`` report; kinds with
        none are left out. ``conn`` is a SQLAlchemy connection to the scanned database."""
        if not self.present_kinds_sql:
            return {}
        rows = conn.exec_driver_sql(self.present_kinds_sql).fetchall()
        return {str(kind): int(count) for kind, count in rows if count}

    # --- servers ---------------------------------------------------------------------------------

    def stores_descending_keys(self, version: str) -> bool:
        """Whether the server keeps DESC in an index key (unknown versions: assume it does)."""
        return True

    def is_mariadb(self, version: str) -> bool:
        return False

    def bounds_statement_time(self, version: str) -> bool:
        """Whether the server can cancel a DDL statement that runs too long (``--statement-timeout``)."""
        return False

    def read_bound_sql(self, seconds: int) -> str:
        """A statement that bounds the reads of the current transaction to ``seconds`` ("" where there is none)."""
        return ""

    def timed(self, sql: str, seconds: float) -> str:
        """The statement bounded to ``seconds`` (0: no bound) where the bound is set per statement."""
        return sql

    def server_label(self, version: str) -> str:
        return self.label

    # --- scripts ---------------------------------------------------------------------------------

    def begin_lines(self) -> list[str]:
        """How a script opens its transaction (none where DDL commits at once)."""
        return ["BEGIN;"] if self.transactional_ddl else []

    def commit_lines(self) -> list[str]:
        return ["COMMIT;"] if self.transactional_ddl else []

    def client_lines(self) -> list[str]:
        """What fix.sql first tells the database's own client, where the client must be told to stop at the
        first error (the ``mariadb`` client stops there by itself when it reads a script)."""
        return []

    def script_begin_lines(self) -> list[str]:
        """How fix.sql, run with the database's own client, opens its transaction."""
        return self.begin_lines()

    def script_commit_lines(self) -> list[str]:
        return self.commit_lines()


_SQL_TOKEN = re.compile(r"""'(?:[^'\\]|''|\\.)*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|/\*.*?(?:\*/|$)"""
                        r"""|[\w$]+|\S""", re.S)


def _unquoted(token: str) -> str:
    if token[0] == "[":
        return token[1:-1]
    if token[0] in '"`':
        return token[1:-1].replace(token[0] * 2, token[0])
    return token


def has_inner_semicolon(sql: str) -> bool:
    """Whether a statement holds a ';' of its own (a BEGIN ... END body), outside strings and quoted names."""
    return ";" in _SQL_TOKEN.findall(sql.strip().removesuffix(";"))


def spelling_key(text: str, identifier_quotes: str, fold_quoted: bool = True) -> str:
    """SQL text with what does not change its meaning on a server whose names compare case-insensitively
    folded away: spacing, comments, the case of keywords and names, the quotes around names. String literals stay, and
    so does the case of a quoted name unless ``fold_quoted`` (a view's output column keeps it on MariaDB)."""
    out = []
    for token in _SQL_TOKEN.findall(text.strip().removesuffix(";")):
        if token.startswith(("--", "/*")):
            continue  # a comment (sqlite3's .schema writes a view's columns after it as one)
        if token[0] in identifier_quotes:
            out.append(_unquoted(token).lower() if fold_quoted else _unquoted(token))
        else:
            out.append(token if token[0] in "'\"" else token.lower())
    return " ".join(out)


def version_tuple(version: str) -> tuple[int, int] | None:
    match = re.match(r"(\d+)\.(\d+)", version or "")
    return (int(match.group(1)), int(match.group(2))) if match else None

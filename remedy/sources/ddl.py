"""DDL text -> Schema, parsed with sqlglot in the source's dialect.

Understands CREATE TABLE (inline and table constraints), CREATE INDEX,
ALTER TABLE ... ADD CONSTRAINT / ADD COLUMN / ALTER COLUMN / DROP / RENAME, MariaDB/MySQL's
MODIFY / CHANGE / RENAME INDEX / DROP PRIMARY KEY / DROP FOREIGN KEY and RENAME TABLE,
CREATE TYPE ... AS ENUM and CREATE EXTENSION. Every table and column keeps the file:line it was declared at.
A statement that does not parse, or (MariaDB/MySQL) an ALTER TABLE action it cannot read exactly, raises
SourceError naming file, line and statement.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

from remedy import dialects
from remedy.errors import SourceError
from remedy.model import (GENERATED_STORED, GENERATED_VIRTUAL, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT, SERIAL, CheckConstraint, Column,
                          Enum, Evidence, Exclusion, ForeignKey, Index, IndexKey, PrimaryKey, Schema, Table, TableOptions,
                          UniqueConstraint)
from remedy.normalize import (SQLGLOT_DIALECT, fold_identifier, is_serial, normalize_check, normalize_default,
                              normalize_type, sql_of)
from remedy.dialects.mysql import charset_of_collation
from remedy.dialects.postgresql_sequences import SequenceOptions, said_options
from remedy.sources.live import GENERATED

DIALECT_NAMES = {"postgres": "postgresql", "postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql",
                 "sqlite": "sqlite"}
_EXTENSION = re.compile(r"^\s*CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?\"?([\w-]+)\"?", re.I)
# Views, functions, triggers, sequences, domains, composite and range types are read by PostgreSQL itself
# (remedy.sources.scratch), not by this parser.
_IGNORED_COMMANDS = re.compile(r"^\s*(COMMENT|SET|SELECT|GRANT|REVOKE|BEGIN|COMMIT|CREATE\s+(OR\s+REPLACE\s+)?"
                               r"(DEFINER\s*=\s*\S+\s+)?(EVENT|FUNCTION|PROCEDURE|(CONSTRAINT\s+)?TRIGGER|"
                               r"(RECURSIVE\s+|MATERIALIZED\s+)?VIEW|ALTER\s+EVENT|"
                               r"SEQUENCE|SCHEMA)|CREATE\s+TYPE\s+\S+\s+AS\s+(RANGE\b|\()|ALTER\s+SEQUENCE|"
                               r"ALTER\s+EXTENSION|INSERT|DROP\s+(?!TABLE|INDEX)|CREATE\s+VIRTUAL\s+TABLE)", re.I)
# A domain column is typed by the domain's name (what the catalog reports); its CHECK belongs to the type.
_DOMAIN = re.compile(r"^\s*CREATE\s+DOMAIN\s", re.I)
_MATERIALIZED_VIEW = re.compile(r"(?is)^\s*CREATE\s+MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)")
# pg_dump: ALTER TABLE t ALTER COLUMN c ADD GENERATED ... AS IDENTITY (...), which sqlglot cannot parse.
_ADD_IDENTITY = re.compile(r"(?is)^(\s*ALTER\s+TABLE\s+.+?\s+ALTER\s+(?:COLUMN\s+)?.+?)\s+ADD\s+GENERATED\s+"
                           r"(?:ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY\b.*$")
_ADD_ENUM_VALUE = re.compile(r"(?is)^\s*ALTER\s+TYPE\s+(.+?)\s+ADD\s+VALUE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
                             r"'((?:[^']|'')*)'(?:\s+(BEFORE|AFTER)\s+'((?:[^']|'')*)')?\s*$")
_NAME = r'(?:"(?:[^"]|"")*"|[^\s".;]+)'
_ALTER_SEQUENCE = re.compile(rf"(?is)^\s*ALTER\s+SEQUENCE\s+(?:IF\s+EXISTS\s+)?({_NAME}(?:\s*\.\s*{_NAME})?)\s+(.*?)\s*$")
_RENAME_SEQUENCE = re.compile(rf"(?is)^RENAME\s+TO\s+({_NAME})$")
_CREATE_SEQUENCE = re.compile(rf"(?is)^\s*CREATE\s+SEQUENCE\s+(?:IF\s+NOT\s+EXISTS\s+)?({_NAME}(?:\s*\.\s*{_NAME})?)"
                              r"(.*?)\s*$")
_OWNED_BY = re.compile(rf"(?is)\bOWNED\s+BY\s+((?:{_NAME}\s*\.\s*)?{_NAME})\s*\.\s*({_NAME})")
_NEXTVAL_OF = re.compile(r"(?is)^NEXTVAL\((?:CAST\()?'((?:[^']|'')*)'")
_ATTACH_PARTITION = re.compile(r"(?is)^\s*ALTER\s+TABLE\s+(?:ONLY\s+)?\S+\s+ATTACH\s+PARTITION\s+(\S+)\s")
_NOT_COMPARED = re.compile(
    r"(?is)^\s*(ALTER\s+\w+(\s+\w+)?\s+.+\s+OWNER\s+TO\s"
    r"|ALTER\s+TABLE\s.+\s(REPLICA\s+IDENTITY|(ENABLE|DISABLE|FORCE|NO\s+FORCE)\s+(ROW\s+LEVEL\s+SECURITY|TRIGGER|RULE"
    r"|REPLICA|ALWAYS)|CLUSTER\s+ON|SET\s+WITHOUT\s+CLUSTER|(SET|RESET)\s*\(|SET\s+(STATISTICS|STORAGE|COMPRESSION"
    r"|TABLESPACE|LOGGED|UNLOGGED)|(ATTACH|DETACH)\s+PARTITION|INHERIT)\b"
    r"|CREATE\s+(POLICY|STATISTICS|RULE|AGGREGATE|OPERATOR|CAST|COLLATION|TEXT\s+SEARCH|PUBLICATION|SUBSCRIPTION"
    r"|EVENT\s+TRIGGER|SERVER|FOREIGN|USER\s+MAPPING|CONVERSION|ACCESS\s+METHOD|LANGUAGE|TRANSFORM|PROCEDURE)\b"
    r"|ALTER\s+INDEX\s.+\sATTACH\s+PARTITION\b|ALTER\s+DEFAULT\s+PRIVILEGES|SECURITY\s+LABEL|REFRESH\s+MATERIALIZED|ANALYZE|VACUUM|RESET|TRUNCATE|COPY)")
_CREATE_SCHEMA = re.compile(r'(?is)^\s*CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z_][\w$]*)')
_PSQL_META = re.compile(r"(?m)^\\[a-z].*$")
SEARCH_PATH = re.compile(r"(?is)^\s*SET\s+(?:SESSION\s+|LOCAL\s+)?search_path\s*(?:TO|=)\s*(.+?)\s*$")
_STRING = re.compile(r"'(?:[^']|'')*'|`[^`]*`|\"[^\"]*\"")  # literals and quoted identifiers


def dialect_name(name: str) -> str:
    try:
        return DIALECT_NAMES[name.lower()]
    except KeyError:
        raise SourceError(f"unknown dialect {name!r}", "use postgres, mysql or sqlite") from None


@dataclass
class _Builder:
    """Mutable accumulator while reading statements; frozen into a Schema at the end."""

    dialect: str
    default_schema: str
    tables: dict[tuple[str, str], dict] = field(default_factory=dict)
    enums: dict[tuple[str, str], Enum] = field(default_factory=dict)
    extensions: set[str] = field(default_factory=set)
    partitions: set[tuple[str, str]] = field(default_factory=set)  # attached: read as part of their parent
    views: set[tuple[str, str]] = field(default_factory=set)  # materialized views (their indexes go with them)
    identity_options: list[str] = field(default_factory=list)  # AS IDENTITY (...) of the statement, in order
    schemas: set[str] = field(default_factory=set)  # declared by CREATE SCHEMA (a schema may be empty)
    sequences: dict[tuple[str, str], dict] = field(default_factory=dict)  # a serial's sequence -> its column
    # CREATE SEQUENCE s (pg_dump's serial: then OWNED BY t.c and t.c's nextval('s') default) -> its options and owner
    created_sequences: dict[tuple[str, str], dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Statement:
    sql: str
    file: str
    line: int


_DELIMITER = re.compile(r"(?im)^[ \t]*DELIMITER[ \t]+(\S+)[ \t]*(?:\n|$)")


def split_statements(text: str, file: str, dialect: str) -> list[Statement]:
    """Split a script on top-level semicolons, remembering each statement's first line. Where the client has a
    DELIMITER command (MariaDB/MySQL), a block after ``DELIMITER $$`` is split on ``$$`` instead."""
    from remedy import dialects

    if dialects.get(dialect).delimiter_command and _DELIMITER.search(text):
        return _delimited(text, file, dialect)
    return _on_semicolons(text, file, dialect)


def _delimited(text: str, file: str, dialect: str) -> list[Statement]:
    out, mark, start = [], ";", 0
    for match in [*_DELIMITER.finditer(text), None]:
        end = match.start() if match else len(text)
        line = text.count("\n", 0, start)
        if mark == ";":
            out += [replace(s, line=s.line + line) for s in _on_semicolons(text[start:end], file, dialect)]
        else:
            out += _on_mark(text[start:end], mark, file, line)
        if match:
            mark, start = match.group(1), match.end()
    return out


def _on_mark(block: str, mark: str, file: str, line: int) -> list[Statement]:
    out, at = [], 0
    for piece in block.split(mark):
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(Statement(piece.strip(), file, line + block.count("\n", 0, at + lead) + 1))
        at += len(piece) + len(mark)
    return out


def _on_semicolons(text: str, file: str, dialect: str) -> list[Statement]:
    try:
        tokens = sqlglot.tokenize(text, read=SQLGLOT_DIALECT[dialect])
    except Exception as exc:
        raise SourceError(f"{file}: cannot tokenize: {_first_line(exc)}") from None
    out, start = [], None
    for tok in tokens:
        if tok.token_type == TokenType.SEMICOLON:
            if start is not None:
                out.append(Statement(text[start.start:tok.start], file, start.line))
            start = None
        elif start is None:
            start = tok
    if start is not None:
        out.append(Statement(text[start.start:], file, start.line))
    return out


def parse_ddl(text: str, file: str, dialect: str = "postgresql", default_schema: str = "public",
              builder: _Builder | None = None) -> _Builder:
    builder = builder or _Builder(dialect, default_schema)
    start = builder.default_schema
    text = _outside_strings(text, _PSQL_META.pattern, "")  # pg_dump's \restrict <key> ...: psql, not SQL
    for stmt in split_statements(text, file, dialect):
        _read_statement(builder, stmt)
    builder.default_schema = start  # a SET search_path lasts to the end of its file (its session)
    return builder


def _read_statement(b: _Builder, stmt: Statement) -> None:
    match = _EXTENSION.match(stmt.sql)
    if match:
        if match.group(1).lower() != "plpgsql":  # always installed (and never listed by the live reader)
            b.extensions.add(match.group(1).lower())
        return
    search_path = SEARCH_PATH.match(stmt.sql) if b.dialect == "postgresql" else None
    if search_path:
        _set_search_path(b, search_path.group(1))
        return
    view = _MATERIALIZED_VIEW.match(stmt.sql)
    if view:
        b.views.add(_table_key(b, exp.to_table(view.group(1), dialect=SQLGLOT_DIALECT[b.dialect])))
    declared = _CREATE_SCHEMA.match(stmt.sql)
    if declared:
        name = declared.group(1)
        quoted = name.startswith('"')
        b.schemas.add(fold_identifier(name[1:-1].replace('""', '"') if quoted else name, b.dialect, quoted))
        return
    altered = _ALTER_SEQUENCE.match(stmt.sql)
    if altered and dialects.get(b.dialect).column_kinds:
        _alter_sequence(b, altered)
        return
    created = _CREATE_SEQUENCE.match(stmt.sql)
    if created and dialects.get(b.dialect).column_kinds:
        key = _table_key(b, exp.to_table(created.group(1), dialect=SQLGLOT_DIALECT[b.dialect]))
        b.created_sequences[key] = {"sequence": SequenceOptions.created("bigint", said_options(created.group(2))),
                                    "owner": _owner(b, created.group(2))}
        return
    if _IGNORED_COMMANDS.match(stmt.sql) or _DOMAIN.match(stmt.sql):
        return
    identity = _ADD_IDENTITY.match(stmt.sql)
    if identity:
        _add_identity(b, replace(stmt, sql=identity.group(1) + " DROP DEFAULT"), stmt.sql)
        return
    b.identity_options.clear()
    sql, exclusions = _exclusions_taken_out(stmt.sql) if dialects.get(b.dialect).worded_definitions else (stmt.sql, [])
    sql = _IDENTITY_OPTIONS.sub(lambda m: _kept(b, m), _spelled_for_sqlglot(sql, b.dialect))
    sql, partitioned = _partition_clause(b, sql)
    added_to = _ALTER_TABLE_ADD.match(sql) if exclusions else None
    if added_to:  # ALTER TABLE t ADD CONSTRAINT x EXCLUDE ...: nothing left for sqlglot
        _add_exclusions(b, _table_entry(b, _table_key(b, exp.to_table(added_to.group(1), dialect=SQLGLOT_DIALECT[b.dialect]))),
                        exclusions)
        return
    tree = _parse(replace(stmt, sql=sql), b.dialect)
    _read_tree(b, tree, stmt, partitioned)
    if exclusions:
        _add_exclusions(b, _table_entry(b, _table_key(b, _table_of(tree, stmt))), exclusions)


def _read_tree(b: _Builder, tree: exp.Expression, stmt: Statement, partitioned: str) -> None:
    if isinstance(tree, exp.Create):
        kind = (tree.args.get("kind") or "").upper()
        if kind == "TABLE":
            _create_table(b, tree, stmt, partitioned)
        elif kind == "INDEX":
            _create_index(b, tree, stmt)
        elif kind == "TYPE":
            _create_type(b, tree, stmt)
    elif isinstance(tree, exp.Alter):
        _alter_table(b, tree, stmt)
    elif isinstance(tree, exp.Drop):
        _drop(b, tree)
    elif isinstance(tree, exp.Command):
        _command(b, stmt)


# An EXCLUDE constraint (PostgreSQL), with an optional name and, in ALTER TABLE, its ADD
_EXCLUDE = re.compile(r'(?is)(\bADD\s+)?(?:\bCONSTRAINT\s+("(?:[^"]|"")*"|\w+)\s+)?\bEXCLUDE(?=\s*(?:USING\s+\w+\s*)?\()')
_EXCLUDE_WORD = re.compile(r"(?i)\bEXCLUDE\s*(?:USING\s+\w+\s*)?\(")  # a column named exclude is no constraint
_ALTER_TABLE_ADD = re.compile(rf"(?is)^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?({_NAME}(?:\s*\.\s*{_NAME})?)\s*$")
_EXCLUDED_ELEMENT = re.compile(r'(?is)^EXCLUDE\s+(?:USING\s+\w+\s*)?\(\s*("(?:[^"]|"")*"|\w+)\s+WITH\b')


def _exclusions_taken_out(sql: str) -> tuple[str, list[tuple[str | None, str]]]:
    """Each EXCLUDE constraint of a CREATE or ALTER TABLE as (name or None, its text as written, spaces folded),
    and the statement without them: sqlglot reads one only without options (DEFERRABLE, INITIALLY ...), and a
    catalog the server cannot load compares them as written."""
    if not _EXCLUDE_WORD.search(sql):
        return sql, []
    masked = _masked(sql)
    found, cuts = [], []
    for match in _EXCLUDE.finditer(masked):
        if cuts and match.start() < cuts[-1][1]:
            continue
        end = _clause_end(masked, match.end())
        start = match.start()
        before = masked[:start].rstrip()
        after = masked[end:].lstrip()
        if before.endswith(","):
            start = len(before) - 1
        elif after.startswith(","):
            end = len(masked) - len(after) + 1
        name = sql[match.start(2):match.end(2)] if match.group(2) else None
        found.append((name, " ".join(sql[match.end() - len("EXCLUDE"):_clause_end(masked, match.end())].split())))
        cuts.append((start, end))
    for start, end in reversed(cuts):
        sql = sql[:start] + " " + sql[end:]
    return sql, found


def _masked(sql: str) -> str:
    """``sql`` with the inside of each literal and quoted identifier blanked (positions kept)."""
    return _STRING.sub(lambda m: m.group(0)[0] + "_" * (len(m.group(0)) - 2) + m.group(0)[-1], sql)


def _clause_end(masked: str, pos: int) -> int:
    """Where the clause starting before ``pos`` ends: a comma or closing parenthesis at its own depth, or the end."""
    depth = 0
    for at in range(pos, len(masked)):
        char = masked[at]
        if char == "(":
            depth += 1
        elif char == ")" and depth == 0 or char == "," and depth == 0:
            return at
        elif char == ")":
            depth -= 1
    return len(masked)


def _table_of(tree: exp.Expression, stmt: Statement) -> exp.Table:
    node = tree.this if isinstance(tree, (exp.Create, exp.Alter)) else None
    node = node.this if isinstance(node, exp.Schema) else node
    if not isinstance(node, exp.Table):
        raise _unread(stmt, "an EXCLUDE constraint outside CREATE TABLE or ALTER TABLE ... ADD")
    return node


def _add_exclusions(b: _Builder, entry: dict, exclusions: list[tuple[str | None, str]]) -> None:
    for name, text in exclusions:
        if name is None:  # PostgreSQL's own name: table, first column ("expr" for an expression), excl
            element = _EXCLUDED_ELEMENT.match(text)
            column = element.group(1).strip('"') if element else "expr"
            name = _free_name(f"{entry['name']}_{column}_excl", {x.name for x in entry.get("exclusions", [])})
            entry.setdefault("unstated", set()).add(name)
        elif name.startswith('"'):
            name = name[1:-1].replace('""', '"')
        else:
            name = name.lower()
        entry.setdefault("exclusions", []).append(Exclusion(name, text))


# AS IDENTITY (options): sqlglot reads them in one order only; they are read here, in any order
_IDENTITY_OPTIONS = re.compile(r"(?is)(\bAS\s+IDENTITY)(?:\s*\(([^()]*)\))?")


def _kept(b: _Builder, match: re.Match) -> str:
    b.identity_options.append(match.group(2) or "")
    return match.group(1)


def _command(b: _Builder, stmt: Statement) -> None:
    """What sqlglot reads only as text: an enum value added, or something remedy does not compare
    (ownership, row security, storage, partitions attached...); anything else is an error, not a guess."""
    added = _ADD_ENUM_VALUE.match(stmt.sql)
    attached = _ATTACH_PARTITION.match(stmt.sql)
    renamed = _RENAME_TABLE.match(stmt.sql)
    if renamed:
        _rename_tables(b, renamed.group(1), stmt)
    elif added:
        _add_enum_value(b, added)
    elif attached:  # a partition is part of its parent, not a table of its own (as the live reader reads it)
        b.partitions.add(_table_key(b, exp.to_table(attached.group(1), dialect=SQLGLOT_DIALECT[b.dialect])))
    elif not _NOT_COMPARED.match(stmt.sql):
        raise SourceError(f"{stmt.file}:{stmt.line}: unsupported statement: {stmt.sql.strip().splitlines()[0][:80]}")


_RENAME_TABLE = re.compile(r"(?is)^\s*RENAME\s+TABLES?\s+(.+?)\s*$")


def _rename_tables(b: _Builder, pairs: str, stmt: Statement) -> None:
    """MariaDB/MySQL RENAME TABLE a TO b[, c TO d]: one after the other, as the server does them."""
    for pair in re.split(r",(?=(?:[^`]*`[^`]*`)*[^`]*$)", pairs):
        names = re.split(r"(?i)\s+TO\s+(?=(?:[^`]*`[^`]*`)*[^`]*$)", pair.strip())
        if len(names) != 2:
            raise _unread(stmt, "expected RENAME TABLE old TO new")
        old, new = (exp.to_table(n, dialect=SQLGLOT_DIALECT[b.dialect]) for n in names)
        key = _table_key(b, old)
        if key not in b.tables:
            raise SourceError(f"{stmt.file}:{stmt.line}: table {key[1]} is renamed before it is created")
        _rename_table(b, b.tables[key], new)


def _add_enum_value(b: _Builder, added: re.Match) -> None:
    key = _table_key(b, exp.to_table(added.group(1), dialect=SQLGLOT_DIALECT[b.dialect]))
    enum = b.enums.get(key)
    value, where, anchor = added.group(2).replace("''", "'"), (added.group(3) or "").upper(), added.group(4)
    if enum is None or value in enum.values:
        return
    values = list(enum.values)
    at = values.index(anchor) + (where == "AFTER") if anchor in values else len(values)
    values.insert(at, value)
    b.enums[key] = Enum(enum.name, tuple(values), enum.schema)


def _parse(stmt: Statement, dialect: str) -> exp.Expression:
    logger = logging.getLogger("sqlglot")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return sqlglot.parse_one(stmt.sql, read=SQLGLOT_DIALECT[dialect])
    except sqlglot.errors.ParseError as exc:
        err = exc.errors[0] if exc.errors else {}
        line = stmt.line + int(err.get("line") or 1) - 1
        message = err.get("description") or _first_line(exc)
        raise SourceError(f"{stmt.file}:{line}: cannot parse DDL: {message}") from None
    except Exception as exc:  # tokenizer errors and the like
        raise SourceError(f"{stmt.file}:{stmt.line}: cannot parse DDL: {_first_line(exc)}") from None
    finally:
        logger.setLevel(level)


def _set_search_path(b: _Builder, value: str) -> None:
    """SET search_path TO app, public: unqualified names that follow are created in app."""
    for item in value.split(","):
        name = item.strip().strip("'")
        if name and not name.startswith(("$user", '"$user"')) and name.lower() != "default":
            b.default_schema = name[1:-1] if name.startswith('"') else name.lower()
            return


def _outside_strings(sql: str, pattern: str, repl: str) -> str:
    """``re.sub`` applied to the text between string literals and quoted identifiers only."""
    out, pos = [], 0
    for literal in _STRING.finditer(sql):
        out += [re.sub(pattern, repl, sql[pos:literal.start()]), literal.group(0)]
        pos = literal.end()
    return "".join(out) + re.sub(pattern, repl, sql[pos:])


def _spelled_for_sqlglot(sql: str, dialect: str) -> str:
    """Valid spellings sqlglot does not read: PostgreSQL's ``bit varying`` and key options, SQLite's table options."""
    if dialect == "postgresql":
        sql = _outside_strings(sql, _BIT_VARYING.pattern, "varbit") if _BIT_VARYING.search(sql) else sql
        return _outside_strings(sql, _PG_KEY_OPTIONS.pattern, " ") if _PG_KEY_OPTIONS.search(sql) else sql
    if dialect == "sqlite":  # WITHOUT ROWID / STRICT change storage, not the columns remedy compares
        return re.sub(r"(?is)\)\s*((WITHOUT\s+ROWID|STRICT)\s*,?\s*)+$", ")", _typed_for_sqlglot(sql).rstrip())
    if dialect == "mysql" and _MY_CREATE_INDEX.match(sql):  # the kind is read again by _my_index_kind
        sql = _MY_CREATE_INDEX.sub(r"\1INDEX", sql, count=1)
        return _outside_strings(sql, r"(?i)\s+USING\s+(BTREE|HASH)\b", "")
    if dialect == "mysql":  # sqlglot reads MySQL's REAL as FLOAT; it is DOUBLE
        return _outside_strings(sql, r"(?i)\bREAL\b", "DOUBLE")
    return sql


# Options of a key, check or unique index that sqlglot does not read (or reads in some places only). A catalog the
# server reads compares them exactly (remedy.sources.canonical); one compared as written does not (the scan says so).
_PG_KEY_OPTIONS = re.compile(r"(?i)\bNOT\s+DEFERRABLE\b|\bDEFERRABLE\b|\bINITIALLY\s+(?:DEFERRED|IMMEDIATE)\b"
                             r"|\bNULLS\s+(?:NOT\s+)?DISTINCT\b|\bNO\s+INHERIT\b(?!\s*[\w\"])")
_BIT_VARYING = re.compile(r"(?i)\bbit\s+varying\b")


def _typed_for_sqlglot(sql: str) -> str:
    """SQLite takes any words for a type (UNSIGNED BIG INT, "my type"); sqlglot reads the rest of the statement
    with TEXT in their place, and the declared type is read as SQLite reads it (remedy.dialects.sqlite)."""
    declared = dialects.get("sqlite").declared_columns(sql).values()
    for start, end in sorted((c.span for c in declared if c.span != (0, 0)), reverse=True):
        sql = sql[:start] + "TEXT" + sql[end:]
    return sql


_MY_CREATE_INDEX = re.compile(r"(?is)^(\s*CREATE\s+(?:UNIQUE\s+)?)(?:(FULLTEXT|SPATIAL)\s+)?INDEX")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _ident(node: exp.Expression | None, dialect: str) -> str:
    if node is None:
        return ""
    if isinstance(node, exp.Identifier):
        return fold_identifier(node.this, dialect, node.quoted)
    if isinstance(node, (exp.Column, exp.Table)):
        return _ident(node.this, dialect)
    return node.name


def _table_key(b: _Builder, table: exp.Table) -> tuple[str, str]:
    schema = _ident(table.args.get("db"), b.dialect) or b.default_schema
    return schema, _ident(table.this, b.dialect)


def _table_entry(b: _Builder, key: tuple[str, str], stmt: Statement | None = None) -> dict:
    if key not in b.tables:
        if stmt is None:
            raise SourceError(f"table {key[0]}.{key[1]} is altered before it is created")
        b.tables[key] = {"schema": key[0], "name": key[1], "columns": [], "pk": None, "fks": [],
                         "uniques": [], "checks": [], "indexes": [], "line": stmt.line, "file": stmt.file}
    return b.tables[key]


def _partition_clause(b: _Builder, sql: str) -> tuple[str, str]:
    """MariaDB/MySQL: a CREATE TABLE's PARTITION BY clause (which sqlglot does not read) taken off, to be read by
    remedy.sources.partitions_mysql."""
    if not dialects.get(b.dialect).partitions_with_table or not _CREATE_TABLE_HEAD.match(sql):
        return sql, ""
    from remedy.sources.partitions_mysql import split_clause

    return split_clause(sql)


_CREATE_TABLE_HEAD = re.compile(r"(?is)^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+)?TABLE\b")


def _create_table(b: _Builder, tree: exp.Create, stmt: Statement, partitioned: str = "") -> None:
    schema_node = tree.this
    if not isinstance(schema_node, exp.Schema):
        return  # CREATE TABLE ... AS SELECT: no column list to expect
    key = _table_key(b, schema_node.this)
    if b.dialect == "sqlite" and key[1].lower().startswith("sqlite_"):
        return  # sqlite_sequence, sqlite_stat1: SQLite's own (a .schema dump lists them; the live reader does not)
    if key in b.tables:
        raise SourceError(f"{stmt.file}:{stmt.line}: table {key[1]} is created twice")
    entry = _table_entry(b, key, stmt)
    entry["flags"] = dialects.get(b.dialect).flags_of(stmt.sql)
    entry["partition_by"] = partitioned
    for item in schema_node.expressions:
        if isinstance(item, exp.Identifier):  # SQLite: a column without a type
            item = exp.ColumnDef(this=item)
        if isinstance(item, exp.ColumnDef):
            _column_def(b, entry, item, stmt)
        else:
            _table_constraint(b, entry, item, None)
    _table_properties(b, entry, tree.args.get("properties"))
    _mariadb_charsets(b, entry)


def _line_of(node: exp.Expression, stmt: Statement) -> int:
    meta = getattr(node, "meta", None) or {}
    ident = node.this if isinstance(node.this, exp.Identifier) else node
    meta = (getattr(ident, "meta", None) or meta)
    return stmt.line + int(meta.get("line", 1)) - 1


def _column_def(b: _Builder, entry: dict, node: exp.ColumnDef, stmt: Statement) -> None:
    name = _ident(node.this, b.dialect)
    kinds = dialects.get(b.dialect).column_kinds
    dtype = node.args.get("kind")
    # SQLite's generator rewrites types to storage classes (BOOLEAN -> INTEGER); keep the declared type there.
    raw_type = "" if dtype is None else sql_of(dtype, None if b.dialect == "sqlite" else SQLGLOT_DIALECT[b.dialect],
                                               copy=False)
    declared = _sqlite_declared(b, stmt, name)
    collation = None
    if declared is not None:  # SQLite keeps the type as written (INTEGER is the rowid's, INT is not)
        raw_type, collation = declared.type, declared.collation
    untyped = dialects.get(b.dialect).untyped
    col = {"name": name, "raw_type": raw_type, "type": normalize_type(raw_type, b.dialect) if raw_type else untyped,
           "nullable": True, "raw_default": None, "identity": is_serial(raw_type),
           "kind": SERIAL if kinds and is_serial(raw_type) else "", "kind_options": "",
           "collation": collation, "line": _line_of(node, stmt),
           "integer": declared is not None and raw_type.upper() == "INTEGER"}
    if col["identity"]:
        col["raw_default"] = "autoincrement"
    for constraint in node.args.get("constraints") or []:
        _column_constraint(b, entry, col, constraint.args.get("kind"))
        if constraint.this is not None:  # CONSTRAINT name ...: a name the DDL states
            _stated_inline(b, entry, col, constraint)
    if col.get("on_update"):  # MariaDB/MySQL: kept with the default, as the live reader keeps it
        col["raw_default"] = f"{col['raw_default'] or 'NULL'} ON UPDATE {col.pop('on_update')}"
    if col["identity"]:
        col["nullable"] = False
    if col["kind"] in (SERIAL, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT):
        _own_sequence(b, entry, col, col.pop("identity_options", ""))
    entry["columns"].append(col)


def _stated_inline(b: _Builder, entry: dict, col: dict, constraint: exp.Expression) -> None:
    """A column's named constraint (``CONSTRAINT nn NOT NULL``, ``CONSTRAINT uq UNIQUE``): its name is stated."""
    name = _ident(constraint.this, b.dialect)
    if name and isinstance(constraint.args.get("kind"), exp.NotNullColumnConstraint):
        col["not_null_name"] = name
    elif name:
        entry.setdefault("stated", set()).add(name)


def _sqlite_declared(b: _Builder, stmt: Statement, name: str):
    """The column as SQLite reads its definition (type and COLLATE), where the DDL is SQLite's."""
    return dialects.get(b.dialect).declared_columns(stmt.sql).get(name.lower())


def _column_constraint(b: _Builder, entry: dict, col: dict, kind: exp.Expression | None) -> None:
    name = col["name"]
    if isinstance(kind, exp.NotNullColumnConstraint):
        col["nullable"] = bool(kind.args.get("allow_null"))
    elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
        entry["pk"] = PrimaryKey((name,))
        col["nullable"] = col["nullable"] and not _key_not_null(b, entry)
    elif isinstance(kind, exp.DefaultColumnConstraint):
        col["raw_default"] = sql_of(kind.this, SQLGLOT_DIALECT[b.dialect])
    elif isinstance(kind, exp.OnUpdateColumnConstraint):
        col["on_update"] = sql_of(kind.this, SQLGLOT_DIALECT[b.dialect])
    elif isinstance(kind, exp.UniqueColumnConstraint):
        entry["uniques"].append(UniqueConstraint((name,)))
    elif isinstance(kind, exp.Reference):
        entry["fks"].append(_foreign_key(b, (name,), kind, None))
    elif isinstance(kind, exp.CheckColumnConstraint):
        entry["checks"].append(_check(kind.this, None, b.dialect))
        col.setdefault("checks", []).append(entry["checks"][-1])  # MariaDB: restating the column drops it
    elif isinstance(kind, (exp.GeneratedAsIdentityColumnConstraint, exp.AutoIncrementColumnConstraint)):
        col["identity"] = True
        col["raw_default"] = "autoincrement"
        if isinstance(kind, exp.GeneratedAsIdentityColumnConstraint) and dialects.get(b.dialect).column_kinds:
            col["kind"] = IDENTITY_ALWAYS if kind.this else IDENTITY_BY_DEFAULT
            col["identity_options"] = b.identity_options.pop(0) if b.identity_options else ""
    elif isinstance(kind, exp.ComputedColumnConstraint):  # GENERATED ALWAYS AS (expr) STORED
        col["raw_default"] = sql_of(kind.this, SQLGLOT_DIALECT[b.dialect])
        col["generated"] = True
        col["kind"] = _generated_kind(b.dialect, kind)
    elif isinstance(kind, exp.CollateColumnConstraint) and dialects.get(b.dialect).column_kinds:
        col["collation"] = _collation(kind.this)
    elif dialects.get(b.dialect).inline_comments:
        _column_attribute(col, kind)


def _column_attribute(col: dict, kind: exp.Expression | None) -> None:
    """MariaDB/MySQL: CHARACTER SET, COLLATE, INVISIBLE, COMMENT and ZEROFILL, as the live reader reads them."""
    from remedy.dialects.mysql import canonical_charset, canonical_collation, zerofilled

    if isinstance(kind, exp.ZeroFillColumnConstraint):  # part of the type (sqlglot reads it apart)
        col["raw_type"] = zerofilled(col["raw_type"])
        col["type"] = normalize_type(col["raw_type"], "mysql")
    elif isinstance(kind, exp.CharacterSetColumnConstraint):
        col["charset"] = canonical_charset(kind.this.name)
    elif isinstance(kind, exp.CollateColumnConstraint):
        col["collation"] = canonical_collation(kind.this.name)
    elif isinstance(kind, exp.InvisibleColumnConstraint):
        col["invisible"] = True
    elif isinstance(kind, exp.CommentColumnConstraint):
        col["comment"] = kind.this.name or None


_TABLE_OPTIONS = {exp.EngineProperty: "engine", exp.CollateProperty: "collation", exp.RowFormatProperty: "row_format"}


def _table_properties(b: _Builder, entry: dict, properties: exp.Properties | None) -> None:
    """MariaDB/MySQL table options (ENGINE, DEFAULT CHARSET, COLLATE, ROW_FORMAT) and COMMENT, over those said
    before (CREATE TABLE, then ALTER TABLE)."""
    from remedy.dialects.mysql import canonical_charset, canonical_collation

    if not dialects.get(b.dialect).table_options:
        return
    options = (entry.get("options") or TableOptions()).said()
    for prop in properties.expressions if properties is not None else ():
        if isinstance(prop, exp.CharacterSetProperty):
            options["charset"] = canonical_charset(prop.this.name)
            options.pop("collation", None)  # the new charset's default, unless said with it
        elif isinstance(prop, exp.SchemaCommentProperty):
            entry["comment"] = prop.this.name or None
        elif type(prop) in _TABLE_OPTIONS:
            options[_TABLE_OPTIONS[type(prop)]] = prop.this.name
    if options.get("collation"):
        options["collation"] = canonical_collation(options["collation"])
        options["charset"] = charset_of_collation(options["collation"])
    if "row_format" in options:
        options["row_format"] = "" if options["row_format"].upper() == "DEFAULT" else options["row_format"].upper()
    entry["options"] = TableOptions(**options)


_ALTER_OPTIONS = re.compile(r"(?is)^\s*ALTER\s+(?:ONLINE\s+|IGNORE\s+)*TABLE\s+(?:`(?:[^`]|``)+`|[^\s`]+)\s+(.+)$")


def _altered_options(b: _Builder, entry: dict, stmt: Statement) -> None:
    """ALTER TABLE t ENGINE=... / COMMENT=... / DEFAULT CHARSET=... (sqlglot reads no action there): the options
    read as CREATE TABLE would read them."""
    found = _ALTER_OPTIONS.match(stmt.sql)
    if found is None or not dialects.get(b.dialect).table_options:
        return
    tree = _parse(replace(stmt, sql=f"CREATE TABLE _options (_c INT) {found.group(1)}"), b.dialect)
    _table_properties(b, entry, tree.args.get("properties") if isinstance(tree, exp.Create) else None)


def _generated_kind(dialect: str, node: exp.ComputedColumnConstraint) -> str:
    """PostgreSQL: STORED. MariaDB/MySQL: STORED (PERSISTENT) or VIRTUAL, the default."""
    rules = dialects.get(dialect)
    if rules.column_kinds:
        return GENERATED_STORED
    if rules.generated_storage:
        return GENERATED_STORED if node.args.get("persisted") else GENERATED_VIRTUAL
    return ""


def _collation(node: exp.Expression) -> str:
    """COLLATE "C" / COLLATE pg_catalog."C" as the server names it: '"C"'."""
    name = node.name if isinstance(node, (exp.Identifier, exp.Column, exp.Dot)) else node.sql()
    name = name.split(".")[-1].strip('"')
    quoted = isinstance(node, exp.Identifier) and node.quoted
    return '"' + (name if quoted else name.lower()) + '"'


def _table_constraint(b: _Builder, entry: dict, item: exp.Expression, name: str | None) -> None:
    if isinstance(item, exp.Constraint):
        for inner in item.expressions:
            _table_constraint(b, entry, inner, _ident(item.this, b.dialect))
    elif isinstance(item, exp.PrimaryKey):
        cols = tuple(_ident(c, b.dialect) for c in item.expressions)
        entry["pk"] = PrimaryKey(cols, name)
        for col in entry["columns"]:
            if col["name"] in cols:
                col["nullable"] = col["nullable"] and not _key_not_null(b, entry)
    elif isinstance(item, exp.ForeignKey):
        cols = tuple(_ident(c, b.dialect) for c in item.expressions)
        entry["fks"].append(_foreign_key(b, cols, item.args["reference"], name))
    elif isinstance(item, exp.UniqueColumnConstraint):
        target = item.this
        cols = tuple(_ident(c, b.dialect) for c in (target.expressions if target is not None else []))
        if name is None and isinstance(target, exp.Schema) and target.this is not None:
            name = _ident(target.this, b.dialect)  # MariaDB/MySQL: UNIQUE KEY name (cols)
        entry["uniques"].append(UniqueConstraint(cols, name))
    elif isinstance(item, exp.CheckColumnConstraint):
        entry["checks"].append(_check(item.this, name, b.dialect))
    elif isinstance(item, exp.IndexColumnConstraint):
        _inline_index(b, entry, item)


def _key_not_null(b: _Builder, entry: dict) -> bool:
    """Whether the primary key makes its columns NOT NULL (SQLite: only in a WITHOUT ROWID table)."""
    return dialects.get(b.dialect).primary_key_not_null(entry.get("flags", ()))


def _foreign_key(b: _Builder, cols: tuple[str, ...], ref: exp.Reference, name: str | None) -> ForeignKey:
    target = ref.this
    table = target.this if isinstance(target, exp.Schema) else target
    ref_cols = tuple(_ident(c, b.dialect) for c in target.expressions) if isinstance(target, exp.Schema) else ()
    schema, ref_table = _table_key(b, table)
    options = " ".join(o if isinstance(o, str) else o.sql() for o in ref.args.get("options") or []).upper()
    on_delete = _action(options, "DELETE")
    on_update = _action(options, "UPDATE")
    return ForeignKey(cols, ref_table, ref_cols, schema, name, on_delete, on_update)


def _action(options: str, event: str) -> str | None:
    match = re.search(rf"ON {event} (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)", options)
    return match.group(1) if match and match.group(1) != "NO ACTION" else None


def _check(node: exp.Expression, name: str | None, dialect: str) -> CheckConstraint:
    raw = sql_of(node, SQLGLOT_DIALECT[dialect])
    return CheckConstraint(normalize_check(raw, dialect), name, raw)


def _create_index(b: _Builder, tree: exp.Create, stmt: Statement) -> None:
    index = tree.this
    key = _table_key(b, index.args["table"])
    if key in b.views:
        return  # a materialized view's index: compared with the view (remedy.diff.views)
    entry = _table_entry(b, key)
    params = index.args.get("params")
    keys = tuple(index_key(c, b.dialect) for c in (params.args.get("columns") or [] if params else []))
    where = params.args.get("where") if params else None
    using = params.args.get("using") if params else None
    name = _ident(index.this, b.dialect)
    if not name:
        name = _default_index_name(entry, keys)
        entry.setdefault("unstated", set()).add(name)
    entry["indexes"].append(Index(
        name=name, keys=keys,
        unique=bool(tree.args.get("unique")),
        where=normalize_check(where.this.sql("postgres"), b.dialect) if where is not None else None,
        method=using.name.lower() if using is not None else _my_index_kind(b, stmt),
    ))


def _default_index_name(entry: dict, keys: tuple[IndexKey, ...]) -> str:
    """CREATE INDEX ON t (a, lower(b)): PostgreSQL's own name (t_a_lower_idx, then t_a_lower_idx1 ...), so
    every unnamed index has a finding id of its own."""
    parts = [re.match(r"\w*", k.column or k.expression).group(0) or "expr" for k in keys]
    return _free_name(f"{entry['name']}_{'_'.join(parts)}_idx", {i.name for i in entry["indexes"]})


def _free_name(base: str, taken: set[str]) -> str:
    """``base``, else ``base1``, ``base2`` ...: the first not ``taken`` (as PostgreSQL names what it makes)."""
    return next(name for n in range(len(taken) + 1) if (name := base + (str(n) if n else "")) not in taken)


def _my_index_kind(b: _Builder, stmt: Statement) -> str | None:
    """MySQL's CREATE FULLTEXT/SPATIAL INDEX: the kind is the method information_schema reports."""
    match = _MY_CREATE_INDEX.match(stmt.sql) if b.dialect == "mysql" else None
    return match.group(2).lower() if match and match.group(2) else None


def _inline_index(b: _Builder, entry: dict, item: exp.IndexColumnConstraint) -> None:
    """MySQL's KEY / INDEX / FULLTEXT KEY inside CREATE TABLE or ALTER TABLE ... ADD."""
    kind = (item.args.get("kind") or "").lower()
    using = [o.args["using"] for o in item.args.get("options") or [] if o.args.get("using")]
    method = kind if kind in ("fulltext", "spatial") else (str(using[0]).lower() if using else None)
    keys = tuple(index_key(c, b.dialect) for c in item.expressions)
    entry["indexes"].append(Index(name=_ident(item.this, b.dialect), keys=keys, method=method))


def _order(node: exp.Expression, dialect: str) -> dict:
    """Direction, and on PostgreSQL a NULLS order other than the default (last ascending, first
    descending), as the live reader reads them."""
    if not isinstance(node, exp.Ordered):
        return {}
    desc = bool(node.args.get("desc"))
    nulls_first = node.args.get("nulls_first") if dialect == "postgresql" else None
    nulls = "last" if desc and nulls_first is False else "first" if not desc and nulls_first else ""
    return {"descending": desc, "nulls": nulls}


def index_key(node: exp.Expression, dialect: str) -> IndexKey:
    """A column key for a plain column (or a MySQL prefix ``title(20)``); an expression key only for
    what sqlglot parsed as an expression (``lower(email)``), as canonical text."""
    inner = node.this if isinstance(node, exp.Ordered) else node
    order = _order(node, dialect)
    if isinstance(inner, exp.Opclass):  # (slug varchar_pattern_ops), as the live reader spells it
        return replace(index_key(inner.this, dialect), opclass=inner.expression.name.lower(), **order)
    if isinstance(inner, exp.Column) and not inner.table:
        return IndexKey(column=_ident(inner.this, dialect), **order)
    if isinstance(inner, exp.ColumnPrefix):  # MySQL title(20), as information_schema reports it
        return IndexKey(column=_ident(inner.this, dialect), prefix=int(inner.expression.name), **order)
    if dialects.get(dialect).index_prefix_keys and _prefix_call(inner):  # CREATE INDEX ... (title(20)): sqlglot reads a call
        return IndexKey(column=inner.name, prefix=int(inner.expressions[0].name), **order)
    return IndexKey(expression=normalize_check(sql_of(inner, SQLGLOT_DIALECT[dialect]), dialect), **order)


def _prefix_call(node: exp.Expression) -> bool:
    """MySQL keys an expression only in its own parentheses, so ``name(N)`` is a column's prefix."""
    return (isinstance(node, exp.Anonymous) and len(node.expressions) == 1
            and isinstance(node.expressions[0], exp.Literal) and node.expressions[0].is_int)


def _create_type(b: _Builder, tree: exp.Create, stmt: Statement) -> None:
    dtype = tree.args.get("expression")
    if not isinstance(dtype, exp.DataType) or dtype.this != exp.DataType.Type.ENUM:
        return
    key = _table_key(b, tree.this)
    values = tuple(v.this for v in dtype.expressions)
    b.enums[key] = Enum(key[1], values, key[0])


def _alter_table(b: _Builder, tree: exp.Alter, stmt: Statement) -> None:
    if not isinstance(tree.this, exp.Table):
        return
    entry = _table_entry(b, _table_key(b, tree.this))
    if not tree.args.get("actions"):
        _altered_options(b, entry, stmt)
    for action in tree.args.get("actions") or []:
        if isinstance(action, exp.AddConstraint):
            for item in action.expressions:
                _table_constraint(b, entry, item, None)
        elif isinstance(action, exp.ColumnDef):
            _add_column(b, entry, action, stmt)
        elif isinstance(action, exp.ModifyColumn):
            _modify_column(b, entry, action, stmt)
        elif isinstance(action, exp.AlterColumn):
            _alter_column(b, _column_entry(b, entry, action.this, stmt), action)
        elif isinstance(action, exp.Drop):
            _drop_from_table(b, entry, action, stmt)
        elif isinstance(action, exp.DropPrimaryKey):
            entry["pk"] = None
        elif isinstance(action, exp.RenameColumn):
            _rename_column(b, entry, _column_entry(b, entry, action.this, stmt), action.args["to"], stmt)
        elif isinstance(action, exp.RenameIndex):
            _rename_index(b, entry, action, stmt)
        elif isinstance(action, exp.AlterRename):
            _rename_table(b, entry, action.this)
        elif isinstance(action, exp.ForceProperty):
            continue  # FORCE rebuilds the table as it is
        elif dialects.get(b.dialect).alter_actions_read_exactly:
            raise _unread(stmt, "this ALTER TABLE action is not read")
    _mariadb_charsets(b, entry)  # the columns it added: the table's default as it stands


def _unread(stmt: Statement, why: str) -> SourceError:
    """A statement remedy cannot read exactly: refused (exit 2), never ignored."""
    return SourceError(f"{stmt.file}:{stmt.line}: cannot read {stmt.sql.strip().splitlines()[0][:80]!r}: {why}")


def _column_entry(b: _Builder, entry: dict, node: exp.Expression, stmt: Statement) -> dict:
    name = _ident(node, b.dialect)
    key = dialects.get(b.dialect).name_key
    for col in entry["columns"]:
        if key(col["name"]) == key(name):
            return col
    raise SourceError(f"{stmt.file}:{stmt.line}: column {entry['name']}.{name} is altered before it is created")


def _add_column(b: _Builder, entry: dict, node: exp.ColumnDef, stmt: Statement) -> None:
    """ADD COLUMN; IF NOT EXISTS adds nothing over a column of that name (without it the server refuses)."""
    key = dialects.get(b.dialect).name_key
    if any(key(c["name"]) == key(_ident(node.this, b.dialect)) for c in entry["columns"]):
        if node.args.get("exists"):
            return
        raise _unread(stmt, f"{entry['name']} has a column {_ident(node.this, b.dialect)} already")
    _column_def(b, entry, node, stmt)


def _modify_column(b: _Builder, entry: dict, action: exp.ModifyColumn, stmt: Statement) -> None:
    """MariaDB/MySQL MODIFY / CHANGE: the column restated whole, in its place (what it does not say again - its
    default, comment, charset, visibility, a CHECK written with it - is gone; keys and indexes keep it)."""
    node = action.this
    col = _column_entry(b, entry, action.args.get("rename_from") or node.this, stmt)
    entry["checks"] = [c for c in entry["checks"] if not any(c is mine for mine in col.get("checks", ()))]
    _rename_column(b, entry, col, node.this, stmt)
    at = entry["columns"].index(col)
    _column_def(b, entry, node, stmt)
    entry["columns"][at] = entry["columns"].pop()


def _rename_column(b: _Builder, entry: dict, col: dict, to: exp.Expression, stmt: Statement) -> None:
    """A column renamed, with the keys, indexes and foreign keys (here and in the tables referencing it) that
    name it. A CHECK or a generated column naming it is rewritten by the server: refused, not guessed."""
    old, new = col["name"], _ident(to, b.dialect)
    key = dialects.get(b.dialect).name_key
    if key(old) == key(new):
        col["name"] = new
        return
    named = re.compile(rf"(?i)(?<![\w$]){re.escape(old)}(?![\w$])")
    if any(named.search(c.raw_expression or c.expression) for c in entry["checks"]) or any(
            named.search(c["raw_default"] or "") for c in entry["columns"] if c.get("generated") and c is not col):
        raise _unread(stmt, f"a CHECK or generated column names {old}, and remedy does not rewrite expressions")
    moved = lambda names: tuple(new if key(n) == key(old) else n for n in names)  # noqa: E731
    _remap_columns(entry, moved)
    for other in b.tables.values():
        other["fks"] = [replace(fk, ref_columns=moved(fk.ref_columns))
                        if (fk.ref_schema or other["schema"], fk.ref_table) == (entry["schema"], entry["name"])
                        else fk for fk in other["fks"]]
    col["name"] = new


def _remap_columns(entry: dict, moved) -> None:
    """The table's keys and indexes with each column list passed through ``moved`` (a key left without columns
    is gone, as the server drops it)."""
    pk = entry["pk"]
    if pk is not None:
        entry["pk"] = replace(pk, columns=moved(pk.columns)) if moved(pk.columns) else None
    entry["uniques"] = [replace(u, columns=moved(u.columns)) for u in entry["uniques"] if moved(u.columns)]
    entry["fks"] = [replace(fk, columns=moved(fk.columns)) for fk in entry["fks"]]
    indexes = []
    for index in entry["indexes"]:
        keys = tuple(replace(k, column=moved((k.column,))[0]) if k.column else k for k in index.keys
                     if not k.column or moved((k.column,)))
        if keys:
            indexes.append(replace(index, keys=keys, columns=()))
    entry["indexes"] = indexes


def _rename_index(b: _Builder, entry: dict, action: exp.RenameIndex, stmt: Statement) -> None:
    key = dialects.get(b.dialect).name_key
    old, new = _ident(action.this, b.dialect), _ident(action.args["to"], b.dialect)
    found = [i for i in entry["indexes"] + entry["uniques"] if key(i.name or "") == key(old)]
    if not found:
        raise _unread(stmt, f"{entry['name']} has no index {old}")
    for kind in ("indexes", "uniques"):
        entry[kind] = [replace(i, name=new) if i is found[0] else i for i in entry[kind]]


def _alter_column(b: _Builder, col: dict, action: exp.AlterColumn) -> None:
    """SET/DROP DEFAULT, SET/DROP NOT NULL and TYPE, as pg_dump and migrations write them."""
    dtype = action.args.get("dtype")
    if dtype is not None:
        col["raw_type"] = sql_of(dtype, SQLGLOT_DIALECT[b.dialect])
        col["type"] = normalize_type(col["raw_type"], b.dialect)
        if col.get("kind", "").startswith("identity") and "sequence" in col:  # PostgreSQL retypes its sequence
            col["sequence"] = col["sequence"].altered(said_options(f"AS {col['type']}"))
    if action.args.get("default") is not None:
        col["raw_default"] = sql_of(action.args["default"], SQLGLOT_DIALECT[b.dialect])
    elif action.args.get("allow_null") is not None:
        col["nullable"] = bool(action.args["allow_null"])
    elif action.args.get("drop") and dtype is None:
        col["raw_default"] = None
    elif action.args.get("visible") is not None:  # MariaDB/MySQL: ALTER COLUMN c SET [IN]VISIBLE
        col["invisible"] = str(action.args["visible"]).upper() == "INVISIBLE"


def _add_identity(b: _Builder, stmt: Statement, original: str = "") -> None:
    tree = _parse(stmt, b.dialect)
    action = tree.args["actions"][0]
    entry = _table_entry(b, _table_key(b, tree.this))
    col = _column_entry(b, entry, action.this, stmt)
    col["identity"], col["raw_default"], col["nullable"] = True, "autoincrement", False
    always = re.search(r"(?i)\bADD\s+GENERATED\s+ALWAYS\b", original)
    col["kind"] = IDENTITY_ALWAYS if always else IDENTITY_BY_DEFAULT
    inner = re.search(r"(?s)\((.*)\)\s*$", original)  # ADD GENERATED ... AS IDENTITY (options)
    _own_sequence(b, entry, col, inner.group(1) if inner else "")


_SEQUENCE_NAME = re.compile(r"(?is)\bSEQUENCE\s+NAME\s+(\S+)")


def _own_sequence(b: _Builder, entry: dict, col: dict, options: str = "") -> None:
    """The sequence a serial or identity column makes: AS the column's type with an identity's own options
    (``START WITH 10``, or pg_dump's ``SEQUENCE NAME s START WITH 1 ... CACHE 1``), named as pg_dump's SEQUENCE
    NAME says or as PostgreSQL names it, in the table's schema; an ALTER SEQUENCE of that name changes its type
    and options (``_alter_sequence``)."""
    named = _SEQUENCE_NAME.search(options)
    if named:
        key = _table_key(b, exp.to_table(named.group(1), dialect=SQLGLOT_DIALECT[b.dialect]))
    else:
        key = (entry["schema"], dialects.get(b.dialect).implicit_name(entry["name"], col["name"], "seq",
                                                                       _RelationNames(b, entry["schema"])))
    col["sequence"] = SequenceOptions.created(col["type"], said_options(options))
    b.sequences[key] = col


@dataclass(frozen=True)
class _RelationNames:
    """The names a schema's tables and sequences hold so far (``name in``: without building a set per column)."""

    b: _Builder
    schema: str

    def __contains__(self, name: str) -> bool:
        key = (self.schema, name)
        return key in self.b.tables or key in self.b.sequences or key in self.b.created_sequences


def _alter_sequence(b: _Builder, altered: re.Match) -> None:
    """ALTER SEQUENCE on the sequence of a serial or identity column: its type and options (RESTART and OWNED BY
    change none), or its name. Any other sequence is read by PostgreSQL itself (remedy.sources.scratch), not
    here."""
    key = _table_key(b, exp.to_table(altered.group(1), dialect=SQLGLOT_DIALECT[b.dialect]))
    known = b.sequences if key in b.sequences else b.created_sequences
    col = known.get(key)
    if col is None:
        return
    renamed = _RENAME_SEQUENCE.match(altered.group(2))
    if renamed:
        new = exp.to_table(renamed.group(1), dialect=SQLGLOT_DIALECT[b.dialect])
        known[(key[0], _ident(new.this, b.dialect))] = known.pop(key)
        return
    if re.search(r"(?is)\bOWNED\s+BY\b", altered.group(2)):
        col["owner"] = _owner(b, altered.group(2))
    col["sequence"] = col["sequence"].altered(said_options(altered.group(2)))


def _owner(b: _Builder, options: str) -> tuple[tuple[str, str], str] | None:
    """OWNED BY t.c (a CREATE / ALTER SEQUENCE's): the table's key and the column's name."""
    owned = _OWNED_BY.search(options)
    if owned is None:  # none said, or OWNED BY NONE
        return None
    table = exp.to_table(owned.group(1), dialect=SQLGLOT_DIALECT[b.dialect])
    return _table_key(b, table), _ident(exp.to_identifier(owned.group(2).strip('"'),
                                                          quoted=owned.group(2).startswith('"')), b.dialect)


def _owned_serials(b: _Builder) -> None:
    """pg_dump's serial: CREATE SEQUENCE s, ALTER SEQUENCE s OWNED BY t.c and t.c's DEFAULT nextval('s') make c
    serial, with that sequence's type and options, as the live reader reads it; a nextval default of a sequence
    the column does not own stays a default."""
    for key, made in b.created_sequences.items():
        col = _owning_column(b, made.get("owner"))
        named = _NEXTVAL_OF.match(col.get("raw_default") or "") if col is not None and not col.get("kind") else None
        if named and _table_key(b, exp.to_table(named.group(1).replace("''", "'"),
                                                dialect=SQLGLOT_DIALECT[b.dialect])) == key:
            col.update(identity=True, raw_default="autoincrement", kind=SERIAL, sequence=made["sequence"])


def _owning_column(b: _Builder, owner) -> dict | None:
    if owner is None or owner[0] not in b.tables:
        return None
    name_key = dialects.get(b.dialect).name_key
    return next((c for c in b.tables[owner[0]]["columns"] if name_key(c["name"]) == name_key(owner[1])), None)


def _kind_options(col: dict) -> str:
    """Column.kind_options: a serial's or an identity's from its sequence as the DDL left it (``as bigint
    increment 5``: the type where it is not the column's)."""
    if "sequence" in col and col.get("kind") in (SERIAL, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT):
        return col["sequence"].words(col["type"])
    return col.get("kind_options", "")


def _drop(b: _Builder, tree: exp.Drop) -> None:
    """DROP TABLE / DROP INDEX in a migration script: the object is no longer expected."""
    kind = (tree.args.get("kind") or "").upper()
    for node in tree.args.get("tables") or []:
        if kind == "TABLE" and isinstance(node, exp.Table):
            b.tables.pop(_table_key(b, node), None)
        elif kind == "INDEX" and isinstance(node, exp.Table):
            name = _ident(node.this, b.dialect)
            on = tree.args.get("cluster")  # MariaDB/MySQL: DROP INDEX i ON t (a UNIQUE key is an index there)
            for key, entry in b.tables.items():
                if on is None or _table_key(b, on.this) == key:
                    entry["indexes"] = [i for i in entry["indexes"] if i.name != name]
                    entry["uniques"] = [u for u in entry["uniques"] if on is None or u.name != name]


def _drop_from_table(b: _Builder, entry: dict, action: exp.Drop, stmt: Statement) -> None:
    kind = (action.args.get("kind") or "").upper()
    key = dialects.get(b.dialect).name_key
    names = {key(_ident(n, b.dialect)) for n in action.args.get("tables") or []}
    if kind == "COLUMN":
        _drop_columns(b, entry, names, stmt)
    elif kind == "INDEX":  # MariaDB/MySQL: a UNIQUE key is an index too
        entry["indexes"] = [i for i in entry["indexes"] if key(i.name) not in names]
        if dialects.get(b.dialect).keys_named_like_indexes:
            entry["uniques"] = [u for u in entry["uniques"] if key(u.name or "") not in names]
    elif kind == "FOREIGN KEY" and dialects.get(b.dialect).foreign_keys_keep_an_index:
        _drop_foreign_keys(b, entry, names)
    elif kind in ("CONSTRAINT", "FOREIGN KEY", "CHECK"):
        _drop_constraints(entry, names, key)


def _drop_columns(b: _Builder, entry: dict, names: set[str], stmt: Statement) -> None:
    """DROP COLUMN: MariaDB takes the column out of every key and index (one left without columns is gone) and
    drops the CHECKs naming it alone; a CHECK, generated column or foreign key naming it with others is refused."""
    key = dialects.get(b.dialect).name_key
    dropped = [c for c in entry["columns"] if key(c["name"]) in names]
    kept = [c for c in entry["columns"] if key(c["name"]) not in names]
    words = lambda text: {key(w) for w in re.findall(r"[A-Za-z_$][\w$]*", text or "")}  # noqa: E731
    gone = {key(c["name"]) for c in dropped}
    others = {key(c["name"]) for c in kept}
    checks = [c for c in entry["checks"] if words(c.raw_expression or c.expression) & gone]
    if any(words(c.raw_expression or c.expression) & others for c in checks) \
            or any(words(c["raw_default"]) & gone for c in kept if c.get("generated")) \
            or any({key(n) for n in fk.columns} & gone for fk in entry["fks"]):
        raise _unread(stmt, "a CHECK, generated column or foreign key names the dropped column")
    entry["checks"] = [c for c in entry["checks"] if not any(c is mine for mine in checks)]
    entry["columns"] = kept
    _remap_columns(entry, lambda cols: tuple(c for c in cols if key(c) not in gone))


def _drop_foreign_keys(b: _Builder, entry: dict, names: set[str]) -> None:
    """DROP FOREIGN KEY: InnoDB keeps the index it made for the key (named after the key, or after its first
    column when the key was created unnamed), which is now a plain index of the table."""
    key = dialects.get(b.dialect).name_key
    for fk in [f for f in entry["fks"] if key(f.name or "") in names]:
        entry["fks"].remove(fk)
        if not _indexed(b, entry, fk.columns):
            entry["indexes"].append(Index(fk.name or fk.columns[0], keys=tuple(IndexKey(c) for c in fk.columns)))


def _indexed(b: _Builder, entry: dict, columns: tuple[str, ...]) -> bool:
    """Whether a key or index of the table starts with these columns (InnoDB makes no index of its own then)."""
    key = dialects.get(b.dialect).name_key
    want = [key(c) for c in columns]
    have = [i.columns for i in entry["indexes"] if not i.where] + [u.columns for u in entry["uniques"]] + \
        ([entry["pk"].columns] if entry["pk"] is not None else [])
    return any([key(c) for c in cols[:len(want)]] == want for cols in have)


def _drop_constraints(entry: dict, names: set[str], key) -> None:
    if entry["pk"] is not None and key(entry["pk"].name or "") in names:
        entry["pk"] = None
    for kind in ("fks", "uniques", "checks"):
        entry[kind] = [c for c in entry[kind] if c.name is None or key(c.name) not in names]


def _rename_table(b: _Builder, entry: dict, target: exp.Table) -> None:
    """The table renamed, and the foreign keys referencing it (the server follows the rename)."""
    old = (entry["schema"], entry["name"])
    entry["name"] = _ident(target.this, b.dialect)
    b.tables[(entry["schema"], entry["name"])] = b.tables.pop(old)
    for other in b.tables.values():
        other["fks"] = [replace(fk, ref_table=entry["name"]) if (fk.ref_schema or other["schema"], fk.ref_table) == old
                        else fk for fk in other["fks"]]


def build_schema(b: _Builder, source: str) -> Schema:
    _owned_serials(b)
    tables = {key: _freeze_table(b, entry) for key, entry in b.tables.items() if key not in b.partitions}
    schemas = tuple(sorted({k[0] for k in tables} | {k[0] for k in b.enums} | b.schemas)) or (b.default_schema,)
    partitions = _declared_partitions(b)
    return Schema(dialect=b.dialect, tables=tables, enums=dict(b.enums), extensions=frozenset(b.extensions),
                  extensions_read=True, schemas=schemas, source=source, objects={o.key: o for o in partitions},
                  objects_read=frozenset({"partition_key", "partition"})
                  if dialects.get(b.dialect).partitions_with_table else frozenset())


def _declared_partitions(b: _Builder) -> list:
    """MariaDB/MySQL: each table's PARTITION BY clause as its key and partitions, as written (the server's own
    reading replaces them where the catalog can be loaded into a scratch database: remedy.scan)."""
    from remedy.sources.partitions_mysql import parse_clause

    return [obj for (schema, name), entry in b.tables.items() if entry.get("partition_by")
            for obj in parse_clause(schema, name, entry["partition_by"])]


def _sqlite_rowid_alias(b: _Builder, entry: dict) -> None:
    """In SQLite an INTEGER PRIMARY KEY column is the rowid: the database assigns it (INT PRIMARY KEY is not)."""
    pk = entry["pk"]
    if b.dialect != "sqlite" or pk is None or len(pk.columns) != 1:
        return
    for col in entry["columns"]:
        if col["name"] == pk.columns[0] and col["integer"]:
            col["identity"], col["raw_default"], col["nullable"] = True, "autoincrement", False


def _mariadb_json(b: _Builder, entry: dict) -> None:
    """MariaDB's JSON is LONGTEXT + CHECK (json_valid(col)) (mysqldump writes it so): a json column, no
    check - as the live reader reads it."""
    if b.dialect != "mysql":
        return
    names = {c["name"].lower(): c for c in entry["columns"]}
    for check in list(entry["checks"]):
        match = re.fullmatch(r"json_valid\((\w+)\)", check.expression)
        if match and match.group(1) in names:
            names[match.group(1)]["type"] = "json"
            entry["checks"].remove(check)


def _default(b: _Builder, col: dict) -> str | None:
    """The normalized default; a generated column's is its expression, as the live reader spells it."""
    if col["raw_default"] == "autoincrement":
        return "autoincrement"
    if col.get("generated"):
        return GENERATED + normalize_check(col["raw_default"], b.dialect)
    return normalize_default(col["raw_default"], b.dialect, col["type"])


def _freeze_table(b: _Builder, entry: dict) -> Table:
    _sqlite_rowid_alias(b, entry)
    _mariadb_json(b, entry)
    columns = tuple(
        Column(name=c["name"], type=c["type"], nullable=c["nullable"], default=_default(b, c),
               raw_type=c["raw_type"], raw_default=c["raw_default"], ordinal=i + 1, identity=c["identity"],
               evidence=(Evidence(entry["file"], c["line"]),), kind=c.get("kind", ""),
               kind_options=_kind_options(c), collation=c.get("collation"), comment=c.get("comment"),
               charset=c.get("charset"), invisible=c.get("invisible", False), not_null_name=c.get("not_null_name"))
        for i, c in enumerate(entry["columns"])
    )
    return Table(name=entry["name"], schema=entry["schema"], columns=columns, primary_key=entry["pk"],
                 foreign_keys=tuple(entry["fks"]), uniques=tuple(entry["uniques"]), checks=tuple(entry["checks"]),
                 indexes=tuple(entry["indexes"]), exclusions=tuple(entry.get("exclusions", ())),
                 evidence=(Evidence(entry["file"], entry["line"]),),
                 comment=entry.get("comment"), options=entry.get("options"),
                 flags=entry.get("flags", ()), stated_names=_stated_names(entry, columns))


def _stated_names(entry: dict, columns: tuple[Column, ...]) -> frozenset[str]:
    """The names the DDL gives (not those remedy made up for an unnamed index or exclusion, as PostgreSQL would)."""
    named = [entry["pk"]] if entry["pk"] is not None else []
    named += [*entry["fks"], *entry["uniques"], *entry["checks"], *entry["indexes"], *entry.get("exclusions", ())]
    stated = {item.name for item in named if item.name} - entry.get("unstated", set())
    return frozenset(stated | entry.get("stated", set()) | {c.not_null_name for c in columns if c.not_null_name})


def _mariadb_charsets(b: _Builder, entry: dict) -> None:
    """Each new character column's charset and collation as the server gives it when the column is made: what the
    column says (a charset said alone takes that charset's default collation, which the DDL does not name), else
    the table's default then, as far as the DDL says it (a later DEFAULT CHARSET changes no column)."""
    rules = dialects.get(b.dialect)
    if not rules.table_options:
        return
    table = entry.get("options") or TableOptions()
    for col in entry["columns"]:
        if col.get("charset_made"):
            continue
        col["charset_made"] = True
        said = col.get("charset") or charset_of_collation(col.get("collation"))
        if not rules.has_charset(col["type"]):
            col["charset"] = col["collation"] = None
        elif said is None:
            col["charset"], col["collation"] = table.charset, table.collation
        else:
            col["charset"] = said


def schema_from_ddl(text: str, file: str, dialect: str = "postgresql", default_schema: str = "public") -> Schema:
    return build_schema(parse_ddl(text, file, dialect, default_schema), file)


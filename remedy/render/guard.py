"""The guard an exported script runs first: is this the database, and the schema, the plan was made for?

A script run on another database, or on one that changed since the scan, would fail midway (or,
worse, half succeed). The guard checks, before any change:

- the database's name is the one scanned (PostgreSQL ``current_database()``, MariaDB/MySQL ``DATABASE()``);
- every table the plan changes has exactly the columns the scan saw (names; so a column added, dropped
  or renamed since is caught);
- every table and index the plan creates does not exist yet (unless the plan drops it first).

Each check is one boolean SQL expression with a sentence saying what was expected, so a reviewer can
read it in the script. ``script_guard`` renders them in the script's dialect (a PL/pgSQL ``DO`` block that
raises; a prepared ``SIGNAL`` on MariaDB/MySQL; a TEMP table's named CHECKs on SQLite); ``python_checks``
gives the pairs for the alembic revision's ``upgrade()``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from remedy import dialects
from remedy.plan import ops as o
from remedy.plan.build import Plan


@dataclass(frozen=True)
class Expectation:
    what: str  # what must be true, as a sentence
    sql: str  # a boolean SQL expression, true when it is
    brief: str = ""  # the sentence where room is short (MariaDB's MESSAGE_TEXT), keeping the names it is about


# each dialect's own string literal (MariaDB reads a backslash as an escape; PostgreSQL may too)
_pg_literal = dialects.get("postgresql").literal
_my_literal = dialects.get("mysql").literal
_sqlite_literal = dialects.get("sqlite").literal
_sqlite_name = dialects.get("sqlite").quote_always


def database_name(scan) -> str:
    url = scan.database_url if scan is not None else ""
    try:
        return sa.engine.make_url(url).database or "" if url else ""
    except sa.exc.ArgumentError:
        return ""


def expectations(plan: Plan, scan=None) -> list[Expectation]:
    dialect = plan.dialect
    found: list[Expectation] = []
    name = database_name(scan)
    if name and dialect in _CURRENT_DATABASE:
        found.append(Expectation(f"the database is {name}",
                                 f"{_CURRENT_DATABASE[dialect]} = {dialects.get(dialect).literal(name)}"))
    for schema, table in _changed_tables(plan):
        columns = sorted(c.name for c in plan.before.table(schema, table).columns)
        found.append(Expectation(f"table {_shown(schema, table)} has exactly the columns {', '.join(columns)}",
                                 _COLUMNS[dialect](schema, table, columns),
                                 f"table {table} has exactly the {len(columns)} columns this script lists"))
    for schema, table in _created_tables(plan):
        found.append(Expectation(f"table {_shown(schema, table)} does not exist yet",
                                 f"NOT ({_TABLE_EXISTS[dialect](schema, table)})", f"table {table} does not exist yet"))
    if dialect in _INDEX_EXISTS:  # where index names are the schema's (MariaDB/SQLite: a table's, checked above)
        for schema, index in _created_indexes(plan):
            found.append(Expectation(f"index {_shown(schema, index)} does not exist yet",
                                     f"NOT ({_INDEX_EXISTS[dialect](schema, index)})"))
    return found


def _shown(schema: str, name: str) -> str:
    return f"{schema}.{name}" if schema else name


def _changed_tables(plan: Plan) -> list[tuple[str, str]]:
    keys = {(op.schema, op.table) for op in plan.operations if op.table and not isinstance(op, o.CreateTable)}
    return sorted(key for key in keys if plan.before.table(*key) is not None)


def _created_tables(plan: Plan) -> list[tuple[str, str]]:
    return sorted({(op.definition.schema, op.definition.name) for op in plan.operations
                   if isinstance(op, o.CreateTable)})


def _created_indexes(plan: Plan) -> list[tuple[str, str]]:
    """Indexes the plan creates, but not one it drops first (an index redefined under its name, or the index of
    a key dropped to free its name)."""
    dropped = {(op.schema, op.index.name) for op in plan.operations if isinstance(op, o.DropIndex)}
    dropped |= {(op.schema, op.name) for op in plan.operations
                if isinstance(op, o.DropConstraint) and op.kind in ("primary key", "unique", "exclusion")}
    return sorted({(op.schema, op.index.name) for op in plan.operations if isinstance(op, o.CreateIndex)} - dropped)


def _pg_name(schema: str, name: str) -> str:
    return dialects.get("postgresql").qualified(schema, name)


def _pg_columns(schema: str, table: str, columns: list[str]) -> str:
    names = ", ".join(_pg_literal(c) for c in columns)
    return (f"(SELECT count(*) FILTER (WHERE attname IN ({names})) = {len(columns)} AND count(*) = {len(columns)} "
            f"FROM pg_attribute WHERE attrelid = to_regclass({_pg_literal(_pg_name(schema, table))}) "
            f"AND attnum > 0 AND NOT attisdropped)")


def _mysql_columns(schema: str, table: str, columns: list[str]) -> str:
    names = ", ".join(_my_literal(c) for c in columns)
    return (f"(SELECT SUM(BINARY column_name IN ({names})) = {len(columns)} AND COUNT(*) = {len(columns)} "
            f"FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = {_my_literal(table)})")


def _sqlite_columns(schema: str, table: str, columns: list[str]) -> str:
    names = ", ".join(_sqlite_literal(c) for c in columns)
    return (f"(SELECT SUM(name IN ({names})) = {len(columns)} AND COUNT(*) = {len(columns)} "
            f"FROM pragma_table_xinfo({_sqlite_literal(table)}))")  # generated columns too


_CURRENT_DATABASE = {"postgresql": "current_database()", "mysql": "DATABASE()"}
_COLUMNS = {"postgresql": _pg_columns, "mysql": _mysql_columns, "sqlite": _sqlite_columns}
_TABLE_EXISTS = {
    "postgresql": lambda schema, table: f"to_regclass({_pg_literal(_pg_name(schema, table))}) IS NOT NULL",
    "mysql": lambda schema, table: (f"EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = "
                                    f"DATABASE() AND table_name = {_my_literal(table)})"),
    "sqlite": lambda schema, table: (f"EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                                     f"{_sqlite_literal(table)})"),
}
_INDEX_EXISTS = {"postgresql": lambda schema, index: f"to_regclass({_pg_literal(_pg_name(schema, index))}) IS NOT NULL"}


# --- rendering -----------------------------------------------------------------------------------

HINT = "scan the database again and make a new plan"


def _pg_block(checks: list[Expectation]) -> list[str]:
    """PostgreSQL: a DO block that raises, naming the first expectation that does not hold."""
    body = [f"  IF NOT COALESCE({e.sql}, false) THEN\n    RAISE EXCEPTION USING MESSAGE = "
            f"{_pg_literal('remedy guard: this script was planned for a database where ' + e.what)}, "
            f"HINT = {_pg_literal(HINT)};\n  END IF;" for e in checks]
    text = "\n".join(body)
    tag = dialects.get("postgresql").dollar_tag(text, "remedy_guard")
    return [f"DO {tag}", "BEGIN", *text.splitlines(), "END", f"{tag};"]


def _mysql_block(checks: list[Expectation]) -> list[str]:
    """MariaDB and MySQL: MySQL has no anonymous block, and the ``mariadb`` client would cut one at its first
    ``;``. So one ``SET`` picks the statement to run: ``DO 0`` when every expectation holds, else a ``SIGNAL``
    naming the first that does not; ``PREPARE``/``EXECUTE`` runs it. The client (``mariadb db < fix.sql``
    stops at the first error) or golang-migrate stops there."""
    branches = []
    for e in checks:
        message = signal_message(e)
        whole = re.sub(r"[\r\n]+", " ", e.what)  # a name may hold a line break: it must not end the comment
        said = "" if e.what in message else f"  -- {whole}\n"  # the whole sentence, where the message is short
        signal = f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = {_my_literal(message)}"
        branches.append(f"{said}  WHEN NOT COALESCE({e.sql}, FALSE) THEN\n    {_my_literal(signal)}")
    return ["SET @remedy_guard = CASE", *"\n".join(branches).splitlines(), "  ELSE 'DO 0' END;",
            "PREPARE remedy_guard FROM @remedy_guard;", "EXECUTE remedy_guard;", "DEALLOCATE PREPARE remedy_guard;"]


MESSAGE_TEXT_LIMIT = 128  # characters of a SIGNAL's MESSAGE_TEXT (MySQL refuses more in strict mode)


def signal_message(e: Expectation) -> str:
    """The guard's message within MESSAGE_TEXT's limit: the whole sentence, else without its preamble, else the
    brief one (the table's name and what is wrong, the columns left to the script), else cut between words."""
    said = [f"remedy guard: planned for a database where {e.what}", f"remedy guard: {e.what}"]
    said += [f"remedy guard: {e.brief}"] if e.brief else []
    fitting = [text for text in said if len(text) <= MESSAGE_TEXT_LIMIT]
    if fitting:
        return fitting[0]
    cut = said[-1][:MESSAGE_TEXT_LIMIT - 3]
    return cut[:cut.rfind(" ")].rstrip(",") + "..." if " " in cut else cut + "..."


def _sqlite_block(checks: list[Expectation]) -> list[str]:
    """SQLite has no anonymous block and RAISE() works only in triggers: a TEMP table (in the connection's
    temp database, not in the file) has one CHECK per expectation, named by its sentence, and gets one row of
    the expectations' values. The first that is false fails the INSERT with ``CHECK constraint failed:
    remedy guard: …``; ``.bail on`` (fix.sql's first line) makes the sqlite3 shell stop there."""
    columns = [f"  c{n} INTEGER" for n in range(len(checks))]
    named = [f"  CONSTRAINT {_sqlite_name('remedy guard: planned for a database where ' + e.what)} CHECK (c{n})"
             for n, e in enumerate(checks)]
    values = [f"  COALESCE({e.sql}, 0)" for e in checks]
    return ["CREATE TEMP TABLE remedy_guard (", *",\n".join(columns + named).splitlines(), ");",
            "INSERT INTO temp.remedy_guard SELECT", *(",\n".join(values) + ";").splitlines(),
            "DROP TABLE temp.remedy_guard;"]


_BLOCKS = {"postgresql": _pg_block, "mysql": _mysql_block, "sqlite": _sqlite_block}


def script_guard(plan: Plan, scan=None) -> list[str]:
    """What a script (fix.sql, a golang-migrate up file) runs before any change, in its dialect ([] when
    there is nothing to check)."""
    checks = expectations(plan, scan)
    if not checks:
        return []
    return ["-- guard: stop unless this is the database and schema the plan was made for (docs/plans.md)",
            *_BLOCKS[plan.dialect](checks)]


def python_checks(plan: Plan, scan=None) -> list[tuple[str, str]]:
    """(what, SQL) pairs for the alembic revision; each SQL selects true when the expectation holds."""
    return [(f"remedy guard: this revision was planned for a database where {e.what}; {HINT}",
             f"SELECT COALESCE({e.sql}, false)") for e in expectations(plan, scan)]

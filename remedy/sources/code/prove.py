"""Proof by the database: PREPARE each statement and keep the database's verdict.

Everything runs in one READ ONLY transaction that is rolled back; a failed PREPARE rolls back to
a savepoint so one failure does not hide the next. Placeholders and template holes are sent as
``$n`` parameters of unknown type. A static expectation every referencing statement prepared
fine with is contradicted, and dropped: remedy never reports drift the database disproves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from contextlib import contextmanager
from typing import Iterable, Mapping, Sequence

from remedy.model import Evidence, Schema, Table
from remedy.sources.code.sqltext import rewrite_placeholders
from remedy.sources.code.values import CodeExpectations, Statement, Verdict

_STATUS = {"42703": "undefined_column", "42P01": "undefined_table"}
_NAMED = re.compile(r'(?:column|relation|table)\s+"?([\w.$]+?)"?(?:\s|$)')


def prove(engine, statements: Sequence[Statement]) -> dict[Statement, Verdict]:
    """The database's verdict on every statement: PREPAREd (never executed) in a rolled-back transaction.

    PostgreSQL (READ ONLY) and MariaDB/MySQL (whose PREPARE resolves names too); {} for others.
    Statements with the same text are prepared once.
    """
    with _session(engine) as (check, style):
        if check is None:
            return {}
        by_text: dict[str, Verdict] = {}
        for stmt in statements:
            text = rewrite_placeholders(stmt.sql, holes_as_params=True, style=style)[0]
            if text not in by_text:
                by_text[text] = check(text)
        return {stmt: by_text[rewrite_placeholders(stmt.sql, True, style)[0]] for stmt in statements}


def probe_columns(engine, keys: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], Verdict]:
    """Ask the database directly whether each (schema, table, column) exists: PREPARE SELECT col FROM table
    (column "" asks for the table: SELECT 1 FROM table).

    A statement stops at its first error, so its other missing columns stay "static only"; the
    probe confirms each one on its own.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    with _session(engine) as (check, style):
        if check is None:
            return {}
        quote = '"' if style == "$" else "`"
        return {key: check(_probe_sql(key, quote)) for key in keys}


def _probe_sql(key: tuple[str, str, str], quote: str) -> str:
    def q(name: str) -> str:
        return quote + name.replace(quote, quote * 2) + quote

    schema, table, column = key
    return f"SELECT {q(column) if column else 1} FROM {q(schema) + '.' if schema else ''}{q(table)}"


@contextmanager
def _session(engine):
    """(check(text) -> Verdict, placeholder style) on one connection, rolled back at the end."""
    if engine is None or engine.dialect.name not in ("postgresql", "mysql", "mariadb"):
        yield None, ""
        return
    postgres = engine.dialect.name == "postgresql"
    raw = engine.raw_connection()
    try:
        yield (_pg_session(raw) if postgres else _mysql_session(raw)), ("$" if postgres else "?")
    finally:
        try:
            raw.rollback()
        finally:
            raw.close()


def _pg_session(raw):
    cursor = _cursor(raw)
    cursor.execute("SET TRANSACTION READ ONLY")
    cursor.execute("SET LOCAL statement_timeout = '10s'; SET LOCAL lock_timeout = '2s'; SAVEPOINT remedy_prove")
    return lambda text: _prepare(cursor, text)


def _mysql_session(raw):
    """MariaDB refuses to PREPARE a write inside READ ONLY (1792), so a plain transaction: only
    PREPARE and DEALLOCATE run in it, never EXECUTE, and it is rolled back."""
    cursor = raw.cursor()
    cursor.execute("START TRANSACTION")
    return lambda text: _prepare_mysql(cursor, text)


_MYSQL_STATUS = {1054: "undefined_column", 1146: "undefined_table"}


def _prepare_mysql(cursor, text: str) -> Verdict:
    try:
        cursor.execute("PREPARE remedy_prove FROM %s", (text,))
        cursor.execute("DEALLOCATE PREPARE remedy_prove")
        return Verdict("prepared")
    except Exception as exc:  # pymysql.MySQLError(errno, message): the verdict we asked for
        errno, message = (exc.args + (0, ""))[:2] if exc.args else (0, str(exc))
        status = _MYSQL_STATUS.get(errno, "error")
        return Verdict(status, str(message), str(errno), missing_name(str(message)) if status != "error" else "")


def _cursor(raw):
    """A client-side-binding cursor: several statements per round trip, no server-side parameters."""
    import psycopg

    return psycopg.ClientCursor(raw.driver_connection)


def _prepare(cursor, text: str) -> Verdict:
    """One round trip when it prepares; a second to roll back to the savepoint when it does not."""
    try:
        cursor.execute(f"PREPARE remedy_prove AS {text}\n;\nDEALLOCATE remedy_prove")  # text may end in a -- comment
        return Verdict("prepared")
    except Exception as exc:  # psycopg.Error: the verdict we asked for
        cursor.execute("ROLLBACK TO SAVEPOINT remedy_prove")
        return _verdict(exc)


def _verdict(exc: Exception) -> Verdict:
    sqlstate = getattr(exc, "sqlstate", "") or ""
    diag = getattr(exc, "diag", None)
    message = (getattr(diag, "message_primary", None) or str(exc).splitlines()[0]).strip()
    status = _STATUS.get(sqlstate, "error")
    return Verdict(status, message, sqlstate, missing_name(message) if status != "error" else "")


def missing_name(message: str) -> str:
    """The column / relation the database says does not exist (last dotted part)."""
    quoted = re.match(r"(?:Unknown column|Table) '([^']+)'", message)  # MariaDB / MySQL
    if quoted:
        return quoted.group(1).split(".")[-1]
    if "FROM-clause entry" in message:
        m = re.search(r'table "([^"]+)"', message)
        return m.group(1) if m else ""
    m = _NAMED.search(message)
    return m.group(1).split(".")[-1] if m else ""


# ------------------------------------------------------------------ verdicts -> expectations


def apply_verdicts(code: CodeExpectations, verdicts: Mapping[Statement, Verdict],
                   live: Schema | None = None, probes: Mapping[tuple, Verdict] | None = None) -> CodeExpectations:
    """Evidence annotated with the database's verdict; expectations the database disproved dropped.

    ``probes`` are direct answers per (schema, table, column) from ``probe_columns``.
    """
    if not verdicts:
        return code
    tables, contradicted = {}, []
    index = _index(code.statements)
    proof = _Proof(index, verdicts, probes or {}, live)
    for key, table in code.schema.tables.items():
        kept = _table(table, proof, contradicted)
        if kept is not None:
            tables[key] = kept
    places = {(s.file, s.line): verdicts[s] for s in code.statements if s in verdicts}
    unresolved = tuple(replace(u, evidence=_with_verdict(u.evidence, places)) for u in code.unresolved)
    return replace(code, schema=replace(code.schema, tables=tables), unresolved=unresolved,
                   verdicts=dict(verdicts), contradicted=tuple(contradicted))


def _index(statements) -> dict[tuple, list[Statement]]:
    """Statements by the (schema, table) and (schema, table, column) they reference."""
    index: dict[tuple, list[Statement]] = {}
    for stmt in statements:
        for key in (*stmt.tables, *stmt.columns):
            index.setdefault(key, []).append(stmt)
    return index


@dataclass(frozen=True)
class _Proof:
    index: Mapping[tuple, list[Statement]]
    verdicts: Mapping[Statement, Verdict]
    probes: Mapping[tuple, Verdict]
    live: Schema | None


def _table(table: Table, proof: _Proof, contradicted: list) -> Table | None:
    users = proof.index.get((table.schema, table.name), [])
    table_probe = proof.probes.get((table.schema, table.name, ""))
    disproved = (users and _disproved(users, proof.verdicts)) or (table_probe and table_probe.status == "prepared")
    if disproved and _absent(proof.live, table.schema, table.name):
        contradicted.append((table.schema, table.name, ""))
        return None
    columns = []
    for col in table.columns:
        key = (table.schema, table.name, col.name)
        col_users = proof.index.get(key, [])
        probe = proof.probes.get(key)
        disproved = (col_users and _disproved(col_users, proof.verdicts)) or (probe and probe.status == "prepared")
        if disproved and _absent(proof.live, *key):
            contradicted.append(key)
            continue
        evidence = _annotate(col.evidence, col_users, proof.verdicts, col.name, "column")
        if probe is not None and probe.status == "undefined_column":
            evidence = tuple(_probed(ev, probe) for ev in evidence)
        columns.append(replace(col, evidence=evidence))
    evidence = _annotate(table.evidence, users, proof.verdicts, table.name, "table")
    if table_probe is not None and table_probe.status == "undefined_table":
        evidence = tuple(_probed(ev, table_probe) for ev in evidence)
    return replace(table, columns=tuple(columns), evidence=evidence)


def _probed(ev: Evidence, probe: Verdict) -> Evidence:
    """Evidence the statement could not confirm, confirmed by asking for the column directly."""
    if ev.verdict.startswith("confirmed"):
        return ev
    return replace(ev, verdict=f"{probe.text} (asked directly)")


def _disproved(users: list[Statement], verdicts) -> bool:
    return all(verdicts.get(s, Verdict("not_checked")).status == "prepared" for s in users)


def _absent(live: Schema | None, schema: str, table: str, column: str | None = None) -> bool:
    if live is None:
        return True
    found = live.table(schema, table)
    if column is None:
        return found is None
    return found is None or found.column(column) is None


def _annotate(evidence: tuple[Evidence, ...], users: list[Statement], verdicts, name: str,
              kind: str) -> tuple[Evidence, ...]:
    by_place = {(s.file, s.line): verdicts.get(s) for s in users}
    out = []
    for ev in evidence:
        verdict = by_place.get((ev.file, ev.line))
        out.append(replace(ev, verdict=_text(verdict, name, kind)) if verdict else ev)
    return tuple(out)


def _text(verdict: Verdict, name: str, kind: str) -> str:
    if verdict.status in ("undefined_column", "undefined_table"):
        mine = verdict.name == name and (verdict.status == "undefined_column") == (kind == "column")
        if not mine:
            return f"static only (the database stopped first at: {verdict.sqlstate} {verdict.message})"
    return verdict.text


def _with_verdict(ev: Evidence, places: dict) -> Evidence:
    verdict = places.get((ev.file, ev.line))
    return replace(ev, verdict=verdict.text) if verdict else ev


"""Every applied plan, recorded so that the record tells the truth even when remedy is killed.

Two places:

- **the database's own record** (PostgreSQL): the table ``remedy.journal`` in the target database, written
  inside the apply's own transaction just before COMMIT (as alembic keeps ``alembic_version``). The plan and
  its record commit together or not at all. The ``remedy`` schema is never scanned.
- **the local file** ``journal.jsonl`` in the data dir (``remedy.paths.data_dir()``), one JSON object
  per line: an ``intent`` line before the first live statement, then a result line with the same ``id``
  (``applied``, ``rolled back``, or on MariaDB/MySQL ``partial`` naming the statements that ran and those
  that did not). An intent with no result means remedy was stopped: the outcome is in the database's record
  (PostgreSQL) or must be checked by a scan. MariaDB/MySQL commit each statement, so the intent is written
  again before each statement (``in_flight``) and after its commit (``ran`` / ``not_ran``): a kill leaves
  the last of them, which says which statements committed, which one may have, and which did not run.
"""
from __future__ import annotations

import getpass
import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from remedy import dialects
from remedy import paths
from remedy.db import mask_url
from remedy.errors import RemedyError

SCHEMA = "remedy"
INTERRUPTED = "interrupted"  # an intent with no result: remedy was stopped while applying

_CREATE = (f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
           f"CREATE TABLE IF NOT EXISTS {SCHEMA}.journal (id text PRIMARY KEY, applied_at timestamptz NOT NULL "
           f"DEFAULT now(), entry jsonb NOT NULL)")


def journal_path() -> Path:
    return paths.data_dir() / "journal.jsonl"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_entry(url: str, plan, fingerprint_before: str, sql_sha256: str, statements: int) -> dict:
    """The record of one apply, before it runs (status ``intent``)."""
    return {
        "id": uuid.uuid4().hex, "time": _now(), "user": _user(), "database": mask_url(url),
        "dialect": plan.dialect, "fingerprint_before": fingerprint_before, "fingerprint_after": "",
        "sql_sha256": sql_sha256, "statements": statements, "findings": list(plan.finding_ids),
        "status": "intent",
    }


def append(entry: dict) -> None:
    """One line in the local file (flushed and synced: a kill right after keeps it)."""
    path = journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(entry, sort_keys=True) + "\n")
        out.flush()
        os.fsync(out.fileno())


def result(entry: dict, status: str, **details) -> dict:
    """The result line for an intent: same id, the outcome and its details."""
    return {**entry, "status": status, "finished": _now(), **details}


def write_in_transaction(conn, entry: dict) -> None:
    """PostgreSQL: the record in ``remedy.journal``, in the caller's transaction (commits with the plan)."""
    for sql in _CREATE:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql(f"INSERT INTO {SCHEMA}.journal (id, entry) VALUES (%(id)s, %(entry)s::jsonb)",
                         {"id": entry["id"], "entry": json.dumps(entry, sort_keys=True)})


def read_database(conn) -> list[dict] | None:
    """The database's own record, oldest first; None when it has none (no ``remedy.journal``)."""
    if not dialects.get(conn.dialect.name).journal_in_database:
        return None
    if conn.exec_driver_sql(f"SELECT to_regclass('{SCHEMA}.journal')").scalar() is None:
        return None
    rows = conn.exec_driver_sql(f"SELECT entry FROM {SCHEMA}.journal ORDER BY applied_at, id").all()
    return [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]


def read_journal() -> list[dict]:
    """The local file, one entry per apply (a result line replaces its intent); a torn line is skipped."""
    path = journal_path()
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise RemedyError(f"cannot read the journal {path}: {exc.strerror or type(exc).__name__}") from None
    entries: dict[str, dict] = {}
    for number, line in enumerate(text.splitlines()):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn last line never hides the others
        if isinstance(entry, dict):  # nor does a line of junk
            entries[entry.get("id") or f"line {number}"] = entry
    return [_settled(entry) for entry in entries.values()]


def _settled(entry: dict) -> dict:
    if entry.get("status") == "intent":
        return {**entry, "status": INTERRUPTED}
    return {**entry, "status": entry.get("status", "applied")}


def format_entry(entry: dict) -> str:
    status = entry.get("status", "applied")
    lines = [f"{entry.get('time', '?')}  {entry.get('user', '?')}  {entry.get('database', '?')}  {status}: "
             f"{len(entry.get('findings', []))} finding(s), {entry.get('statements', 0)} statement(s)",
             f"    before {entry.get('fingerprint_before', '')}", f"    after  {entry.get('fingerprint_after', '')}",
             f"    sql    {entry.get('sql_sha256', '')}"]
    if status == INTERRUPTED and ("ran" in entry or "in_flight" in entry):
        lines.append("    remedy was stopped while applying (MariaDB/MySQL commit each statement): those under 'ran' "
                     "committed, those under 'not ran' did not run" + (", the one in flight committed whole or "
                     "not at all: a scan shows which" if entry.get("in_flight") else ""))
    elif status == INTERRUPTED:
        lines.append("    remedy was stopped before it recorded the outcome: `remedy history --db URL` shows the "
                     "database's own record (PostgreSQL); a scan shows the schema as it is")
    if entry.get("error"):
        lines.append(f"    error  {entry['error']}")
    for label in ("ran", "in_flight", "not_ran"):
        found = entry.get(label) or []
        lines += [f"    {label.replace('_', ' ')}: {sql}" for sql in ([found] if isinstance(found, str) else found)]
    return "\n".join(lines)


def read_from(url: str) -> list[dict] | None:
    from remedy.db import connection_error, make_engine

    engine = make_engine(url)
    try:
        try:
            conn = engine.connect()
        except Exception as exc:
            raise connection_error(engine.url, exc) from None
        with conn:
            entries = read_database(conn)
            conn.rollback()
            return entries
    except sa.exc.DBAPIError as exc:
        from remedy.errors import RemedyError

        raise RemedyError(f"cannot read remedy.journal in {mask_url(url)}: "
                          f"{str(exc.orig).strip().splitlines()[0]}") from None
    finally:
        engine.dispose()

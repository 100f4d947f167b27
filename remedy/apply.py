"""The dry-run rollback check and apply.

Dry run: run the upgrade statement by statement, re-inspect and require the
decided findings gone and nothing new, run the downgrade, re-inspect and require
the original schema back, then throw everything away. Where that happens depends
on the dialect (``_Target``): PostgreSQL uses one transaction that is rolled back;
MariaDB/MySQL have no transactional DDL, so a shadow database cloned from the live
schema (and its rows, when small) is used; SQLite uses a copy of the file.

Apply runs the same check, then the upgrade + re-inspection + COMMIT in one
transaction (MariaDB/MySQL: statement by statement, saying exactly which ran).
"""
from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Callable, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from remedy import dialects, journal, leftovers
from remedy.db import connection_error, make_engine, mask_text, normalize_url
from remedy.decisions import toml_string
from remedy.errors import ApplyFailed, RemedyError
from remedy.findings import ScanResult
from remedy.fingerprint import fingerprint
from remedy.model import CheckConstraint, Schema
from remedy.plan import ops as o
from remedy.plan.build import Plan
from remedy.plan.dialect import backfill_value, type_spec
from remedy.plan.hazards import rows_text
from remedy.render.sql import Statement, downgrade_statements, statements
from remedy.watch import OnProgress, Watch, blockers_text, holders, mysql_blockers

SHADOW_ROW_LIMIT = 200_000  # MariaDB/MySQL: copy rows into the shadow database up to this many


@dataclass(frozen=True)
class Step:
    name: str
    sql: str | None
    seconds: float
    ok: bool
    message: str = ""


@dataclass(frozen=True)
class DryRunReport:
    ok: bool
    steps: list[Step]
    where: str = ""  # how the check was isolated from the live database

    @property
    def failure(self) -> Step | None:
        return next((s for s in self.steps if not s.ok), None)


@dataclass(frozen=True)
class ApplyReport:
    ok: bool
    steps: list[Step]
    dry_run: DryRunReport
    fingerprint_before: str
    fingerprint_after: str
    sql_sha256: str
    statements: int = 0
    journal_error: str = ""  # the plan is committed; only recording it (in part) failed


OnStep = Callable[[Step], None]


class _Failed(Exception):
    def __init__(self, step: Step):
        super().__init__(step.message)
        self.step = step


class _Recorder:
    """Runs steps, times them, reports each to ``on_step`` (and statements still running to
    ``on_progress``); a failed step stops the run."""

    def __init__(self, on_step: OnStep | None, on_progress: OnProgress | None = None):
        self.steps: list[Step] = []
        self.on_step = on_step or (lambda step: None)
        self.on_progress = on_progress

    def add(self, step: Step) -> Step:
        self.steps.append(step)
        self.on_step(step)
        if not step.ok:
            raise _Failed(step)
        return step

    def run(self, name: str, sql: str | None, action: Callable[[], str | None]) -> None:
        started = time.perf_counter()
        try:
            ok, message = True, action() or ""
        except (_CheckFailed, RemedyError) as exc:
            ok, message = False, str(exc)
        except sa.exc.DBAPIError as exc:
            ok, message = False, db_message(exc)
        self.add(Step(name, sql, time.perf_counter() - started, ok, message))


class _CheckFailed(Exception):
    pass


def db_message(exc: BaseException) -> str:
    raw = str(getattr(exc, "orig", None) or exc).strip()
    lines = [line for line in raw.splitlines() if line.strip()]
    return mask_text(lines[0] if lines else type(exc).__name__)


# --- where the check runs ------------------------------------------------------------------------

@dataclass
class _Target:
    conn: Connection
    where: str
    schema_name: str | None = None  # MariaDB/MySQL: the live database name the shadow stands for
    shadow_name: str | None = None
    watcher: sa.engine.Engine | None = None  # a second connection asks who blocks a statement
    pid: int | None = None  # the backend (PostgreSQL) or connection id (MariaDB/MySQL) running the statements
    live: Schema | None = None  # for the tables' estimated rows in progress reports
    timed: Callable[[str], str] = str  # a plan statement as run: MariaDB bounds each one's time itself
    disarmed: object = None  # MariaDB's shadow: its events made DISABLED (remedy.sources.events_mysql.Disarmed)


@contextmanager
def _watched(url: str, conn: Connection, scan: ScanResult, where: str) -> Iterator[_Target]:
    """A PostgreSQL target whose statements can be watched (progress, blocking sessions)."""
    watcher = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        yield _Target(conn, where, watcher=watcher, pid=pid, live=scan.live)
    finally:
        watcher.dispose()


def _set_timeouts(conn: Connection, lock_timeout: float, statement_timeout: float) -> None:
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{max(1, round(lock_timeout * 1000))}ms'")
    conn.exec_driver_sql(f"SET LOCAL statement_timeout = '{round(statement_timeout * 1000)}ms'")  # 0: none


def check_statement_timeout(scan: ScanResult, seconds: float) -> None:
    """Where the server cannot bound a DDL statement's time, a non-zero bound is a one-line RemedyError (exit 2)
    before anything runs."""
    dialect, version = dialects.get(scan.live.dialect), scan.live.server_version
    if seconds and not dialect.bounds_statement_time(version):
        raise RemedyError(f"--statement-timeout works on PostgreSQL and MariaDB only: {dialect.server_label(version)} "
                          f"cannot bound the time of a DDL statement (give 0 or leave it out)")


def _rebase(model: Schema, target: _Target) -> Schema:
    """A shadow database's model under the live database's name, so the two compare."""
    if not target.shadow_name:
        return model
    from remedy.sources.objects_mysql import moved_objects

    tables = {(target.schema_name, name): replace(t, schema=target.schema_name)
              for (schema, name), t in model.tables.items()}
    return replace(model, tables=tables, schemas=(target.schema_name,),
                   objects=moved_objects(model.objects, target.shadow_name, target.schema_name))


@contextmanager
def _postgresql_target(url: str, scan: ScanResult, lock_timeout: float,
                       statement_timeout: float) -> Iterator[_Target]:
    engine = make_engine(url)
    try:
        with _connect(engine) as conn:
            _set_timeouts(conn, lock_timeout, statement_timeout)
            try:
                with _watched(url, conn, scan, "in one transaction on the live database, rolled back at the "
                                               "end") as target:
                    yield target
            finally:
                conn.rollback()
    finally:
        engine.dispose()


@contextmanager
def _connect(engine) -> Iterator[Connection]:
    try:
        conn = engine.connect()
    except Exception as exc:
        raise connection_error(engine.url, exc) from None
    with conn:
        yield conn


@contextmanager
def _mysql_shadow(url: str, scan: ScanResult, lock_timeout: float, statement_timeout: float) -> Iterator[_Target]:
    parsed = normalize_url(url)
    live_db = parsed.database
    shadow = leftovers.shadow_name()
    admin = make_engine(parsed)
    try:
        with _connect(admin) as conn:
            _sweep_shadows(conn)
            conn.exec_driver_sql(f"CREATE DATABASE {dialects.get('mysql').quote(shadow)}")
            conn.commit()
        shadow_engine = make_engine(parsed.set(database=shadow))
        from remedy.sources.events_mysql import Disarmed

        disarmed = Disarmed.of(scan.live.objects_of("event"))
        try:
            with _connect(shadow_engine) as conn:
                copied = _clone_mysql(conn, live_db, shadow, scan.live, disarmed)
                conn.exec_driver_sql(f"SET SESSION lock_wait_timeout = {max(1, int(lock_timeout))}")
                timed = _mysql_timed(statement_timeout)
                yield _Target(conn, f"on a shadow database cloned from {live_db} ({copied}); MariaDB/MySQL "
                                    f"cannot roll DDL back, so the live database was not touched"
                                    + _unproved_events(scan),
                              schema_name=live_db, shadow_name=shadow, timed=lambda sql: timed(disarmed.sql(sql)),
                              disarmed=disarmed)
        finally:
            shadow_engine.dispose()
    finally:
        with _connect(admin) as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {dialects.get('mysql').quote(shadow)}")
            conn.commit()
        admin.dispose()


def _mysql_timed(statement_timeout: float) -> Callable[[str], str]:
    return functools.partial(dialects.get("mysql").timed, seconds=statement_timeout)


def _sweep_shadows(conn: Connection) -> list[str]:
    """Drop the shadow databases of dry runs that were killed (their owner is gone: remedy.leftovers)."""
    names = [row[0] for row in conn.exec_driver_sql("SHOW DATABASES")]
    stale = [name for name in names if name.startswith(leftovers.SHADOW_PREFIX) and leftovers.is_stale(name)]
    quote = conn.dialect.identifier_preparer.quote
    for name in stale:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote(name)}")
    return stale


def _unproved_events(scan: ScanResult) -> str:
    """What the shadow cannot prove of events: it makes every one DISABLED, so none runs there."""
    if not scan.live.objects_of("event") and not scan.expected.objects_of("event"):
        return ""
    return ("; every event is made DISABLED in the shadow and none ran there: that an event is enabled, and what "
            "its body does when it runs, is not proved (its status is taken from the statement that set it)")


def _clone_mysql(conn: Connection, live_db: str, shadow: str, live: Schema, disarmed=None) -> str:
    conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 0")
    total = sum(t.row_estimate or 0 for t in live.tables.values())
    copy_rows = total <= SHADOW_ROW_LIMIT
    quote = dialects.get("mysql").quote
    for table in live.iter_tables():
        source = f"{quote(live_db)}.{quote(table.name)}"
        ddl = _execute(conn, f"SHOW CREATE TABLE {source}").one()[1]
        _execute(conn, ddl)
        if copy_rows:  # every written column by name: SELECT * leaves INVISIBLE ones out, and a generated one
            written = ", ".join(quote(c.name) for c in table.columns if not c.kind.startswith("generated"))
            _execute(conn, f"INSERT INTO {quote(shadow)}.{quote(table.name)} ({written}) SELECT {written} "
                           f"FROM {source}")  # takes no value (error 1906)
    conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 1")
    from remedy.sources.objects_mysql import clone_objects

    objects = clone_objects(conn, live, disarmed)
    conn.commit()
    what = f"{live.table_count} tables" + (f" and {objects} views, triggers, routines and events" if objects else "")
    return what + (" with their rows" if copy_rows else f", schema only: over {SHADOW_ROW_LIMIT:,} rows")


@contextmanager
def _sqlite_copy(url: str) -> Iterator[_Target]:
    parsed = normalize_url(url)
    leftovers.sweep_copies()
    with leftovers.copy_directory() as tmp:
        copy = os.path.join(tmp, "copy.sqlite")
        _sqlite_backup(parsed.database, copy)
        engine = make_engine(parsed.set(database=copy), isolation_level="AUTOCOMMIT")
        try:
            with _connect(engine) as conn:
                conn.exec_driver_sql("BEGIN")
                try:
                    yield _Target(conn, "on a copy of the SQLite file, deleted at the end")
                finally:
                    conn.exec_driver_sql("ROLLBACK")
        finally:
            engine.dispose()


def _sqlite_backup(source: str, copy: str) -> None:
    """A consistent copy (the backup API also takes what is still in a WAL file)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(copy)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _target(url: str, scan: ScanResult, plan: Plan, lock_timeout: float, statement_timeout: float):
    if plan.dialect == "postgresql":
        return _postgresql_target(url, scan, lock_timeout, statement_timeout)
    if plan.dialect == "mysql":
        return _mysql_shadow(url, scan, lock_timeout, statement_timeout)
    return _sqlite_copy(url)


# --- the dry run ---------------------------------------------------------------------------------

def dry_run(url: str, scan: ScanResult, plan: Plan, on_step: OnStep | None = None, lock_timeout: float = 5.0,
            statement_timeout: float = 0.0, on_progress: OnProgress | None = None) -> DryRunReport:
    """``statement_timeout`` in seconds, 0 = none (PostgreSQL and MariaDB; elsewhere a RemedyError)."""
    check_statement_timeout(scan, statement_timeout)
    recorder = _Recorder(on_step, on_progress)
    where = ""
    try:
        with _target(url, scan, plan, lock_timeout, statement_timeout) as target:
            where = target.where
            _upgrade(recorder, target, plan, statements(plan))
            _check_settled(recorder, target, scan, plan)
            pause_point("dry-run")
            _run_statements(recorder, target, "downgrade", downgrade_statements(plan))
            _check_restored(recorder, target, scan)
    except _Failed:
        return DryRunReport(False, recorder.steps, where)
    except sa.exc.DBAPIError as exc:
        recorder.steps.append(Step("connection", None, 0.0, False, db_message(exc)))
        return DryRunReport(False, recorder.steps, where)
    return DryRunReport(True, recorder.steps, where)


def _upgrade(recorder: _Recorder, target: _Target, plan: Plan, rendered: list[Statement]) -> None:
    model = plan.before
    for op in plan.operations:
        after = op.apply_to(model)
        for name, sql, check in _data_checks(op, target, plan.dialect, (model, after)):
            recorder.run(name, sql, check)
        _run_statements(recorder, target, "upgrade", [s for s in rendered if s.operation is op])
        model = after


def _run_statements(recorder: _Recorder, target: _Target, phase: str, rendered: list[Statement]) -> None:
    for stmt in rendered:
        name = f"{phase}: {stmt.step}"
        recorder.run(name, stmt.sql, lambda stmt=stmt, name=name: _statement(target, stmt, name, recorder.on_progress))


def _statement(target: _Target, stmt: Statement, name: str, on_progress: OnProgress | None) -> None:
    """One statement, watched on PostgreSQL; a lock not granted names the sessions that held it."""
    with Watch(target.watcher, target.pid, name, _table_detail(target, stmt.operation), on_progress) as watch:
        try:
            _execute(target.conn, target.timed(stmt.sql))
        except sa.exc.DBAPIError as exc:
            if target.watcher is None or "lock timeout" not in str(exc.orig):
                raise
            found = watch.blockers or holders(target.watcher, _qualified(target.conn, stmt.operation.schema,
                                                                          stmt.operation.table))
            if not found:
                raise
            raise _CheckFailed(f"{db_message(exc)}: the lock is held by {blockers_text(found)}") from None


def _table_detail(target: _Target, op: o.Operation) -> str:
    table = target.live.table(op.schema, op.table) if target.live is not None and op.table else None
    if table is None:
        return op.table or ""
    return f"{table.qualified}, {rows_text(table.row_estimate)} (estimated)"


def _execute(conn: Connection, sql: str):
    """Run one statement as written (psycopg and PyMySQL read '%' as a placeholder)."""
    return conn.exec_driver_sql(sql.replace("%", "%%") if conn.dialect.name != "sqlite" else sql)


def _reinspect(target: _Target, scan: ScanResult) -> Schema:
    from remedy.sources.live import read_live

    read = read_live(target.conn, None if target.shadow_name else _compared_schemas(scan))
    return _rebase(target.disarmed.restored_schema(read) if target.disarmed is not None else read, target)


def _compared_schemas(scan: ScanResult) -> list[str] | None:
    """The schemas the scan compared, and those the plan creates (a missing schema is not in live.schemas)."""
    created = scan.expected.schemas if dialects.get(scan.live.dialect).has_schemas else ()
    return list(dict.fromkeys((*scan.live.schemas, *created))) or None


def _check_settled(recorder: _Recorder, target: _Target, scan: ScanResult, plan: Plan) -> None:
    from remedy.scan import scan_schemas

    def check() -> str:
        after = scan_schemas(scan.expected, _reinspect(target, scan), scan.phases)
        remaining = {f.id for f in after.findings}
        decided = _decided(scan, plan)
        left = [fid for fid in decided if fid in remaining]
        new = sorted(remaining - {f.id for f in scan.findings})
        if left or new:
            raise _CheckFailed("; ".join(filter(None, [
                f"{len(left)} decided finding(s) still there: {', '.join(left)}" if left else "",
                f"{len(new)} new finding(s): {', '.join(new)}" if new else ""])))
        return f"{len(decided)} decided finding(s) gone, nothing new; {len(remaining)} left as decided"

    recorder.run("re-scan after upgrade", None, check)


def _decided(scan: ScanResult, plan: Plan) -> list[str]:
    """The findings the plan must settle: those its operations claim, and every one the operator decided to
    change (anything but skip), so an operation lost on the way cannot pass unnoticed; not those the plan says it
    leaves (a comment in the script says why: an ATTACH PostgreSQL would refuse, say)."""
    found, said = {f.id for f in scan.findings}, set(plan.unplanned_ids)
    chosen = (fid for fid, d in plan.decisions.items() if d.action != "skip" and fid in found)
    return [fid for fid in dict.fromkeys([*plan.finding_ids, *chosen]) if fid not in said]


def _check_restored(recorder: _Recorder, target: _Target, scan: ScanResult) -> None:
    from remedy.scan import scan_schemas

    def check() -> str:
        back = _reinspect(target, scan)
        differences = scan_schemas(scan.live, back).findings
        if differences:
            raise _CheckFailed(f"the downgrade does not restore the schema: "
                               f"{', '.join(f.id for f in differences)}")
        if fingerprint(back) == fingerprint(_rebase(scan.live, target)):
            return "original schema back (same fingerprint)"
        return ("original schema back: nothing the diff compares differs (column order or an index the "
                "database made for a foreign key may)")

    recorder.run("re-scan after downgrade", None, check)


# --- data checks before an operation --------------------------------------------------------------

_PG_CASTABLE = """CREATE OR REPLACE FUNCTION pg_temp.remedy_castable(v text, t text) RETURNS boolean
LANGUAGE plpgsql AS $$ BEGIN EXECUTE format('SELECT %L::%s', v, t); RETURN true;
EXCEPTION WHEN others THEN RETURN false; END $$"""


def _data_checks(op: o.Operation, target: _Target, dialect: str, models: tuple[Schema, Schema]):
    """Checks before a risky step (``models``: the schema before and after it); names quoted by remedy's dialect,
    whose preparer writes '%' as is (``_execute`` escapes it once for the driver)."""
    conn, sql_dialect = target.conn, dialects.get(dialect)
    quote = sql_dialect.quote
    table = sql_dialect.qualified(op.schema, op.table)
    if isinstance(op, o.AlterNullability) and not op.nullable and op.backfill is None:
        sql = f"SELECT count(*) FROM {table} WHERE {quote(op.column.name)} IS NULL"
        yield f"check: NULLs in {op.table}.{op.column.name}", sql, lambda: _no_nulls(conn, sql, op)
    if isinstance(op, o.AlterColumnType) and op.using is None and conn.dialect.name == "postgresql":
        spec = type_spec(op.to_type, "postgresql", "postgresql")
        sql = (f"SELECT count(*) FROM {table} WHERE {quote(op.column)} IS NOT NULL AND NOT "
               f"pg_temp.remedy_castable({quote(op.column)}::text, {sql_dialect.literal(spec)})")
        yield f"check: values of {op.table}.{op.column} that do not cast to {spec}", sql, \
            lambda: _all_cast(conn, sql, op, spec)
    if isinstance(op, o.AddConstraint) and isinstance(op.constraint, CheckConstraint) \
            and "NOT VALID" not in op.constraint.definition.upper():
        condition = op.constraint.raw_expression or op.constraint.expression
        sql = f"SELECT count(*) FROM {table} WHERE NOT ({condition})"  # NULL passes a CHECK, as here
        yield f"check: rows of {op.table} that break {op.name}", sql, lambda: _none_break(conn, sql, op)
    if sql_dialect.stores_by_affinity:
        yield from _stored_values_checks(op, conn, dialect, models)


def _stored_values_checks(op: o.Operation, conn: Connection, dialect: str, models: tuple[Schema, Schema]):
    """SQLite: the values a rebuild copies into a column whose type changes, or into a table made STRICT, as the
    new column stores them. Each is written into a scratch column of the new declared type (the same affinity), and
    counted by storage class: a value the type does not convert is kept as it is (said), or refused by a STRICT
    column or the rowid (the copy would fail: the check fails)."""
    rules = dialects.get(dialect)
    before, after = (m.table(op.schema, op.table) for m in models)
    if before is None or after is None:
        return
    if isinstance(op, o.AlterColumnType):
        names = [op.column]
    elif isinstance(op, o.AlterTableFlag) and rules.refuses_unconverted(after.flags, False) \
            and not rules.refuses_unconverted(before.flags, False):
        names = [c.name for c in after.columns if not c.kind.startswith("generated")]
    else:
        return
    for name in names:
        column = after.column(name)
        key = after.primary_key.columns if after.primary_key else ()
        rowid = rules.is_rowid(column.raw_type, tuple(key) == (name,), after.flags)
        kept = rules.kept_classes(type_spec(column, dialect, dialect), after.flags, rowid)
        if kept is None:
            continue
        probe = _probe(op, rules, dialect, after, column)
        yield f"check: values of {op.table}.{name} as {column.shown_type or 'no type'} stores them", \
            ";\n".join(probe), functools.partial(_values_kept, conn, probe, op, name, kept,
                                                  rules.refuses_unconverted(after.flags, rowid))


def _probe(op: o.Operation, rules, dialect: str, table, column) -> list[str]:
    from remedy.plan.dialect import copy_value

    value = rules.quote(column.name)
    if isinstance(op, o.AlterColumnType):  # what the rebuild selects (remedy.render.sql)
        value = op.using or copy_value(dialect, table, column)
    return [f"CREATE TEMP TABLE remedy_probe (v {type_spec(column, dialect, dialect)})",
            f"INSERT INTO temp.remedy_probe SELECT {value} FROM {rules.qualified(op.schema, op.table)}",
            "SELECT typeof(v), count(*) FROM temp.remedy_probe GROUP BY 1",
            "DROP TABLE temp.remedy_probe"]


def _values_kept(conn: Connection, probe: list[str], op: o.Operation, name: str, kept: frozenset[str],
                 refused: bool) -> str:
    for sql in probe[:2]:
        _execute(conn, sql)
    counts = {str(kind): int(n) for kind, n in _execute(conn, probe[2]).all()}
    _execute(conn, probe[3])
    other = {kind: n for kind, n in sorted(counts.items()) if kind not in kept}
    if not other:
        return "every value converts"
    total = sum(other.values())
    classes = ", ".join(f"{n} {kind.upper()}" for kind, n in other.items())
    wanted = "/".join(sorted(k.upper() for k in kept if k != "null"))
    if refused:
        decide = f"decide value = \"<expression>\" for {_finding_id(op)} to convert them, or " \
            if isinstance(op, o.AlterColumnType) else ""
        raise _CheckFailed(f"{total} value(s) of {op.table}.{name} are not {wanted} and do not convert ({classes}): "
                           f"the copy would fail; {decide}fix those rows first")
    return (f"{total} value(s) of {op.table}.{name} are not {wanted} and stay as they are ({classes}), as SQLite "
            f"keeps such a value in a column of that type when it is inserted")




def _no_nulls(conn: Connection, sql: str, op: o.AlterNullability) -> str:
    count = _execute(conn, sql).scalar() or 0
    if count:
        suggestion = backfill_value(replace(op.column, nullable=False, default=None, identity=False)) or "…"
        raise _CheckFailed(f"{count} row(s) of {op.table}.{op.column.name} hold NULL: SET NOT NULL would fail "
                           f"(decide value = {toml_string(suggestion)} for {_finding_id(op)} to backfill them)")
    return "no NULLs"


def _none_break(conn: Connection, sql: str, op: o.AddConstraint) -> str:
    count = _execute(conn, sql).scalar() or 0
    if count:
        raise _CheckFailed(f"{count} row(s) of {op.table} break the check {op.name} "
                           f"({op.constraint.raw_expression or op.constraint.expression}): adding it would fail; "
                           f"fix those rows first, or decide skip for {_finding_id(op)}")
    return "every row passes"


def _finding_id(op: o.Operation) -> str:
    return op.finding_ids[0] if op.finding_ids else "the finding"


def _all_cast(conn: Connection, sql: str, op: o.AlterColumnType, spec: str) -> str:
    _execute(conn, _PG_CASTABLE)
    count = _execute(conn, sql).scalar() or 0
    if count:
        raise _CheckFailed(f"{count} row(s) of {op.table}.{op.column} do not cast to {spec} "
                           f"(decide value = \"<USING expression>\" to convert them)")
    return "every value casts"


# --- apply ---------------------------------------------------------------------------------------

def plan_sha256(plan: Plan) -> str:
    text = ";\n".join(s.sql for s in statements(plan))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def apply(url: str, scan: ScanResult, plan: Plan, decisions=None, on_step: OnStep | None = None,
          lock_timeout: float = 5.0, statement_timeout: float = 0.0,
          on_progress: OnProgress | None = None) -> ApplyReport:
    """Dry run, then upgrade + re-inspection + COMMIT; any failure rolls back (ApplyFailed, exit 3).

    The journal gets an intent line before the first live statement and a result line after; on
    PostgreSQL the database's own record (``remedy.journal``) commits in the same transaction.
    """
    check = dry_run(url, scan, plan, on_step, lock_timeout, statement_timeout, on_progress)
    if not check.ok:
        failed = check.failure
        raise ApplyFailed(f"the dry run failed at '{failed.name}': {failed.message}; nothing was changed")
    recorder = _Recorder(on_step, on_progress)
    rendered = statements(plan)
    run = _Run(journal.new_entry(url, plan, scan.fingerprint, plan_sha256(plan), len(rendered)))
    run.note(run.entry)
    try:
        after = _apply_for_dialect(url, scan, plan, rendered, recorder, (lock_timeout, statement_timeout), run)
    except _Partial as exc:
        status = "partial" if exc.ran else "failed: nothing ran"
        run.note(journal.result(run.entry, status, error=exc.message, ran=exc.ran, not_ran=exc.not_ran))
        raise ApplyFailed(exc.message) from None
    except ApplyFailed as exc:
        message = _changed_meanwhile(url, scan) + exc.message
        run.note(journal.result(run.entry, "rolled back", error=message))
        raise ApplyFailed(message) from None
    run.note(run.applied(after))
    return ApplyReport(True, recorder.steps, check, scan.fingerprint, fingerprint(after), plan_sha256(plan),
                       len(rendered), "; ".join(run.errors))


def _changed_meanwhile(url: str, scan: ScanResult) -> str:
    """After a rolled-back apply: the schema is not the one the plan was made for, so someone else
    (another apply, a migration) committed while this one ran. '' when it is the same, or unreadable."""
    from remedy.sources.live import read_live

    engine = make_engine(url)
    try:
        now = fingerprint(read_live(engine, list(scan.live.schemas) or None))
    except Exception:
        return ""
    finally:
        engine.dispose()
    if not scan.fingerprint or now == scan.fingerprint:
        return ""
    return (f"the schema changed while this apply ran ({scan.fingerprint[:19]}… is now {now[:19]}…: another "
            f"apply or migration committed first; scan and plan again): ")


class _Run:
    """One apply's journal entry, and what went wrong recording it (never a reason to fail the apply)."""

    def __init__(self, entry: dict):
        self.entry = entry
        self.errors: list[str] = []
        self.done: dict | None = None

    def applied(self, after: Schema) -> dict:
        """The result entry (made once: the database's record and the local line are the same)."""
        if self.done is None:
            self.done = journal.result(self.entry, "applied", fingerprint_after=fingerprint(after))
        return self.done

    def note(self, entry: dict) -> None:
        try:
            journal.append(entry)
        except OSError as exc:
            self.fail(f"the journal could not be written: {exc}")

    def fail(self, message: str) -> None:
        if message not in self.errors:
            self.errors.append(message)

    def in_database(self, conn: Connection, after: Schema) -> None:
        """PostgreSQL: the record in remedy.journal, committed with the plan (a savepoint keeps a failure
        to write it, e.g. no CREATE privilege, from failing the apply)."""
        try:
            with conn.begin_nested():
                journal.write_in_transaction(conn, self.applied(after))
        except sa.exc.DBAPIError as exc:
            self.fail(f"the database's own record (remedy.journal) could not be written: {db_message(exc)}")


class _Partial(Exception):
    """MariaDB/MySQL stopped after some statements had committed."""

    def __init__(self, message: str, ran: list[str], not_ran: list[str]):
        super().__init__(message)
        self.message, self.ran, self.not_ran = message, ran, not_ran


def pause_point(name: str) -> None:
    """A fault-injection hook for tests/reliability: REMEDY_PAUSE_AT=NAME stops here (says so on stderr)."""
    if os.environ.get("REMEDY_PAUSE_AT") == name:
        sys.stderr.write(f"remedy: paused at {name}\n")
        sys.stderr.flush()
        time.sleep(600)


def _apply_for_dialect(url, scan, plan, rendered, recorder, timeouts: tuple[float, float], run: _Run) -> Schema:
    if plan.dialect == "mysql":
        return _apply_mysql(url, scan, plan, rendered, recorder, timeouts, run)
    isolation = {"isolation_level": "AUTOCOMMIT"} if plan.dialect == "sqlite" else {}
    engine = make_engine(url, **isolation)
    try:
        with _connect(engine) as conn:
            if plan.dialect == "sqlite":
                return _apply_in_transaction(_Target(conn, "live"), scan, plan, rendered, recorder, run)
            _set_timeouts(conn, *timeouts)
            with _watched(url, conn, scan, "live") as target:
                return _apply_in_transaction(target, scan, plan, rendered, recorder, run)
    finally:
        engine.dispose()


def _apply_in_transaction(target: _Target, scan, plan, rendered, recorder, run: _Run) -> Schema:
    conn = target.conn
    if plan.dialect == "sqlite":
        conn.exec_driver_sql("BEGIN")
    try:
        _check_unchanged(recorder, target, scan)
        pause_point("upgrade")
        _upgrade(recorder, target, plan, rendered)
        _check_settled(recorder, target, scan, plan)
        after = _reinspect(target, scan)
        if plan.dialect == "postgresql":
            run.in_database(conn, after)
        pause_point("commit")
    except (_Failed, sa.exc.DBAPIError) as exc:
        _rollback(conn, plan.dialect)
        raise ApplyFailed(f"{_failure_text(exc)}; everything was rolled back") from None
    _commit(conn, plan.dialect)
    pause_point("committed")
    return after


def _check_unchanged(recorder: _Recorder, target: _Target, scan: ScanResult) -> None:
    """Nobody changed the schema between the scan the plan was made from and now."""
    def check() -> str:
        now = fingerprint(_reinspect(target, scan))
        if scan.fingerprint and now != scan.fingerprint:
            raise _CheckFailed(f"the live schema changed since the scan ({scan.fingerprint[:19]}… is now "
                               f"{now[:19]}…): scan and plan again")
        return "the live schema is the one the plan was made for"

    recorder.run("check: live schema unchanged since the scan", None, check)


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, _Failed):
        where = f" ({exc.step.sql.splitlines()[0][:120]})" if exc.step.sql else ""
        return f"'{exc.step.name}' failed{where}: {exc.step.message}"
    return f"the connection failed: {db_message(exc)}"


def _rollback(conn: Connection, dialect: str) -> None:
    try:
        conn.exec_driver_sql("ROLLBACK") if dialect == "sqlite" else conn.rollback()
    except Exception:
        pass  # a dropped connection has rolled back on the server already


def _commit(conn: Connection, dialect: str) -> None:
    conn.exec_driver_sql("COMMIT") if dialect == "sqlite" else conn.commit()


def _mysql_statement(target: _Target, stmt: Statement, name: str, on_progress: OnProgress | None) -> None:
    """One statement on the live MariaDB/MySQL database, watched; a metadata lock not granted within
    lock_wait_timeout names the sessions that hold it (or may: see ``mysql_blockers``)."""
    def look(conn) -> list:
        return mysql_blockers(conn, target.pid, target.schema_name, stmt.operation.table or "")

    with Watch(target.watcher, target.pid, name, _table_detail(target, stmt.operation), on_progress, look) as watch:
        try:
            _execute(target.conn, target.timed(stmt.sql))
        except sa.exc.DBAPIError as exc:
            if getattr(exc.orig, "args", (None,))[0] != MYSQL_LOCK_WAIT_TIMEOUT:
                raise
            found = watch.blockers or _looked(target.watcher, look)
            if not found:
                raise
            raise _CheckFailed(f"{db_message(exc)}: the lock is held by {blockers_text(found)}") from None


MYSQL_LOCK_WAIT_TIMEOUT = 1205  # ER_LOCK_WAIT_TIMEOUT: a metadata (or row) lock not granted in time


def _looked(engine: sa.engine.Engine, look) -> list:
    try:
        with engine.connect() as conn:
            return look(conn)
    except Exception:
        return []


def _apply_mysql(url, scan, plan, rendered, recorder, timeouts: tuple[float, float], run: "_Run") -> Schema:
    """Statement by statement, each committed at once (MariaDB/MySQL cannot roll DDL back). The local journal
    gets a line before each statement (it is ``in_flight``) and one after its commit, so a kill at any moment
    leaves a record that says which statements committed, which one may have, and which did not run."""
    engine = make_engine(url)
    watcher = make_engine(url, isolation_level="AUTOCOMMIT")
    ran: list[str] = []
    try:
        with _connect(engine) as conn:
            conn.exec_driver_sql(f"SET SESSION lock_wait_timeout = {max(1, int(timeouts[0]))}")
            target = _Target(conn, "live", watcher=watcher, pid=conn.exec_driver_sql("SELECT CONNECTION_ID()").scalar(),
                             live=scan.live, schema_name=normalize_url(url).database, timed=_mysql_timed(timeouts[1]))
            try:
                _check_unchanged(recorder, target, scan)
                shown = [s.sql.splitlines()[0][:120] for s in rendered]
                for n, stmt in enumerate(rendered):
                    name = f"upgrade: {stmt.step}"
                    run.note({**run.entry, "ran": list(ran), "in_flight": shown[n], "not_ran": shown[n + 1:]})
                    recorder.run(name, stmt.sql, lambda stmt=stmt, name=name: _mysql_statement(
                        target, stmt, name, recorder.on_progress))
                    conn.commit()
                    ran.append(shown[n])
                    run.note({**run.entry, "ran": list(ran), "not_ran": shown[n + 1:]})
                    pause_point("upgrade")
                    pause_point(f"upgrade {len(ran)}")
                _check_settled(recorder, target, scan, plan)
                return _reinspect(target, scan)
            except (_Failed, sa.exc.DBAPIError) as exc:
                done = "; ".join(ran) if ran else "none"
                raise _Partial(f"{_failure_text(exc)}. MariaDB/MySQL cannot roll DDL back: "
                               f"{len(ran)} of {len(rendered)} statements ran: {done}", ran,
                               [s.sql.splitlines()[0][:120] for s in rendered[len(ran):]]) from None
    finally:
        watcher.dispose()
        engine.dispose()


# --- big tables ----------------------------------------------------------------------------------

LARGE_TABLE_ROWS = 1_000_000  # a rewrite of a table this big (estimated rows) is warned about first


def large_rewrites(plan: Plan, scan: ScanResult) -> list[str]:
    """One sentence per operation that rewrites (or scans under a lock) a table of LARGE_TABLE_ROWS or more."""
    out = []
    for op in plan.operations:
        table = scan.live.table(op.schema, op.table) if op.table else None
        rows = table.row_estimate if table is not None else None
        heavy = [h for h in op.hazards if h.kind in ("rewrite", "backfill") or "scans" in h.message]
        if rows is not None and rows >= LARGE_TABLE_ROWS and heavy:
            out.append(f"{op.title}: {table.qualified} has {rows_text(rows)} (estimated); {heavy[0].message}. "
                       f"Expect it to take long and to hold its lock throughout; --statement-timeout bounds it")
    return out

"""One scan: connect, introspect, read the expectations, diff, score renames, triage.

``scan`` does the I/O; ``scan_schemas`` is the pure part (two models in, a
ScanResult out) that the dry run reuses inside its transaction.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Callable, Mapping, Sequence

from remedy import dialects
from remedy.db import connection_error, dialect_of, make_engine, mask_url, normalize_url
from remedy.breaks_now import breaks_now
from remedy.diff import compared_kinds, diff
from remedy.diff.context import by_schema_name, make_context, unread_namespaces
from remedy.diff.grants import grant_notes
from remedy.diff.owners import owner_notes
from remedy.diff.names import name_notes
from remedy.errors import RemedyError, SourceError
from remedy.findings import DEFAULT_PHASES, Phase, ScanResult
from remedy.fingerprint import fingerprint
from remedy.gcpause import gc_paused
from remedy.model import Schema
from remedy.normalize import sqlglot_ready
from remedy.scope import Scope, check_scope, mapped, namespaces, out_of_scope, scoped, unmapped_objects
from remedy.renames import attach_rename_candidates
from remedy.sources import Expected, load_expected
from remedy.sources.inventory import Present
from remedy.sources.objects import ON_REQUEST
from remedy.triage import triage

Progress = Callable[[str, str], None]


def _quiet(stage: str, detail: str) -> None:
    return None


def scan(db_url: str, expected_source: str | None = None, code_paths: Sequence[str] = (),
         schemas: Sequence[str] | None = None, progress: Progress | None = None,
         ignore_extension_versions: bool = False, scope: Scope | None = None,
         with_privileges: bool = False, with_owners: bool = False) -> ScanResult:
    """Scan the live database at ``db_url`` against the expected source and/or code, both sides within
    ``scope`` (or only the ``schemas`` named; default: every non-system schema, see remedy.scope). Grants are
    compared only ``with_privileges`` (else listed as not compared)."""
    progress = progress or _quiet
    scope = scope or Scope.of(schemas)
    unasked = {"extension"} if ignore_extension_versions else set()  # compared only where both sides read them
    unasked |= set() if with_privileges else {"grant", "default_privilege"}
    unasked |= set() if with_owners else {"owner"}
    # The expected side does not read what is not compared. The live side reads it all the same: a plan that
    # recreates a view keeps its grants and owner, and the fingerprint covers them.
    skip = frozenset(unasked & set(ON_REQUEST.values()))
    timings: dict[str, float] = {}
    url = normalize_url(db_url)
    progress("connecting", mask_url(url))
    engine = make_engine(url)
    sqlglot_ready(dialect_of(url))  # before the expected side is read in a thread of its own
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        started = time.perf_counter()
        with _connect(engine) as conn:  # reachable before anything else is read; then the read itself
            prefetched = _prefetch(pool, expected_source, skip)
            counted = _count_apart(pool, engine, scope.schemas)
            progress("introspecting", "reading the live schema")
            live = _read_live(conn, scope.schemas)
            present = counted.result() if counted is not None else None
            if present is None:
                present = _inventory(conn, live.schemas)
        timings["introspect"] = time.perf_counter() - started
        progress("introspecting", f"{live.table_count} tables")
        expected = _expected(expected_source, code_paths, live, engine, progress, timings, prefetched)
    finally:
        pool.shutdown(wait=True)
        engine.dispose()
    schema = expected.schema
    expected = replace(expected, schema=replace(schema, objects_read=schema.objects_read - unasked))
    expected, live, notes = _within(expected, live, scope)
    unread = not_compared(present + expected.present, scope, read_on_both_sides(expected.schema, live))
    unread += unresolved_grants(expected.schema, live) + unresolved_owners(expected.schema, live)
    unread += tuple(Present(kind, schema, n, "expected") for kind, schema, n in unmapped_objects(expected.schema, scope))
    progress("diffing", f"{expected.schema.table_count} expected tables")
    started = time.perf_counter()
    result = scan_schemas(expected.schema, live, expected.phases, expected.notes)
    timings["diff"] = time.perf_counter() - started
    return replace(result, database_url=mask_url(url), expected_source=expected.description, timings=timings,
                   notes=expected.warnings + notes + unread_note(expected.schema, live)
                   + grant_notes(expected.schema, live) + owner_notes(expected.schema, live)
                   + name_notes(expected.schema, live),
                   code_coverage=expected.code_coverage, not_compared=unread)


def unresolved_grants(expected: Schema, live: Schema) -> tuple[Present, ...]:
    """Grants present and not compared, per schema: to roles the live server lacks (expected side), and to roles
    the expected side never names (live side)."""
    from remedy.diff import default_privileges as dp
    from remedy.diff.grants import to_missing_roles, to_unnamed_roles

    if "grant" not in expected.objects_read or "grant" not in live.objects_read:
        return ()
    out = []
    for kind, side, found in (("grant_to_missing_role", "expected", to_missing_roles(expected, live)),
                              ("grant_to_unnamed_role", "live", to_unnamed_roles(expected, live)),
                              ("default_privilege_to_missing_role", "expected", dp.to_missing_roles(expected, live)),
                              ("default_privilege_to_unnamed_role", "live", dp.to_unnamed_roles(expected, live))):
        schemas = [o.schema for o in found]
        out += [Present(kind, s, schemas.count(s), side) for s in sorted(set(schemas))]
    return tuple(out)


def unresolved_owners(expected: Schema, live: Schema) -> tuple[Present, ...]:
    """Owners not compared for want of the role on the live server, per schema (expected side)."""
    from remedy.diff.owners import KIND, to_missing_roles

    if KIND not in expected.objects_read or KIND not in live.objects_read:
        return ()
    schemas = [o.schema for o in to_missing_roles(expected, live)]
    return tuple(Present("owner_to_missing_role", s, schemas.count(s), "expected") for s in sorted(set(schemas)))


def _count_apart(pool: ThreadPoolExecutor, engine, wanted) -> Future | None:
    """The live inventory on a connection of its own, while both schemas are read (it reads in a transaction of its
    own anyway); None where the server refuses one more connection (mid-incident, it may have none to spare): the
    scan counts on its own connection after the read instead. Not for an in-memory database, which a second
    connection would find empty."""
    if engine.url.database in (None, "", ":memory:"):
        return None
    return pool.submit(_inventory_apart, engine, wanted)


def _inventory_apart(engine, wanted) -> tuple[Present, ...] | None:
    from remedy.sources.live import read_namespaces

    try:
        conn = engine.connect()
    except Exception:
        return None
    with conn:
        try:
            schemas = read_namespaces(conn, wanted)
        except Exception as exc:
            raise connection_error(engine.url, exc) from None
        return _inventory(conn, schemas)


def _inventory(conn, schemas) -> tuple[Present, ...]:
    from remedy.sources.inventory import read_inventory

    try:
        return read_inventory(conn, schemas)
    except Exception as exc:
        raise connection_error(conn.engine.url, exc) from None


# The names remedy.sources.objects gives some kinds, as the inventory names them.
_OBJECT_KINDS = {"rls": ("row_level_security",), "type": ("composite_type", "range_type"),
                 "default_privilege": ("default_privileges",)}


def read_on_both_sides(expected: Schema, live: Schema) -> frozenset[str]:
    """The object kinds this scan compared: read on both sides (remedy.diff.objects.compared)."""
    if expected.dialect != live.dialect or not dialects.get(live.dialect).dependent_objects:
        return frozenset()
    both = expected.objects_read & live.objects_read
    return frozenset(name for kind in both for name in _OBJECT_KINDS.get(kind, (kind,)))


def not_compared(present: tuple[Present, ...], scope: Scope, read: frozenset[str] = frozenset()) -> tuple[Present, ...]:
    """The kinds present (in scope) that no registered comparator compares, nor this scan compared."""
    compared = compared_kinds() | read
    return tuple(p for p in present if p.kind not in compared and (not p.schema or scope.admits(p.schema)))


def _within(expected: Expected, live: Schema, scope: Scope) -> tuple[Expected, Schema, tuple[str, ...]]:
    """Both sides within the scope (expected schemas mapped first); refuses an empty expected side."""
    if not dialects.get(live.dialect).has_schemas:
        check_scope(expected.schema, live, Scope(), expected.description)
        return expected, live, ()
    if not by_schema_name(expected.schema, live):
        return _within_one_namespace(expected, live, scope)
    wanted = mapped(expected.schema, scope)
    left_out = sorted(set(out_of_scope(wanted, scope)) | set(out_of_scope(live, scope)))
    wanted, live = scoped(wanted, scope), scoped(live, scope)
    check_scope(wanted, live, scope, expected.description)
    note = (f"schema(s) {', '.join(left_out)} outside the scope (--schema/--exclude-schema), not compared",)
    return replace(expected, schema=wanted), live, note if left_out else ()


def _within_one_namespace(expected: Expected, live: Schema, scope: Scope) -> tuple[Expected, Schema, tuple[str, ...]]:
    """An expected side of another dialect (a SQLite or MariaDB database: one namespace, named otherwise): the
    scope picks the live schemas, and the expected namespace is compared with public among them, or with the
    one --schema names. The live schemas it is not compared with are said."""
    check_scope(expected.schema, live, Scope(), expected.description)
    unknown = [name for name in scope.schemas if name not in namespaces(live)]
    if unknown:
        raise RemedyError(f"--schema {', '.join(unknown)}: no such schema in the live database",
                          "check the name (schemas are matched by name, case-sensitively)")
    live = scoped(live, scope)
    compared = set(make_context(expected.schema, live).schema_map.values())
    left_out = [name for name in namespaces(live) if name not in compared]
    note = (f"schema(s) {', '.join(left_out)} not compared: the expected side ({expected.schema.dialect}) has one "
            f"namespace, compared with {', '.join(sorted(compared))} (--schema picks another)",)
    return expected, live, note if left_out else ()


def _connect(engine):
    try:
        return engine.connect()
    except Exception as exc:
        raise connection_error(engine.url, exc) from None


def _read_live(conn, schemas) -> Schema:
    from remedy.sources.live import read_live_read_only

    try:
        return read_live_read_only(conn, list(schemas) if schemas else None)
    except RemedyError:
        raise
    except Exception as exc:
        raise connection_error(conn.engine.url, exc) from None


def _prefetch(pool: ThreadPoolExecutor, source: str | None, skip: frozenset[str]) -> Future | None:
    """Read an expected database or catalog while the live one is read (drivers release the GIL)."""
    if source and ("://" in source or os.path.isdir(source)):
        return pool.submit(load_expected, source, skip=skip)
    return None


def _expected(source, code_paths, live: Schema, engine, progress: Progress, timings,
              prefetched: Future | None = None) -> Expected:
    if not source and not code_paths:
        raise SourceError("nothing to compare against", "pass --expected SOURCE and/or --code PATH")
    started = time.perf_counter()
    if prefetched is not None:
        expected = prefetched.result()
    else:
        expected = load_expected(source, live.dialect) if source else None
    if expected is not None:
        expected = with_server_objects(as_stored(expected, live.dialect), live, engine)
    timings["expected"] = time.perf_counter() - started
    paths = list(code_paths) + list(expected.code_paths if expected else ())
    if not paths:
        return expected
    progress("reading code", f"{len(paths)} path(s)")
    started = time.perf_counter()
    merged = as_stored(_with_code(expected, paths, live, engine), live.dialect)
    timings["code"] = time.perf_counter() - started
    return merged


def as_stored(expected: Expected, dialect: str) -> Expected:
    """The expected names as the live server stores them (PostgreSQL cuts them at 63 bytes), with a note for
    each name cut (remedy.sources.stored_names)."""
    from remedy.sources.stored_names import as_stored as stored

    schema, notes = stored(expected.schema, dialect)
    return replace(expected, schema=schema, warnings=expected.warnings + notes) if notes else expected


def with_server_objects(expected: Expected, live: Schema, engine) -> Expected:
    """A DDL source as PostgreSQL reads it: its views, functions, triggers... (remedy.sources.scratch) and its
    tables, so their CHECKs, index definitions, constraint options and column kinds compare exactly with the
    live ones. Without a scratch database, the tables are loaded in a rolled-back transaction on the live
    database instead (remedy.sources.canonical)."""
    if not expected.scripts or expected.schema.dialect != live.dialect \
            or not dialects.get(live.dialect).dependent_objects:
        return expected
    from remedy.sources.scratch import ScratchUnavailable, scratch_read

    try:
        loaded = scratch_read(engine, expected.scripts)
    except (ScratchUnavailable, SourceError) as exc:
        note = f"views, functions, triggers, policies and types of the expected DDL not compared: {exc}"
        return _tables_as_the_server_reads(replace(expected, warnings=expected.warnings + (note,)), live, engine)
    from remedy.sources.canonical import with_server_tables

    objects = loaded.objects if dialects.get(live.dialect).has_schemas else _rebased(loaded, expected.schema)
    schema = replace(expected.schema, objects=objects, objects_read=loaded.objects_read)
    if not dialects.get(live.dialect).worded_definitions:
        return replace(expected, schema=schema)
    return replace(expected, schema=_settled(with_server_tables(schema, loaded), live, engine))


def _rebased(loaded: Schema, expected: Schema) -> dict:
    """The scratch database's objects under the expected side's own namespace (MariaDB: the scratch database
    has a name of its own; its objects stand for the catalog's)."""
    names = list(expected.schemas) + [k[0] for k in expected.tables]
    if not names:
        return dict(loaded.objects)
    out = {}
    for obj in loaded.objects.values():
        reads = tuple((names[0] if s == obj.schema else s, r, c) for s, r, c in obj.depends_on)
        moved = replace(obj, schema=names[0], depends_on=reads)
        out[moved.key] = moved
    return out


def _settled(schema: Schema, live: Schema, engine) -> Schema:
    from remedy.sources.canonical import settle_round_trips

    with _connect(engine) as conn:
        return settle_round_trips(conn, schema, live)


def _tables_as_the_server_reads(expected: Expected, live: Schema, engine) -> Expected:
    """The DDL's tables loaded into the live server in a rolled-back transaction and read back."""
    from remedy.sources.canonical import Loaded, load_through_server, lock_budget_exceeded, settle_round_trips

    if not dialects.get(live.dialect).worded_definitions:
        return expected
    with _connect(engine) as conn:
        too_big = lock_budget_exceeded(conn, expected.schema)
        conn.rollback()
        if too_big:
            loaded = Loaded(None, f"{too_big}; a role with CREATEDB has it read in a scratch database instead")
        else:
            loaded = load_through_server(conn, [(s.file, s.text) for s in expected.scripts], expected.schema)
        if loaded.schema is not None:
            loaded = replace(loaded, schema=settle_round_trips(conn, loaded.schema, live))
    if loaded.schema is None:
        note = (f"the expected DDL could not be loaded into the server to compare its definitions exactly "
                f"({loaded.failure}); CHECK conditions, index definitions and exclusion constraints are compared "
                f"as written, and key and index options (DEFERRABLE, INITIALLY DEFERRED, NO INHERIT, NULLS NOT "
                f"DISTINCT, INCLUDE, WITH) are not compared")
        return replace(expected, warnings=expected.warnings + (note,))
    return replace(expected, schema=loaded.schema)


def _with_code(expected: Expected | None, paths: list[str], live: Schema, engine) -> Expected:
    from remedy.sources.code import read_code, expected_with_code

    catalog = expected.schema if expected else None
    code = read_code(paths, live=live, catalog=catalog, dialect=live.dialect, engine=engine)
    schema = expected_with_code(catalog, code, live=live)
    description = (expected.description + " + " if expected else "") + "code " + ", ".join(paths)
    warnings = _code_warnings(code)
    coverage = code.coverage_report()
    if expected is None:
        return Expected(schema, description, warnings=warnings, code_coverage=coverage)
    return replace(expected, schema=schema, description=description, warnings=expected.warnings + warnings,
                   code_coverage=coverage)


def _code_warnings(code) -> tuple[str, ...]:
    """One line each for what the code reader could not pin down, so nothing is silently dropped."""
    out = [f"read {len(code.statements)} SQL statement(s) in {code.files} file(s); {code.coverage.line}"]
    if code.unresolved:
        out.append(f"{len(code.unresolved)} column reference(s) could not be pinned to one table (not reported as drift)")
    if code.skipped:
        out.append(f"{len(code.skipped)} file(s) or string(s) skipped (binary, too large, not UTF-8 or not parsable SQL)")
    locked = [stmt for stmt, verdict in (code.verdicts or {}).items() if verdict.status == "lock_timeout"]
    if locked:
        from remedy.sources.code.prove import LOCK_WAIT_MS

        out.append(f"{len(locked)} statement(s) not proved by the database: a lock was not granted within "
                   f"{LOCK_WAIT_MS} ms (another session holds one on a table they read), e.g. {locked[0].location}")
    contradicted = getattr(code, "contradicted", ())
    if contradicted:
        out.append(f"{len(contradicted)} static expectation(s) disproved by the database (dropped)")
    return tuple(out)


def unread_note(expected: Schema, live: Schema) -> tuple[str, ...]:
    """Expected namespaces the scan did not read are not compared: say so, and how to read them."""
    unread = unread_namespaces(expected, live)
    if not unread:
        return ()
    flags = " ".join(f"--schema {name}" for name in (*live.schemas, *unread))
    return (f"expected schema(s) {', '.join(unread)} not read, so not compared (pass {flags})",)


def with_verdict(finding):
    """The database's own word on a code-derived finding: confirmed, or static only."""
    verdicts = [e.verdict for e in finding.evidence if e.verdict]
    if not verdicts or finding.verdict or finding.kind not in ("missing_table", "missing_column"):
        return finding
    confirmed = next((v for v in verdicts if v.startswith("confirmed")), None)
    return replace(finding, verdict=confirmed or "static only")


def scan_schemas(expected: Schema, live: Schema, phases: tuple[Phase, ...] = (),
                 notes: Mapping | None = None) -> ScanResult:
    """The pure scan: diff two models, score renames, triage. No I/O."""
    with gc_paused():  # walks both models and builds findings: nothing here forms a cycle
        return _scan_schemas(expected, live, phases, notes or {})


def _scan_schemas(expected: Schema, live: Schema, phases: tuple[Phase, ...], notes: Mapping) -> ScanResult:
    findings = breaks_now(diff(expected, live), expected, live)
    hints = {table: getattr(note, "renames", {}) for table, note in notes.items()}
    findings = attach_rename_candidates(findings, expected, live, hints)
    findings = [with_verdict(f) for f in triage(findings, phases or DEFAULT_PHASES, notes)]
    return ScanResult(expected=expected, live=live, findings=tuple(findings), phases=phases or DEFAULT_PHASES,
                      fingerprint=fingerprint(live), expected_source=expected.source)

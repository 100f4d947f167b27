"""The only place the TUI calls the engine (scan, decisions, plans, dry run, apply, export).

The functions that touch a database are called from worker threads only; the
pure ones (actions, defaults, previews of a plan) are cheap enough for either.
The TUI never imports a driver: it calls the same core functions the CLI does.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from remedy.findings import Finding, ScanResult
from remedy.scope import Scope

ACTIONS = ("rename", "add", "add_copy", "create", "alter", "drop", "skip")


@dataclass(frozen=True)
class StatementView:
    sql: str
    hazards: tuple[str, ...] = ()
    finding_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    """The migration SQL of the whole batch, or why there is none yet."""

    statements: tuple[StatementView, ...] = ()
    problem: str = ""
    plan_key: str = ""

    @property
    def script(self) -> str:
        return "\n\n".join(s.sql.rstrip().rstrip(";") + ";" for s in self.statements)


@dataclass(frozen=True)
class StepView:
    title: str
    ok: bool | None = None  # None = running
    seconds: float = 0.0
    sql: str = ""  # the whole statement
    message: str = ""  # what the step said: an error, a check's result, a long statement's progress


@dataclass(frozen=True)
class Outcome:
    ok: bool
    summary: str
    journal: str = ""


def not_compared_text(result: ScanResult) -> str:
    """What is present and not compared ("3 views, 1 trigger"), as the reports say it."""
    from remedy.render.report.common import not_compared_text as text

    return text(result)


def scan(db_url: str, expected: str, code_paths: tuple[str, ...],
         progress: Callable[[str, str], None], scope: Scope | None = None, **options: bool) -> ScanResult:
    """The scan, with exact row counts where the catalog has none (as ``remedy plan`` does): a table
    PostgreSQL never analyzed would otherwise make every hazard on it say "row count unknown"."""
    from remedy.row_counts import with_row_counts
    from remedy.scan import scan as run_scan

    result = run_scan(db_url, expected, code_paths=tuple(code_paths), scope=scope, progress=progress, **options)
    touched = {(f.schema, f.table) for f in result.findings if f.table}
    progress("counting rows", f"{len(touched)} tables with findings")
    return with_row_counts(db_url, result, touched)


# ---- decisions -------------------------------------------------------------

def applicable_actions(finding: Finding) -> tuple[str, ...]:
    from remedy.decisions import applicable_actions as actions

    return tuple(actions(finding))


def make_decision(finding: Finding, action: str, from_column: str | None = None, value: str | None = None):
    from remedy.decisions import Decision

    return Decision(finding=finding.id, action=action, from_column=from_column, value=value or None)


def default_decision(finding: Finding):
    """The engine's default, or None where a person must choose (rename candidates)."""
    from remedy.decisions import default_decision as default

    return default(finding, None)


def effective(scan_result: ScanResult, decisions: Mapping[str, object],
              defaults: Mapping[str, object] | None = None) -> dict[str, object]:
    """Explicit decisions plus the defaults for the rest; findings that need a person are left out."""
    if defaults is None:
        defaults = {f.id: default_decision(f) for f in scan_result.findings}
    out = {}
    for fid, default in defaults.items():
        decision = decisions.get(fid) or default
        if decision is not None:
            out[fid] = decision
    return out


def dump_decisions(scan_result: ScanResult, decisions: Mapping[str, object]) -> str:
    from remedy.decisions import Decisions, dump_decisions as dump

    return dump(Decisions(fingerprint=scan_result.fingerprint, decisions=tuple(decisions.values())))


# ---- plans -----------------------------------------------------------------

def plan_key(scan_result: ScanResult, decisions: Mapping[str, object]) -> str:
    """Identifies a (live schema, decisions) pair: a dry run is valid for exactly one."""
    text = scan_result.fingerprint + "\n" + "\n".join(
        f"{fid}={d.action}:{d.from_column or ''}:{d.value or ''}" for fid, d in sorted(decisions.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def build(scan_result: ScanResult, decisions: Mapping[str, object]):
    from remedy.plan.build import build_plan

    return build_plan(scan_result, dict(decisions))


def preview(scan_result: ScanResult, decisions: Mapping[str, object]) -> Preview:
    """Build the plan and its statements; a RemedyError becomes ``problem``."""
    from remedy.errors import RemedyError
    from remedy.render.sql import statements

    key = plan_key(scan_result, decisions)
    try:
        plan = build(scan_result, decisions)
        views = tuple(StatementView(s.sql, tuple(_hazard_text(h) for h in s.hazards),
                                    tuple(getattr(s.operation, "finding_ids", ()))) for s in statements(plan))
    except RemedyError as exc:
        return Preview(problem=str(exc), plan_key=key)
    return Preview(views, plan_key=key)


def _hazard_text(hazard) -> str:
    kind, message = getattr(hazard, "kind", ""), getattr(hazard, "message", str(hazard))
    return f"{kind}: {message}" if kind else message


ISOLATE_AT = 1000  # findings; below this a plan takes well under 100 ms and stays in the worker thread
_planner: list = []  # the one live remedy.tui.planner.Planner, if any


def preview_for_ui(scan_result: ScanResult, decisions: Mapping[str, object]) -> Preview:
    """``preview``; big scans are planned in a child process so the UI keeps the GIL."""
    if len(scan_result.findings) < ISOLATE_AT:
        return preview(scan_result, decisions)
    from remedy.tui.planner import Planner

    if not _planner or _planner[0].scan is not scan_result:
        close_planner()
        _planner.append(Planner(scan_result))
    return _planner[0].preview(dict(decisions))


def close_planner() -> None:
    while _planner:
        _planner.pop().close()


def step_view(step) -> StepView:
    """remedy.apply.Step(name, sql, seconds, ok, message) as the TUI shows it."""
    sql = (getattr(step, "sql", None) or "").strip()
    message = str(getattr(step, "message", "") or "")
    return StepView(str(getattr(step, "name", step)), getattr(step, "ok", None),
                    float(getattr(step, "seconds", 0.0) or 0.0), sql, message)


def progress_view(progress) -> StepView:
    """remedy.watch.Progress (a statement still running) as a running step: elapsed, table, rows, lock holder."""
    return StepView(progress.name, None, progress.seconds, message=progress.detail)


def dry_run(db_url: str, scan_result: ScanResult, decisions: Mapping[str, object],
            on_step: Callable[[StepView], None]) -> Outcome:
    from remedy.apply import dry_run as run

    report = run(db_url, scan_result, build(scan_result, decisions), on_step=lambda s: on_step(step_view(s)),
                 on_progress=lambda p: on_step(progress_view(p)))
    failed = report.failure
    summary = f"failed at '{failed.name}': {failed.message}" if failed is not None else \
        f"{len(report.steps)} steps, {sum(s.seconds for s in report.steps):.2f} s"
    return Outcome(bool(report.ok), " · ".join(p for p in (summary, report.where) if p))


def apply(db_url: str, scan_result: ScanResult, decisions: Mapping[str, object],
          on_step: Callable[[StepView], None]) -> Outcome:
    """Dry run again, then apply and commit; a failure raises ApplyFailed (everything rolled back)."""
    from remedy.apply import apply as run
    from remedy.journal import format_entry, journal_path, read_journal

    report = run(db_url, scan_result, build(scan_result, decisions), decisions=dict(decisions),
                 on_step=lambda s: on_step(step_view(s)), on_progress=lambda p: on_step(progress_view(p)))
    count = f"{report.statements} statement" + ("" if report.statements == 1 else "s")
    seconds = sum(step.seconds for step in report.steps)
    summary = (f"{count} committed in {seconds:.2f} s; schema {report.fingerprint_before[:19]}… → "
               f"{report.fingerprint_after[:19]}…")
    entries = read_journal()
    entry = format_entry(entries[-1]).splitlines()[0] if entries else ""  # time, user, database, counts
    return Outcome(bool(report.ok), summary, f"{journal_path()}\n{entry}".strip())


# ---- export ----------------------------------------------------------------

EXPORT_FORMATS = {"sql": "SQL script", "alembic": "alembic revision", "golang-migrate": "golang-migrate pair"}


def export(scan_result: ScanResult, decisions: Mapping[str, object], fmt: str, path: str) -> tuple[str, ...]:
    """Write the migration in ``fmt`` at ``path`` and the decisions file beside it."""
    plan = build(scan_result, decisions)
    target = Path(path).resolve()
    written = list(_write_migration(plan, scan_result, decisions, fmt, target))
    beside = _decisions_beside(fmt, target)
    beside.parent.mkdir(parents=True, exist_ok=True)
    beside.write_text(dump_decisions(scan_result, decisions))
    return tuple(written) + (str(beside),)


def _decisions_beside(fmt: str, target: Path) -> Path:
    return (target if fmt == "golang-migrate" else target.parent) / "decisions.toml"


def export_would_replace(fmt: str, path: str) -> tuple[str, ...]:
    """The files an export to ``path`` would overwrite (absolute); golang-migrate numbers new files itself."""
    target = Path(path).resolve()
    candidates = ([] if fmt == "golang-migrate" else [target]) + [_decisions_beside(fmt, target)]
    return tuple(str(p) for p in candidates if p.exists())


def _write_migration(plan, scan_result, decisions, fmt: str, target: Path):
    if fmt == "golang-migrate":
        from remedy.render.golang_migrate import write_pair

        return [str(p) for p in write_pair(plan, target, scan=scan_result)]
    if fmt == "alembic":
        from remedy.render.alembic_script import render_alembic as render
    else:
        from remedy.render.sql import render_sql as render
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(plan, scan_result), encoding="utf-8")
    return [str(target)]


def masked_url(url: str) -> str:
    from remedy.db import mask_text, mask_url

    try:
        return mask_url(url)
    except Exception:
        return mask_text(url)

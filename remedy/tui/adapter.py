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
    detail: str = ""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    summary: str
    journal: str = ""


def scan(db_url: str, expected: str, code_paths: tuple[str, ...],
         progress: Callable[[str, str], None]) -> ScanResult:
    from remedy.scan import scan as run_scan

    return run_scan(db_url, expected, code_paths=tuple(code_paths), progress=progress)


# ---- decisions -------------------------------------------------------------

def applicable_actions(finding: Finding) -> tuple[str, ...]:
    from remedy.decisions import applicable_actions as actions

    return tuple(actions(finding))


def make_decision(finding: Finding, action: str, from_column: str | None = None):
    from remedy.decisions import Decision

    return Decision(finding=finding.id, action=action, from_column=from_column)


def default_decision(finding: Finding):
    """The engine's default, or None where a person must choose (rename candidates)."""
    from remedy.decisions import default_decision as default

    return default(finding, None)


def effective(scan_result: ScanResult, decisions: Mapping[str, object]) -> dict[str, object]:
    """Explicit decisions plus the defaults for the rest; findings that need a person are left out."""
    out = {}
    for finding in scan_result.findings:
        decision = decisions.get(finding.id) or default_decision(finding)
        if decision is not None:
            out[finding.id] = decision
    return out


def dump_decisions(scan_result: ScanResult, decisions: Mapping[str, object]) -> str:
    from remedy.decisions import Decisions, dump_decisions as dump

    return dump(Decisions(fingerprint=scan_result.fingerprint, decisions=tuple(decisions.values())))


# ---- plans -----------------------------------------------------------------

def plan_key(scan_result: ScanResult, decisions: Mapping[str, object]) -> str:
    """Identifies a (live schema, decisions) pair: a dry run is valid for exactly one."""
    text = scan_result.fingerprint + "\n" + "\n".join(
        f"{fid}={d.action}:{d.from_column or ''}" for fid, d in sorted(decisions.items()))
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


def step_view(step) -> StepView:
    return StepView(
        title=str(getattr(step, "title", None) or getattr(step, "name", None) or step),
        ok=getattr(step, "ok", None),
        seconds=float(getattr(step, "seconds", 0.0) or 0.0),
        detail=str(getattr(step, "detail", "") or ""),
    )


def dry_run(db_url: str, scan_result: ScanResult, decisions: Mapping[str, object],
            on_step: Callable[[StepView], None]) -> Outcome:
    from remedy.apply import dry_run as run

    report = run(db_url, scan_result, build(scan_result, decisions), on_step=lambda s: on_step(step_view(s)))
    return Outcome(bool(report.ok), str(getattr(report, "summary", "") or ""))


def apply(db_url: str, scan_result: ScanResult, decisions: Mapping[str, object],
          on_step: Callable[[StepView], None]) -> Outcome:
    from remedy.apply import apply as run

    report = run(db_url, scan_result, build(scan_result, decisions), _decisions_value(scan_result, decisions),
                 on_step=lambda s: on_step(step_view(s)))
    return Outcome(bool(report.ok), str(getattr(report, "summary", "") or ""),
                   str(getattr(report, "journal", "") or ""))


def _decisions_value(scan_result: ScanResult, decisions: Mapping[str, object]):
    from remedy.decisions import Decisions

    return Decisions(fingerprint=scan_result.fingerprint, decisions=tuple(decisions.values()))


# ---- export ----------------------------------------------------------------

EXPORT_FORMATS = {"sql": "SQL script", "alembic": "alembic revision", "golang-migrate": "golang-migrate pair"}


def export(scan_result: ScanResult, decisions: Mapping[str, object], fmt: str, path: str) -> tuple[str, ...]:
    """Write the migration in ``fmt`` at ``path`` and the decisions file beside it."""
    plan = build(scan_result, decisions)
    target = Path(path)
    written = list(_write_migration(plan, scan_result, decisions, fmt, target))
    beside = (target if target.is_dir() else target.parent) / "decisions.toml"
    beside.parent.mkdir(parents=True, exist_ok=True)
    beside.write_text(dump_decisions(scan_result, decisions))
    return tuple(written) + (str(beside),)


def _write_migration(plan, scan_result, decisions, fmt: str, target: Path):
    if fmt == "sql":
        from remedy.render.sql import render_sql

        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_sql(plan, scan_result, _decisions_value(scan_result, decisions)))
        return [str(target)]
    if fmt == "alembic":
        from remedy.render import alembic_script

        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(alembic_script.render(plan, scan_result))
        return [str(target)]
    from remedy.render import golang_migrate

    return [str(p) for p in golang_migrate.write(plan, scan_result, target)]


def masked_url(url: str) -> str:
    from remedy.db import mask_text, mask_url

    try:
        return mask_url(url)
    except Exception:
        return mask_text(url)

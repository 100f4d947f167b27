"""``remedy plan``: findings + decisions -> a reviewable script (SQL, alembic revision, golang-migrate pair).

Exit 0 with the script; 2 when findings are undecided, the decisions are stale, or input is bad.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from remedy.cli import scope_of
from remedy.db import database_url
from remedy.errors import ExitCode, RemedyError
from remedy.findings import ScanResult

if TYPE_CHECKING:  # every command builds this module's parser: plan code loads only when a plan is made
    from remedy.decisions import Decision
    from remedy.plan.build import Plan

FORMATS = ("sql", "alembic", "golang-migrate")


def add_decision_args(parser: argparse.ArgumentParser) -> None:
    """The flags plan and apply share: how each finding is decided."""
    parser.add_argument("--decisions", metavar="FILE", help="decisions file (TOML) written by the TUI or --write-decisions")
    parser.add_argument("--renames", choices=("accept", "reject"),
                        help="accept each finding's best rename candidate, or add new columns instead")
    parser.add_argument("--allow-destructive", action="store_true",
                        help="drop extra tables and columns (otherwise only reported)")


def add_parser(subparsers) -> None:
    from remedy.cli import add_source_args

    parser = subparsers.add_parser(
        "plan", help="write the migration that fixes the drift",
        description="Decide each finding (defaults, --renames, --decisions) and write the migration that fixes it.")
    add_source_args(parser)
    add_decision_args(parser)
    parser.add_argument("--format", choices=FORMATS, default="sql", help="output format (default: sql)")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write to PATH (a directory for golang-migrate) instead of stdout")
    parser.add_argument("--write-decisions", metavar="FILE", help="also write every decision taken to FILE")
    parser.add_argument("--revises", metavar="REV", help="alembic: the revision this one follows")


@dataclass(frozen=True)
class Prepared:
    url: str
    scan: ScanResult
    decisions: dict[str, Decision]
    plan: Plan


def prepare(args: argparse.Namespace) -> Prepared:
    """Scan, resolve the decisions (exit 2 when undecided or stale) and build the plan."""
    from remedy.row_counts import with_row_counts
    from remedy.decisions import load_decisions, resolve
    from remedy.plan.build import build_plan
    from remedy.scan import scan

    url = database_url(args.db)
    if not args.expected and not args.code:
        raise RemedyError("nothing to compare against", "pass --expected SOURCE and/or --code PATH")
    file = load_decisions(args.decisions) if args.decisions else None
    result = scan(url, args.expected, tuple(args.code), scope=scope_of(args),
                  ignore_extension_versions=args.ignore_extension_versions,
                  with_privileges=args.with_privileges, with_owners=args.with_owners)
    chosen = resolve(result, file, args.renames, args.allow_destructive)
    plan = build_plan(result, chosen)
    touched = {(op.schema, op.table) for op in plan.operations if op.table}
    counted = with_row_counts(url, result, touched)
    return Prepared(url, counted, chosen, build_plan(counted, chosen) if counted is not result else plan)


def run(args: argparse.Namespace) -> int:
    from remedy.decisions import Decisions, dump_decisions

    if args.format == "golang-migrate" and not args.output:
        raise RemedyError("--format golang-migrate writes two files", "pass -o DIRECTORY")
    if args.format == "golang-migrate" and Path(args.output).exists() and not Path(args.output).is_dir():
        raise RemedyError(f"-o {args.output} is a file; --format golang-migrate writes two files into a directory",
                          "pass -o DIRECTORY")
    prepared = prepare(args)
    if args.write_decisions:
        _write(dump_decisions(Decisions(prepared.scan.fingerprint, tuple(prepared.decisions.values()))),
               args.write_decisions)
    if prepared.plan.empty:
        sys.stderr.write("remedy: nothing to do: no finding needs a change\n")
    _emit(prepared, args)
    return ExitCode.OK


def _emit(prepared: Prepared, args: argparse.Namespace) -> None:
    plan, scan, decisions = prepared.plan, prepared.scan, prepared.decisions
    if args.format == "golang-migrate":
        from remedy.render.golang_migrate import write_pair

        try:
            up, down = write_pair(plan, args.output, scan=scan, decisions=decisions)
        except OSError as exc:
            raise RemedyError(f"cannot write into {args.output}: {exc.strerror or type(exc).__name__}") from None
        sys.stderr.write(f"remedy: wrote {up} and {down}\n")
        return
    if args.format == "alembic":
        from remedy.render.alembic_script import render_alembic

        text = render_alembic(plan, scan, decisions, down_revision=args.revises)
    else:
        from remedy.render.sql import render_sql

        text = render_sql(plan, scan, decisions)
    _write(text, args.output)
    if args.output:
        sys.stderr.write(f"remedy: wrote {args.output}: {len(plan.operations)} operation(s) for "
                         f"{len(plan.finding_ids)} finding(s), {len(plan.hazards)} hazard(s)\n")


def _write(text: str, path: str | None) -> None:
    if not path:
        sys.stdout.write(text)
        return
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise RemedyError(f"cannot write {path}: {exc.strerror}") from None

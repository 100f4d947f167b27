"""``remedy apply``: prove the plan on the database (--dry-run), or apply it (--yes).

--dry-run exits 1 when the check fails; --yes exits 3 when applying fails (rolled back).
"""
from __future__ import annotations

import argparse
import sys

from remedy import dialects
from remedy.errors import ExitCode

_MARK = {True: "ok  ", False: "FAIL"}
LOCK_TIMEOUT_RANGE = (0.001, 86400.0)  # 1 ms (PostgreSQL's unit; 0 would mean no timeout) to a day


def add_parser(subparsers) -> None:
    from remedy.cli import add_source_args, seconds_between
    from remedy.cli.plan import add_decision_args

    parser = subparsers.add_parser(
        "apply", help="dry-run or apply the migration that fixes the drift",
        description="Run the plan: --dry-run proves it and rolls back; --yes proves it, then commits it.")
    add_source_args(parser)
    add_decision_args(parser)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true",
                      help="run upgrade, re-check, downgrade, re-check, and roll everything back")
    mode.add_argument("--yes", action="store_true", help="apply for real (after the same dry run)")
    parser.add_argument("--lock-timeout", type=seconds_between(*LOCK_TIMEOUT_RANGE), default=5.0, metavar="SECONDS",
                        help="give up when a lock is not granted within SECONDS, 0.001 to 86400 (default 5)")
    parser.add_argument("--statement-timeout", type=statement_seconds, default=0.0, metavar="SECONDS",
                        help="cancel a statement that runs longer than SECONDS, 0.001 to 86400 (PostgreSQL "
                             "and MariaDB; default 0: no limit)")


def statement_seconds(text: str) -> float:
    """0 (no limit) or a number of seconds in the lock timeout's range."""
    from remedy.cli import seconds_between

    return 0.0 if text.strip() in ("0", "0.0") else seconds_between(*LOCK_TIMEOUT_RANGE)(text)


def print_progress(progress) -> None:
    """A statement still running (stderr): elapsed, table and estimated rows, or who holds its lock."""
    sys.stderr.write(f"remedy: … {progress.seconds:5.1f}s  {progress.name} ({progress.detail})\n")
    sys.stderr.flush()


def warn_large_rewrites(plan, scan) -> None:
    from remedy.apply import large_rewrites

    for line in large_rewrites(plan, scan):
        sys.stderr.write(f"remedy: warning: {line}\n")


def print_step(step) -> None:
    """One line per step; statements show their first line, a failed one its whole text."""
    sys.stdout.write(f"{_MARK[step.ok]} {step.seconds:7.3f}s  {step.name}" + (f": {step.message}" if step.message else "")
                     + "\n")
    if step.sql and not step.ok:
        sys.stdout.write("                statement: " + step.sql.replace("\n", "\n                           ") + "\n")
    elif step.sql and not step.name.startswith("check:"):
        first = step.sql.splitlines()[0]
        more = "…" if len(first) > 100 or len(step.sql.splitlines()) > 1 else ""
        sys.stdout.write(f"                {first[:100]}{more}\n")
    sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    from remedy.apply import apply, dry_run
    from remedy.cli.plan import prepare

    prepared = prepare(args)
    if prepared.plan.empty:
        sys.stdout.write("nothing to do: no finding needs a change\n")
        return ExitCode.OK
    if args.dry_run:
        warn_large_rewrites(prepared.plan, prepared.scan)
        report = dry_run(prepared.url, prepared.scan, prepared.plan, print_step, args.lock_timeout,
                         args.statement_timeout, print_progress)
        verdict = "passed" if report.ok else "FAILED"
        sys.stdout.write(f"dry run {verdict}, {report.where}\n")
        return ExitCode.OK if report.ok else ExitCode.DRIFT
    warn_large_rewrites(prepared.plan, prepared.scan)
    report = apply(prepared.url, prepared.scan, prepared.plan, prepared.decisions, print_step, args.lock_timeout,
                   args.statement_timeout, print_progress)
    from remedy.journal import journal_path

    if report.journal_error:
        sys.stderr.write(f"remedy: warning: {report.journal_error}\n")
    where = f"{journal_path()}" + (" and in the database (remedy.journal)" if dialects.get(prepared.plan.dialect).journal_in_database
                                   and "remedy.journal" not in report.journal_error else "")
    sys.stdout.write(f"applied {report.statements} statement(s); schema {report.fingerprint_before[:19]}… -> "
                     f"{report.fingerprint_after[:19]}…; recorded in {where}\n")
    return ExitCode.OK

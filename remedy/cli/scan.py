"""``remedy scan``: compare a live database with the expected schema and report the drift.

Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 on input errors
(raised as RemedyError and printed as one line by ``remedy.cli.main``).
"""
from __future__ import annotations

import argparse
import glob
import os
import shlex
import sys
import time
from datetime import datetime, timezone

from remedy.cli import scope_of
from remedy.db import database_url, mask_source
from remedy.errors import ExitCode, RemedyError, SourceError
from remedy.findings import SEVERITIES, ScanResult
from remedy.render.report import FORMATS, render
from remedy.render.report.common import summarize

FAIL_ON = ("any", "critical", "unread", "none")


def add_parser(subparsers) -> None:
    from remedy.cli import add_source_args

    parser = subparsers.add_parser(
        "scan", help="report the drift between a live database and the expected schema",
        description="Compare a live database with the expected schema (and the SQL in --code) and report the drift.")
    add_source_args(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--fail-on", choices=FAIL_ON, default="any",
                        help="exit 1 when a finding is at or above this severity (default: any); "
                             "unread: as any, and also when --code found SQL it could not read")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    from remedy.scan import scan

    url = database_url(args.db)
    if not args.expected and not args.code:
        raise RemedyError("nothing to compare against", "pass --expected SOURCE and/or --code PATH")
    _check_code_paths(args.code)
    progress = _progress()
    started = time.perf_counter()
    result = scan(url, args.expected, tuple(args.code), scope=scope_of(args),
                  ignore_extension_versions=args.ignore_extension_versions,
                  with_privileges=args.with_privileges, with_owners=args.with_owners, progress=progress)
    text = render(result, args.format, color=_use_color(args.output), generated_at=_now(),
                  source_flags=_source_flags(args, result.database_url))
    _write(text, args.output)
    if progress:
        done = f"{summarize(result).severity_line()} in {time.perf_counter() - started:.2f} s"
        progress("done", done + (f"; {args.format} report written to {args.output}" if args.output else ""))
    return exit_code(result, args.fail_on)


def exit_code(result: ScanResult, fail_on: str) -> ExitCode:
    """DRIFT when a finding is at or above ``fail_on`` (any | critical | unread | none); ``unread`` is
    ``any`` plus any SQL site of --code that could not be read."""
    if fail_on == "none":
        return ExitCode.OK
    coverage = result.code_coverage
    if fail_on == "unread" and coverage is not None and coverage.counts.unread:
        return ExitCode.DRIFT
    threshold = SEVERITIES.index("critical") if fail_on == "critical" else len(SEVERITIES)
    ranks = [SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
             for f in result.findings]
    return ExitCode.DRIFT if any(rank <= threshold for rank in ranks) else ExitCode.OK


def _check_code_paths(paths: list[str]) -> None:
    """Fail before connecting when a --code path names nothing."""
    for path in paths:
        if glob.has_magic(path):
            if not glob.glob(path, recursive=True):
                raise SourceError(f"--code {path}: the pattern matches no file")
        elif not os.path.exists(path):
            raise SourceError(f"--code {path}: no such file or directory")


def _source_flags(args: argparse.Namespace, masked_url: str) -> str:
    """The inputs as flags for the report's next steps; the URL stays masked (or the env var)."""
    db = '"$REMEDY_DATABASE_URL"' if not args.db else shlex.quote(masked_url)
    flags = [f"--db {db}"]
    flags += [f"--expected {shlex.quote(mask_source(args.expected))}"] if args.expected else []
    flags += [f"--code {shlex.quote(path)}" for path in args.code]
    flags += [shlex.quote(flag) for flag in scope_of(args).flags()]
    flags += [flag for flag, on in (("--ignore-extension-versions", args.ignore_extension_versions),
                                    ("--with-privileges", args.with_privileges),
                                    ("--with-owners", args.with_owners)) if on]
    return " ".join(flags)


def _progress():
    """Stage lines on stderr, only when a person is watching it."""
    if not sys.stderr.isatty():
        return None

    def report(stage: str, detail: str) -> None:
        sys.stderr.write(f"remedy: {stage}: {detail}\n")
        sys.stderr.flush()

    return report


def _use_color(output: str | None) -> bool:
    if output or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _write(text: str, output: str | None) -> None:
    if not output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise RemedyError(f"cannot write {output}: {exc.strerror or type(exc).__name__}") from None

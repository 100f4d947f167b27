"""``remedy`` command line: arguments -> core -> ExitCode.

Data goes to stdout, diagnostics to stderr. Each subcommand lives in its own
module exposing ``add_parser(subparsers)`` and ``run(args) -> int``.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import math
import os
import sys

from remedy.errors import ExitCode, RemedyError, exit_code_for

COMMANDS = ("scan", "plan", "apply", "demo", "catalog", "history")


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        sys.stderr.write(f"remedy: {message} (see 'remedy --help')\n")
        raise SystemExit(ExitCode.USAGE)


def add_source_args(parser: argparse.ArgumentParser, expected_required: bool = False) -> None:
    """The flags every command that scans takes: --db, --expected, --code, --schema.

    Defaults live on the root parser only (``SOURCE_DEFAULTS``): a subcommand's unset flag must not
    overwrite ``remedy --db URL scan ...``.
    """
    parser.add_argument("--db", default=argparse.SUPPRESS, help="live database URL (default: $REMEDY_DATABASE_URL)")
    parser.add_argument("--expected", required=expected_required, metavar="SOURCE", default=argparse.SUPPRESS,
                        help="catalog dir, .sql file, database URL or python:module:attr")
    parser.add_argument("--code", action="append", default=argparse.SUPPRESS, metavar="PATH",
                        help="application source (file, directory or glob) whose SQL is expected to work")
    parser.add_argument("--schema", action="append", default=argparse.SUPPRESS, metavar="NAME",
                        help="compare only this schema, on both sides (repeatable; default: every non-system schema)")
    parser.add_argument("--exclude-schema", action="append", default=argparse.SUPPRESS, metavar="NAME",
                        help="leave this schema out, on both sides (repeatable)")
    parser.add_argument("--map-schema", action="append", default=argparse.SUPPRESS, metavar="LIVE=EXPECTED",
                        help="compare the expected schema EXPECTED with the live schema LIVE (repeatable)")
    parser.add_argument("--ignore-extension-versions", action="store_true", default=argparse.SUPPRESS,
                        help="compare which extensions are installed, not their versions")
    parser.add_argument("--with-privileges", action="store_true", default=argparse.SUPPRESS,
                        help="also compare grants (tables, columns, sequences, functions, types, schemas) and "
                             "default privileges for the roles the expected schema names")
    parser.add_argument("--with-owners", action="store_true", default=argparse.SUPPRESS,
                        help="also compare owners (schemas, tables, views, sequences, functions, types); off by "
                             "default, as owners differ legitimately between environments")


def seconds_between(low: float, high: float):
    """An argparse type: a finite number of seconds in [low, high], else a one-line usage error."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is out of range: give {low:g} to {high:g} seconds")
        return value
    return parse


SOURCE_DEFAULTS = {"db": None, "expected": None, "code": [], "schema": [], "exclude_schema": [], "map_schema": [],
                   "ignore_extension_versions": False, "with_privileges": False, "with_owners": False}


def scope_of(args: argparse.Namespace):
    """The comparison scope the flags ask for (remedy.scope.Scope)."""
    from remedy.scope import Scope

    return Scope.of(args.schema, args.exclude_schema, args.map_schema)


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="remedy", description="Find and fix database schema drift.")
    add_source_args(parser)
    parser.set_defaults(**SOURCE_DEFAULTS)
    parser.add_argument("--decisions", dest="tui_decisions", metavar="FILE",
                        help="open the TUI with the decisions of this file (checked against the live schema)")
    sub = parser.add_subparsers(dest="command", parser_class=ArgumentParser, metavar="COMMAND")
    for name in COMMANDS:
        module = _command_module(name)
        if module is not None:
            module.add_parser(sub)
    return parser


def _command_module(name: str):
    try:
        return importlib.import_module(f"remedy.cli.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"remedy.cli.{name}":
            return None
        raise


def main(argv: list[str] | None = None) -> int:
    """Run one command. The cyclic garbage collector is off while it runs (imports included; as it was before
    once it returns): a command runs once and exits, and what it builds, ~100,000 acyclic model objects for
    2,000 tables, is freed by reference counting, while each pass of the collector walks all of it again
    (~0.1 s CPU of a 2,000-table scan). The TUI lives on: it turns the collector back on
    (remedy.tui.app.run_app)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str] | None) -> None:
    from remedy.db import mask_text

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from remedy.cli import tui

            code = tui.run(args)
        else:
            code = _command_module(args.command).run(args)
    except RemedyError as exc:
        sys.stderr.write(f"remedy: {mask_text(str(exc))}\n")
        code = exit_code_for(exc)
    except KeyboardInterrupt:
        sys.stderr.write("remedy: interrupted\n")
        code = 130
    except Exception as exc:  # a bug of ours: still one line, the traceback on request
        if os.environ.get("REMEDY_DEBUG") == "1":
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        sys.stderr.write(f"remedy: internal error: {type(exc).__name__}: {mask_text(first)}"
                         " (REMEDY_DEBUG=1 shows the traceback)\n")
        code = ExitCode.USAGE
    raise SystemExit(int(code))

"""A small mutation tester: does any test fail when one decision in a module is turned around?

    .venv/bin/python scripts/mutation.py remedy/apply.py -- tests/integration/test_apply_postgresql.py ...

Each mutant changes one thing (a comparison flipped, `and`/`or` swapped, an `if` negated, a `raise`
or `return` value dropped, a number moved by one) in a copy of the repository under a temporary
directory, then runs the given tests there (`-x`). A mutant no test kills is printed with its line.
The mutants are made with ``ast`` so every one is valid Python; the live tree is never touched.

Each test run is a fork of this process, which has imported pytest and the heavy third-party modules
(never remedy) once, so a mutant costs the tests and not the imports; ``--subprocess`` starts a fresh
interpreter per mutant instead. ``--sample N`` tests every Nth mutant only (for slow test selections).

``--covered-by DATA`` adds, for each mutant, the tests that run its line: DATA is coverage data whose contexts are
test node ids, as ``scripts/mutation_map.py`` records them (those that passed there, fastest first, by the ``durations*.json`` beside it;
``--budget`` caps their recorded time). The given tests run first, so cheap unit tests kill what they can.
"""
from __future__ import annotations

import argparse
import ast
import copy
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FLIP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE,
         ast.LtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


def mutants(tree: ast.Module):
    """(line, description, mutated tree) for every single change."""
    for index, node in enumerate(ast.walk(tree)):
        for description, change in _changes(node):
            mutated = copy.deepcopy(tree)
            target = list(ast.walk(mutated))[index]
            change(target)
            yield node.lineno, description, mutated


def _changes(node: ast.AST):
    if isinstance(node, ast.Compare) and type(node.ops[0]) in _FLIP:
        yield "comparison flipped", lambda n: n.ops.__setitem__(0, _FLIP[type(n.ops[0])]())
    if isinstance(node, ast.BoolOp):
        yield "and/or swapped", lambda n: setattr(n, "op", ast.Or() if isinstance(n.op, ast.And) else ast.And())
    if isinstance(node, (ast.If, ast.IfExp, ast.While)):
        yield "condition negated", lambda n: setattr(n, "test", ast.UnaryOp(ast.Not(), n.test))
    if isinstance(node, ast.Raise) and node.exc is not None:
        yield "raise removed", lambda n: setattr(n, "exc", ast.Call(ast.Name("_NoRaise"), [], []))
    if isinstance(node, ast.Return) and node.value is not None:
        yield "return value dropped", lambda n: setattr(n, "value", ast.Constant(None))
    if isinstance(node, ast.Constant) and type(node.value) is int:
        yield f"{node.value} -> {node.value + 1}", lambda n: setattr(n, "value", n.value + 1)


_NO_RAISE = "\n\nclass _NoRaise(BaseException):\n    pass\n"  # never caught: a removed raise still stops


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("module")
    parser.add_argument("tests", nargs="*")
    parser.add_argument("--lines", default="", help="only the mutants on these lines (comma-separated)")
    parser.add_argument("--sample", type=int, default=1, metavar="N",
                        help="only every Nth mutant, counted over the whole module in ast.walk order (1: all)")
    parser.add_argument("--offset", type=int, default=0, help="with --sample: start at this mutant (0..N-1)")
    parser.add_argument("--numbers", default="",
                        help="only these mutants (comma-separated, as a SURVIVED line shows them after '#')")
    parser.add_argument("--covered-by", metavar="DATA", help="coverage data by test (scripts/mutation_map.py): "
                        "each mutant also runs the tests that run its line")
    parser.add_argument("--budget", type=float, default=float("inf"), metavar="SECONDS",
                        help="with --covered-by: the covering tests, fastest first, up to this much recorded time")
    parser.add_argument("--subprocess", action="store_true", help="a fresh interpreter per mutant (no fork)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds for one mutant's test run; past it the mutant counts as killed (a hang)")
    args = parser.parse_args()
    killed_by = _killed if args.subprocess or not hasattr(os, "fork") else _preloaded()
    lines = {int(n) for n in args.lines.split(",") if n}
    numbers = {int(n) for n in args.numbers.split(",") if n}
    covering = _covering(args.covered_by, args.module, args.budget) if args.covered_by else lambda line: []
    source = (ROOT / args.module).read_text()
    tree = ast.parse(source)
    work = Path(tempfile.mkdtemp(prefix="remedy-mutation-"))
    shutil.copytree(ROOT, work / "repo", ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__"))
    killed, survived = 0, []
    started = time.perf_counter()
    try:
        for number, (line, description, mutated) in enumerate(mutants(tree)):
            if (number - args.offset) % args.sample or (lines and line not in lines) \
                    or (numbers and number not in numbers):
                continue
            (work / "repo" / args.module).write_text(ast.unparse(mutated) + _NO_RAISE)
            more = covering(line)
            if not args.tests and not more:  # no test runs the line (pytest without arguments would run them all)
                survived.append(f"{args.module}:{line}: {description} #{number} (no test runs the line)")
                print("SURVIVED", survived[-1], flush=True)
                continue
            if killed_by(work / "repo", [*args.tests, *more], args.timeout):
                killed += 1
                print(f"killed {args.module}:{line}: {description} #{number}", flush=True)
            else:
                ran = f" ({len(more)} covering tests)" if args.covered_by else ""
                survived.append(f"{args.module}:{line}: {description} #{number}{ran}")
                print("SURVIVED", survived[-1], flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = killed + len(survived)
    print(f"{args.module}: {killed} of {total} mutants killed ({100 * killed / max(total, 1):.0f}%)"
          f" in {time.perf_counter() - started:.0f} s")
    return 0


def _covering(data_file: str, module: str, budget: float):
    """line -> the node ids of the tests that ran it (the statement it is part of), fastest first."""
    import coverage
    from coverage.parser import PythonParser

    parser = PythonParser(filename=str(ROOT / module))
    parser.parse_source()  # first_line: the line a statement that spans several lines is recorded on
    data = coverage.CoverageData(data_file)
    data.read()
    by_line: dict[int, list[str]] = {}
    for measured in data.measured_files():
        if Path(measured).as_posix().endswith("/" + module):
            for line, contexts in data.contexts_by_lineno(measured).items():
                by_line.setdefault(line, []).extend(c for c in contexts if c)
    seconds = {}
    for timings in Path(data_file).parent.glob("durations*.json"):
        seconds.update(json.loads(timings.read_text()))

    def tests(line: int) -> list[str]:
        chosen, spent = [], 0.0
        passed = {t for t in by_line.get(parser.first_line(line), ()) if t in seconds}  # those that passed
        for test in sorted(passed, key=lambda t: (seconds[t], t)):
            spent += seconds[test]
            if chosen and spent > budget:
                break
            chosen.append(test)
        return chosen
    return tests


def _killed(repo: Path, tests: list[str], timeout: float) -> bool:
    env = {**os.environ, "PYTHONPATH": str(repo), "HOME": str(repo)}
    try:
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                             cwd=repo, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return True  # a mutant that hangs the tests is caught too
    return run.returncode != 0


_PRELOAD = ("pytest", "pytest_asyncio", "pytest_timeout", "xdist", "pytest_textual_snapshot", "sqlalchemy",
            "sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.sqlite", "sqlglot",
            "sqlglot.dialects", "alembic", "alembic.operations", "psycopg", "pymysql", "textual.app")


def _preloaded():
    """Import the third-party modules once; each test run is then a fork that imports only remedy and the tests."""
    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    assert not any(name == "remedy" or name.startswith(("remedy.", "tests")) for name in sys.modules)
    return _killed_in_fork


def _killed_in_fork(repo: Path, tests: list[str], timeout: float) -> bool:
    pid = os.fork()
    if pid == 0:  # the child: the mutated copy first on the path, as PYTHONPATH puts it for a subprocess
        code = 70
        try:
            os.chdir(repo)
            os.environ.update(PYTHONPATH=str(repo), HOME=str(repo))
            sys.path.insert(0, str(repo))
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            import pytest
            code = int(pytest.main(["-q", "-x", "-p", "no:cacheprovider", *tests]))
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) != 0
        if time.monotonic() > deadline:  # a mutant that hangs the tests is caught too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return True
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main())

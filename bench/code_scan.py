"""Benchmark: reading code expectations from a large tree, cold and warm (cache).

    .venv/bin/python bench/code_scan.py [--files 10000] [--per-file 2] [--tables 200] [--keep DIR]

Generates a tree of FILES source files (70% Go, 15% Python, 10% TypeScript, 5% .sql)
holding FILES x PER_FILE queries of mixed shapes (aliases and joins, CTEs, upserts with
RETURNING, correlated subqueries, concatenated and templated strings), over TABLES
synthetic tables. Then times ``remedy.sources.code.read_code`` with the live schema given
for resolution (no database: PREPARE proofs are a per-statement round trip measured apart):

  cold         empty cache: walk, read, find strings, parse and analyze every statement
  warm         the same tree again: every file's analysis comes from the cache
  touched_1%   1% of the files edited: only those are parsed again
  no_cache     cache disabled (what every run would cost without it)
  prove        with --db (a PostgreSQL server URL): PREPARE every statement in a scratch
               database holding the TABLES tables (created, then dropped)

Each run is in-process, one after the other; times are wall clock (perf_counter) and this
process's CPU time (process_time), which a busy machine disturbs less.

    .venv/bin/python bench/code_scan.py --cpu-runs 3

instead runs each of cold (empty cache) and warm (cache filled) RUNS times as its own process, the way
a user runs remedy, and reports the CPU time (user + sys, ``getrusage`` of the children) of each: min and
median, whole process (imports included) and the reading alone, with the load average before and after.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from remedy.model import Column, Table, build_schema  # noqa: E402
from remedy.sources.code import read_code  # noqa: E402

COLUMNS = ("id", "owner_id", "name", "status", "amount", "payload", "created_at", "updated_at", "note", "rank")


def schema(tables: int):
    return build_schema("postgresql", [
        Table(f"t_{i:03d}", "public", tuple(Column(c, "text") for c in COLUMNS)) for i in range(tables)
    ], schemas=("public",))


def statement(rng: random.Random, tables: int, n: int) -> str:
    a, b = (f"t_{rng.randrange(tables):03d}" for _ in range(2))
    c1, c2, c3 = rng.sample(COLUMNS[1:], 3)
    shapes = [
        f"SELECT x.id, x.{c1}, y.{c2} FROM {a} x JOIN {b} y ON y.owner_id = x.id WHERE x.{c3} = $1 AND x.{c1} IS NOT NULL",
        f"INSERT INTO {a} (id, {c1}, {c2}) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET {c2} = EXCLUDED.{c2} "
        f"RETURNING id, {c3}",
        f"WITH recent AS (SELECT owner_id, count(*) AS n FROM {b} WHERE created_at > $1 GROUP BY owner_id) "
        f"UPDATE {a} t SET rank = r.n, updated_at = now() FROM recent r WHERE t.id = r.owner_id RETURNING t.id",
        f"SELECT id, {c1} FROM {a} WHERE EXISTS (SELECT 1 FROM {b} WHERE {b}.owner_id = {a}.id AND {b}.{c2} = $1) "
        f"ORDER BY {c1} LIMIT {n % 50 + 1}",
        f"DELETE FROM {a} WHERE {c1} = $1 AND id NOT IN (SELECT owner_id FROM {b})",
    ]
    return shapes[n % len(shapes)]


def go_file(stmts: list[str], n: int) -> str:
    body = [f"package store{n % 50}\n", 'import "context"\n']
    for i, sql in enumerate(stmts):
        head, _, tail = sql.partition(" WHERE ")
        text = f"`\n\t\t{head}\n\t\tWHERE {tail}`" if tail else f'"{sql}"'
        body.append(f"// Query{i} runs statement {i} of file {n}.\nfunc (s *Store) Query{i}(ctx context.Context) error {{\n"
                    f"\tconst q = {text}\n\t_, err := s.db.ExecContext(ctx, q)\n\treturn err\n}}\n")
    return "\n".join(body)


def linked_go_file(stmts: list[str], n: int) -> str:
    """A Go file whose every query takes its column list from a helper of another file of its package."""
    body = ["package linked\n", 'import (\n\t"context"\n\t"strings"\n)\n']
    for i, sql in enumerate(stmts):
        table = sql.split(" FROM ", 1)[1].split()[0] if " FROM " in sql else "t_000"
        body.append(f"func (s *Store) Linked{i}(ctx context.Context) error {{\n"
                    f'\t_, err := s.db.ExecContext(ctx, "SELECT "+strings.Join(columns(), ", ")+" FROM {table} WHERE id = $1", 1)\n'
                    f"\treturn err\n}}\n")
    return "\n".join(body)


LINKED_HELPER = ('package linked\n\nfunc columns() []string {\n\treturn []string{\n\t\t"id",\n\t\t"name",\n'
                 '\t\t"status",\n\t}\n}\n')


def py_file(stmts: list[str], n: int) -> str:
    out = [f'"""Module {n}."""\n']
    for i, sql in enumerate(stmts):
        sql = sql.replace("$1", "%s").replace("$2", "%(b)s").replace("$3", "%(c)s")
        out.append(f'def query_{i}(cur, arg):\n    cur.execute("""\n        {sql}\n    """, (arg,))\n')
    return "\n".join(out)


def ts_file(stmts: list[str], n: int) -> str:
    return "\n".join(f"export const q{i}_{n} = (v: string) => sql`{s.replace('$1', '${v}')}`;\n"
                     for i, s in enumerate(stmts))


def sql_file(stmts: list[str], n: int) -> str:
    return "\n\n".join(f"-- name: Q{n}_{i}\n{s};" for i, s in enumerate(stmts)) + "\n"


WRITERS = [(".go", go_file, 70), (".py", py_file, 15), (".ts", ts_file, 10), (".sql", sql_file, 5)]


def generate(root: Path, files: int, per_file: int, tables: int, seed: int = 7, linked: float = 0.0) -> int:
    """The tree; with ``linked``, that share of the Go files (package ``linked``) take their column lists from
    a helper in another file of their directory (``columns.go``), which remedy reads across files."""
    rng = random.Random(seed)
    kinds = [w for w in WRITERS for _ in range(w[2])]
    every = round(1 / linked) if linked else 0
    count = 0
    for n in range(files):
        suffix, writer, _ = kinds[n % len(kinds)]
        stmts = [statement(rng, tables, count + i) for i in range(per_file)]
        count += per_file
        path = root / f"pkg{n // 200:03d}" / f"file_{n:05d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if every and suffix == ".go" and n % every == 0:
            writer = linked_go_file
            (path.parent / "columns.go").write_text(LINKED_HELPER)
        path.write_text(writer(stmts, n))
    return count


def timed(label: str, paths: list[str], live, cache: str | None, use_cache: bool = True) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    code = read_code(paths, live=live, cache=cache, use_cache=use_cache)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label:<12} {elapsed:8.2f} s wall {cpu:7.2f} s cpu   {len(code.statements):>6} statements  {code.files:>6} files  "
          f"{len(code.unresolved):>4} unresolved  {len(code.skipped):>3} skipped  "
          f"{code.schema.table_count} tables; {code.coverage.line}", flush=True)
    return elapsed


def touch(root: Path, fraction: float) -> int:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    step = max(1, int(1 / fraction))
    for path in files[::step]:
        path.write_text(path.read_text() + "\n// touched\n" if path.suffix in (".go", ".ts")
                        else path.read_text() + "\n-- touched\n" if path.suffix == ".sql"
                        else path.read_text() + "\n# touched\n")
    return len(files[::step])


def time_prove(server_url: str, paths: list[str], live, cache: str, tables: int) -> None:
    import sqlalchemy as sa

    from remedy.db import make_engine
    from remedy.sources.code import prove

    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    name = "remedy_bench_code"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine = make_engine(sa.engine.make_url(server_url).set(database=name))
    try:
        with engine.begin() as conn:
            for i in range(tables):
                conn.exec_driver_sql(f"CREATE TABLE t_{i:03d} (id text PRIMARY KEY, rank bigint, "
                                     + ", ".join(f"{c} text" for c in COLUMNS[1:] if c != "rank") + ")")
        code = read_code(paths, live=live, cache=cache)
        started = time.perf_counter()
        verdicts = prove(engine, code.statements)
        elapsed = time.perf_counter() - started
        statuses = {v.status for v in verdicts.values()}
        print(f"{'prove':<12} {elapsed:8.2f} s   {len(verdicts):>6} statements  "
              f"{len({s.sql for s in verdicts}):>6} distinct texts  verdicts: {sorted(statuses)}", flush=True)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def child(tree: str, cache: str, tables: int) -> None:
    """One run as its own process: read the tree, print the CPU time of the reading alone."""
    cpu = time.process_time()
    code = read_code([tree], live=schema(tables), cache=cache)
    print(f"{time.process_time() - cpu:.3f} {len(code.statements)}", flush=True)


def cpu_runs(tree: Path, work: Path, tables: int, runs: int) -> None:
    """Cold and warm, ``runs`` times each, each its own process: CPU time (user + sys) min and median."""
    def one(cache: Path) -> tuple[float, float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, "--child", str(tree), str(cache), str(tables)],
                             capture_output=True, text=True, check=True).stdout.split()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return total, float(out[0]), time.perf_counter() - started

    results: dict[str, list] = {"cold": [], "warm": []}
    for i in range(runs):
        cache = work / f"cache-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        for label in ("cold", "warm"):
            load = os.getloadavg()[0]
            results[label].append((*one(cache), load))
            total, reading, wall, _ = results[label][-1]
            print(f"{label:<5} run {i + 1}: {total:6.2f} s cpu (process), {reading:6.2f} s cpu (reading), "
                  f"{wall:6.2f} s wall, load {load:.1f}", flush=True)
    for label, rows in results.items():
        totals, readings = [r[0] for r in rows], [r[1] for r in rows]
        print(f"{label:<5} cpu min {min(totals):.2f} s / median {statistics.median(totals):.2f} s (process); "
              f"reading min {min(readings):.2f} s / median {statistics.median(readings):.2f} s; "
              f"load {min(r[3] for r in rows):.1f}-{max(r[3] for r in rows):.1f}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=2)
    parser.add_argument("--tables", type=int, default=200)
    parser.add_argument("--keep", help="generate into this directory and keep it")
    parser.add_argument("--db", help="PostgreSQL server URL: also time the PREPARE proofs")
    parser.add_argument("--linked", type=float, default=0.0,
                        help="share of the Go files whose column lists come from a helper of another file")
    parser.add_argument("--cpu-runs", type=int, default=0,
                        help="instead: cold and warm RUNS times each as their own process, CPU time min and median")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="remedy-code-bench-"))
    tree, cache = work / "tree", str(work / "cache")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    started = time.perf_counter()
    total = generate(tree, args.files, args.per_file, args.tables, linked=args.linked)
    print(f"generated {args.files} files, {total} statements in {time.perf_counter() - started:.1f} s ({tree})")
    import sqlglot.parser

    compiled = sqlglot.parser.__file__.endswith(".so")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"sqlglot {'compiled (sqlglotc)' if compiled else 'pure Python'}")
    if args.cpu_runs:
        cpu_runs(tree, work, args.tables, args.cpu_runs)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    live = schema(args.tables)
    timed("cold", [str(tree)], live, cache)
    timed("warm", [str(tree)], live, cache)
    print(f"(edited {touch(tree, 0.01)} files)")
    timed("touched_1%", [str(tree)], live, cache)
    timed("no_cache", [str(tree)], live, None, use_cache=False)
    if args.db:
        time_prove(args.db, [str(tree)], live, cache, args.tables)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

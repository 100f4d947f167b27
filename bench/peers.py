"""Whole-process benchmark: remedy against migra, alembic and a psql floor, on drifted PostgreSQL pairs.

    .venv/bin/python bench/peers.py [--sizes 10,100,1000] [--repeat 5] [--db URL]
                                    [--baseline 03d0ed7 --baseline be8ce97] [--out bench/PEERS_RESULTS.md]

For each size it builds (or reuses, when the DDL is unchanged) two databases, bench_peers_<N>_live (A) and
bench_peers_<N>_expected (B), from bench/drifted_pair.py, then times every tool as a whole process started
from here, imports included, interleaved round by round (the order rotates each round), after one untimed
round that warms the server's caches and gives each tool's count of differences:

  floor         one psql reading both schemas with plain catalog queries (what any tool has to read)
  floor, remedy's queries
                one psql running the catalog queries remedy runs (remedy/sources/sql), the same ones on each side
                (the live side's grants, owners and roles, and its inventory, too), one after the other: the server's
                share of a scan, with nothing built or compared
  remedy scan   remedy scan --db A --expected B --format json -o FILE
  remedy plan   remedy plan --db A --expected B --renames reject --allow-destructive -o FILE
  remedy scan catalog, cold / warm
                remedy scan --db A --expected CATALOG (a catalog `remedy catalog init` wrote of B, untimed): cold is
                the first run after the catalog changed (remedy's catalog and scratch caches emptied before each
                run, so the server reads the DDL in a scratch database again); warm is a rerun from those caches
  migra         migra --unsafe A B, in its own venv (bench/.venv-peers: migra[pg], SQLAlchemy < 2, psycopg2)
  alembic       bench/alembic_compare.py A B: reflect B, compare_metadata against A
  scan @REV     remedy scan of an older commit (git archive REV remedy), for the cost of newer object kinds;
                with --schema public at HEAD as well, since older commits read only the search path

Children run without PYTHONDONTWRITEBYTECODE, so remedy runs from its bytecode (written by the untimed warm-up
round), as a pip-installed remedy does and as the peers' packages do.

Wall time (perf_counter around the child), CPU time and peak RSS (wait4's rusage of the child) per run;
the report gives min and median. After the timing, remedy's plan is applied with psql to a copy of A, and
every tool compares that copy with B again: what a tool still reports there is what it sees and remedy's
plan did not change. Nothing here is a test; nothing here runs in the test suite.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import drifted_pair  # noqa: E402

KNOWN_BASELINES = {
    "03d0ed7": "the parent of 6a13e16, which brought issue 9's column kinds (serial, identity, generated, "
               "collation) and extra and changed keys, constraints and indexes (read, compared, planned); issue 9's "
               "scope commit (ef3eda1: every schema, missing/extra schema, not_compared) landed after it as well. "
               "Issue 10's views, functions, triggers, policies... (27a88f8) are already in it, so this pair "
               "measures issue 9's kinds.",
    "be8ce97": "the last commit before this round of issues 9 and 10 (26 Nov): before the per-dialect homes, issue "
               "9's kinds and issue 10's views, functions, triggers and the rest. The pair measures all of them.",
}
PEERS_VENV = ROOT / "bench" / ".venv-peers"
PYTHON = sys.executable
PSQL = shutil.which("psql") or "psql"
FLOOR_SQL = """
SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r','p','v','m') AND n.nspname !~ '^(pg_|information_schema)';
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
       a.attidentity, a.attgenerated
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE c.relkind IN ('r','p','v','m') AND n.nspname !~ '^(pg_|information_schema)' AND a.attnum > 0
   AND NOT a.attisdropped;
SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname !~ '^(pg_|information_schema)';
SELECT ic.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname !~ '^(pg_|information_schema)';
SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('v','m') AND n.nspname !~ '^(pg_|information_schema)';
SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY 1, e.enumsortorder;
SELECT nspname FROM pg_namespace;
SELECT extname, extversion FROM pg_extension;
"""


# --------------------------------------------------------------------------- databases


def conninfo(admin_url: str, dbname: str) -> str:
    """A libpq URL for psql, migra and remedy (postgresql://user@host:port/db)."""
    m = re.match(r"postgresql(?:\+\w+)?://([^/]*)/?", admin_url)
    return f"postgresql://{m.group(1) if m else 'postgres@127.0.0.1:5432'}/{dbname}"


def psql(url: str, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, *args], input=stdin,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"psql failed on {url}: {done.stderr.strip()[:500]}")
    return done.stdout


def load(admin_url: str, name: str, ddl: str) -> str:
    """Create database NAME from DDL, unless it already holds exactly this DDL (its comment is the hash)."""
    url, digest = conninfo(admin_url, name), hashlib.sha256(ddl.encode()).hexdigest()[:16]
    have = psql(admin_url, "-At", "-c",
                f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'").strip()
    if have == f"bench_peers {digest}":
        return url
    psql(admin_url, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', "-c", f'CREATE DATABASE "{name}"')
    psql(url, "-f", "-", stdin="SET synchronous_commit = off;\n" + ddl)  # one transaction would exhaust the locks
    psql(url, "-c", "ANALYZE", "-c", f"COMMENT ON DATABASE \"{name}\" IS 'bench_peers {digest}'")
    return url


def copy_database(admin_url: str, source: str, name: str) -> str:
    psql(admin_url, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
         "-c", f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    return conninfo(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    psql(admin_url, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------- tools


@dataclass(frozen=True)
class Tool:
    name: str
    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    output: str = "stdout"      # where its differences go: "stdout" or a file path in argv
    counts: str = ""            # how to count them: remedy_json, plan_stderr, migra_sql, lines, none
    cold: bool = False          # remedy's catalog and scratch caches are emptied before each run (untimed)


def remedy_argv(rev_dir: Path | None) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The remedy console script, or the same entry point run from an older commit's tree."""
    if rev_dir is None:
        return (str(Path(PYTHON).parent / "remedy"),), ()
    entry = 'import sys; from remedy.cli import main; sys.argv[0] = "remedy"; sys.exit(main())'
    return (PYTHON, "-c", entry), (("PYTHONPATH", str(rev_dir)),)


def tools(live: str, expected: str, work: Path, baselines: dict[str, Path], catalog: Path) -> list[Tool]:
    remedy, _ = remedy_argv(None)
    scan = ("scan", "--db", live, "--expected", expected, "--format", "json")
    on_catalog = ("scan", "--db", live, "--expected", str(catalog), "--format", "json")
    out = [
        Tool("floor", (PSQL, "-X", "-q", "-o", "/dev/null", "-d", live, "-f", str(work / "floor.sql")),
             counts="none"),
        Tool("floor, remedy's queries", (PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-d", live,
                                         "-f", str(work / "floor_remedy.sql")), counts="none"),
        Tool("remedy scan", (*remedy, *scan, "-o", str(work / "scan.json")), output=str(work / "scan.json"),
             counts="remedy_json"),
        Tool("remedy plan", (*remedy, "plan", "--db", live, "--expected", expected, "--renames", "reject",
                             "--allow-destructive", "-o", str(work / "plan.sql")), counts="plan_stderr"),
        Tool("migra", (str(PEERS_VENV / "bin" / "migra"), "--unsafe", live, expected), counts="migra_sql"),
        Tool("alembic", (PYTHON, str(ROOT / "bench" / "alembic_compare.py"), live, expected), counts="lines"),
        *[Tool(f"remedy scan catalog, {how}", (*remedy, *on_catalog, "-o", str(work / f"scan_catalog_{how}.json")),
               output=str(work / f"scan_catalog_{how}.json"), counts="remedy_json", cold=how == "cold")
          for how in ("cold", "warm")],
    ]
    if baselines:
        out.append(Tool("remedy scan --schema public", (*remedy, *scan, "--schema", "public", "-o",
                                                        str(work / "scan_public.json")),
                        output=str(work / "scan_public.json"), counts="remedy_json"))
    for rev, tree in baselines.items():
        argv, env = remedy_argv(tree)
        path = str(work / f"scan_{rev}.json")
        out.append(Tool(f"remedy scan @{rev}", (*argv, *scan, "-o", path), env, output=path, counts="remedy_json"))
    return out


def write_floor_sql(work: Path, live: str, expected: str) -> None:
    (work / "floor.sql").write_text(FLOOR_SQL + f"\\c {expected}\n" + FLOOR_SQL)
    (work / "floor_remedy.sql").write_text(remedy_queries(live, live=True) + f"\\c {expected}\n"
                                           + remedy_queries(expected, live=False))


REMEDY_SQL = ROOT / "remedy" / "sources" / "sql"
# The order remedy reads in (remedy.sources.live, remedy.sources.objects), and what only the live side reads in a
# plain scan (the expected side skips what it does not compare: remedy.sources.objects.ON_REQUEST).
REMEDY_TABLE_QUERIES = ("enums", "tables", "columns", "constraints", "indexes", "extensions")
REMEDY_OBJECT_QUERIES = ("views", "functions", "triggers", "policies", "rls", "comments", "sequences",
                         "extension_versions", "domains", "types", "partitions", "grants", "default_privileges",
                         "owners", "roles")
LIVE_ONLY = ("grants", "default_privileges", "owners", "roles")


def remedy_queries(url: str, live: bool) -> str:
    """remedy's catalog queries for one database, its schemas written in (every one but the server's own and
    remedy's), in one REPEATABLE READ, READ ONLY transaction as remedy reads them; the inventory in one after."""
    names = psql(url, "-At", "-c", "SELECT nspname FROM pg_namespace WHERE nspname !~ '^(pg_|information_schema$)' "
                                   "AND nspname <> 'remedy' ORDER BY 1").split()
    schemas = "ARRAY[" + ", ".join("'" + n.replace("'", "''") + "'" for n in names) + "]::text[]"
    wanted = [q for q in (*REMEDY_TABLE_QUERIES, *REMEDY_OBJECT_QUERIES, "inventory") if live or q not in LIVE_ONLY]
    out = ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;", "SELECT nspname FROM pg_namespace ORDER BY nspname;"]
    for name in wanted:
        if name == REMEDY_OBJECT_QUERIES[0]:
            out.append("SELECT set_config('search_path', 'pg_catalog', true);")
        sql = (REMEDY_SQL / f"postgresql_{name}.sql").read_text().replace("%(schemas)s", schemas)
        out.append(sql.rstrip().rstrip(";") + ";")
        if name == "inventory":
            out.insert(-1, "COMMIT;\nBEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;")
    return "\n".join(out + ["COMMIT;", ""])


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    rss_mb: float
    rc: int
    stdout: str
    stderr: str


CATALOG_CACHES = ("catalog-*.pickle", "scratch-*.pickle")  # remedy's parsed catalogs and scratch readings


def run(tool: Tool, env: dict[str, str]) -> Run:
    """One whole process: wall time around it, CPU and peak RSS from its own rusage (wait4)."""
    if tool.cold:
        for pattern in CATALOG_CACHES:
            for path in (Path(env["REMEDY_HOME"]) / "cache").glob(pattern):
                path.unlink()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        pid = os.posix_spawn(tool.argv[0], list(tool.argv), {**env, **dict(tool.env)},
                             file_actions=[(os.POSIX_SPAWN_DUP2, out.fileno(), 1),
                                           (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        text_out, text_err = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
               text_out, text_err)


OK_CODES = {"remedy_json": {0, 1}, "plan_stderr": {0}, "migra_sql": {0, 2}, "lines": {0}, "none": {0}}


def check(tool: Tool, result: Run) -> None:
    if result.rc not in OK_CODES[tool.counts]:
        raise SystemExit(f"{tool.name} exited {result.rc}: {(result.stderr or result.stdout).strip()[-800:]}")


def differences(tool: Tool, result: Run) -> list[str]:
    """What the tool reports, one entry per difference (remedy: finding ids; migra: statements)."""
    if tool.counts == "remedy_json":
        return [f["id"] for f in json.loads(Path(tool.output).read_text())["findings"]]
    if tool.counts == "plan_stderr":
        m = re.search(r"(\d+) operation\(s\)", result.stderr)
        return ["op"] * int(m.group(1)) if m else []
    if tool.counts == "migra_sql":
        return [s.strip() for s in re.split(r";\s*\n", result.stdout) if s.strip()]
    if tool.counts == "lines":
        return [line for line in result.stdout.splitlines() if line.strip()]
    return []


def tokens(drift: drifted_pair.Drift) -> tuple[str, ...]:
    """The names an entry must hold: a column with its table; an index or constraint by its own name."""
    parts = drift.object_id.split(".")
    if drift.kind == "missing_schema":
        return ("schema", parts[0])
    if len(parts) == 3 and parts[2].startswith(parts[1] + "_"):
        return (parts[2],)
    return tuple(parts[1:] or parts)


def mentions(entries: list[str], drift: drifted_pair.Drift) -> bool:
    """A peer's output mentions a drift when one entry names all of its objects (whole words)."""
    pats = [re.compile(rf"(?<![A-Za-z0-9_]){re.escape(t)}(?![A-Za-z0-9_])", re.I) for t in tokens(drift)]
    return any(all(p.search(e) for p in pats) for e in entries)


def found(tool: Tool, entries: list[str], drifts: tuple[drifted_pair.Drift, ...]) -> int | None:
    if tool.counts == "remedy_json":
        ids = set(entries)
        return sum(f"{d.kind}:{d.object_id}" in ids for d in drifts)
    if tool.counts in ("migra_sql", "lines"):
        return sum(mentions(entries, d) for d in drifts)
    return None


@dataclass
class Row:
    tool: Tool
    runs: list[Run] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    found: int | None = None
    after_plan: int | None = None


def rounds(rows: list[Row], repeat: int, env: dict[str, str]) -> None:
    for r in range(repeat):
        order = rows[r % len(rows):] + rows[:r % len(rows)]
        for row in order:
            result = run(row.tool, env)
            check(row.tool, result)
            row.runs.append(result)
        print(f"  round {r + 1}/{repeat}: " + ", ".join(f"{x.tool.name} {x.runs[-1].wall:.2f}s" for x in rows),
              file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- one size


@dataclass
class SizeResult:
    size: int
    drifts: tuple[drifted_pair.Drift, ...]
    rows: list[Row]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    unexpected: list[str]
    build_s: float


def skipped(args, name: str, n: int) -> bool:
    """--skip NAME@SIZE (or NAME, at every size): a tool left out where one run would take minutes."""
    return name in args.skip or f"{name}@{n}" in args.skip


def bench_size(args, n: int, baselines: dict[str, Path], work: Path, env: dict[str, str]) -> SizeResult:
    started = time.perf_counter()
    p = drifted_pair.pair(n)
    live = load(args.db, f"bench_peers_{n}_live", p.live_sql)
    expected = load(args.db, f"bench_peers_{n}_expected", p.expected_sql)
    catalog = work / f"catalog-{n}"
    remedy, _ = remedy_argv(None)
    done = subprocess.run([*remedy, "catalog", "init", "--from-db", expected, "-o", str(catalog), "--force"],
                          capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"remedy catalog init failed: {done.stderr.strip()[-800:]}")
    build_s = time.perf_counter() - started
    write_floor_sql(work, live, expected)
    rows = [Row(t) for t in tools(live, expected, work, baselines, catalog) if not skipped(args, t.name, n)]
    print(f"{n} tables: databases ready in {build_s:.1f}s; warm-up round", file=sys.stderr, flush=True)
    for row in rows:
        if row.tool.cold:
            continue  # the warm row's first run here is the cold one that fills the caches
        result = run(row.tool, env)
        check(row.tool, result)
        row.entries = differences(row.tool, result)
        row.found = found(row.tool, row.entries, p.drifts)
    load_before = os.getloadavg()
    rounds(rows, min(args.repeat, args.cold_repeat), env)
    rounds([r for r in rows if not r.tool.cold], args.repeat - min(args.repeat, args.cold_repeat), env)
    for row in rows:
        if row.tool.cold:
            row.entries = differences(row.tool, row.runs[-1])
            row.found = found(row.tool, row.entries, p.drifts)
    rounds([r for r in rows if r.tool.name.startswith("remedy scan") and not r.tool.cold],
           args.scan_repeat - args.repeat, env)
    load_after = os.getloadavg()
    expected_ids = {f"{d.kind}:{d.object_id}" for d in p.drifts}
    unexpected = sorted(set(rows[1].entries) - expected_ids)
    after_plan(args.db, n, rows, env)
    return SizeResult(n, p.drifts, rows, load_before, load_after, unexpected, build_s)


def after_plan(admin_url: str, n: int, rows: list[Row], env: dict[str, str]) -> None:
    """Apply remedy's plan with psql to a copy of A that takes A's name (the script's guard checks the name),
    then let every tool compare it with B again; A is put back afterwards."""
    live, kept = f"bench_peers_{n}_live", f"bench_peers_{n}_pristine"
    psql(admin_url, "-c", f'ALTER DATABASE "{live}" RENAME TO "{kept}"')
    try:
        copy_database(admin_url, kept, live)
        psql(conninfo(admin_url, live), "-f", "plan.sql")
        for row in rows:
            if row.tool.counts in ("remedy_json", "migra_sql", "lines") and "@" not in row.tool.name \
                    and not row.tool.cold:
                result = run(row.tool, env)
                check(row.tool, result)
                row.after_plan = len(differences(row.tool, result))
    finally:
        drop_database(admin_url, live)
        psql(admin_url, "-c", f'ALTER DATABASE "{kept}" RENAME TO "{live}"')


# --------------------------------------------------------------------------- report


def fmt_s(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f}"


def versions(admin_url: str) -> dict[str, str]:
    def pip_version(python: Path, dist: str) -> str:
        code = f"import importlib.metadata as m; print(m.version('{dist}'))"
        done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
        return done.stdout.strip() or "not installed"

    peer_python = PEERS_VENV / "bin" / "python"
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "remedy"], capture_output=True,
                           text=True).stdout.strip()
    return {
        "remedy": f"{rev.stdout.strip()}{' (remedy/ modified)' if dirty else ''}",
        "PostgreSQL": psql(admin_url, "-At", "-c", "SHOW server_version").strip(),
        "Python": platform.python_version(),
        "SQLAlchemy (remedy, alembic)": pip_version(Path(PYTHON), "SQLAlchemy"),
        "alembic": pip_version(Path(PYTHON), "alembic"),
        "psycopg": pip_version(Path(PYTHON), "psycopg"),
        "migra": pip_version(peer_python, "migra"),
        "schemainspect": pip_version(peer_python, "schemainspect"),
        "SQLAlchemy (migra)": pip_version(peer_python, "SQLAlchemy"),
        "psycopg2 (migra)": pip_version(peer_python, "psycopg2-binary"),
        "psql": subprocess.run([PSQL, "--version"], capture_output=True, text=True).stdout.strip(),
    }


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {int(mem) // 1024 // 1024} GiB, {platform.platform()}"


def shell_line(tool: Tool) -> str:
    env = " ".join(f"{k}={v}" for k, v in tool.env)
    argv = [a.replace(str(ROOT) + "/", "") for a in tool.argv]
    argv = [a if a.startswith("$WORK") else shlex.quote(a) for a in argv]
    return f"{env + ' ' if env else ''}{' '.join(argv)}"


def size_table(res: SizeResult) -> list[str]:
    lines = [f"### {res.size:,} tables ({len(res.drifts)} injected drifts; load average (1/5/15 min) "
             f"{'/'.join(f'{x:.1f}' for x in res.load_before)} before the timed rounds, "
             f"{'/'.join(f'{x:.1f}' for x in res.load_after)} after)", "",
             "| tool | runs | wall min / median (s) | CPU min / median (s) | peak RSS median (MB) | "
             "differences reported | injected drifts found | left after remedy's plan |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in res.rows:
        walls, cpus = [r.wall for r in row.runs], [r.cpu for r in row.runs]
        rss = statistics.median(r.rss_mb for r in row.runs)
        count = "—" if row.tool.counts == "none" else str(len(row.entries))
        found_ = "—" if row.found is None else f"{row.found}/{len(res.drifts)}"
        after = "—" if row.after_plan is None else str(row.after_plan)
        lines.append(f"| {row.tool.name} | {len(row.runs)} | {fmt_s(walls)} | {fmt_s(cpus)} | {rss:.0f} | {count} | {found_} | {after} |")
    return lines


def ratio_lines(res: SizeResult) -> list[str]:
    med = {row.tool.name: statistics.median(r.wall for r in row.runs) for row in res.rows}
    scan = med["remedy scan"]
    cpu = {row.tool.name: statistics.median(r.cpu for r in row.runs) for row in res.rows}
    parts = [f"scan / floor {scan / med['floor']:.2f}× (CPU {cpu['remedy scan'] / cpu['floor']:.1f}×)"]
    same = "floor, remedy's queries"
    if same in med:
        parts.append(f"scan / floor with remedy's queries {scan / med[same]:.2f}×")
    for name, against, label, digits in (("remedy scan catalog, warm", "floor", "scan catalog warm / floor", 2),
                                         ("remedy scan catalog, cold", "floor", "scan catalog cold / floor", 2),
                                         ("remedy plan", "remedy scan", "plan / scan", 2),
                                         ("alembic", "remedy scan", "alembic / scan", 1),
                                         ("migra", "remedy scan", "migra / scan", 1)):
        if name in med:  # not where --skip left it out
            parts.append(f"{label} {med[name] / med[against]:.{digits}f}×")
    for name, value in med.items():
        if name.startswith("remedy scan @"):
            public = med["remedy scan --schema public"]
            parts.append(f"scan --schema public / scan {name[12:]} {public / value:.2f}×")
    return [f"{res.size:,} tables, medians: " + "; ".join(parts) + "."]


def summary_table(results: list[SizeResult]) -> list[str]:
    """The short table: median wall (min), median CPU and peak RSS per tool and size."""
    names = ["floor", "floor, remedy's queries", "remedy scan", "remedy plan", "migra", "alembic", "remedy scan catalog, cold",
             "remedy scan catalog, warm"]
    lines = ["| tables | " + " | ".join(names) + " |", "|---:|" + "---:|" * len(names)]
    for res in results:
        rows = {r.tool.name: r for r in res.rows}
        lines.append(f"| {res.size:,} | " + " | ".join(cell(rows[name]) if name in rows else "not run (--skip)"
                                                        for name in names) + " |")
    return lines


def cell(row: Row) -> str:
    walls, cpus = [r.wall for r in row.runs], [r.cpu for r in row.runs]
    rss = statistics.median(r.rss_mb for r in row.runs)
    return (f"{statistics.median(walls):.2f} s ({min(walls):.2f}) · CPU {statistics.median(cpus):.2f} s · "
            f"{rss:.0f} MB")


def missed_lines(results: list[SizeResult]) -> list[str]:
    """Which injected drifts each tool's output does not mention (by what was changed)."""
    lines = []
    for res in results:
        for row in res.rows:
            if row.found is None or row.found == len(res.drifts) or "@" in row.tool.name or "--schema" in row.tool.name:
                continue
            if row.tool.counts == "remedy_json":
                missing = [d for d in res.drifts if f"{d.kind}:{d.object_id}" not in set(row.entries)]
            else:
                missing = [d for d in res.drifts if not mentions(row.entries, d)]
            whats = sorted({d.what for d in missing})
            lines.append(f"- {res.size:,} tables, {row.tool.name}: {len(missing)} not mentioned: {', '.join(whats)}")
    return lines


def kinds_cost(results: list[SizeResult], baselines: dict[str, str]) -> list[str]:
    if not baselines:
        return []
    lines = ["## The cost of the newer object kinds", "",
             "remedy has no switch that reads only tables, so `remedy scan` is timed at older commits too, in the "
             "same rounds. Those commits read only the search path (`public`), so HEAD is also timed with "
             "`--schema public`: that pair isolates what the newer kinds cost on the same tables. "
             "Issue 9's budget: at most 15% of scan time. Cells: median wall (min) · median CPU · findings.", "",
             "| tables | scan (all schemas) | scan --schema public | " +
             " | ".join(f"scan @{rev}" for rev in baselines) + " | " +
             " | ".join(f"--schema public vs @{rev}: wall min, wall median, CPU median" for rev in baselines) + " |",
             "|---:|---:|---:|" + "---:|" * (2 * len(baselines))]
    lines = [*lines[:4], *[f"`@{rev}`: {KNOWN_BASELINES.get(rev, '')}" for rev in baselines], "", *lines[4:]]
    for res in results:
        rows = {row.tool.name: row for row in res.rows}
        names = ["remedy scan", "remedy scan --schema public", *[f"remedy scan @{rev}" for rev in baselines]]
        cells = [f"{cell(rows[n]).rsplit(' · ', 1)[0]} · {len(rows[n].entries)}" for n in names]
        cells += [growth(rows["remedy scan --schema public"], rows[f"remedy scan @{rev}"]) for rev in baselines]
        lines.append(f"| {res.size:,} | " + " | ".join(cells) + " |")
    return lines + [""]


def growth(new: Row, old: Row) -> str:
    def pct(attr: str, stat) -> str:
        a, b = stat([getattr(r, attr) for r in new.runs]), stat([getattr(r, attr) for r in old.runs])
        return f"{(a / b - 1) * 100:+.0f}%"

    return f"{pct('wall', min)}, {pct('wall', statistics.median)}, {pct('cpu', statistics.median)}"


def drift_lines(results: list[SizeResult]) -> list[str]:
    lines = ["## Is the drift true drift?", "",
             "Each pair injects, on the live side: about 5% of the tables changed (at least one of each of "
             f"{len(drifted_pair.TABLE_KINDS)} per-table kinds: {', '.join(drifted_pair.TABLE_KINDS)}), "
             "missing and extra tables (N/200, at least 1), a changed, a missing and an extra view, a missing "
             "schema with its table, and a missing enum value (`bench/drifted_pair.py`). remedy must report each "
             "under its exact finding id; for migra and alembic, a drift counts as found when one statement or "
             "difference of theirs names all its objects (whole words), which is generous.", ""]
    for res in results:
        extra = ", ".join(res.unexpected) or "none"
        lines.append(f"- {res.size:,} tables: remedy scan reported {len(res.rows[1].entries)} findings for "
                     f"{len(res.drifts)} injected drifts; findings that are not an injected drift: {extra}.")
    lines += missed_lines(results)
    lines += ["", "\"Left after remedy's plan\": remedy's plan (`--renames reject --allow-destructive`) applied with "
              "`psql` to a copy of A, then each tool compares that copy with B again. 0 everywhere means the plan "
              "converged as every tool sees it; a non-zero count is what that tool still reports.", ""]
    return lines


NOTES = [
    "## Notes", "",
    "- Differences reported: remedy scan counts findings, remedy plan operations, migra statements, alembic the "
    "top-level differences of `compare_metadata` (a column's modifications are one).",
    "- migra runs in its own venv: `python3 -m venv bench/.venv-peers && bench/.venv-peers/bin/pip install "
    "'migra[pg]' 'sqlalchemy<2' psycopg2-binary`. The current release installs and runs on Python 3.11 with "
    "SQLAlchemy 1.4; no older version was needed.",
    "- The floor is one psql reading both databases with 8 plain catalog queries each (relations, columns with "
    "defaults and identity, constraint and index definitions, view definitions, enums, schemas, extensions); "
    "it builds nothing and compares nothing.",
    "- The floor with remedy's queries is one psql running, on each database one after the other, the catalog "
    "queries a plain `remedy scan` runs there (remedy/sources/sql: tables, columns, keys, indexes, every dependent "
    "object kind, the inventory of what is present; on the live side also grants, owners and roles, which its "
    "fingerprint covers), in a REPEATABLE READ transaction as remedy reads: the server's share of a scan. remedy "
    "runs the two sides (and the inventory) on connections of their own at once, so its wall time can be below "
    "this floor's, which runs them in turn; its CPU is the psql client's only.",
    "- PostgreSQL shares the 2 cores: a tool's queries cost server time that only wall time sees. CPU is the "
    "tool's own process. At a load average of 7–8, wall-time differences under ~20% are within the noise.",
    "- The catalog path: `remedy catalog init` writes a catalog of B (untimed); cold is the first scan after the "
    "catalog changed (remedy's catalog and scratch caches emptied before each run: the DDL is parsed and loaded "
    "into a scratch database again), warm a rescan from those caches. Cold runs only in the first --cold-repeat "
    "rounds, not in the warm-up round nor after the plan (its counts come from its last timed run).",
    "- remedy runs from its bytecode cache: children run without PYTHONDONTWRITEBYTECODE, so the untimed warm-up "
    "round writes remedy's `__pycache__` as a pip install would have (without it every run compiles remedy's "
    "modules again, ~0.05 s CPU).",
    "- 5,000 tables: `--sizes 500,2000,5000` runs them (alembic alone takes ~30 s a run at 1,000).",
    "- A run drops its databases at the end; `--keep` keeps them, and a later run reuses a pair whose DDL is "
    "unchanged (building the 1,000-table pair takes ~75 s of a run).", "",
]


def report(args, results: list[SizeResult], started: datetime.datetime, baselines: dict[str, str],
           elapsed: float, commands: list[Tool]) -> str:
    lines = ["# Whole-process benchmark: remedy, migra, alembic, on drifted PostgreSQL pairs", "",
             f"Written by `.venv/bin/python bench/peers.py {shlex.join(sys.argv[1:])}` in {elapsed / 60:.1f} min. "
             "Nothing here is a timed test; the test suite never runs it.", "",
             f"- Date: {started:%Y-%m-%d %H:%M} UTC",
             f"- Machine: {machine()}; shared with other sessions' test runs, so wall times are noisy "
             "(CPU time is steadier). The load average around each size's timed rounds is in its heading.",
             f"- Rounds: {args.repeat} timed rounds per size after one untimed warm-up round (which also gives the "
             "counts); the tools run interleaved, the order rotating each round; min and median over the rounds. "
             f"The remedy scan variants then run alone, interleaved, up to {args.scan_repeat} runs each.",
             "- Wall: perf_counter around the child process, start-up and imports included; CPU: user + system "
             "time of the child (wait4); peak RSS: the child's ru_maxrss.",
             *[f"- {k}: {v}" for k, v in versions(args.db).items()],
             *[f"- `@{rev}`: {what}" for rev, what in baselines.items()],
             "", "## Summary: median wall (min) · median CPU · peak RSS", "", *summary_table(results), "",
             *[line for res in results for line in ratio_lines(res)], ""]
    lines += ["## Per size", ""]
    for res in results:
        lines += size_table(res) + [""]
    lines += kinds_cost(results, baselines) + drift_lines(results)
    lines += NOTES
    lines += ["## Commands", "", f"For the {results[-1].size:,}-table pair (the others differ only in the database "
              "names); run from a scratch directory, so the older trees on PYTHONPATH are what is imported:", "",
              "```sh", f"remedy catalog init --from-db {expected_of(commands)} -o $WORK/catalog-{results[-1].size} --force",
              *[shell_line(t) for t in commands], "```", ""]
    return "\n".join(lines)


def expected_of(commands: list[Tool]) -> str:
    argv = next(t.argv for t in commands if t.name == "remedy scan")
    return argv[argv.index("--expected") + 1]


def extract(rev: str, work: Path) -> tuple[Path, str]:
    tree = work / f"base-{rev}"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "remedy"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    what = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--date=format:%Y-%m-%d %H:%M",
                           "--format=%h (%ad): %s", rev], capture_output=True, text=True).stdout.strip()
    return tree, what[:240] + ("…" if len(what) > 240 else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds of every tool")
    parser.add_argument("--scan-repeat", type=int, default=10,
                        help="timed runs of each remedy scan variant (the rounds past --repeat run only those)")
    parser.add_argument("--cold-repeat", type=int, default=2,
                        help="timed runs of the cold catalog scan (each loads the catalog into a scratch database)")
    parser.add_argument("--db", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="a maintenance database of the server to build the pairs on")
    parser.add_argument("--baseline", action="append", default=[], help="an older commit to time remedy scan at")
    parser.add_argument("--out", default=str(ROOT / "bench" / "PEERS_RESULTS.md"))
    parser.add_argument("--keep", action="store_true", help="keep the pair databases (they are reused by hash)")
    parser.add_argument("--skip", action="append", default=[], metavar="TOOL[@SIZE]",
                        help="leave a tool out (at one size), e.g. 'alembic@5000'")
    args = parser.parse_args()
    out = Path(args.out).resolve()  # before the chdir below (a relative --out lost a 65-minute run's report)
    if not (PEERS_VENV / "bin" / "migra").exists():
        raise SystemExit(f"no migra at {PEERS_VENV}: python3 -m venv {PEERS_VENV} && "
                         f"{PEERS_VENV}/bin/pip install 'migra[pg]' 'sqlalchemy<2' psycopg2-binary")
    started, clock = datetime.datetime.now(datetime.timezone.utc), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="remedy-peers-") as tmp:
        work = Path(tmp)
        os.chdir(work)  # children start here: no remedy/ in the current directory shadows PYTHONPATH
        env = {**os.environ, "REMEDY_HOME": str(work / "home")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        described = {rev: extract(rev, work) for rev in args.baseline}
        trees = {rev: tree for rev, (tree, _) in described.items()}
        results = [bench_size(args, int(n), trees, work, env) for n in args.sizes.split(",")]
        last = results[-1].size
        commands = tools(conninfo(args.db, f"bench_peers_{last}_live"),
                         conninfo(args.db, f"bench_peers_{last}_expected"), Path("$WORK"),
                         {rev: Path("$WORK") / f"base-{rev}" for rev in trees}, Path("$WORK") / f"catalog-{last}")
        text = report(args, results, started, {rev: what for rev, (_, what) in described.items()},
                      time.perf_counter() - clock, commands)
        if not args.keep:
            for n in args.sizes.split(","):
                drop_database(args.db, f"bench_peers_{n}_live")
                drop_database(args.db, f"bench_peers_{n}_expected")
    out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()

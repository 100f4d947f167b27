"""Finding SQL in source files: which files, which strings, which lines.

A string is a query when it starts with a DML keyword, has that keyword's companion
(``SELECT … FROM``, ``INSERT INTO``, ``UPDATE … SET``…) and sqlglot parses it as a statement.
Lines point at the statement's first line in the file. Files that cannot be read (binary,
huge, not UTF-8) and strings sqlglot cannot parse come back as ``Skip`` values, never errors.
"""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass

from remedy.errors import SourceError
from remedy.sources.code.sqltext import leading_blank, looks_like_query, split_statements
from remedy.sources.code.texts import HOLE

LANGUAGES = {
    ".go": "go", ".py": "python", ".pyi": "python",
    ".ts": "ts", ".tsx": "tsx", ".js": "js", ".jsx": "js", ".mjs": "js", ".cjs": "js", ".mts": "ts", ".cts": "ts",
    ".java": "java", ".kt": "kotlin", ".kts": "kotlin", ".sql": "sql",
}
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "vendor", "__pycache__", ".venv", "venv", ".tox",
             ".remedy-cache", "testdata", "__tests__", ".mypy_cache", ".pytest_cache"}
_TEST_FILE = re.compile(r"(_test\.go|\.(test|spec)\.[jt]sx?|^test_.*\.py|_test\.py)$")
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Found:
    """A query string inside one file."""

    line: int
    sql: str
    holes: bool = False  # built with dynamic fragments (f-string, ${...}, concatenated variables)
    origins: tuple = ()  # words another file wrote: (word, file, line, snippet) each


@dataclass(frozen=True)
class Skip:
    line: int  # 0 = the whole file
    reason: str


def source_files(paths: list[str]) -> list[tuple[str, str]]:
    """(shown path, real path) of every source file under ``paths``; a missing path is a SourceError."""
    seen: dict[str, str] = {}
    for path in paths:
        for shown, real in _expand(path):
            seen.setdefault(os.path.abspath(real), shown)
    return sorted(((shown, real) for real, shown in seen.items()), key=lambda p: p[0])


def _expand(path: str) -> list[tuple[str, str]]:
    if os.path.isfile(path):
        return [(_shown(path), path)]
    if os.path.isdir(path):
        return list(_walk(path))
    if glob.has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))
        if matches:
            return [item for match in matches for item in _expand(match)]
    raise SourceError(f"--code path not found: {path}")


def _walk(root: str):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if os.path.splitext(name)[1].lower() in LANGUAGES and not _TEST_FILE.search(name):
                full = os.path.join(dirpath, name)
                yield _shown(full), full


def _shown(path: str) -> str:
    """The path as evidence shows it: relative to the working directory when under it."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd + os.sep):
        return os.path.relpath(absolute, cwd)
    return os.path.normpath(path)


def language_of(path: str) -> str | None:
    return LANGUAGES.get(os.path.splitext(path)[1].lower())


def read_bytes(path: str) -> tuple[bytes | None, Skip | None]:
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return None, Skip(0, f"larger than {MAX_BYTES:,} bytes ({size:,} bytes)")
        with open(path, "rb") as fh:
            return fh.read(), None
    except OSError as exc:
        return None, Skip(0, f"cannot read: {exc.strerror or type(exc).__name__}")


def decode(data: bytes) -> tuple[str | None, Skip | None]:
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Skip(0, "binary file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, Skip(line, f"not UTF-8 (byte {exc.start}); file skipped")


MINIFIED_LINE = 1_000  # average characters per line above which a file is a bundle, not source


def minified(text: str) -> Skip | None:
    """A minified or generated file (a JS bundle): its SQL, if any, is a copy of real source."""
    average = len(text) / (text.count("\n") + 1)
    if len(text) > 10_000 and average > MINIFIED_LINE:
        return Skip(0, f"looks minified or generated (lines average {average:,.0f} characters)")
    return None


@dataclass(frozen=True)
class SiteFound:
    """One place SQL leaves the code: the statements of each variant it can take."""

    line: int
    variants: tuple[tuple[Found, ...], ...]  # per variant: its statements (usually one)
    built: bool = False
    truncated: bool = False
    reasons: tuple[str, ...] = ()  # why the holes in its variants are unknown


@dataclass(frozen=True)
class Reading:
    """What the syntax tree of one file gave."""

    sites: tuple[SiteFound, ...] = ()
    unread: tuple[tuple[int, str, str], ...] = ()  # database calls whose SQL is unknown: (line, why, function)
    callees: tuple[str, ...] = ()  # functions called with SQL (wrappers that run it)
    skips: tuple[Skip, ...] = ()
    models: tuple[tuple[int, str], ...] = ()  # (line, struct): a gorm chain's table named after a model
    needed: tuple[str, ...] = ()  # names the SQL needed that this file does not define (``link``)


def find_queries(text: str, language: str, data: bytes | None = None) -> tuple[list[Found], list[Skip]]:
    """Every query (each variant of each site) in one file's text."""
    reading = read_sites(text, language, data)
    return [f for site in reading.sites for variant in site.variants for f in variant], list(reading.skips)


def read_sites(text: str, language: str, data: bytes | None = None, linker=None, path: str = "") -> Reading:
    """The SQL sites of one file, read from its syntax tree (``.sql`` files: each statement); with a
    ``linker``, helpers and constants of other files are followed too."""
    if language == "sql":
        return Reading(tuple(SiteFound(f.line, ((f,),)) for f in _statements(text, 1)))
    from remedy.sources.code import flow, syntax

    source = data if data is not None and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) \
        else text.encode("utf-8")
    tree = syntax.parse(source, language)
    try:
        result = flow.flow(source, tree.root_node, language, linker, path)
    except Exception as exc:  # a shape the flow mishandles: say so for this file, never crash the scan
        if linker is not None:
            raise  # read again with other files: the file's own reading stands (``link``)
        return Reading(skips=(Skip(0, f"could not follow the values in this file ({type(exc).__name__}: {exc})"[:200]),))
    sites = tuple(_site(site, result.holes) for _, site in sorted(result.sites.items()))
    error = syntax.first_error(tree.root_node)
    skips = (Skip(error, "syntax error in the source: the code around it may be read only in part"),) if error else ()
    return Reading(tuple(s for s in sites if s.variants), tuple(result.unread), tuple(sorted(result.callees)), skips,
                   tuple(result.models), result.needed)


def _site(site, holes: dict[int, str]) -> SiteFound:
    variants, reasons = [], {}
    for alt in site.variants:
        sql = sql_text(alt.text)
        for number in re.findall(rf"{HOLE}(\d+)", sql):
            reasons.setdefault(holes.get(int(number), "a value remedy cannot follow"), None)
        found = tuple(_statements(sql.lstrip(), site.line, HOLE in sql or site.built, alt.src))
        if found and found not in variants:
            variants.append(found)
    return SiteFound(site.line, tuple(variants), site.built, site.truncated, tuple(reasons))


_PARAM_HOLE = re.compile(rf"[$:@]\s*{HOLE}\d+\b\s*")
_VALUES_HOLE = re.compile(rf"(?i)\bvalues\s*\(\s*{HOLE}\d+\s*\)")
_INSERT_COLUMNS = re.compile(r"(?is)^\s*insert\s+into\s+[\w.\"`]+\s*\(([^()]*)\)")


def sql_text(text: str) -> str:
    """A variant as SQL: ``"$" + n`` is a parameter; ``VALUES (`` + a placeholders helper + ``)``
    gets one parameter per inserted column."""
    text = _PARAM_HOLE.sub("? ", text)
    columns = _INSERT_COLUMNS.match(text)
    if columns and _VALUES_HOLE.search(text) and HOLE not in columns.group(1):
        count = len([c for c in columns.group(1).split(",") if c.strip()])
        text = _VALUES_HOLE.sub("VALUES (" + ", ".join(["?"] * count) + ")", text, count=1)
    return text


_TEMP_TABLE = re.compile(
    r"""\bcreate\s+(?:global\s+|local\s+)?temp(?:orary)?\s+table\s+(?:if\s+not\s+exists\s+)?[`"]?(\w+)""", re.I)


def temp_tables(text: str) -> list[str]:
    """Names of temporary tables the program creates itself: queries on them are not expectations."""
    return sorted({m.group(1).lower() for m in _TEMP_TABLE.finditer(text)})


def _statements(text: str, base_line: int, holes: bool = False, origins: tuple = ()) -> list[Found]:
    out = []
    for offset, stmt in split_statements(text):
        if not looks_like_query(stmt):
            continue
        lead = leading_blank(stmt)
        line = base_line + text.count("\n", 0, offset + len(lead))
        out.append(Found(line, stmt[len(lead):].rstrip(), holes or HOLE in stmt, origins))
    return out

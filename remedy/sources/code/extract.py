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
import tokenize
from dataclasses import dataclass

from remedy.errors import SourceError
from remedy.sources.code import lexers
from remedy.sources.code.sqltext import leading_blank, looks_like_query, segments, split_statements

LANGUAGES = {
    ".go": "go", ".py": "python", ".pyi": "python",
    ".ts": "js", ".tsx": "js", ".js": "js", ".jsx": "js", ".mjs": "js", ".cjs": "js", ".mts": "js", ".cts": "js",
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


def find_queries(text: str, language: str) -> tuple[list[Found], list[Skip]]:
    """Every query string in one file's text."""
    if language == "sql":
        return _statements(text, 1), []
    try:
        candidates = _candidates(text, language)
    except (tokenize.TokenError, SyntaxError, IndentationError) as exc:
        return [], [Skip(getattr(exc, "lineno", 0) or 0, f"cannot tokenize Python: {exc.args[0]}")]
    found: list[Found] = []
    for cand in candidates:
        sql = _template(cand.text, language, cand.formatted)
        if looks_like_query(sql):
            found.extend(_statements(sql.lstrip(), cand.line, cand.holes > 0 or sql != cand.text))
    return found, []


_TEMP_TABLE = re.compile(
    r"""\bcreate\s+(?:global\s+|local\s+)?temp(?:orary)?\s+table\s+(?:if\s+not\s+exists\s+)?[`"]?(\w+)""", re.I)


def temp_tables(text: str) -> list[str]:
    """Names of temporary tables the program creates itself: queries on them are not expectations."""
    return sorted({m.group(1).lower() for m in _TEMP_TABLE.finditer(text)})


def _candidates(text: str, language: str) -> list[lexers.Candidate]:
    if language == "python":
        pieces = lexers.lex_python(text)
    else:
        syntax = {"go": lexers.GO, "js": lexers.JS, "java": lexers.JAVA, "kotlin": lexers.KOTLIN}[language]
        pieces = lexers.lex_clike(text, syntax)
    return lexers.join_pieces(pieces)


_VERBS = {
    "go": re.compile(r"%(?:\[\d+\])?[sdvqw]"),  # fmt.Sprintf: always text fragments in Go SQL
    "%": re.compile(r"%(?:\([A-Za-z_]\w*\))?[sdfr]"),  # Python "..." % args
    "format": re.compile(r"\{[^{}]*\}"),  # Python "...".format(args)
}


def _template(sql: str, language: str, formatted: str) -> str:
    """Formatting verbs of a string the program formats itself become holes (not parameters)."""
    verbs = _VERBS.get("go" if language == "go" else formatted)
    if verbs is None:
        return sql
    counter = [20_000]

    def hole(m: re.Match) -> str:
        counter[0] += 1
        return f" {lexers.HOLE}{counter[0]} "

    return "".join(verbs.sub(hole, t) if code else t for code, t in segments(sql))


def _statements(text: str, base_line: int, holes: bool = False) -> list[Found]:
    out = []
    for offset, stmt in split_statements(text):
        if not looks_like_query(stmt):
            continue
        lead = leading_blank(stmt)
        line = base_line + text.count("\n", 0, offset + len(lead))
        out.append(Found(line, stmt[len(lead):].rstrip(), holes or lexers.HOLE in stmt))
    return out

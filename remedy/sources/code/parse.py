"""One file's bytes -> its queries, parsed and analyzed (schema-free, so the result is cacheable)."""
from __future__ import annotations

import logging
import re

import sqlglot
from sqlglot import exp

from remedy.normalize import SQLGLOT_DIALECT
from remedy.sources.code import extract
from remedy.sources.code.models import model_fields
from remedy.sources.code.resolve import DML, analyze
from remedy.sources.code.sqltext import rewrite_placeholders

MAX_STATEMENT = 100_000
MAX_PER_FILE = 2_000
_CLAUSE = re.compile(r"\b(where|join|order by|group by|limit|values|set|returning|union)\b", re.I)
_STATEMENTS = (exp.Select, exp.SetOperation, *DML)

logging.getLogger("sqlglot").setLevel(logging.ERROR)


def parse_statement(sql: str, dialect: str) -> tuple[exp.Expression | None, str]:
    """The statement's tree, or None and why it could not be read."""
    if len(sql) > MAX_STATEMENT:
        return None, f"statement longer than {MAX_STATEMENT} characters"
    text, _ = rewrite_placeholders(sql, holes_as_params=False, style="$" if dialect == "postgresql" else "?")
    try:
        tree = sqlglot.parse_one(text, read=SQLGLOT_DIALECT.get(dialect, dialect))
    except Exception as exc:  # sqlglot.errors.ParseError, TokenError, and the odd internal error
        return None, _first_line(exc)
    if not isinstance(tree, _STATEMENTS):
        return None, f"parsed as {type(tree).__name__}, not a query"
    return tree, ""


def _prose(sql: str) -> bool:
    """A sentence that happens to start with 'Select … from' (a log or error message)."""
    text = re.sub(r"\b__hole_\d+\b", "", sql).strip()
    return "\n" not in text and not any(ch in text for ch in ",()=*$?;'") and not _CLAUSE.search(text)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:160]


def file_result(data: bytes, language: str, dialect: str) -> dict:
    """{"q": [[line, sql, dynamic, snippet, analysis]], "s": [[line, reason]], "m": model fields, "t": temp tables}."""
    text, skip = extract.decode(data)
    if skip is None and language != "sql":
        skip = extract.minified(text)
    if skip is not None:
        return {"q": [], "s": [[skip.line, skip.reason]]}
    found, skips = extract.find_queries(text, language)
    lines = text.splitlines()
    queries, skipped = [], [[s.line, s.reason] for s in skips]
    if len(found) > MAX_PER_FILE:
        skipped.append([found[MAX_PER_FILE].line, f"{len(found) - MAX_PER_FILE:,} more statements not read "
                                                  f"(limit {MAX_PER_FILE:,} per file; a data dump?)"])
        found = found[:MAX_PER_FILE]
    for item in found:
        tree, reason = parse_statement(item.sql, dialect)
        if tree is None and _prose(item.sql):
            continue
        if tree is None:
            what = "dynamic SQL (template half-parsed)" if item.holes else "SQL sqlglot cannot parse"
            skipped.append([item.line, f"{what}: {reason}"])
            continue
        try:
            analysis = analyze(tree, SQLGLOT_DIALECT.get(dialect, dialect)).to_json()
        except Exception as exc:  # an odd tree sqlglot's scope code rejects: report, never crash
            skipped.append([item.line, f"could not analyze: {_first_line(exc)}"])
            continue
        snippet = lines[item.line - 1].strip()[:240] if 0 < item.line <= len(lines) else ""
        queries.append([item.line, item.sql, item.holes, snippet, analysis])
    return {"q": queries, "s": skipped, "m": model_fields(text, language), "t": extract.temp_tables(text)}

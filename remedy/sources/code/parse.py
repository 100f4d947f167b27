"""One file's bytes -> its queries, parsed and analyzed (schema-free, so the result is cacheable)."""
from __future__ import annotations

import logging
import re

import sqlglot
from sqlglot import exp

from remedy.normalize import SQLGLOT_DIALECT
from remedy.sources.code import extract, gorm, rowtypes
from remedy.sources.code.ddl import declared_types
from remedy.sources.code.models import model_fields
from remedy.sources.code.resolve import DML, analyze
from remedy.sources.code.sqltext import rewrite_placeholders
from remedy.sources.code.texts import HOLE

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


def file_result(data: bytes, language: str, dialect: str, linker=None, path: str = "") -> dict:
    """{"q": [[line, sql, dynamic, snippet, analysis]], "s": [[line, reason]], "c": [[line, status, variants,
    parsed, reason]] (one per SQL site), "u": [[line, reason, function]] (database calls whose SQL is
    unknown), "k": functions called with SQL, "m": model fields, "t": temp tables, "n": names the SQL needs that
    another file may define (``link``)}. Plain data only."""
    text, skip = extract.decode(data)
    if skip is None and language != "sql":
        skip = extract.minified(text)
    if skip is not None:
        return {"q": [], "s": [[skip.line, skip.reason]]}
    reading = extract.read_sites(text, language, data, linker, path)
    lines = text.splitlines()
    out = {"q": [], "s": [[s.line, s.reason] for s in reading.skips], "c": [],
           "u": [list(u) for u in reading.unread], "k": list(reading.callees)}
    budget = [MAX_PER_FILE]
    for i, site in enumerate(reading.sites):
        if budget[0] <= 0:
            left = sum(len(v) for s in reading.sites[i:] for v in s.variants)
            out["s"].append([site.line, f"{left:,} more statements not read "
                                        f"(limit {MAX_PER_FILE:,} per file; a data dump?)"])
            break
        _read_site(site, dialect, lines, out, budget)
    out["m"] = model_fields(text, language)
    extra = {"g": [list(use) for use in reading.models], "gm": gorm.file_models(text) if language == "go" else {},
             "r": rowtypes.python_rows(text) if language == "python" else
             rowtypes.ts_rows(text) if language in ("ts", "tsx") else {}, "n": list(reading.needed)}
    out.update((key, value) for key, value in extra.items() if value)  # most files have none: kept small
    out["d"] = declared_types(text, dialect) if language == "sql" else []
    out["t"] = extract.temp_tables(text)
    return out


def _read_site(site, dialect: str, lines: list[str], out: dict, budget: list[int]) -> None:
    """Parse every variant of one site; its coverage: full, partial (some holes or variants) or unread."""
    parsed, failures, holes = 0, [], False
    for variant in site.variants:
        ok = True
        for item in variant:
            budget[0] -= 1
            tree, reason = parse_statement(item.sql, dialect)
            if tree is None and _prose(item.sql) and len(site.variants) == 1:
                return  # a sentence that starts like SQL: not a site
            if tree is None:
                failures.append(reason)
                ok = False
                continue
            try:
                analysis = analyze(tree, SQLGLOT_DIALECT.get(dialect, dialect)).to_json()
                if "::" in item.sql or "cast" in item.sql.lower():  # only then can a cast type a column
                    analysis["x"] = rowtypes.cast_types(tree, SQLGLOT_DIALECT.get(dialect, dialect))
                if item.origins:
                    analysis["o"] = _origins(item.origins, analysis)
            except Exception as exc:  # an odd tree sqlglot's scope code rejects: report, never crash
                failures.append(f"could not analyze: {_first_line(exc)}")
                ok = False
                continue
            holes = holes or HOLE in item.sql
            snippet = lines[item.line - 1].strip()[:240] if 0 < item.line <= len(lines) else ""
            out["q"].append([item.line, item.sql, item.holes, snippet, analysis])
        parsed += ok
    out["c"].append(_coverage(site, parsed, failures, holes))
    for reason in dict.fromkeys(failures):
        what = "dynamic SQL (a variant does not parse)" if site.built else "SQL sqlglot cannot parse"
        out["s"].append([site.line, f"{what}: {reason}"])


def _origins(origins: tuple, analysis: dict) -> list:
    """[word, file, line, snippet] for each table or column name of the statement another file wrote."""
    names = {c[0].lower() for c in analysis["c"]} | {t[1].lower() for t in analysis["t"]}
    return [list(o) for o in dict.fromkeys(origins) if o[0] in names]


def _coverage(site, parsed: int, failures: list[str], holes: bool) -> list:
    total = len(site.variants)
    if parsed == 0:
        why = "; ".join(site.reasons[:2]) or (failures[0] if failures else "does not parse")
        return [site.line, "unread", total, 0, f"no variant parses ({why})" if site.reasons else why]
    reasons = list(site.reasons[:3])
    if parsed < total:
        reasons.append(f"{total - parsed} of {total} variants do not parse")
    if site.truncated:
        reasons.append(f"more than {total} variants (the first {total} read)")
    status = "partial" if holes or reasons else "full"
    return [site.line, status, total, parsed, "; ".join(reasons)]

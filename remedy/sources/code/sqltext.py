"""SQL text without a parser: statement splitting, placeholders, whether a string looks like a query.

Everything here is quote-aware: string literals, quoted identifiers, dollar-quoted bodies and
comments are never split or rewritten.
"""
from __future__ import annotations

import re
from typing import Iterator

from remedy.sources.code.texts import HOLE

_QUOTED = re.compile(
    r"""'(?:''|\\.|[^'\\])*'?|"(?:""|[^"])*"?|`[^`]*`?|--[^\n]*|/\*.*?(?:\*/|\Z)|(\$[A-Za-z_]*\$).*?(?:\1|\Z)""",
    re.S,
)


def segments(sql: str) -> Iterator[tuple[bool, str]]:
    """(is_code, text) runs: code outside quotes/comments, and the quoted parts as they are."""
    pos = 0
    for m in _QUOTED.finditer(sql):
        if m.group(0).startswith("$") and not re.match(r"\$[A-Za-z_]*\$", m.group(0)):
            continue
        if m.start() > pos:
            yield True, sql[pos:m.start()]
        yield False, m.group(0)
        pos = m.end()
    if pos < len(sql):
        yield True, sql[pos:]


def split_statements(sql: str) -> list[tuple[int, str]]:
    """(offset, text) of each ``;``-separated statement, offsets into ``sql``."""
    out, start, pos = [], 0, 0
    for is_code, text in segments(sql):
        if is_code:
            for m in re.finditer(";", text):
                out.append((start, sql[start:pos + m.start()]))
                start = pos + m.end()
        pos += len(text)
    out.append((start, sql[start:]))
    return [(off, text) for off, text in out if text.strip()]


_LEAD = re.compile(r"(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?(?:\*/|\Z))*", re.S)


def leading_blank(text: str) -> str:
    """Whitespace and comments before the first keyword."""
    return _LEAD.match(text).group(0)


_START = re.compile(r"(select|insert|update|delete|with|merge|replace)\b", re.I)
_NEEDS = {
    "select": re.compile(r"\bfrom\b", re.I),
    "insert": re.compile(r"\binto\b.*(\(|\bvalues\b|\bselect\b|\bdefault\b)", re.I | re.S),
    "replace": re.compile(r"\binto\b.*(\(|\bvalues\b|\bselect\b)", re.I | re.S),
    "update": re.compile(r"\bset\s+[\w.\"`]+\s*=", re.I),
    "delete": re.compile(r"\bfrom\s+[\w.\"`]+\s*(?:$|;|\b(?:as\s+\w+\s+)?(?:where|using|returning)\b"
                         r"|\w+\s+(?:where|using)\b)", re.I),
    "with": re.compile(r"\bas\s*(?:not\s+)?(?:materialized\s*)?\(", re.I),
    "merge": re.compile(r"\binto\b", re.I),
}
_PUNCTUATION = set(",()=*$?;'")


def looks_like_query(text: str) -> bool:
    """A cheap test before parsing: starts with a DML keyword and has its companion keyword.

    A one-line string with no SQL punctuation whose keyword is written like a word in a
    sentence ("Select job from queue", "update keyword set") is prose, not a query.
    """
    body = text[len(leading_blank(text)):]
    m = _START.match(body)
    if not m or not _NEEDS[m.group(1).lower()].search(body):
        return False
    stripped = body.rstrip()
    one_line = "\n" not in stripped
    if one_line and not (_PUNCTUATION & set(stripped)) and m.group(1).istitle():
        return False
    return not (one_line and stripped[-1:] in ".!:" and " " in stripped)


_PLACEHOLDER = re.compile(
    r"\$\d+|%\([A-Za-z_]\w*\)s|%[sdvq]|\?(?![|&])|(?<![:\w]):(?!:)[A-Za-z_]\w*|@(?![@>])[A-Za-z_]\w*"
    rf"|\b{HOLE}\d+\b"
)


def rewrite_placeholders(sql: str, holes_as_params: bool, style: str = "$") -> tuple[str, int]:
    """``?``, ``%s``, ``%(name)s``, ``:name``, ``@p1`` and ``$n`` become ``$1``, ``$2``…

    Template holes stay identifiers (so a hole in a table position still parses) unless
    ``holes_as_params``. ``style="?"`` writes every parameter as ``?`` instead (MySQL, SQLite).
    Returns the text and the number of parameters.
    """
    counter = {"n": 0, "named": {}}
    used = {int(m) for m in re.findall(r"\$(\d+)", sql)}
    counter["n"] = max(used, default=0)
    out = []
    for is_code, text in segments(sql):
        out.append(_rewrite_code(text, counter, holes_as_params) if is_code else text)
    text = "".join(out)
    if holes_as_params:
        text, counter["n"] = _dense(text)
    if style == "?":
        text = "".join(re.sub(r"\$\d+", "?", t) if code else t for code, t in segments(text))
    return text, counter["n"]


def _dense(sql: str) -> tuple[str, int]:
    """Renumber ``$n`` by first appearance, so no parameter number is left unused (PREPARE needs that)."""
    order: dict[str, int] = {}

    def sub(m: re.Match) -> str:
        return f"${order.setdefault(m.group(0), len(order) + 1)}"

    text = "".join(re.sub(r"\$\d+", sub, t) if code else t for code, t in segments(sql))
    return text, len(order)


def _rewrite_code(text: str, counter: dict, holes_as_params: bool) -> str:
    def sub(m: re.Match) -> str:
        token = m.group(0)
        if token.startswith("$"):
            return token
        if token.startswith(HOLE) and not holes_as_params:
            return token
        if token[0] in ":@" or token.startswith("%("):
            named = counter["named"]
            if token not in named:
                counter["n"] += 1
                named[token] = counter["n"]
            return f"${named[token]}"
        counter["n"] += 1
        return f"${counter['n']}"

    return _PLACEHOLDER.sub(sub, text)


def has_holes(sql: str) -> bool:
    return HOLE in sql

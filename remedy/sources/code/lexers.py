"""String literals in source files, per language, joined into the strings a program builds.

Each lexer yields ``Piece`` values: a literal (its decoded text, with template holes such as
``{expr}`` / ``${expr}`` replaced by ``__hole_N`` identifiers) or a ``+`` / other token, so that
``"SELECT a " + "FROM t"`` and ``"SELECT " + cols + " FROM t"`` become one string each.
Lexing never raises on odd input: an unterminated literal ends the file.
"""
from __future__ import annotations

import bisect
import io
import re
import tokenize
from dataclasses import dataclass
from functools import lru_cache

HOLE = "__hole_"


@dataclass(frozen=True)
class Piece:
    kind: str  # "str", "+", "other", "sep" (a statement/argument boundary)
    text: str = ""
    line: int = 0  # line of the first non-blank character of the literal's content
    holes: int = 0


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "", "\\": "\\", "'": "'", '"': '"', "`": "`", "b": "", "f": ""}


def decode_escapes(raw: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw, flags=re.S)


def first_line(source: str, start: int, raw_content: str) -> int:
    """Line of the first non-blank content character (``\\n`` escapes count as blank)."""
    lead = re.match(r"(?:\s|\\[ntr])*", raw_content).group(0)
    return bisect.bisect_right(_line_starts(source), start) + lead.count("\n")


@lru_cache(maxsize=4)
def _line_starts(source: str) -> list[int]:
    """Offsets where each line starts (str hashes are cached, so a lookup per literal is cheap)."""
    return [0] + [m.end() for m in re.finditer("\n", source)]


class _Holes:
    """Numbers template holes across one file, so each gets a distinct identifier."""

    def __init__(self) -> None:
        self.count = 0

    def make(self) -> str:
        self.count += 1
        return f" {HOLE}{self.count} "


def _skip_balanced(text: str, i: int, open_ch: str = "{", close_ch: str = "}") -> int:
    """Index just past the bracket closing the one opened before ``i`` (strings inside are skipped)."""
    depth = 1
    n = len(text)
    while i < n and depth:
        ch = text[i]
        if ch in "'\"`":
            j = text.find(ch, i + 1)
            i = n if j < 0 else j
        elif ch == open_ch:
            depth += 1
        elif ch == close_ch:
            depth -= 1
        i += 1
    return i


# ---------------------------------------------------------------- C-like languages


@dataclass(frozen=True)
class _Syntax:
    backtick: str = ""  # "raw" (Go), "template" (JS/TS); "" = not a string
    triple: str = ""  # "java" (text block), "kotlin" (raw, $templates)
    dollar_templates: bool = False  # Kotlin "…$name…${expr}…"
    regex_literals: bool = False  # JS/TS


GO = _Syntax(backtick="raw")
JS = _Syntax(backtick="template", regex_literals=True)
JAVA = _Syntax(triple="java")
KOTLIN = _Syntax(triple="kotlin", dollar_templates=True)

_REGEX_PREV = set("(,=:[!&|?{};+-*%<>~^") | {""}


_SKIP = re.compile(r"\s+|//[^\n]*|/\*.*?(?:\*/|\Z)|[A-Za-z_$\d][\w$.]*", re.S)
_PUNCT_PIECES = set("+,;{}()[]=")


def lex_clike(source: str, syntax: _Syntax) -> list[Piece]:
    """Pieces of a Go / JS / TS / Java / Kotlin file.

    Whitespace, comments and identifier runs are skipped in one regex step each; only literals
    and the punctuation that joins or separates them (``+ , ; { } ( ) [ ] =``) become pieces.
    """
    out: list[Piece] = []
    holes = _Holes()
    i, n = 0, len(source)
    prev = ""
    while i < n:
        skipped = _SKIP.match(source, i)
        if skipped:
            if not skipped.group(0)[0].isspace() and skipped.group(0)[0] != "/":
                prev = "x"  # an identifier or number: a following / divides
            i = skipped.end()
            continue
        ch = source[i]
        if ch == "/" and syntax.regex_literals and prev in _REGEX_PREV:
            i = _skip_regex(source, i)
        elif syntax.triple and source.startswith('"""', i):
            i = _triple(source, i, syntax, holes, out)
        elif ch == '"':
            i = _quoted(source, i, '"', syntax.dollar_templates, holes, out)
        elif ch == "'":
            i = _quoted(source, i, "'", False, holes, out) if syntax is JS else _skip_char(source, i)
        elif ch == "`" and syntax.backtick:
            i = _backtick(source, i, syntax.backtick == "template", holes, out)
        else:
            if ch in _PUNCT_PIECES:
                out.append(_punct(ch))
            elif ch in ".":
                pass
            else:
                out.append(Piece("other", ch))
            prev = ch
            i += 1
            continue
        prev = "x"
    return out


def _punct(ch: str) -> Piece:
    if ch == "+":
        return Piece("+")
    if ch in ",;{}":
        return Piece("sep")
    return Piece("other", ch)


def _skip_char(source: str, i: int) -> int:
    m = re.compile(r"'(?:\\.|[^'\\\n])*'").match(source, i)
    return m.end() if m else i + 1


def _skip_regex(source: str, i: int) -> int:
    m = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-z]*").match(source, i)
    return m.end() if m else i + 1


def _quoted(source: str, i: int, quote: str, dollar: bool, holes: _Holes, out: list[Piece]) -> int:
    m = re.compile(rf"{quote}((?:\\.|[^{quote}\\\n])*){quote}?").match(source, i)
    raw = m.group(1)
    text, count = _fill_dollar(raw, holes) if dollar else (raw, 0)
    out.append(Piece("str", decode_escapes(text), first_line(source, i + 1, raw), count))
    return m.end()


def _backtick(source: str, i: int, template: bool, holes: _Holes, out: list[Piece]) -> int:
    if not template:
        j = source.find("`", i + 1)
        j = len(source) if j < 0 else j
        raw = source[i + 1:j]
        out.append(Piece("str", raw, first_line(source, i + 1, raw)))
        return j + 1
    raw, count, j = _fill(source, i + 1, holes, _JS_TEMPLATE)
    out.append(Piece("str", decode_escapes(raw), first_line(source, i + 1, source[i + 1:j]), count))
    return j + 1


def _triple(source: str, i: int, syntax: _Syntax, holes: _Holes, out: list[Piece]) -> int:
    j = source.find('"""', i + 3)
    j = len(source) if j < 0 else j
    raw = source[i + 3:j]
    if syntax.triple == "kotlin":
        text, count = _fill_dollar(raw, holes)
    else:
        text, count = decode_escapes(raw), 0
    out.append(Piece("str", text, first_line(source, i + 3, raw), count))
    return j + 3


def _fill_dollar(raw: str, holes: _Holes) -> tuple[str, int]:
    """Kotlin templates: ``${expr}`` and ``$name`` become holes."""
    text, count, _ = _fill(raw, 0, holes, _KOTLIN_TEMPLATE)
    return text, count


_JS_TEMPLATE = re.compile(r"(?P<esc>\\.)|(?P<open>\$\{)|(?P<stop>`)", re.S)
_KOTLIN_TEMPLATE = re.compile(r"(?P<open>\$\{)|(?P<name>\$[A-Za-z_]\w*)")
_PY_TEMPLATE = re.compile(r"(?P<esc>\{\{|\}\})|(?P<open>\{)")


def _fill(text: str, j: int, holes: _Holes, pattern: re.Pattern) -> tuple[str, int, int]:
    """Copy ``text`` from ``j`` replacing template expressions with holes, up to a ``stop`` match.

    Returns the filled text, the number of holes and the index where copying stopped.
    """
    parts, count = [], 0
    while True:
        m = pattern.search(text, j)
        if m is None:
            parts.append(text[j:])
            return "".join(parts), count, len(text)
        parts.append(text[j:m.start()])
        kind = m.lastgroup
        if kind == "stop":
            return "".join(parts), count, m.start()
        if kind == "esc":
            parts.append(m.group(0) if m.group(0).startswith("\\") else m.group(0)[0])
            j = m.end()
            continue
        j = _skip_balanced(text, m.end()) if kind == "open" else m.end()
        parts.append(holes.make())
        count += 1


# ---------------------------------------------------------------- Python

_PREFIX = re.compile(r"^([rRbBuUfF]{0,2})('''|\"\"\"|'|\")")


def lex_python(source: str) -> list[Piece]:
    """Pieces of a Python file, via the tokenize module (raises tokenize.TokenError, SyntaxError)."""
    out: list[Piece] = []
    holes = _Holes()
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    depth, fstring_start = 0, 0
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == _FSTRING_START:  # Python 3.12+: an f-string comes as several tokens
            depth += 1
            if depth == 1:
                fstring_start = offsets[tok.start[0] - 1] + tok.start[1]
        elif tok.type == _FSTRING_END:
            depth -= 1
            if depth == 0:
                end = offsets[tok.end[0] - 1] + tok.end[1]
                out.append(_py_string(source[fstring_start:end], source, fstring_start, holes))
        elif depth:
            continue
        elif tok.type == tokenize.STRING:
            start = offsets[tok.start[0] - 1] + tok.start[1]
            out.append(_py_string(tok.string, source, start, holes))
        elif tok.type == tokenize.OP:
            out.append(_punct(tok.string) if tok.string in "+,;{}" else Piece("other", tok.string))
        elif tok.type in (tokenize.NAME, tokenize.NUMBER):
            out.append(Piece("other", tok.string))
        elif tok.type == tokenize.NEWLINE:
            out.append(Piece("sep"))
    return out


_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)


def _py_string(token: str, source: str, start: int, holes: _Holes) -> Piece:
    m = _PREFIX.match(token)
    if not m:
        return Piece("other", token)
    prefix, quote = m.group(1).lower(), m.group(2)
    content_start = m.end()
    raw = token[content_start:len(token) - len(quote)]
    line = first_line(source, start + content_start, raw)
    if "b" in prefix:
        return Piece("other", token)
    count = 0
    if "f" in prefix:
        raw, count = _fill_braces(raw, holes)
    text = raw if "r" in prefix else decode_escapes(raw)
    return Piece("str", text, line, count)


def _fill_braces(raw: str, holes: _Holes) -> tuple[str, int]:
    text, count, _ = _fill(raw, 0, holes, _PY_TEMPLATE)
    return text, count


# ---------------------------------------------------------------- joining


@dataclass(frozen=True)
class Candidate:
    """A string the program builds: its text, the line it starts on, whether it has holes."""

    text: str
    line: int
    holes: int = 0
    formatted: str = ""  # "%" ("..." % args) or "format" ("...".format(args)): the string is a template


def join_pieces(pieces: list[Piece], holes_start: int = 10_000) -> list[Candidate]:
    """Join ``"a" + "b"``, Python's ``"a" "b"`` and ``"a" + expr + "b"`` into one candidate."""
    out: list[Candidate] = []
    i, n = 0, len(pieces)
    counter = [holes_start]
    while i < n:
        if pieces[i].kind != "str":
            i += 1
            continue
        i = _join_from(pieces, i, out, counter)
    return out


def _join_from(pieces: list[Piece], i: int, out: list[Candidate], counter: list[int]) -> int:
    first = pieces[i]
    parts, holes = [first.text], first.holes
    line = first.line if first.text.strip() else 0
    j = i + 1
    while j < len(pieces):
        piece = pieces[j]
        if piece.kind == "str":  # implicit concatenation (Python)
            nxt = j
        elif piece.kind == "+":
            nxt = _next_string(pieces, j + 1)
            if nxt is None:
                break
            if nxt > j + 1:
                counter[0] += 1
                parts.append(f" {HOLE}{counter[0]} ")
                holes += 1
        else:
            break
        parts.append(pieces[nxt].text)
        holes += pieces[nxt].holes
        line = line or (pieces[nxt].line if pieces[nxt].text.strip() else 0)
        j = nxt + 1
    out.append(Candidate("".join(parts), line or first.line, holes, _formatting(pieces, j)))
    return j


def _formatting(pieces: list[Piece], j: int) -> str:
    """Whether the string is formatted right after it: ``% args`` or ``.format(args)``."""
    nxt = pieces[j] if j < len(pieces) else None
    if nxt is not None and nxt.kind == "other" and nxt.text == "%":
        return "%"
    after = pieces[j + 1] if j + 1 < len(pieces) else None
    if nxt is not None and nxt.text == "." and after is not None and after.text == "format":
        return "format"
    return ""


def _next_string(pieces: list[Piece], j: int) -> int | None:
    """After a ``+``: the next literal, skipping one non-literal operand and its ``+``."""
    if j < len(pieces) and pieces[j].kind == "str":
        return j
    depth = 0
    k = j
    while k < len(pieces):
        piece = pieces[k]
        if depth == 0 and (piece.kind in ("sep", "str") or piece.text == "="):
            return None
        if piece.kind == "other" and piece.text in "([":
            depth += 1
        elif piece.kind == "other" and piece.text in ")]":
            depth -= 1
            if depth < 0:
                return None
        elif piece.kind == "+" and depth == 0:
            return k + 1 if k + 1 < len(pieces) and pieces[k + 1].kind == "str" else None
        k += 1
    return None

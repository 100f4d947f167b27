"""What a string (or a list of strings) in the program can hold: a bounded set of variants.

A ``Text`` is one possible value of a string: its characters, with every part remedy cannot know
written as a hole identifier (`` __hole_N ``), and the line of its first literal character (the
line evidence points at). A ``Value`` is the set of variants a variable or expression can hold
(at most ``MAX_VARIANTS``: each optional fragment present or absent), either of strings or of
string lists (``[]string{...}``, ``[...]``, ``listOf(...)``). Everything here is pure and small.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

HOLE = "__hole_"
MAX_VARIANTS = 16


@dataclass(frozen=True)
class Text:
    text: str
    line: int = 0  # line of the first non-blank literal character; 0 = none yet
    literal: bool = True  # only literals (no holes, nothing computed)
    src: tuple = ()  # words written in another file: (word, file, line, snippet) each (``link``)


@dataclass(frozen=True)
class Value:
    kind: str  # "str" | "list"
    alts: tuple  # str: tuple[Text, ...]; list: tuple[tuple[Text, ...], ...]
    truncated: bool = False  # more variants existed than MAX_VARIANTS

    @property
    def known(self) -> bool:
        return self.kind == "str" and all(HOLE not in t.text for t in self.alts)


EMPTY = Text("", 0)


def text(s: str, line: int) -> Value:
    return Value("str", (Text(s, line if s.strip() else 0),))


def hole(number: int) -> Value:
    return Value("str", (Text(f" {HOLE}{number} ", 0, False),))


def as_list(items: list[Value]) -> Value:
    """A list literal: one variant per combination of its elements' variants."""
    alts, truncated = _product([_strs(v) for v in items])
    return Value("list", tuple(alts), truncated or any(v.truncated for v in items))


def _strs(value: Value) -> tuple[Text, ...]:
    if value.kind == "str":
        return value.alts
    if value.kind != "list":  # a query builder chain used as a string: not text remedy can know
        return (Text(f" {HOLE}0 ", 0, False),)
    return tuple(_join(alt, ", ") for alt in value.alts)


def _product(choices: list[tuple]) -> tuple[list[tuple], bool]:
    out = list(itertools.islice(itertools.product(*choices), MAX_VARIANTS + 1))
    return out[:MAX_VARIANTS], len(out) > MAX_VARIANTS


def _cat(a: Text, b: Text) -> Text:
    line = a.line or b.line
    return Text(a.text + b.text, line, a.literal and b.literal, a.src + b.src if b.src else a.src)


def concat(*values: Value) -> Value:
    """``a + b + …``: every combination of the parts' variants."""
    alts, truncated = _product([_strs(v) for v in values])
    joined = [_fold(parts) for parts in alts]
    return _value("str", joined, truncated or any(v.truncated for v in values))


def _fold(parts) -> Text:
    out = EMPTY
    for part in parts:
        out = _cat(out, part)
    return out


def _value(kind: str, alts: list, truncated: bool = False) -> Value:
    unique = list(dict.fromkeys(alts))
    return Value(kind, tuple(unique[:MAX_VARIANTS]), truncated or len(unique) > MAX_VARIANTS)


def _join(items: tuple[Text, ...], sep: str) -> Text:
    out = EMPTY
    for i, item in enumerate(items):
        out = _cat(out, Text(sep, 0)) if i else out
        out = _cat(out, item)
    return out


def join(value: Value, sep: Value) -> Value:
    """``strings.Join(list, sep)`` / ``sep.join(list)`` / ``list.join(sep)``."""
    if value.kind != "list":
        return value
    alts = [_join(alt, s.text) for alt in value.alts for s in sep.alts]
    return _value("str", alts, value.truncated)


def append(value: Value, items: list[Value]) -> Value:
    """``append(list, a, b)`` / ``list.append(a)`` / ``arr.push(a)``."""
    if value.kind != "list":
        return value
    tails, truncated = _product([_strs(v) for v in items])
    return _value("list", [alt + tuple(tail) for alt in value.alts for tail in tails], value.truncated or truncated)


def extend(value: Value, other: Value) -> Value:
    if value.kind != "list" or other.kind != "list":
        return value
    return _value("list", [a + b for a in value.alts for b in other.alts], value.truncated or other.truncated)


def merge(values: list[Value]) -> Value:
    """The value after branches: any of theirs (variants united, in order)."""
    kinds = {v.kind for v in values}
    chains = [v for v in values if v.kind not in ("str", "list")]
    if len(kinds) > 1 and chains and len({v.kind for v in chains}) == 1:
        values, kinds = chains, {chains[0].kind}  # a builder chain on one side, unknown on the other
    if len(kinds) > 1:
        values = [v if v.kind == "str" else Value("str", _strs(v)) for v in values]
    alts = [alt for v in values for alt in v.alts]
    return _value(values[0].kind, alts, any(v.truncated for v in values))


_GO_VERB = re.compile(r"%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?([sdvqwxXfgt%])")
_PY_PERCENT = re.compile(r"%(?:\(([A-Za-z_]\w*)\))?[-+# 0]*\d*(?:\.\d+)?([sdifrx%])")
_PY_BRACES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def format_go(template: Value, args: list[Value]) -> Value:
    """``fmt.Sprintf`` / ``String.format``: each verb takes the next argument (``%%`` is ``%``)."""
    return _format(template, args, _GO_VERB, lambda m, i: ("%" if m.group(1) == "%" else None, i))


def format_percent(template: Value, args: list[Value], named: dict[str, Value] | None = None) -> Value:
    """Python ``"…" % args``; ``%(name)s`` takes ``named[name]``."""
    def pick(m: re.Match, i: int):
        if m.group(2) == "%":
            return "%", i
        if m.group(1):
            return (named or {}).get(m.group(1)), i
        return None, i

    return _format(template, args, _PY_PERCENT, pick)


def format_braces(template: Value, args: list[Value], named: dict[str, Value]) -> Value:
    """Python ``"…".format(a, b, name=c)``: ``{}``, ``{0}``, ``{name}``."""
    def pick(m: re.Match, i: int):
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0], i
        field = (m.group(1) or "").split(":")[0].split("!")[0]
        if field.isdigit():
            return (args[int(field)] if int(field) < len(args) else None), i
        if field:
            return named.get(field), i
        return None, i

    return _format(template, args, _PY_BRACES, pick)


def _format(template: Value, args: list[Value], verbs: re.Pattern, pick) -> Value:
    """Each template variant with its verbs replaced, in order, by the matching arguments."""
    out, truncated = [], template.truncated
    for alt in template.alts:
        parts, i, pos = [], 0, 0
        for m in verbs.finditer(alt.text):
            parts.append(Value("str", (Text(alt.text[pos:m.start()], alt.line if not pos else 0, True,
                                            alt.src if not pos else ()),)))
            chosen, i = pick(m, i)
            if chosen is None:
                chosen, i = (args[i] if i < len(args) else None), i + 1
                if _numeric(m) and (chosen is None or not chosen.known) and not alt.text[:m.start()].endswith("$"):
                    chosen = "0"  # a number formatted in: a value, never a name ("$%d" stays a parameter)
            parts.append(text(chosen, 0) if isinstance(chosen, str) else chosen if chosen is not None
                         else Value("str", (Text(f" {HOLE}0 ", 0, False),)))
            pos = m.end()
        parts.append(Value("str", (Text(alt.text[pos:], 0 if pos else alt.line, True, () if pos else alt.src),)))
        built = concat(*parts)
        truncated = truncated or built.truncated
        out.extend(_with_line(t, alt.line) for t in built.alts)
    return _value("str", out, truncated)


def _numeric(m: re.Match) -> bool:
    verb = m.group(0)[-1]
    return verb in "dfgxXeib"


def _with_line(t: Text, line: int) -> Text:
    return t if t.line else Text(t.text, line, t.literal, t.src)


def literal_only(value: Value) -> bool:
    return value.kind == "str" and all(t.literal for t in value.alts)


def moved(value: Value, line: int) -> Value | None:
    """A value another file wrote, placed at ``line`` of this one, where it is used (its words keep their own
    file:line in ``src``); None for a builder chain, which stays in its file."""
    def at(t: Text) -> Text:
        return Text(t.text, line if t.line else 0, t.literal, t.src)

    if value.kind == "str":
        return Value("str", tuple(at(t) for t in value.alts), value.truncated)
    if value.kind == "list":
        return Value("list", tuple(tuple(at(t) for t in alt) for alt in value.alts), value.truncated)
    return None

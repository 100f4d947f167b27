"""PostgreSQL sequence options: what CREATE SEQUENCE and ALTER SEQUENCE make of the options they are given, and
the words ``Column.kind_options`` keeps of a serial's or an identity's sequence (``as bigint start 10 increment 5``).

The words are the options that differ from what the sequence's type alone gives (``CREATE SEQUENCE s AS type``),
so the text is one per sequence: the live reader, the DDL parser and the plan renderer meet on it. The
sequence's type is said (``as bigint``) when it is not the column's own. An identity's sequence is made with its
column's type (PostgreSQL refuses ``AS`` among an identity's options, and ``ALTER COLUMN ... SET AS``), follows
its column's ``ALTER COLUMN ... TYPE``, and takes another type only by ``ALTER SEQUENCE ... AS``. The rules are
PostgreSQL's own (``init_params`` in sequence.c):

* CREATE: unsaid bounds are the type's (ascending ``1 .. max``, descending ``min .. -1``); START is the bound the
  sequence starts from; CACHE 1, NO CYCLE.
* ALTER: what is not said stays. ``NO MINVALUE`` / ``NO MAXVALUE`` take the defaults for the increment's sign.
  ``AS type`` moves a bound only where it was the old type's own limit (otherwise the bound is kept); a bound
  given in the same command wins.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from remedy.dialects.postgresql import path_names

BOUNDS = {"smallint": (-32768, 32767), "integer": (-2147483648, 2147483647),
          "bigint": (-9223372036854775808, 9223372036854775807)}
_TYPE_NAMES = {"smallint": "smallint", "int2": "smallint", "integer": "integer", "int": "integer", "int4": "integer",
               "bigint": "bigint", "int8": "bigint"}
_OPTION = re.compile(
    r"(?is)\s*(?:AS\s+(?:pg_catalog\.)?\"?(?P<as>\w+)\"?"
    r"|INCREMENT(?:\s+BY)?\s+(?P<increment>[+-]?\d+)"
    r"|NO\s+(?P<no>MINVALUE|MAXVALUE|CYCLE)\b"
    r"|MINVALUE\s+(?P<minvalue>[+-]?\d+)"
    r"|MAXVALUE\s+(?P<maxvalue>[+-]?\d+)"
    r"|START(?:\s+WITH)?\s+(?P<start>[+-]?\d+)"
    r"|CACHE\s+(?P<cache>\d+)"
    r"|(?P<cycle>CYCLE)\b"
    r"|RESTART(?:\s+(?:WITH\s+)?[+-]?\d+)?"
    r"|OWNED\s+BY\s+\S+|SEQUENCE\s+NAME\s+\S+|LOGGED\b|UNLOGGED\b)")
_WORDS = ("start", "increment", "minvalue", "maxvalue", "cache")


def said_options(text: str) -> dict:
    """The options a CREATE / ALTER SEQUENCE or an identity's ``(...)`` says: ``as`` (the type), ``start``,
    ``increment``, ``minvalue`` / ``maxvalue`` (None: NO MINVALUE / NO MAXVALUE), ``cache``, ``cycle``. RESTART,
    OWNED BY and SEQUENCE NAME change none of them; a word it does not know is passed over."""
    said: dict = {}
    pos = 0
    while pos < len(text):
        found = _OPTION.match(text, pos)
        if found is None or found.end() == pos:
            nxt = re.compile(r"\s*\S+").match(text, pos)
            pos = nxt.end() if nxt else len(text)
            continue
        pos = found.end()
        groups = {k: v for k, v in found.groupdict().items() if v is not None}
        if "as" in groups and groups["as"].lower() in _TYPE_NAMES:  # PostgreSQL takes no other
            said["as"] = _TYPE_NAMES[groups["as"].lower()]
        elif "no" in groups:
            said[groups["no"].lower()] = False if groups["no"].upper() == "CYCLE" else None
        elif "cycle" in groups:
            said["cycle"] = True
        said.update({k: int(v) for k, v in groups.items() if k in _WORDS})
    return said


@dataclass(frozen=True)
class SequenceOptions:
    type: str
    start: int
    increment: int
    minvalue: int
    maxvalue: int
    cache: int = 1
    cycle: bool = False

    @classmethod
    def created(cls, type_: str, said: dict | None = None) -> SequenceOptions:
        """CREATE SEQUENCE ``AS type_`` with ``said`` (said_options); a said ``as`` wins over ``type_``."""
        said = said or {}
        type_ = said.get("as") or made_for(type_)
        increment = said.get("increment", 1)
        low, high = _default_bounds(type_, increment)
        low = low if said.get("minvalue") is None else said["minvalue"]
        high = high if said.get("maxvalue") is None else said["maxvalue"]
        start = said.get("start", low if increment > 0 else high)
        return cls(type_, start, increment, low, high, said.get("cache", 1), bool(said.get("cycle", False)))

    def altered(self, said: dict) -> SequenceOptions:
        """ALTER SEQUENCE with ``said`` (said_options), as PostgreSQL applies it."""
        type_ = said.get("as") or self.type
        old_low, old_high = BOUNDS.get(self.type, BOUNDS["bigint"])
        reset_high, reset_low = "as" in said and self.maxvalue == old_high, "as" in said and self.minvalue == old_low
        increment = said.get("increment", self.increment)
        low_type, high_type = BOUNDS.get(type_, BOUNDS["bigint"])
        high = self.maxvalue
        if said.get("maxvalue") is not None:
            high = said["maxvalue"]
        elif "maxvalue" in said or reset_high:  # NO MAXVALUE, or the old type's limit
            high = high_type if increment > 0 or reset_high else -1
        low = self.minvalue
        if said.get("minvalue") is not None:
            low = said["minvalue"]
        elif "minvalue" in said or reset_low:
            low = low_type if increment < 0 or reset_low else 1
        return replace(self, type=type_, start=said.get("start", self.start), increment=increment, minvalue=low,
                       maxvalue=high, cache=said.get("cache", self.cache), cycle=said.get("cycle", self.cycle))

    @classmethod
    def from_words(cls, words: str, column_type: str) -> SequenceOptions:
        """The sequence that ``Column.kind_options`` words describe (they are CREATE SEQUENCE's words)."""
        return cls.created(column_type, said_options(words))

    def words(self, column_type: str, say_type: bool = True) -> str:
        """The options that differ from what ``AS type`` alone gives, lower case (``as bigint increment 5``); the
        type is said (``say_type``) where it is not ``column_type``'s."""
        low, high = _default_bounds(self.type, self.increment)
        defaults = {"start": low if self.increment > 0 else high, "increment": 1, "minvalue": low, "maxvalue": high,
                    "cache": 1}
        out = [f"as {self.type}"] if say_type and self.type != _TYPE_NAMES.get(column_type, column_type) else []
        out += [f"{k} {getattr(self, k)}" for k in _WORDS if getattr(self, k) != defaults[k]]
        return " ".join(out + (["cycle"] if self.cycle else []))

    def clause(self, cycle_said: bool = False) -> str:
        """Every option in CREATE / ALTER SEQUENCE's words (not the type)."""
        words = [f"START WITH {self.start}", f"INCREMENT BY {self.increment}", f"MINVALUE {self.minvalue}",
                 f"MAXVALUE {self.maxvalue}", f"CACHE {self.cache}"]
        return " ".join(words + (["CYCLE"] if self.cycle else ["NO CYCLE"] if cycle_said else []))


def made_for(column_type: str) -> str:
    """The type of the sequence PostgreSQL makes for a serial or identity column of ``column_type``."""
    return _TYPE_NAMES.get(column_type, "bigint")


def _default_bounds(type_: str, increment: int) -> tuple[int, int]:
    low, high = BOUNDS.get(type_, BOUNDS["bigint"])
    return (1, high) if increment > 0 else (low, -1)


# ---- the sequence a nextval() default draws from -------------------------------------------------------------

NEXTVAL = re.compile(r"^nextval\('((?:[^']|'')*)'(?:::regclass)?\)$")
_NAME_PART = re.compile(r'"((?:[^"]|"")*)"|([^".]+)')


def drawn_sequence(raw_default: str | None) -> str | None:
    """The sequence a ``nextval('…'::regclass)`` default names, as PostgreSQL wrote it (qualified where its
    schema is off the search path); None for any other default."""
    named = NEXTVAL.match((raw_default or "").strip())
    return named.group(1).replace("''", "'") if named else None


def drawn_sequence_key(raw_default: str | None, search_path: str,
                       has_sequence: Callable[[str, str], bool] | None) -> tuple[str, str] | None:
    """(schema, name) of the sequence a nextval default draws from. A qualified name is its own; PostgreSQL prints
    one unqualified where it is visible on ``search_path``: the first schema of the path ``has_sequence`` says holds
    it (without sequences read, the path's only schema, ``"$user"`` aside). None where that cannot be told."""
    drawn = drawn_sequence(raw_default)
    if drawn is None:
        return None
    parts = [quoted.replace('""', '"') if quoted else bare.lower() for quoted, bare in _NAME_PART.findall(drawn)]
    if len(parts) != 1:
        return (parts[0], parts[1]) if len(parts) == 2 else None
    path = [name for name in path_names(search_path) if name != "$user"]
    holding = [schema for schema in path if has_sequence and has_sequence(schema, parts[0])]
    if holding or (has_sequence is None and len(path) == 1):
        return (holding or path)[0], parts[0]
    return None


def serial_sequence_name(table: str, column: str) -> str:
    """The name a serial column's sequence is given (remedy's plans name it so too)."""
    return f"{table}_{column}_seq"[:63]


def draws_from_serial_name(raw_default: str | None, schema: str, table: str, column: str) -> bool:
    """Whether the default draws from the sequence the column would own as a serial (same schema and name): a
    serial whose sequence lost its owner (``ALTER SEQUENCE … OWNED BY NONE``) reads as such a plain column."""
    drawn = drawn_sequence(raw_default)
    if drawn is None:
        return False
    parts = [quoted.replace('""', '"') if quoted else bare.lower() for quoted, bare in _NAME_PART.findall(drawn)]
    return parts[-1:] == [serial_sequence_name(table, column)] and (len(parts) == 1 or parts[0] == schema)

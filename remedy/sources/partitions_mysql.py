"""MariaDB/MySQL partitioning: read from information_schema.PARTITIONS, written as the table's PARTITION BY
clause, and changed with ADD / DROP / REORGANIZE / COALESCE PARTITION, PARTITION BY or REMOVE PARTITIONING.

A partitioned table is one ``partition_key`` object (the method and expression as the server spells them, with
its subpartitioning: ``RANGE (year(`d`))``, ``LIST COLUMNS (`c`)``, ``HASH (`id`) SUBPARTITION BY ...``) and one
``partition`` object per partition, named ``table.partition``, in the server's order: its bounds (``VALUES LESS
THAN (2020)``, ``VALUES IN ('x','y')``, nothing for HASH and KEY), its comment and its subpartitions' names. The
kinds and the findings are PostgreSQL's (missing_partition, partition_key_mismatch, ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from remedy import dialects
from remedy.model import SchemaObject

KEY, PART = "partition_key", "partition"
_PARTITIONS = """
SELECT TABLE_SCHEMA, TABLE_NAME, PARTITION_NAME, SUBPARTITION_NAME, PARTITION_METHOD, SUBPARTITION_METHOD,
       PARTITION_EXPRESSION, SUBPARTITION_EXPRESSION, PARTITION_DESCRIPTION, PARTITION_COMMENT, TABLE_ROWS
FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA IN %(schemas)s AND PARTITION_NAME IS NOT NULL
ORDER BY TABLE_SCHEMA, TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION
"""


@dataclass(frozen=True)
class Partitioning:
    """A table's partitioning: its key (None: not partitioned) and its partitions in order."""

    key: SchemaObject | None = None
    parts: tuple[SchemaObject, ...] = ()


def read_partitions(conn, schemas: Sequence[str]) -> list[SchemaObject]:
    rows = conn.exec_driver_sql(_PARTITIONS, {"schemas": tuple(schemas)}).all()
    found: dict[tuple, dict] = {}
    for schema, table, part, sub, method, sub_method, expr, sub_expr, bounds, comment, count in rows:
        entry = found.setdefault((schema, table), {"key": key_text(method, expr, sub_method, sub_expr), "parts": {}})
        slot = entry["parts"].setdefault(part, {"bounds": bounds_text(method, bounds), "comment": comment or "",
                                                "subs": [], "rows": 0})
        slot["subs"] += [sub] if sub else []
        slot["rows"] += int(count or 0)
    out = []
    for (schema, table), entry in found.items():
        out.append(SchemaObject(KEY, schema, table, table=table, definition=entry["key"]))
        out += [partition(schema, table, name, slot["bounds"], slot["comment"], tuple(slot["subs"]), slot["rows"])
                for name, slot in entry["parts"].items()]
    return out


def key_text(method: str, expr: str | None, sub_method: str | None = None, sub_expr: str | None = None) -> str:
    text = f"{method.upper()} ({expr or ''})"
    return text + (f" SUBPARTITION BY {sub_method.upper()} ({sub_expr or ''})" if sub_method else "")


def bounds_text(method: str, bounds: str | None) -> str:
    method = method.upper()
    if bounds is None or method.endswith(("HASH", "KEY")):
        return ""
    if bounds.upper() == "DEFAULT":
        return "DEFAULT"
    if method == "RANGE" and bounds.upper() == "MAXVALUE":
        return "VALUES LESS THAN MAXVALUE"
    return f"VALUES {'LESS THAN' if method.startswith('RANGE') else 'IN'} ({bounds})"


def partition(schema: str, table: str, name: str, bounds: str, comment: str = "", subs: tuple[str, ...] = (),
              rows: int | None = None) -> SchemaObject:
    rules = dialects.get("mysql")
    text = bounds + (f" COMMENT = {rules.literal(comment)}" if comment else "")
    if subs:
        text += " (" + ", ".join(f"SUBPARTITION {rules.quote_always(s)}" for s in subs) + ")"
    return SchemaObject(PART, schema, f"{table}.{name}", table=table, definition=text.strip(), rows=rows)


def of_table(objects, schema: str, table: str) -> Partitioning:
    """The partitioning of ``table`` among ``objects`` (a Schema's), its name compared as MariaDB compares it."""
    key = dialects.get("mysql").name_key
    mine = [o for o in objects.values() if o.kind in (KEY, PART) and key(o.table) == key(table)
            and (o.schema == schema or not schema)]
    found = next((o for o in mine if o.kind == KEY), None)
    return Partitioning(found, tuple(o for o in mine if o.kind == PART)) if found else Partitioning()


def clause(state: Partitioning) -> str:
    """``RANGE (...) (PARTITION p0 VALUES LESS THAN (10), ...)``: what follows PARTITION BY."""
    return f"{state.key.definition} ({', '.join(_spec(p) for p in state.parts)})"


def _spec(part: SchemaObject) -> str:
    return f"PARTITION {dialects.get('mysql').quote_always(part.own_name)} {part.definition}".rstrip()


def _method(state: Partitioning) -> str:
    return state.key.definition.split("(")[0].strip().upper() if state.key else ""


def _same(a: SchemaObject, b: SchemaObject) -> bool:
    rules = dialects.get("mysql")
    return rules.name_key(a.own_name) == rules.name_key(b.own_name) \
        and rules.definition_key(a.definition) == rules.definition_key(b.definition)


def same_key(old: Partitioning, new: Partitioning) -> bool:
    definition = dialects.get("mysql").definition_key
    return old.key is not None and new.key is not None and definition(old.key.definition) == definition(new.key.definition)


@dataclass(frozen=True)
class Step:
    """One ALTER TABLE of a partitioning change: its words after the table's name, and what it risks."""

    words: str
    what: str  # "drop" (rows deleted), "rewrite" (rows copied into new partitions), "rebuild" (the table copied)
    parts: tuple[SchemaObject, ...] = ()  # the partitions whose rows it deletes or moves


def steps(old: Partitioning, new: Partitioning, merge: bool = False) -> list[Step]:
    """The statements that turn ``old`` into ``new``; ``merge`` (a change undone): the partitions ``new`` lacks hand
    their rows to those that take their range or values, rather than being dropped with them."""
    if new.key is None:
        return [Step("REMOVE PARTITIONING", "rebuild")] if old.key is not None else []
    if not same_key(old, new):
        return [Step(f"PARTITION BY {clause(new)}", "rebuild")]
    if _method(new).endswith(("HASH", "KEY")):
        return _hashed(old, new)
    return _bounded(old, new, merge)


def _prefix(old: Sequence[SchemaObject], new: Sequence[SchemaObject]) -> int:
    n = 0
    while n < min(len(old), len(new)) and _same(old[n], new[n]):
        n += 1
    return n


def _hashed(old: Partitioning, new: Partitioning) -> list[Step]:
    """HASH and KEY: partitions added or taken from the end (rows are spread again); else partitioned anew."""
    n = _prefix(old.parts, new.parts)
    if n == len(old.parts) == len(new.parts):
        return []
    if n == len(old.parts):
        return [Step(f"ADD PARTITION ({', '.join(_spec(p) for p in new.parts[n:])})", "rewrite")]
    if n == len(new.parts):
        return [Step(f"COALESCE PARTITION {len(old.parts) - n}", "rewrite", old.parts[n:])]
    return [Step(f"PARTITION BY {clause(new)}", "rebuild")]


def _bounded(old: Partitioning, new: Partitioning, merge: bool = False) -> list[Step]:
    """RANGE and LIST: partitions that are not expected dropped (their rows with them); then, after the partitions
    both sides hold alike, new ones added, or those that differ reorganized into the expected ones (RANGE: only
    where the range they cover together ends where it did, or at MAXVALUE; else the table is partitioned anew).
    ``merge``: only RANGE partitions past the end of ``new``'s range are dropped; the others are reorganized into
    their neighbours with their rows."""
    rules = dialects.get("mysql")
    wanted = {rules.name_key(p.own_name) for p in new.parts}
    gone = tuple(p for p in old.parts if rules.name_key(p.own_name) not in wanted)
    if merge:
        gone = _past_the_end(old, new, gone)
    out = [Step(f"DROP PARTITION {', '.join(rules.quote_always(p.own_name) for p in gone)}", "drop", gone)] \
        if gone else []
    kept = [p for p in old.parts if p not in gone]
    n = _prefix(kept, new.parts)
    if n == len(new.parts) and n < len(kept):  # partitions left over after all the expected ones: merged back
        n -= 1
    before, after = kept[n:], new.parts[n:]
    if not after:
        return out
    if not before:
        return out + [Step(f"ADD PARTITION ({', '.join(_spec(p) for p in after)})", "rewrite")]
    if _method(new).startswith("RANGE") and not _same_end(before[-1], after[-1]):
        return out + [Step(f"PARTITION BY {clause(new)}", "rebuild")]
    names = ", ".join(rules.quote_always(p.own_name) for p in before)
    return out + [Step(f"REORGANIZE PARTITION {names} INTO ({', '.join(_spec(p) for p in after)})", "rewrite",
                       tuple(before))]


def _past_the_end(old: Partitioning, new: Partitioning, gone: tuple[SchemaObject, ...]) -> tuple[SchemaObject, ...]:
    """The RANGE partitions at the end of ``old`` that ``new`` lacks, where without them ``old`` ends where ``new``
    does: their rows have no place in ``new`` (as a column added and taken away again)."""
    if not _method(new).startswith("RANGE"):
        return ()
    trailing = list(old.parts)
    while trailing and trailing[-1] in gone:
        trailing.pop()
    if len(trailing) == len(old.parts) or not trailing or _bounds(trailing[-1]) != _bounds(new.parts[-1]):
        return ()
    return tuple(old.parts[len(trailing):])


def _same_end(old: SchemaObject, new: SchemaObject) -> bool:
    """Whether the range a RANGE partition closes ends at the same bound, or the new one ends at MAXVALUE."""
    return _bounds(old) == _bounds(new) or set(re.findall(r"\w+", _bounds(new).partition("than")[2])) == {"maxvalue"}


def _bounds(part: SchemaObject) -> str:
    text = part.definition.split(" COMMENT = ")[0].split(" (SUBPARTITION")[0]
    return dialects.get("mysql").definition_key(text)


# --- a CREATE TABLE's PARTITION BY clause, as the DDL reader reads it -----------------------------

_TOKEN = re.compile(r"""'(?:[^'\\]|''|\\.)*'|"(?:[^"\\]|""|\\.)*"|`(?:[^`]|``)*`|[\w$.]+|\S""")


def split_clause(sql: str) -> tuple[str, str]:
    """A CREATE TABLE without its PARTITION BY clause, and the clause (after PARTITION BY; "" where none)."""
    depth = 0
    tokens = list(_TOKEN.finditer(sql))
    for i, token in enumerate(tokens):
        text = token.group()
        depth += text == "("
        depth -= text == ")"
        if depth == 0 and text.upper() == "PARTITION" and i + 1 < len(tokens) \
                and tokens[i + 1].group().upper() == "BY":
            return sql[:token.start()].rstrip(), sql[tokens[i + 1].end():].strip().rstrip(";").strip()
    return sql, ""


def parse_clause(schema: str, table: str, text: str) -> list[SchemaObject]:
    """The key and partitions a PARTITION BY clause declares, named as MariaDB names those it is not told
    (``p0``, ``p1``...; subpartitions ``p0sp0``...)."""
    tokens = [t.group() for t in _TOKEN.finditer(text)]
    words = [t.upper() for t in tokens]
    i, method = _method_words(words, 0)
    expr, i = _group(tokens, i)
    count, i = _count(words, i, "PARTITIONS")
    sub_method = sub_expr = None
    sub_count = 0
    if words[i:i + 2] == ["SUBPARTITION", "BY"]:
        i, sub_method = _method_words(words, i + 2)
        sub_expr, i = _group(tokens, i)
        sub_count, i = _count(words, i, "SUBPARTITIONS")
    key = key_text(method, expr, sub_method, sub_expr)
    found = [SchemaObject(KEY, schema, table, table=table, definition=key)]
    specs = _specs(tokens[i + 1:-1]) if i < len(tokens) and tokens[i] == "(" else []
    if not specs:
        specs = [[f"p{n}"] for n in range(count or 1)]
    for n, spec in enumerate(specs):
        name, bounds, comment, subs = _spec_parts(spec, method)
        subs = subs or (tuple(f"{name}sp{k}" for k in range(sub_count or 1)) if sub_method else ())
        found.append(partition(schema, table, name, bounds, comment, subs))
    return found


def _method_words(words: list[str], i: int) -> tuple[int, str]:
    out = []
    while i < len(words) and words[i] in ("LINEAR", "RANGE", "LIST", "HASH", "KEY", "COLUMNS"):
        out.append(words[i])
        i += 1
    if i < len(words) and words[i].startswith("ALGORITHM"):
        i += 3 if words[i] == "ALGORITHM" else 1
    return i, " ".join(out)


def _group(tokens: list[str], i: int) -> tuple[str, int]:
    """The text inside the parentheses at ``i``, and the index after them."""
    depth, start = 0, i
    while i < len(tokens):
        depth += tokens[i] == "("
        depth -= tokens[i] == ")"
        i += 1
        if depth == 0:
            break
    return _joined(tokens[start + 1:i - 1]), i


def _joined(tokens: list[str]) -> str:
    text = ""
    for token in tokens:
        glue = "" if not text or token in (",", ")", "(") or text.endswith(("(", ",")) else " "
        text += glue + token
    return text


def _count(words: list[str], i: int, word: str) -> tuple[int, int]:
    if i < len(words) and words[i] == word:
        return int(words[i + 1]), i + 2
    return 0, i


def _specs(tokens: list[str]) -> list[list[str]]:
    out, depth, current = [], 0, []
    for token in tokens:
        depth += token == "("
        depth -= token == ")"
        if token == "," and depth == 0:
            out.append(current)
            current = []
        else:
            current.append(token)
    return out + ([current] if current else [])


def _spec_parts(spec: list[str], method: str) -> tuple[str, str, str, tuple[str, ...]]:
    name = _unquoted(spec[1]) if spec[0].upper() == "PARTITION" else _unquoted(spec[0])
    words = [t.upper() for t in spec]
    bounds, comment, subs = "", "", ()
    if "VALUES" in words:
        at = words.index("VALUES")
        if words[at + 1] == "LESS":
            if words[at + 3] == "MAXVALUE":
                bounds = bounds_text(method, "MAXVALUE")
            else:
                bounds = bounds_text(method, _group(spec, at + 3)[0])
        else:
            bounds = bounds_text(method, _group(spec, at + 2)[0])
    elif "DEFAULT" in words:
        bounds = "DEFAULT"
    if "COMMENT" in words:
        at = words.index("COMMENT") + 1
        literal = spec[at + 1] if spec[at] == "=" else spec[at]
        comment = literal[1:-1].replace("''", "'").replace("\\'", "'")
    if spec[-1] == ")" and "SUBPARTITION" in words:
        start = words.index("SUBPARTITION") - 1
        subs = tuple(_unquoted(s[1]) for s in _specs(spec[start + 1:-1]))
    return name, bounds, comment, subs


def _unquoted(name: str) -> str:
    return name[1:-1].replace("``", "`") if name.startswith("`") else name

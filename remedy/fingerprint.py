"""A stable fingerprint of a live schema: what decisions were made against."""
from __future__ import annotations

import hashlib
import json
from operator import attrgetter

from remedy.model import Schema, Table


_COLUMN = attrgetter("name", "type", "nullable", "default", "identity", "kind", "kind_options", "collation",
                     "comment")
_FK = attrgetter("columns", "ref_table", "ref_columns", "name", "on_delete", "on_update", "definition")
_INDEX = attrgetter("name", "columns", "unique", "where", "method", "definition")
# Server-wide, not the schema's: another database's session may create or drop a role at any time, and that
# is no change to what the decisions were made against (the grants to roles are covered, with their names).
_SERVER_WIDE = frozenset({"role"})
_JSON = {"sort_keys": True, "separators": (",", ":"), "default": str}


def canonical(schema: Schema) -> dict:
    """What the fingerprint covers: everything the diff compares (a change to any of it between the scan and
    the apply stops the apply). Tuples encode as JSON arrays, so this is the same text as lists would give;
    they are built by attrgetter in C (the fingerprint of 40,000 columns is on every scan)."""
    tables = {f"{t.schema}.{t.name}": canonical_table(t) for t in schema.iter_tables()}
    return {**_rest(schema), "tables": tables}


def canonical_table(t: Table) -> dict:
    """One table's part of the fingerprint."""
    found = {
        "columns": list(map(_COLUMN, t.columns)),
        "pk": [t.primary_key.columns, t.primary_key.name, t.primary_key.definition] if t.primary_key else None,
        "fks": sorted(map(_FK, t.foreign_keys), key=repr),
        "uniques": sorted([sorted(u.columns), u.name or "", u.definition] for u in t.uniques),
        "checks": sorted([c.expression, c.name or "", c.definition] for c in t.checks),
        "indexes": sorted(map(_INDEX, t.indexes), key=repr),
        "exclusions": sorted([x.name, x.definition] for x in t.exclusions),
        "comment": t.comment,
    }
    said = [[c.name, c.charset, c.invisible] for c in t.columns if c.charset or c.invisible]
    if said or t.options is not None:  # MariaDB/MySQL: charsets, INVISIBLE, table options
        found["attributes"] = [said, t.options.said() if t.options else None]
    return found


def table_text(t: Table) -> str:
    """One table's part of the fingerprint's text, as json.dumps writes it within the whole."""
    return json.dumps(canonical_table(t), **_JSON)


def _rest(schema: Schema) -> dict:
    enums = {f"{s}.{n}": list(e.values) for (s, n), e in sorted(schema.enums.items())}
    objects = {"/".join(key): [o.definition, list(o.properties)] for key, o in sorted(schema.objects.items())
               if o.kind not in _SERVER_WIDE}
    return {"dialect": schema.dialect, "enums": enums, "extensions": sorted(schema.extensions), "objects": objects}


def fingerprint(schema: Schema) -> str:
    """sha256 of canonical(schema) as JSON, keys sorted. Written in two parts: the tables' (the last key, and
    nearly all of the text) table by table, each from remedy.ahead's text where the read made it already (in a
    thread, while the server read on), then everything else; the same text as the whole dumped at once."""
    from remedy.ahead import table_text_of

    tables = {f"{t.schema}.{t.name}": t for t in schema.iter_tables()}
    rest = json.dumps(_rest(schema), **_JSON)
    parts = (f"{json.dumps(key)}:{table_text_of(schema.tables, t)}" for key, t in sorted(tables.items()))
    text = f'{rest[:-1]},"tables":{{{",".join(parts)}}}}}'
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()

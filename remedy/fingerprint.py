"""A stable fingerprint of a live schema: what decisions were made against."""
from __future__ import annotations

import hashlib
import json
from operator import attrgetter

from remedy.model import Schema


_COLUMN = attrgetter("name", "type", "nullable", "default", "identity")


def canonical(schema: Schema) -> dict:
    """What the fingerprint covers. Tuples encode as JSON arrays, so this is the same text as lists
    would give; they are built by attrgetter in C (the fingerprint of 40,000 columns is on every scan)."""
    tables = {}
    for t in schema.iter_tables():
        tables[f"{t.schema}.{t.name}"] = {
            "columns": list(map(_COLUMN, t.columns)),
            "pk": t.primary_key.columns if t.primary_key else None,
            "fks": sorted([list(f.columns), f.ref_table, list(f.ref_columns)] for f in t.foreign_keys),
            "uniques": sorted(sorted(u.columns) for u in t.uniques),
            "checks": sorted(c.expression for c in t.checks),
            "indexes": sorted([list(i.columns), i.unique, i.where or "", i.method or ""] for i in t.indexes),
        }
    enums = {f"{s}.{n}": list(e.values) for (s, n), e in sorted(schema.enums.items())}
    return {"dialect": schema.dialect, "tables": tables, "enums": enums, "extensions": sorted(schema.extensions)}


def fingerprint(schema: Schema) -> str:
    text = json.dumps(canonical(schema), sort_keys=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()

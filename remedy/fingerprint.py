"""A stable fingerprint of a live schema: what decisions were made against."""
from __future__ import annotations

import hashlib
import json

from remedy.model import Schema


def canonical(schema: Schema) -> dict:
    tables = {}
    for t in schema.iter_tables():
        tables[f"{t.schema}.{t.name}"] = {
            "columns": [[c.name, c.type, c.nullable, c.default, c.identity] for c in t.columns],
            "pk": list(t.primary_key.columns) if t.primary_key else None,
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

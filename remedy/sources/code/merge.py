"""The expected schema when code and a catalog are both given: their union.

A column the code needs that the catalog lacks is added with ``comment = CATALOG_DRIFT`` so the
finding can say the catalog itself has drifted.
"""
from __future__ import annotations

from dataclasses import replace

from remedy.model import CATALOG_DRIFT, Schema, Table  # noqa: F401  (CATALOG_DRIFT: read from here too)
from remedy.sources.code.values import CodeExpectations


def expected_with_code(catalog: Schema | None, code: CodeExpectations, live: Schema | None = None) -> Schema:
    """The union of the catalog and what the code needs (the code alone when there is no catalog).

    A column the code needs that the catalog lacks is added with ``comment = CATALOG_DRIFT``.
    A table the catalog does not declare at all is taken from the live database when it exists
    there (so its other columns are not reported as extra), else with the code's columns.
    """
    if catalog is None:
        return code.schema
    tables = dict(catalog.tables)
    for key, needed in code.schema.tables.items():
        have = catalog.table(*key)
        if have is None:
            current = live.table(*key) if live is not None else None
            tables[key] = _code_only_table(needed, current, code.schema.name_key)
        else:
            tables[(have.schema, have.name)] = _merge_table(have, needed, catalog.name_key)
    namespaces = tuple(dict.fromkeys((*catalog.schemas, *code.schema.schemas)))
    return replace(catalog, tables=tables, schemas=namespaces, source=catalog.source + " + code")


def _merge_table(have: Table, needed: Table, key) -> Table:
    cols = list(have.columns)
    for col in needed.columns:
        existing = have.column(col.name, key)
        if existing is None:
            cols.append(replace(col, comment=CATALOG_DRIFT))
        else:
            cols[cols.index(existing)] = replace(existing, evidence=existing.evidence + col.evidence)
    return replace(have, columns=tuple(cols), evidence=have.evidence + needed.evidence)


def _code_only_table(needed: Table, current: Table | None, key) -> Table:
    if current is None:
        return replace(needed, comment=CATALOG_DRIFT)
    cols = [replace(c, evidence=(found.evidence if (found := needed.column(c.name, key)) else ()))
            for c in current.columns]
    cols += [replace(c, comment=CATALOG_DRIFT) for c in needed.columns if current.column(c.name, key) is None]
    return replace(current, columns=tuple(cols), evidence=needed.evidence, comment=CATALOG_DRIFT)

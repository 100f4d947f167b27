"""Expected names as the live server will store them.

PostgreSQL cuts an identifier longer than 63 bytes to its first 63 and says so only in a NOTICE: a catalog,
model or code that spells ``a_very_long_..._limit_x`` gets a column called ``a_very_long_..._l``. Compared as
written, the expected name is missing and the stored one extra, with no word of why. ``as_stored`` gives the
expected schema the names the server would store, and one note per name it cut, so the scan compares what the
server holds and says that it did. Definitions (CHECK conditions, index expressions) are left as written: a
catalog the server reads has them cut already, and a parsed one is compared as written and says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator

from remedy import dialects
from remedy.model import Index, Schema, Table


@dataclass
class _Cut:
    """The dialect's cut, remembering each name it changed (name -> (what it names, stored name))."""

    dialect: dialects.Dialect
    cut: dict[str, tuple[str, str]] = field(default_factory=dict)
    clashes: list[str] = field(default_factory=list)  # notes: two names cut to one, the second left out

    def __call__(self, name: str | None, what: str) -> str | None:
        if not name:
            return name
        stored = self.dialect.stored_name(name)
        if stored != name:
            self.cut.setdefault(name, (what, stored))
        return stored

    def all(self, names: tuple[str, ...], what: str) -> tuple[str, ...]:
        return tuple(self(n, what) for n in names)

    def unique(self, items: list, stored_name, original_name, what: str) -> list:
        """``items`` without those whose stored name an earlier one already has (the server refuses the
        second: "already exists" / "specified more than once"), each left out with a note."""
        kept: dict[str, object] = {}
        for item in items:
            first = kept.setdefault(stored_name(item), item)
            if first is not item:
                self.clashes.append(f"expected {what}{original_name(first)} and {what}{original_name(item)} are "
                                    f"both {stored_name(item)} once {self.dialect.label} truncates them: the server "
                                    f"cannot hold both, and {original_name(item)} is not compared")
        return list(kept.values())


def as_stored(schema: Schema, dialect: str) -> tuple[Schema, tuple[str, ...]]:
    """``schema`` with every table, column, key, index, type and schema name the live ``dialect`` would cut
    replaced by its stored form, and a note for each (none, and ``schema`` itself, when nothing is cut). Of two
    tables, or two columns of a table, that are cut to one name, the first is kept and the note says so."""
    rules = dialects.get(dialect)
    if not rules.truncates_names_at or not _any_long(schema, rules):
        return schema, ()
    cut = _Cut(rules)
    pairs = cut.unique([(t, _table(t, cut)) for t in schema.iter_tables()], lambda p: p[1].qualified,
                       lambda p: p[0].qualified, "table ")
    tables = {(stored.schema, stored.name): stored for _, stored in pairs}
    enums = {(e.schema, e.name): e for e in (replace(e, name=cut(e.name, "type "), schema=cut(e.schema, "schema "))
                                             for e in schema.enums.values())}
    schemas = tuple(dict.fromkeys(cut.all(schema.schemas, "schema ")))
    return replace(schema, tables=tables, enums=enums, schemas=schemas), _notes(cut, rules)


def _any_long(schema: Schema, rules: dialects.Dialect) -> bool:
    short = rules.truncates_names_at // 4  # a name of at most this many characters is never cut (4 bytes each)
    return any(n and len(n) > short and rules.stored_name(n) != n for n in _names(schema))


def _names(schema: Schema) -> Iterator[str]:
    yield from schema.schemas
    yield from (n for key in schema.enums for n in key)
    for table in schema.tables.values():
        yield from (table.schema, table.name, *table.column_names, *(i.name for i in table.indexes))
        yield from (c.name for c in (*table.foreign_keys, *table.uniques, *table.checks, *table.exclusions))
        if table.primary_key:
            yield table.primary_key.name


def _table(table: Table, cut: _Cut) -> Table:
    where = f"{table.name}."
    key = lambda columns: cut.all(columns, f"column {where}")
    columns = cut.unique([(c, replace(c, name=cut(c.name, f"column {where}"))) for c in table.columns],
                         lambda p: p[1].name, lambda p: p[0].name, f"column {where}")
    return replace(
        table, schema=cut(table.schema, "schema "), name=cut(table.name, "table "),
        columns=tuple(stored for _, stored in columns),
        primary_key=table.primary_key and replace(table.primary_key, name=cut(table.primary_key.name, "constraint "),
                                                  columns=key(table.primary_key.columns)),
        foreign_keys=tuple(replace(fk, name=cut(fk.name, "constraint "), columns=key(fk.columns),
                                   ref_schema=cut(fk.ref_schema, "schema "), ref_table=cut(fk.ref_table, "table "),
                                   ref_columns=cut.all(fk.ref_columns, f"column {fk.ref_table}."))
                           for fk in table.foreign_keys),
        uniques=tuple(replace(u, name=cut(u.name, "constraint "), columns=key(u.columns)) for u in table.uniques),
        checks=tuple(replace(c, name=cut(c.name, "constraint ")) for c in table.checks),
        exclusions=tuple(replace(x, name=cut(x.name, "constraint ")) for x in table.exclusions),
        indexes=tuple(_index(i, cut, where) for i in table.indexes))


def _index(index: Index, cut: _Cut, where: str) -> Index:
    keys = tuple(replace(k, column=cut(k.column, f"column {where}")) for k in index.keys)
    if keys == index.keys and cut(index.name, "index ") == index.name:
        return index
    return replace(index, name=cut(index.name, "index "), keys=keys, columns=())


def _notes(cut: _Cut, rules: dialects.Dialect) -> tuple[str, ...]:
    limit, label = rules.truncates_names_at, rules.label
    return tuple(f"expected {what}{name} ({len(name.encode())} bytes) is longer than {label}'s {limit}-byte "
                 f"limit: {label} truncates it to {stored} (a NOTICE, not an error), and remedy compares that"
                 for name, (what, stored) in cut.cut.items()) + tuple(cut.clashes)

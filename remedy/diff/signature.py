"""A table's signature: a digest of everything the comparators read of it.

Two tables of one dialect with equal signatures cannot differ in anything a comparator reports,
so the diff skips the pair without looking further; in a healthy database that is nearly every
table. A cached catalog stores its tables' signatures, so an unchanged catalog is compared against
the live database without building its tables at all (they are unpickled only when a finding or
a later stage needs them).
"""
from __future__ import annotations

import hashlib
import marshal
import re
from operator import attrgetter, itemgetter

from remedy import dialects
from remedy.model import Table
from remedy.normalize import normalize_check

_COLUMN = attrgetter("name", "type", "nullable", "default", "identity", "kind", "kind_options", "collation",
                     "not_null_name")
_TYPE = itemgetter(1)
_RAW_TYPE = attrgetter("raw_type")
_INLINE_VALUES = re.compile(r"^(?:enum|set)", re.MULTILINE)  # types whose values are in the raw type
_ATTRIBUTES = attrgetter("comment", "charset", "invisible")  # MariaDB/MySQL: part of a column's definition
_FK = attrgetter("columns", "ref_table", "ref_columns", "ref_schema", "on_delete", "on_update")


def signature(table: Table, dialect: str) -> bytes | None:
    """The digest, or None for a table that must always go through the comparators: a column of
    unknown type (a code expectation), a foreign key without referenced columns or pointing into
    another namespace (comparing those needs the other tables), values that are not plain data
    (strings, numbers, booleans, None)."""
    columns = tuple(map(_COLUMN, table.columns))
    types = set(map(_TYPE, columns))
    if "" in types:
        return None
    fks = tuple(map(_FK, table.foreign_keys))
    if any(not fk[2] or (fk[3] is not None and fk[3] != table.schema) for fk in fks):
        return None
    # the namespace is left out (the caller pairs the namespaces): a key into the table's own one
    # signs the same whether it names it or not, so `shop.orders` matches a live `app.orders`
    fks = tuple((cols, ref, ref_cols, None, on_delete, on_update)
                for cols, ref, ref_cols, _, on_delete, on_update in fks)
    raw = ()  # MariaDB's unsigned and enum/set values live in the raw type
    if dialects.get(dialect).raw_type_carries_meaning or _INLINE_VALUES.search("\n".join(types)):
        raw = tuple(map(_RAW_TYPE, table.columns))
    # The order of keys and indexes is left out, and so are constraint names but where the dialect
    # compares them (names_constraints): the comparators look each expected one up by meaning.
    pk = table.primary_key
    indexes = [(i.columns, i.unique, normalize_check(i.where, dialect) if i.where else None,
                (i.method or "btree").lower(), i.definition) for i in table.indexes]
    # the server's definitions where read (PostgreSQL): the options the structure leaves out
    definitions = _unordered(c.definition for c in (*table.foreign_keys, *table.uniques, *table.checks,
                                                    *table.exclusions))
    attributes = ()
    if dialects.get(dialect).inline_comments:  # comments, charsets, INVISIBLE and the table options
        attributes = (tuple(map(_ATTRIBUTES, table.columns)), table.comment,
                      tuple(sorted(table.options.said().items())) if table.options else None)
    parts = (dialect, table.name, columns, attributes, raw, pk.columns if pk else None, pk.definition if pk else None,
             _unordered(fks), _unordered(u.columns for u in table.uniques),
             _unordered(c.expression for c in table.checks), _unordered(indexes), definitions, _names(table, dialect),
             table.flags)
    try:  # marshal version 2 has no back-references, so equal values give equal bytes however shared
        data = marshal.dumps(parts, 2)
    except ValueError:  # str subclasses (SQLAlchemy's quoted_name, from a MetaData): as the plain values
        try:
            data = marshal.dumps(_plain(parts), 2)
        except ValueError:
            return None  # something else: compared in full
    return hashlib.blake2b(data, digest_size=16).digest()


def _names(table: Table, dialect: str) -> tuple:
    """Where the server keeps every key's name and a name that differs is drift (MariaDB/MySQL): each name with
    what it names (two indexes that swap their names differ)."""
    rules = dialects.get(dialect)
    if not (rules.names_constraints or rules.renames_constraints):
        return ()
    named = lambda items, what: (("" if not i.name else rules.name_key(i.name), what(i)) for i in items)
    columns = lambda i: i.columns
    return _unordered((*named(table.foreign_keys, columns), *named(table.uniques, columns),
                       *named(table.indexes, columns), *named(table.checks, lambda c: c.expression),
                       *named(table.exclusions, lambda x: x.definition),
                       *named((table.primary_key,) if table.primary_key else (), columns)))


def _unordered(items) -> tuple:
    items = tuple(items)
    return items if len(items) < 2 else tuple(sorted(items, key=repr))  # most tables have one key of a kind


def _plain(value):
    if isinstance(value, tuple):
        return tuple(map(_plain, value))
    if isinstance(value, str) and type(value) is not str:
        return str(value)
    return value

"""PostgreSQL's dependent objects (views, functions, triggers, policies, sequences, types...), read live.

One catalog query per kind (``sql/postgresql_<kind>.sql``), each returning the same eight columns:
kind, schema, name, table, definition, properties (json), columns, depends (json). Definitions are
PostgreSQL's own deparse (pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef, pg_get_expr...),
read with ``search_path = pg_catalog`` so that every name in them is schema-qualified: the same text
on both sides when the meaning is the same, and safe to run again when a plan recreates the object.
"""
from __future__ import annotations

import json
import re

from sqlalchemy.engine import Connection

from remedy.model import SchemaObject

# The query files, in the order they are read. A kind listed here is "read" on the side that ran them.
QUERIES = ("views", "functions", "triggers", "policies", "rls", "comments", "sequences", "extension_versions",
           "domains", "types", "partitions", "grants", "default_privileges", "owners", "roles")
KINDS = frozenset({"view", "materialized_view", "function", "procedure", "trigger", "policy", "rls", "comment",
                   "sequence", "extension", "domain", "type", "partition_key", "partition", "inheritance",
                   "grant", "default_privilege", "owner", "role"})
# The kinds a scan compares only when asked (--with-privileges, --with-owners), by the query that reads each. A
# scan that does not compare them does not read them either: at 2,000 tables they are 6,000 rows and a third of
# the objects' read. The roles are read for them (whether a grantee or owner exists on the server).
ON_REQUEST = {"grants": "grant", "default_privileges": "default_privilege", "owners": "owner"}


def kinds_read(skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """The kinds a read that leaves out ``skip`` (of ON_REQUEST's) reads: the roles go with the last of those."""
    wanted = set(ON_REQUEST.values()) - skip
    return KINDS - skip - (set() if wanted else {"role"})


_READ_ONLY_FOR = {**ON_REQUEST, "roles": "role"}  # the queries run only when their kind is read


def _queries(read: frozenset[str]) -> tuple[str, ...]:
    return tuple(q for q in QUERIES if q not in _READ_ONLY_FOR or _READ_ONLY_FOR[q] in read)


def read_objects(conn: Connection, schemas: list[str], read: frozenset[str] = KINDS
                 ) -> dict[tuple[str, str, str], SchemaObject]:
    """Every dependent object of the kinds ``read`` (see kinds_read) in ``schemas``, keyed by (kind, schema, name).
    Runs in the caller's transaction and leaves its search_path as it found it."""
    from remedy.sources.live import _tuples, load_sql

    saved = conn.exec_driver_sql("SELECT current_setting('search_path')").scalar()
    conn.exec_driver_sql("SELECT set_config('search_path', 'pg_catalog', true)")
    found = {}
    for name in _queries(read):  # a query that fails aborts the transaction, which takes the setting with it: the
        for row in _tuples(conn, load_sql(f"postgresql_{name}"), {"schemas": schemas}):  # error is the caller's
            obj = object_from_row(row)
            found[obj.key] = obj
    conn.exec_driver_sql("SELECT set_config('search_path', %(path)s, true)", {"path": saved})
    return found


# "FROM public.t t": an alias that repeats the table's name (written as "FROM t t" or "t AS t", or shown
# because the qualified name differs from the reference) means the same as no alias.
_SAME_NAME_ALIAS = re.compile(r'(\b(?:FROM|JOIN)\s+(?:[\w$]+|"[^"]+")\.([\w$]+|"[^"]+"))\s+\2(?=[\s,;)]|$)')


def object_from_row(row: tuple) -> SchemaObject:
    kind, schema, name, table, definition, properties, columns, depends = row
    definition = (definition or "").strip()
    if kind in ("view", "materialized_view"):
        definition = _SAME_NAME_ALIAS.sub(r"\1", definition)
    properties = dict(_json(properties))
    used_by = tuple((u["kind"], u["schema"], u["table"], u["name"], u["said"]) for u in properties.pop("used_by", ()))
    return SchemaObject(kind=kind, schema=schema, name=name, table=table or "", definition=definition,
                        properties=tuple(sorted((k, str(v)) for k, v in properties.items())),
                        columns=tuple(columns or ()), depends_on=tuple(sorted(tuple(d) for d in _json(depends))),
                        used_by=used_by)


def _json(value):
    return json.loads(value) if isinstance(value, str) else (value or {})

"""Which schemas a scan compares, on both sides the same way.

By default every schema that is not the server's own (``pg_catalog``, ``information_schema``, ``pg_toast*``,
``pg_temp*``) or remedy's (``remedy``, its journal) is read. ``--schema`` keeps only the named ones,
``--exclude-schema`` leaves some out, and ``--map-schema LIVE=EXPECTED`` compares the expected schema
EXPECTED with the live schema LIVE (only when asked: otherwise schemas are matched by name).

Only dialects whose tables live in schemas (PostgreSQL) scope the expected side; on MariaDB/MySQL and SQLite
``--schema`` names the database to read, as before.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from remedy.errors import RemedyError
from remedy.model import Schema, SchemaObject, Table

SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema", "remedy"})
SYSTEM_PREFIXES = ("pg_toast", "pg_temp")


def is_system_schema(name: str) -> bool:
    """A schema remedy never reads: the server's catalogs and remedy's own journal."""
    return name in SYSTEM_SCHEMAS or name.startswith(SYSTEM_PREFIXES)


@dataclass(frozen=True)
class Scope:
    schemas: tuple[str, ...] = ()  # only these (empty: all)
    excluded: tuple[str, ...] = ()
    mapping: tuple[tuple[str, str], ...] = ()  # (live, expected)

    @classmethod
    def of(cls, schemas: Sequence[str] | None = (), excluded: Sequence[str] | None = (),
           maps: Sequence[str] | None = ()) -> "Scope":
        """From the command line's --schema, --exclude-schema and --map-schema LIVE=EXPECTED values."""
        return cls(tuple(dict.fromkeys(schemas or ())), tuple(dict.fromkeys(excluded or ())),
                   tuple(_map_pair(text) for text in maps or ()))

    def admits(self, name: str) -> bool:
        if is_system_schema(name) or name in self.excluded:
            return False
        return not self.schemas or name in self.schemas

    @property
    def narrowed(self) -> bool:
        return bool(self.schemas or self.excluded)

    def flags(self) -> list[str]:
        """The same scope as command-line flags (for the next commands a report suggests)."""
        out = [f"--schema={name}" for name in self.schemas] + [f"--exclude-schema={name}" for name in self.excluded]
        return out + [f"--map-schema={live}={expected}" for live, expected in self.mapping]


def _map_pair(text: str) -> tuple[str, str]:
    live, sep, expected = text.partition("=")
    if not sep or not live or not expected or "=" in expected:
        raise RemedyError(f"--map-schema {text!r}: expected LIVE=EXPECTED (e.g. --map-schema tenant_7=app)")
    return live, expected


def mapped(expected: Schema, scope: Scope) -> Schema:
    """The expected schema with each mapped namespace renamed to its live name (tables, enums, references)."""
    if not scope.mapping:
        return expected
    names = {want: live for live, want in scope.mapping}
    rename = lambda name: names.get(name, name)  # noqa: E731
    tables = {(rename(s), n): _renamed_table(t, rename) for (s, n), t in expected.tables.items()}
    enums = {(rename(s), n): replace(e, schema=rename(e.schema)) for (s, n), e in expected.enums.items()}
    objects = {(k, rename(s) if k in _MAPPED_KINDS else s, n): _renamed_object(o, rename) if k in _MAPPED_KINDS else o
               for (k, s, n), o in expected.objects.items()}
    return replace(expected, tables=tables, enums=enums, objects=objects,
                   schemas=tuple(dict.fromkeys(map(rename, expected.schemas))))


# Object kinds whose definitions name no schema, so they compare in their live schema. The others (views,
# functions...) hold qualified names in their definitions and stay where they are: not compared when mapped.
_MAPPED_KINDS = frozenset({"grant", "rls", "default_privilege", "owner"})


def unmapped_objects(expected: Schema, scope: Scope) -> list[tuple[str, str, int]]:
    """(kind, live schema, count) of the expected objects that ``mapped`` left under their expected schema name,
    so not compared: said in not_compared."""
    live_of = {want: live for live, want in scope.mapping}
    counts: dict[tuple[str, str], int] = {}
    for kind, schema, _ in expected.objects:
        if schema in live_of and kind not in _MAPPED_KINDS and kind != "role":
            counts[(kind, live_of[schema])] = counts.get((kind, live_of[schema]), 0) + 1
    return [(kind, schema, n) for (kind, schema), n in sorted(counts.items())]


def _renamed_object(obj: SchemaObject, rename) -> SchemaObject:
    """A view, grant... in its live schema, with what it reads too (its definition is left as written)."""
    return replace(obj, schema=rename(obj.schema), depends_on=tuple((rename(s), r, c) for s, r, c in obj.depends_on))


def _renamed_table(table: Table, rename) -> Table:
    fks = tuple(replace(fk, ref_schema=rename(fk.ref_schema)) if fk.ref_schema else fk for fk in table.foreign_keys)
    return replace(table, schema=rename(table.schema), foreign_keys=fks)


def scoped(schema: Schema, scope: Scope) -> Schema:
    """Only what lies in the scope's schemas (the same tables mapping where it holds nothing else: what a read made
    of the tables ahead stays with them, remedy.ahead)."""
    tables = schema.tables
    if not all(scope.admits(k[0]) for k in tables):
        tables = {k: t for k, t in tables.items() if scope.admits(k[0])}
    return replace(schema, tables=tables,
                   enums={k: e for k, e in schema.enums.items() if scope.admits(k[0])},
                   schemas=tuple(name for name in schema.schemas if scope.admits(name)))


def namespaces(schema: Schema) -> tuple[str, ...]:
    """Every schema a model declares or holds something in."""
    return tuple(sorted(set(schema.schemas) | {k[0] for k in schema.tables} | {k[0] for k in schema.enums}))


def out_of_scope(schema: Schema, scope: Scope) -> tuple[str, ...]:
    """The schemas of a model that the scope leaves out (said in a note, so nothing is silently skipped)."""
    return tuple(name for name in namespaces(schema) if not is_system_schema(name) and not scope.admits(name))


def check_scope(expected: Schema, live: Schema, scope: Scope, expected_side: str) -> None:
    """Refuse (exit 2) a --schema that neither side has, and an expected side with nothing to compare."""
    have = set(namespaces(expected)) | set(namespaces(live))
    unknown = [name for name in scope.schemas if name not in have]
    if unknown:
        raise RemedyError(f"--schema {', '.join(unknown)}: no such schema in the live database or in {expected_side}",
                          "check the name (schemas are matched by name, case-sensitively)")
    if not expected.tables and not expected.partial:
        where = f" in schema(s) {', '.join(scope.schemas)}" if scope.schemas else (
            " after --exclude-schema" if scope.excluded else "")
        raise RemedyError(f"the expected side ({expected_side}) has no tables{where}",
                          "an empty expectation would plan to drop everything; check --expected and the scope")

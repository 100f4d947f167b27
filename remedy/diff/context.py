"""What every comparator needs: both schemas, the schema-name mapping, table pairs."""
from __future__ import annotations

from dataclasses import dataclass, field

from remedy import dialects
from remedy.ahead import signature_of
from remedy.model import Column, Schema, Table
from remedy.normalize import inline_values, name_key, types_equivalent

# Bookkeeping tables of migration tools: never reported as extra.
IGNORED_TABLES = frozenset({"alembic_version", "schema_migrations", "goose_db_version", "flyway_schema_history",
                            "django_migrations", "__diesel_schema_migrations", "knex_migrations",
                            "knex_migrations_lock", "sqlite_sequence"})


@dataclass(frozen=True)
class Context:
    expected: Schema
    live: Schema
    schema_map: dict  # expected namespace -> live namespace
    _column_index: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def partial(self) -> bool:
        return self.expected.partial

    def live_schema_name(self, expected_schema: str) -> str:
        return self.schema_map.get(expected_schema, expected_schema)

    def key(self, name: str) -> str:
        """Comparison key of a name: exact on PostgreSQL, case-insensitive elsewhere."""
        return name_key(name, self.live.dialect)

    def in_scope(self, expected_schema: str) -> bool:
        """Whether the expected namespace was read (one the scan did not read is not compared at all)."""
        return expected_schema in self.schema_map

    def compared_live_schemas(self) -> set[str]:
        """The live namespaces whose tables are compared: where schemas hold tables (PostgreSQL), every one
        the scan read (the scope was applied before); elsewhere those the expected namespaces map to."""
        if by_schema_name(self.expected, self.live):
            return set(self.live.schemas) | {k[0] for k in self.live.tables}
        return set(self.schema_map.values())

    def expected_keys(self) -> list[tuple[str, str]]:
        """(namespace, name) of every expected table in scope, in order. Keys only: the tables of a
        cached catalog are built on first use, and most are never needed."""
        return sorted(key for key in self.expected.tables if self.in_scope(key[0]))

    def expected_tables(self) -> list[Table]:
        tables = self.expected.tables
        return [tables[key] for key in self.expected_keys()]

    def live_table(self, table: Table) -> Table | None:
        return self.live_table_at((table.schema, table.name))

    def live_table_at(self, key: tuple[str, str]) -> Table | None:
        return self.live.table(self.live_schema_name(key[0]), key[1])

    def once(self, key: str, build):
        """``build()``, computed once per diff (what several comparators derive from both schemas alike)."""
        cache = self._column_index
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def pairs(self) -> list[tuple[Table, Table]]:
        """(expected, live) for every expected table the live database has and that may differ from it.

        Pairs with equal signatures (remedy.diff.signature) are left out: no comparator could find
        anything in them, and in a healthy database they are nearly all of the tables."""
        cache = self._column_index
        found = cache.get("pairs")
        if found is None:
            tables = self.expected.tables
            found = cache["pairs"] = [(tables[key], live) for key in self.expected_keys()
                                      if (live := self.live_table_at(key)) is not None
                                      and not self.unchanged(key, live)]
        return found

    def unchanged(self, key: tuple[str, str], live: Table) -> bool:
        """Whether the expected table at ``key`` and ``live`` have the same signature. Only within one
        dialect, for complete expectations, for the live table of the same name in the namespace the
        expected one maps to."""
        if self.expected.dialect != self.live.dialect or self.partial or live.name != key[1] \
                or self.schema_map.get(key[0]) != live.schema:
            return False
        tables = self.expected.tables
        stored = getattr(tables, "signature", None)  # a cached catalog keeps them
        want = stored(key) if stored else signature_of(tables, tables[key], self.expected.dialect)
        return want is not None and want == signature_of(self.live.tables, live, self.live.dialect)

    def columns_by_key(self, table: Table) -> dict:
        """Columns of a table by comparison key, built once per table (lookups are O(1))."""
        cache = self._column_index
        found = cache.get(id(table))
        if found is None or found[0] is not table:
            found = cache[id(table)] = (table, {self.key(c.name): c for c in table.columns})
        return found[1]

    def column_match(self, table: Table, live: Table) -> "ColumnMatch":
        """Which expected columns the live table has, lacks, and which live ones are extra: computed once."""
        cache = self._column_index
        key = ("match", id(table), id(live))
        found = cache.get(key)
        if found is None or found[0] is not table or found[1] is not live:
            found = cache[key] = (table, live, _match(self, table, live))
        return found[2]

    def same_type(self, expected: Column, actual: Column) -> bool:
        if expected.type == actual.type and not expected.type.startswith(("enum", "set")) \
                and not dialects.get(self.live.dialect).raw_type_carries_meaning:
            return True  # the common case, decided without parsing anything
        if not types_equivalent(expected.type, actual.type, self.expected.dialect, self.live.dialect):
            return False
        if self.expected.dialect == self.live.dialect and expected.raw_type and actual.raw_type \
                and not dialects.get(self.live.dialect).same_raw_type(expected.raw_type, actual.raw_type):
            return False
        want, have = inline_values(expected.raw_type), inline_values(actual.raw_type)
        return want is None or have is None or want == have  # enum('a','b'): a value more or less is drift

    def same_names(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        return tuple(self.key(x) for x in a) == tuple(self.key(x) for x in b)


@dataclass(frozen=True)
class ColumnMatch:
    pairs: tuple[tuple[Column, Column], ...]  # (expected, live)
    missing: tuple[Column, ...]  # expected, not in the live table
    extra: tuple[Column, ...]  # live, not expected


def _match(ctx: Context, table: Table, live: Table) -> ColumnMatch:
    have = ctx.columns_by_key(live)
    pairs, missing, wanted = [], [], set()
    for col in table.columns:
        key = ctx.key(col.name)
        wanted.add(key)
        actual = have.get(key)
        if actual is None:
            missing.append(col)
        else:
            pairs.append((col, actual))
    extra = tuple(c for k, c in have.items() if k not in wanted)
    return ColumnMatch(tuple(pairs), tuple(missing), extra)


def unread_namespaces(expected: Schema, live: Schema) -> tuple[str, ...]:
    """Expected namespaces the scan did not read (so nothing in them was compared)."""
    mapping = _schema_map(expected, live)
    return tuple(sorted(n for n in set(expected.schemas) | {k[0] for k in expected.tables} if n not in mapping))


def make_context(expected: Schema, live: Schema) -> Context:
    return Context(expected, live, _schema_map(expected, live))


def by_schema_name(expected: Schema, live: Schema) -> bool:
    """Whether schemas are compared by name: where tables live in schemas (PostgreSQL), on both sides."""
    return dialects.get(live.dialect).has_schemas and expected.dialect == live.dialect


def _schema_map(expected: Schema, live: Schema) -> dict:
    """Expected namespace -> the live one it is compared with. Where schemas hold tables (PostgreSQL), each
    is compared with the live schema of the same name (remedy.scope maps them first when asked).
    Elsewhere, where some expected namespaces were read
    by name, those are the scope (billing.items is never compared with public.items); otherwise the
    expected ones map onto the single live namespace (unqualified DDL against a MariaDB database), or a single
    expected one onto the live default schema (a SQLite database against a PostgreSQL one with several)."""
    live_names = set(live.schemas) | {k[0] for k in live.tables}
    expected_names = set(expected.schemas) | {k[0] for k in expected.tables}
    if by_schema_name(expected, live):
        default = dialects.get(live.dialect).default_schema  # an unqualified name lives in the default schema
        return {name: name or default for name in expected_names}  # by name; the scan scoped both sides
    if len(expected_names) > 1 and expected_names & live_names:
        return {name: name for name in expected_names & live_names}
    mapping = {}
    for name in expected_names:
        if name in live_names:
            mapping[name] = name
        elif len(live_names) == 1:
            mapping[name] = next(iter(live_names))
        elif len(expected_names) == 1 and live.schemas:
            mapping[name] = _home_schema(live)
    return mapping


def _home_schema(live: Schema) -> str:
    """Where the unqualified tables of a single-namespace expectation of another dialect live: the live dialect's
    default schema (PostgreSQL's public) when the scan read it, not whichever schema sorts first."""
    default = dialects.get(live.dialect).default_schema
    return default if default in live.schemas else live.schemas[0]


def column_json(col: Column | None) -> dict | None:
    if col is None:
        return None
    data = {"type": col.type or None, "nullable": col.nullable, "default": col.default}
    if col.charset:
        data["charset"] = col.charset
    if col.collation:
        data["collation"] = col.collation
    if col.raw_type and col.raw_type.lower() != col.type:
        data["raw_type"] = col.raw_type
    if col.raw_default and col.raw_default != col.default:
        data["raw_default"] = col.raw_default
    return data

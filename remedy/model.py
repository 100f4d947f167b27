"""The schema model: frozen dataclasses shared by every stage of the pipeline.

Each value keeps its raw text (as the source spelled it) beside the normalized
form that comparisons use, so the UI can explain a difference.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Iterator, Mapping


@dataclass(frozen=True)
class Evidence:
    """Where an expectation came from: a file and line (code, DDL) or a note."""

    file: str
    line: int
    snippet: str = ""
    verdict: str = ""  # e.g. "confirmed by the database: 42703 ..." or "static only"

    def to_json(self) -> dict:
        data: dict = {"file": self.file, "line": self.line}
        if self.snippet:
            data["snippet"] = self.snippet
        if self.verdict:
            data["verdict"] = self.verdict
        return data


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # normalized, e.g. "integer", "varchar(255)", "text[]", "timestamptz"
    nullable: bool = True
    default: str | None = None  # normalized default expression, None = no default
    raw_type: str = ""
    raw_default: str | None = None
    ordinal: int = 0
    identity: bool = False  # serial / identity / auto_increment
    comment: str | None = None
    evidence: tuple[Evidence, ...] = ()
    kind: str = ""  # how values arise: "" (written), SERIAL, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT, GENERATED_STORED
    kind_options: str = ""  # an identity's sequence options that differ from the defaults ("start 10 increment 5")
    collation: str | None = None  # when not the type's default collation (PostgreSQL: quoted as in DDL, '"C"')
    charset: str | None = None  # MariaDB/MySQL: a character column's character set (None: not said)
    invisible: bool = False  # MariaDB/MySQL: left out of SELECT * and of an INSERT without a column list
    # PostgreSQL 18: the name of the column's NOT NULL constraint, as the server has it (None: no such
    # constraint, a server before 18, or not read by a server)
    not_null_name: str | None = None
    not_null_inherited: bool = False  # that constraint is a parent's the table inherits (it follows the parent's name)
    # PostgreSQL: the column is only a parent's, inherited and not the table's own (attislocal false): a table made
    # with INHERITS (parent) leaves it out; one made with it and then given the parent would own it
    inherited_only: bool = False

    @property
    def shown_type(self) -> str:
        return self.raw_type or self.type

    @classmethod
    def bulk(cls, name: str, type: str, nullable: bool, default: str | None, raw_type: str,
             raw_default: str | None, ordinal: int, identity: bool, comment: str | None, kind: str = "",
             kind_options: str = "", collation: str | None = None, charset: str | None = None,
             invisible: bool = False, not_null_name: str | None = None,
             not_null_inherited: bool = False, inherited_only: bool = False) -> "Column":
        """The same value as ``Column(...)`` for readers that build tens of thousands: it fills the
        instance dict at once instead of the frozen dataclass's ten ``object.__setattr__`` calls
        (that is how pickle builds one too; 0.5 µs instead of 1.3 µs)."""
        col = _new(cls)
        _set(col, "__dict__", {"name": name, "type": type, "nullable": nullable, "default": default,
                               "raw_type": raw_type, "raw_default": raw_default, "ordinal": ordinal,
                               "identity": identity, "comment": comment, "evidence": (), "kind": kind,
                               "kind_options": kind_options, "collation": collation, "charset": charset,
                               "invisible": invisible, "not_null_name": not_null_name,
                               "not_null_inherited": not_null_inherited, "inherited_only": inherited_only})
        return col

    def with_evidence(self, evidence: tuple[Evidence, ...]) -> "Column":
        """``replace(self, evidence=evidence)``, built as ``bulk`` builds one: a catalog read by the server gets
        its file:line this way, for every column of every table (a fifth of a warm catalog scan's CPU)."""
        col = _new(type(self))
        _set(col, "__dict__", {**self.__dict__, "evidence": evidence})
        return col


# What a column's comment says when the code, not the catalog, is the source of the column or its type
# (remedy.sources.code sets them; plans and renderers read them)
TYPE_FROM_CODE = "type from "  # the type a model in the code declares, and where
CATALOG_DRIFT = "referenced by the code but not declared by the catalog (the catalog has drifted)"

SERIAL = "serial"
IDENTITY_ALWAYS = "identity always"
IDENTITY_BY_DEFAULT = "identity by default"
GENERATED_STORED = "generated stored"
GENERATED_VIRTUAL = "generated virtual"  # MariaDB/MySQL: computed when read, not stored


_new = object.__new__


def _exact(name: str) -> str:
    """The name key of a dialect whose names are case-sensitive."""
    return name


_set = object.__setattr__


@dataclass(frozen=True)
class PrimaryKey:
    columns: tuple[str, ...]
    name: str | None = None
    definition: str = ""  # the server's own text without the name (PostgreSQL: pg_get_constraintdef), if read


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]
    ref_schema: str | None = None
    name: str | None = None
    on_delete: str | None = None
    on_update: str | None = None
    definition: str = ""


@dataclass(frozen=True)
class UniqueConstraint:
    columns: tuple[str, ...]
    name: str | None = None
    definition: str = ""


@dataclass(frozen=True)
class CheckConstraint:
    expression: str  # normalized SQL text
    name: str | None = None
    raw_expression: str = ""
    definition: str = ""
    inherited: bool = False  # PostgreSQL: a parent's check the table inherits (it follows the parent's name)


_UNNAMED_SUFFIX = {"unique": "key", "foreign key": "fkey", "primary key": "pkey", "exclusion": "excl"}


def constraint_label(table: str, what: str, item) -> str:
    """What a finding calls a constraint: its name, or for an unnamed one (SQLite, a parsed catalog) a
    name built from what it is (PostgreSQL's own pattern: ``t_a_b_key``; a check by its condition)."""
    if item.name:
        return item.name
    if isinstance(item, CheckConstraint):
        return f"{table}_check_{hashlib.sha1(item.expression.encode()).hexdigest()[:8]}"
    return f"{table}_{'_'.join(item.columns)}_{_UNNAMED_SUFFIX[what]}"


@dataclass(frozen=True)
class Exclusion:
    """An exclusion constraint (PostgreSQL): its definition as the server spells it, EXCLUDE USING ..."""

    name: str
    definition: str


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")


@dataclass(frozen=True)
class IndexKey:
    """One key of an index: a column, named as it is (never quoted), or an expression (SQL text the
    source's deparser or parser wrote). Renderers quote a column with the dialect's own preparer and
    write an expression as it stands, so the two must never be told apart from text."""

    column: str = ""
    expression: str = ""
    opclass: str = ""  # an operator class other than the default (varchar_pattern_ops)
    descending: bool = False
    nulls: str = ""  # "first" / "last" where it is not the default for the direction
    prefix: int = 0  # MySQL: the key covers the column's first N characters

    @property
    def text(self) -> str:
        """How reports show the key and comparisons read it: ``email``, ``"x y" desc``, ``lower(email)``,
        ``title(20)``, ``slug varchar_pattern_ops``, ``at desc nulls last``."""
        head = self.expression or _shown_name(self.column)
        head += f"({self.prefix})" if self.prefix else ""
        head += f" {self.opclass}" if self.opclass else ""
        head += " desc" if self.descending else ""
        return head + (f" nulls {self.nulls}" if self.nulls else "")


def _shown_name(name: str) -> str:
    return name if _PLAIN_NAME.fullmatch(name) else '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Index:
    """``keys`` say what each key is; ``columns`` is their text (what reports show and comparisons read).
    A reader gives ``keys``; a value built from text alone (``Index("i", ("a",))``) gets keys read back
    from it by ``index_keys_from_text``."""

    name: str
    columns: tuple[str, ...] = ()  # each key's text (IndexKey.text)
    unique: bool = False
    where: str | None = None
    method: str | None = None  # btree, gin, ...
    keys: tuple[IndexKey, ...] = ()
    definition: str = ""  # the server's text after ``ON table`` (PostgreSQL: from pg_get_indexdef), if read

    def __post_init__(self):
        if self.keys and not self.columns:
            object.__setattr__(self, "columns", tuple(k.text for k in self.keys))
        elif self.columns and not self.keys:
            object.__setattr__(self, "keys", index_keys_from_text(self.columns))


@dataclass(frozen=True)
class TableOptions:
    """MariaDB/MySQL table options that change behaviour; None where the source does not say
    (``row_format`` "": the engine's default, said as ROW_FORMAT=DEFAULT)."""

    engine: str | None = None  # InnoDB, MyISAM, ...
    charset: str | None = None  # the default character set of the table's columns
    collation: str | None = None
    row_format: str | None = None  # DYNAMIC, COMPRESSED, ... as declared

    def said(self) -> dict[str, str]:
        """The options the source says, by name."""
        return {name: value for name, value in (("engine", self.engine), ("charset", self.charset),
                                                ("collation", self.collation), ("row_format", self.row_format))
                if value is not None}


@dataclass(frozen=True)
class Table:
    name: str
    schema: str = ""
    columns: tuple[Column, ...] = ()
    primary_key: PrimaryKey | None = None
    foreign_keys: tuple[ForeignKey, ...] = ()
    uniques: tuple[UniqueConstraint, ...] = ()
    checks: tuple[CheckConstraint, ...] = ()
    indexes: tuple[Index, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    row_estimate: int | None = None
    comment: str | None = None
    evidence: tuple[Evidence, ...] = ()
    options: TableOptions | None = None  # MariaDB/MySQL: engine, charset, collation, row format
    # what the table is beyond its columns and keys, where the dialect has such words (SQLite: "autoincrement",
    # "strict", "without_rowid"; remedy.dialects ``table_flags``), sorted
    flags: tuple[str, ...] = ()
    # A DDL source: the names its statements give keys, checks, exclusions, indexes and NOT NULLs; any other name
    # is one the server chose, and is not compared (remedy.diff.names). None: every name is the source's (a database)
    stated_names: frozenset[str] | None = None

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name

    def column(self, name: str, key=None) -> Column | None:
        """The column named exactly so; with ``key`` (a dialect's name key, ``Schema.name_key``), else
        the one whose name has the same key (MariaDB's ``Name`` is ``name``; PostgreSQL's is not)."""
        for col in self.columns:
            if col.name == name:
                return col
        if key is None or key is _exact:
            return None
        wanted = key(name)
        return next((col for col in self.columns if key(col.name) == wanted), None)

    def own_part(self) -> "Table":
        """PostgreSQL: the table without what only its parents give it (columns not its own, the checks it inherits):
        what CREATE TABLE ... INHERITS (parents) writes of it."""
        return replace(self, columns=tuple(c for c in self.columns if not c.inherited_only),
                       checks=tuple(c for c in self.checks if not c.inherited))

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class Enum:
    name: str
    values: tuple[str, ...]
    schema: str = ""


@dataclass(frozen=True)
class SchemaObject:
    """A view, function, trigger, policy, sequence... as PostgreSQL itself describes it.

    ``definition`` and ``properties`` are what is compared (PostgreSQL's own deparse on both
    sides); ``columns`` are a view's output columns or a function's argument names (they decide
    whether CREATE OR REPLACE is allowed); ``depends_on`` is what it reads, from pg_depend:
    (schema, relation, column) with column "" for the whole relation.
    """

    kind: str  # view | materialized_view | function | trigger | policy | rls | comment | sequence | ...
    schema: str
    name: str  # unique per kind in its schema: a function's name(argument types), a trigger's table.name
    table: str = ""  # the table it belongs to (trigger, policy, rls, comment, partition), "" if none
    definition: str = ""
    properties: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] = ()
    depends_on: tuple[tuple[str, str, str], ...] = ()
    evidence: tuple[Evidence, ...] = ()
    rows: int | None = field(default=None, compare=False)  # the rows it holds, as the server estimates them (a MariaDB partition); never compared
    # an extension: what uses what it provides, (kind, schema, table, name, said) each (kind: index, column, table,
    # view, materialized_view, extension or other; said: as PostgreSQL describes it); never compared
    used_by: tuple[tuple[str, str, str, str, str], ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.schema, self.name)

    @property
    def own_name(self) -> str:
        """A trigger's or policy's own name (its ``name`` is table.name); other objects' names as they are."""
        prefix = self.table + "."
        return self.name[len(prefix):] if self.table and self.name.startswith(prefix) else self.name

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name

    def property(self, name: str, default: str = "") -> str:
        return dict(self.properties).get(name, default)


@dataclass(frozen=True)
class Schema:
    """A whole database schema (possibly several namespaces) as one value."""

    dialect: str  # "postgresql", "mysql", "sqlite"
    tables: Mapping[tuple[str, str], Table] = field(default_factory=dict)
    enums: Mapping[tuple[str, str], Enum] = field(default_factory=dict)
    extensions: frozenset[str] = frozenset()
    # whether ``extensions`` is all this side has (a database, DDL); False where it cannot say (a SQLAlchemy
    # MetaData, code): an extension it does not name is then no drift
    extensions_read: bool = False
    schemas: tuple[str, ...] = ()  # namespaces that were read / declared
    server_version: str = ""
    source: str = ""  # human description of where this came from
    partial: bool = False  # lists only what is needed (code): no extra_* or constraint findings
    # views, functions, triggers, policies...: (kind, schema, name) -> SchemaObject (remedy.objects)
    objects: Mapping[tuple[str, str, str], SchemaObject] = field(default_factory=dict)
    objects_read: frozenset[str] = frozenset()  # the object kinds this side was able to read

    def objects_of(self, kind: str) -> list[SchemaObject]:
        """The objects of one kind in key order (only that kind's keys are sorted: each comparator asks for its
        own kind, and a side of 2,000 tables holds ~6,000 grants and owners)."""
        return [o for _, o in sorted(item for item in self.objects.items() if item[0][0] == kind)]
    server_read: bool = False  # read by the server itself: keys and indexes carry its own definitions
    # PostgreSQL: the search_path its definitions were read under (an unqualified name in a default or a foreign
    # key's REFERENCES resolves by it); "" where it was not read
    search_path: str = ""

    def table(self, schema: str, name: str) -> Table | None:
        """The table named so, compared as the dialect compares names (exactly on PostgreSQL, where
        ``"Order"`` and ``order`` are two tables; case-insensitively on MariaDB/MySQL and SQLite)."""
        found = self.tables.get((schema, name))
        if found is not None:
            return found
        key = self.name_key
        if key is _exact:
            return None
        wanted = (key(schema), key(name))
        return next((t for (sch, tname), t in self.tables.items() if (key(sch), key(tname)) == wanted), None)

    @property
    def name_key(self):
        """The dialect's comparison key for names (remedy.dialects)."""
        from remedy import dialects

        if self.dialect not in dialects.names():
            return str.lower
        return _exact if dialects.get(self.dialect).case_sensitive_names else dialects.get(self.dialect).name_key

    def iter_tables(self) -> Iterator[Table]:
        return iter(sorted(self.tables.values(), key=lambda t: (t.schema, t.name)))

    @property
    def table_count(self) -> int:
        return len(self.tables)


def build_schema(dialect: str, tables: list[Table], enums: list[Enum] = (), **kw) -> Schema:
    """Convenience constructor keyed by (schema, name)."""
    return Schema(
        dialect=dialect,
        tables={(t.schema, t.name): t for t in tables},
        enums={(e.schema, e.name): e for e in enums},
        **kw,
    )



_KEY_NAME = r'"(?:[^"]|"")+"|`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_$]*'
_KEY_TAIL = r"(?:\s+([a-z_][a-z0-9_]*_ops))?(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?"
_COLUMN_KEY = re.compile(rf"(?i)({_KEY_NAME})(?:\((\d+)\))?{_KEY_TAIL}")
_EXPRESSION_KEY = re.compile(rf"(?is)(.+?){_KEY_TAIL}")


def index_keys_from_text(texts: tuple[str, ...]) -> tuple[IndexKey, ...]:
    return tuple(index_key_from_text(text) for text in texts)


def index_key_from_text(text: str) -> IndexKey:
    """A key given only as text (a value built by hand): a column when it names one (quoted or not,
    with its prefix, operator class, direction and NULLS order); an expression only when sqlglot reads
    it as one; anything else is the name of a column, however odd (``a); DELETE FROM y; --``)."""
    match = _COLUMN_KEY.fullmatch(text.strip())
    if match:
        name, prefix, opclass, direction, nulls = match.groups()
        return IndexKey(column=_unquoted(name), prefix=int(prefix or 0), opclass=opclass or "",
                        descending=(direction or "").lower() == "desc", nulls=(nulls or "").lower())
    match = _EXPRESSION_KEY.fullmatch(text.strip())
    head, opclass, direction, nulls = match.groups()
    if not _is_expression(head):
        return IndexKey(column=text)
    return IndexKey(expression=head.strip(), opclass=opclass or "", descending=(direction or "").lower() == "desc",
                    nulls=(nulls or "").lower())


def _unquoted(name: str) -> str:
    if name[0] in '"`' and name[-1] == name[0]:
        return name[1:-1].replace(name[0] * 2, name[0])
    return name


def _is_expression(text: str) -> bool:
    import sqlglot

    try:
        trees = sqlglot.parse(text, read="postgres")
    except Exception:
        return False
    return len(trees) == 1 and trees[0] is not None and not isinstance(
        trees[0], (sqlglot.exp.Column, sqlglot.exp.Identifier, sqlglot.exp.Alias, sqlglot.exp.Query))

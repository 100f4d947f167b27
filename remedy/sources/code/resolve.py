"""Which tables and columns a statement references.

Two steps. ``analyze`` is schema-free (and cached): it walks sqlglot's scopes and records,
for each column, the sources it may come from, innermost scope first (aliases, joins, CTEs,
subqueries, correlated references, ``INSERT (cols)``, ``UPDATE … SET``, ``RETURNING``,
``ON CONFLICT``). ``resolve`` then decides against the known tables (live ∪ catalog): an
unqualified column in a multi-table scope goes to the one table that has it; when none or
several do, it is reported as unresolved rather than guessed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable

from sqlglot import exp
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers
from sqlglot.optimizer.scope import Scope, traverse_scope

from remedy.sources.code.texts import HOLE

DML = (exp.Insert, exp.Update, exp.Delete, exp.Merge)
_QUERY = (exp.Select, exp.SetOperation)
_PSEUDO_COLUMNS = {"current_user", "session_user", "current_role", "current_schema", "current_catalog", "user",
                   "localtime", "localtimestamp", "current_date", "current_time", "current_timestamp"}


@dataclass(frozen=True)
class Source:
    """Where columns can come from: a table, a CTE/subquery (its output names), or opaque."""

    kind: str  # "table" | "derived" | "opaque"
    name: str
    schema: str = ""
    names: tuple[str, ...] = ()  # derived: output columns
    via: tuple["Source", ...] = ()  # derived with SELECT *: the sources the star reads

    def to_json(self) -> list:
        return [self.kind, self.name, self.schema, list(self.names), [v.to_json() for v in self.via]]

    @staticmethod
    def from_json(data: list) -> "Source":
        kind, name, schema, names, via = data
        return Source(kind, name, schema, tuple(names), tuple(Source.from_json(v) for v in via))


@dataclass(frozen=True)
class ColumnUse:
    column: str
    tiers: tuple[tuple[Source, ...], ...]  # candidate sources, innermost scope first
    alias: str = ""  # qualifier that matched no source (a broken reference)



@dataclass(frozen=True)
class Analysis:
    tables: tuple[tuple[str, str], ...]  # (schema or "", name) of every table referenced
    columns: tuple[ColumnUse, ...]
    notes: tuple[str, ...] = ()  # e.g. dynamic table names

    def to_json(self) -> dict:
        """Compact: each distinct source once ("s"), columns as [name, [[source index…]…], alias]."""
        index: dict[Source, int] = {}
        columns = [[c.column, [[index.setdefault(s, len(index)) for s in tier] for tier in c.tiers], c.alias]
                   for c in self.columns]
        return {"t": [list(t) for t in self.tables], "s": [s.to_json() for s in index], "c": columns,
                "n": list(self.notes)}

    @staticmethod
    def from_json(data: dict) -> "Analysis":
        sources = [Source.from_json(s) for s in data["s"]]
        columns = tuple(ColumnUse(name, tuple(tuple(sources[i] for i in tier) for tier in tiers), alias)
                        for name, tiers, alias in data["c"])
        return Analysis(tuple(tuple(t) for t in data["t"]), columns, tuple(data["n"]))


# ------------------------------------------------------------------ analyze


@dataclass
class _Env:
    """Sources visible in one scope: by qualifier, and the list unqualified columns search."""

    by_alias: dict[str, Source]
    tier: tuple[Source, ...]
    parent: "_Env | None" = None
    outputs: frozenset[str] = frozenset()  # SELECT aliases (ORDER BY / GROUP BY may name them)


@dataclass
class _Walk:
    ctes: dict[str, Source] = field(default_factory=dict)
    envs: dict[int, _Env] = field(default_factory=dict)
    direct: dict[int, Source] = field(default_factory=dict)  # column node id -> its table (UPDATE SET)
    uses: list[ColumnUse] = field(default_factory=list)
    target: Source | None = None  # the table an INSERT/UPDATE/DELETE writes
    tables: list[exp.Table] = field(default_factory=list)  # every Table node, from one walk of the tree
    columns: list[exp.Column] = field(default_factory=list)
    queries: list[exp.Expression] = field(default_factory=list)


def analyze(tree: exp.Expression, dialect: str = "postgres") -> Analysis:
    """References of one parsed statement, before knowing any schema."""
    tree = normalize_identifiers(tree, dialect=dialect)
    walk = _Walk()
    for node in tree.walk():
        if isinstance(node, exp.Column):
            walk.columns.append(node)
        elif isinstance(node, exp.Table):
            walk.tables.append(node)
        elif isinstance(node, _QUERY):
            walk.queries.append(node)
    notes = _hole_notes(walk)
    if isinstance(tree, DML):
        root = _dml_env(tree, walk)
        walk.envs[id(tree)] = root
        _extra_dml_columns(tree, walk)
        for query in _top_queries(tree, walk):
            _scopes(query, walk, root)
    else:
        _scopes(tree, walk, None)
    for column in walk.columns:
        use = _column_use(column, walk)
        if use is not None:
            walk.uses.append(use)
    return Analysis(_tables(tree, walk), tuple(walk.uses), notes)


def _hole_notes(walk: _Walk) -> tuple[str, ...]:
    return tuple(sorted({"dynamic table name" for t in walk.tables if t.name.startswith(HOLE)}))


def _tables(tree: exp.Expression, walk: _Walk) -> tuple[tuple[str, str], ...]:
    found: dict[tuple[str, str], None] = {}
    for table in walk.tables:
        if _physical(table, walk):
            found[(table.db, table.name)] = None
    return tuple(found)


def _physical(table: exp.Table, walk: _Walk) -> bool:
    if not isinstance(table.this, exp.Identifier) or table.name.startswith(HOLE) or not table.name:
        return False
    return bool(table.db) or table.name not in walk.ctes


def _table_source(table: exp.Table, walk: _Walk) -> Source:
    if not isinstance(table.this, exp.Identifier) or table.name.startswith(HOLE):
        return Source("opaque", table.alias_or_name)
    if not table.db and table.name in walk.ctes:
        return walk.ctes[table.name]
    return Source("table", table.name, table.db)


def _top_queries(tree: exp.Expression, walk: _Walk) -> list[exp.Expression]:
    return [q for q in walk.queries if q is not tree and q.find_ancestor(*_QUERY, *DML) is tree]


def _dml_env(tree: exp.Expression, walk: _Walk) -> _Env:
    with_ = tree.args.get("with_") or tree.args.get("with")
    for cte in (with_.expressions if with_ else ()):
        walk.ctes[cte.alias_or_name] = _derived(cte.alias_or_name, cte.this, cte.args.get("alias"), walk)
    by_alias: dict[str, Source] = {}
    tier: list[Source] = []
    target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    for table in walk.tables:
        if table.find_ancestor(*_QUERY, *DML) is not tree:
            continue
        source = _table_source(table, walk)
        by_alias[table.alias_or_name] = source
        tier.append(source)
        if table is target:
            by_alias["excluded"] = source
            walk.target = source
    return _Env(by_alias, tuple(tier))


def _extra_dml_columns(tree: exp.Expression, walk: _Walk) -> None:
    """Columns sqlglot keeps as identifiers: INSERT (cols); and UPDATE SET targets."""
    target = walk.target
    if target is None:
        return
    if isinstance(tree, exp.Insert) and isinstance(tree.this, exp.Schema):
        for ident in tree.this.expressions:
            if isinstance(ident, exp.Identifier) and not ident.name.startswith(HOLE):
                walk.uses.append(ColumnUse(ident.name, ((target,),)))
    sets = list(tree.expressions) if isinstance(tree, exp.Update) else []
    conflict = tree.args.get("conflict")
    if conflict is not None:
        sets += list(conflict.expressions or [])
        for key in conflict.args.get("conflict_keys") or []:
            for col in key.find_all(exp.Column):
                walk.direct[id(col)] = target
    for eq in sets:
        if isinstance(eq, exp.EQ) and isinstance(eq.this, exp.Column):
            walk.direct[id(eq.this)] = target


def _scopes(query: exp.Expression, walk: _Walk, outer: _Env | None) -> None:
    try:
        scopes = traverse_scope(query)
    except Exception:  # sqlglot.errors.OptimizeError on odd input: fall back to one flat scope
        walk.envs[id(query)] = _Env({}, (), outer)
        return
    by_expr: dict[int, _Env] = {}
    for scope in scopes:  # children come before parents: build lazily
        _env_for(scope, walk, outer, by_expr)


def _env_for(scope: Scope, walk: _Walk, outer: _Env | None, memo: dict[int, _Env]) -> _Env:
    key = id(scope.expression)
    if key in memo:
        return memo[key]
    parent = _env_for(scope.parent, walk, outer, memo) if scope.parent is not None else outer
    by_alias: dict[str, Source] = {}
    for name, source in scope.selected_sources.items():
        by_alias[name] = _scope_source(name, source[1], walk)
    for cte in scope.cte_scopes:
        alias = cte.expression.parent
        if isinstance(alias, exp.CTE):
            walk.ctes.setdefault(alias.alias_or_name, _derived(alias.alias_or_name, cte.expression,
                                                                 alias.args.get("alias"), walk))
    outputs = frozenset(scope.expression.named_selects) if isinstance(scope.expression, exp.Select) else frozenset()
    env = _Env(by_alias, tuple(by_alias.values()), parent, outputs)
    memo[key] = env
    walk.envs[key] = env
    return env


def _scope_source(name: str, source, walk: _Walk) -> Source:
    if isinstance(source, exp.Table):
        return _table_source(source, walk)
    if isinstance(source, Scope) and isinstance(source.expression, _QUERY):
        parent = source.expression.parent
        alias = parent.args.get("alias") if parent is not None else None
        return _derived(name, source.expression, alias, walk)
    return Source("opaque", name)


def _derived(name: str, query: exp.Expression, alias, walk: _Walk) -> Source:
    columns = alias.columns if isinstance(alias, exp.TableAlias) else []
    if columns:
        return Source("derived", name, names=tuple(c.name for c in columns))
    select = query
    while isinstance(select, exp.SetOperation):
        select = select.this
    if not isinstance(select, exp.Select):
        return Source("opaque", name)
    via: tuple[Source, ...] = ()
    if any(isinstance(e, exp.Star) or (isinstance(e, exp.Column) and isinstance(e.this, exp.Star))
           for e in select.expressions):
        via = tuple(_table_source(t, walk) for t in _from_tables(select))
    return Source("derived", name, names=tuple(select.named_selects), via=via)


def _from_tables(select: exp.Select) -> list[exp.Table]:
    return [t for t in select.find_all(exp.Table) if t.find_ancestor(*_QUERY) is select]


def _column_use(column: exp.Column, walk: _Walk) -> ColumnUse | None:
    name = column.name
    if isinstance(column.this, exp.Star) or not name or name.startswith(HOLE):
        return None
    if id(column) in walk.direct:
        return ColumnUse(name, ((walk.direct[id(column)],),))
    env = _env_of(column, walk)
    if env is None:
        return None
    qualifier = column.table
    if column.db:
        return ColumnUse(name, ((Source("table", qualifier, column.db),),))
    if qualifier:
        source = _lookup(env, qualifier)
        return ColumnUse(name, ((source,),)) if source else ColumnUse(name, (), alias=qualifier)
    if name in env.outputs and column.find_ancestor(exp.Order, exp.Group, exp.Having) is not None:
        return None
    return ColumnUse(name, _tiers(env))


def _env_of(column: exp.Column, walk: _Walk) -> _Env | None:
    node = column.find_ancestor(*_QUERY, *DML)
    while node is not None and id(node) not in walk.envs:
        node = node.find_ancestor(*_QUERY, *DML)
    return walk.envs.get(id(node)) if node is not None else None


def _lookup(env: _Env | None, qualifier: str) -> Source | None:
    while env is not None:
        if qualifier in env.by_alias:
            return env.by_alias[qualifier]
        env = env.parent
    return None


def _tiers(env: _Env | None) -> tuple[tuple[Source, ...], ...]:
    tiers = []
    while env is not None:
        if env.tier:
            tiers.append(env.tier)
        env = env.parent
    return tuple(tiers)


# ------------------------------------------------------------------ resolve


class Known:
    """The tables remedy knows (live first, then catalog): name -> (schema, columns)."""

    def __init__(self, schemas: Iterable, default_schema: str):
        self.default_schema = default_schema
        self._tables: dict[tuple[str, str], set[str]] = {}
        self._by_name: dict[str, list[str]] = {}
        self._memo: dict[tuple[str, str], tuple[str, str]] = {}
        for schema in schemas:
            if schema is None:
                continue
            for table in schema.iter_tables():
                key = (table.schema, table.name)
                self._tables.setdefault(key, set()).update(c.name for c in table.columns)
                if table.schema not in self._by_name.setdefault(table.name, []):
                    self._by_name[table.name].append(table.schema)

    @property
    def fingerprint(self) -> str:
        """Changes whenever a table or column is added, dropped or renamed (a cache key part)."""
        digest = hashlib.sha256(self.default_schema.encode())
        for key in sorted(self._tables):
            digest.update(repr((key, sorted(self._tables[key]))).encode())
        return digest.hexdigest()[:16]

    def table(self, schema: str, name: str) -> tuple[str, str]:
        """The (schema, name) a reference means: its own schema, the one that has it, or the default."""
        key = (schema, name)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._table(schema, name)
        return found

    def _table(self, schema: str, name: str) -> tuple[str, str]:
        if schema:
            return (schema, name)
        found = self._by_name.get(name)
        if found:
            return (self.default_schema if self.default_schema in found else found[0], name)
        return (self.default_schema, name)

    def has(self, source: Source, column: str) -> bool | None:
        """Whether the source has the column; None when unknown (a table nobody declares, a function)."""
        if source.kind == "derived":
            if column in source.names:
                return True
            via = [self.has(v, column) for v in source.via]
            return True if True in via else (None if None in via else False)
        if source.kind == "opaque":
            return None
        columns = self._tables.get(self.table(source.schema, source.name))
        return None if columns is None else column in columns


@dataclass(frozen=True)
class Resolved:
    tables: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str, str], ...]  # (schema, table, column)
    unresolved: tuple[tuple[str, str], ...]  # (reference, reason)


SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema", "pg_toast", "mysql", "performance_schema", "sys"})
SYSTEM_TABLES = frozenset({"sqlite_master", "sqlite_schema", "sqlite_sequence", "sqlite_temp_master", "dual"})


def is_system(schema: str, name: str) -> bool:
    """The database's own catalogs: never an expectation of the application's schema."""
    return schema.lower() in SYSTEM_SCHEMAS or name.lower() in SYSTEM_TABLES or (not schema and name.startswith("pg_"))


def resolve(analysis: Analysis, known: Known) -> Resolved:
    tables = tuple(dict.fromkeys(known.table(s, n) for s, n in analysis.tables if not is_system(s, n)))
    columns: dict[tuple[str, str, str], None] = {}
    unresolved: dict[tuple[str, str], None] = {(n, "built at run time; not checked") for n in analysis.notes}
    unresolved = dict.fromkeys(unresolved)
    for use in analysis.columns:
        found, problem = _pick(use, known)
        if found is not None and not _system_column(found, analysis):
            columns[found] = None
        elif problem:
            unresolved[(use.column, problem)] = None
    return Resolved(tables, tuple(columns), tuple(unresolved))


def _system_column(found: tuple[str, str, str], analysis: Analysis) -> bool:
    schema, table, _ = found
    return is_system(schema, table) or any(is_system(s, n) for s, n in analysis.tables if n == table)


def _pick(use: ColumnUse, known: Known) -> tuple[tuple[str, str, str] | None, str]:
    if not use.tiers:
        return None, f"qualifier {use.alias!r} names no table in the query"
    for tier in use.tiers:
        verdicts = [(s, known.has(s, use.column)) for s in tier]
        definite = [s for s, v in verdicts if v]
        if len(definite) > 1:
            return None, "ambiguous: " + _names(definite) + " all have it"
        if definite:
            return _physical_column(definite[0], use.column, known)
    if use.column in _PSEUDO_COLUMNS:
        return None, ""
    innermost = use.tiers[0]
    unknown = [s for s in innermost if known.has(s, use.column) is None]
    if len(innermost) == 1 or (len(unknown) == 1 and unknown[0].kind == "table"):
        return _physical_column((unknown or innermost)[0], use.column, known)
    if unknown:
        return None, f"may come from {_names(unknown)}; not resolved"
    return None, f"none of {_names(innermost)} has it"


def _physical_column(source: Source, column: str, known: Known) -> tuple[tuple[str, str, str] | None, str]:
    if source.kind == "table":
        schema, name = known.table(source.schema, source.name)
        return (schema, name, column), ""
    if source.kind == "derived" and column not in source.names and len(source.via) == 1:
        return _physical_column(source.via[0], column, known)
    if source.kind == "derived" and column not in source.names and not source.via:
        return None, f"{source.name} does not output it"
    return None, ""


def _names(sources: Iterable[Source]) -> str:
    return ", ".join(s.name for s in sources)

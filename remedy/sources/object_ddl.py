"""DDL of PostgreSQL's dependent objects: one create / drop / replace rule per kind, registered by kind.

Used by the plan's renderer (remedy.render.objects) and by ``catalog init`` (remedy.sources.snapshot).
Definitions are PostgreSQL's own deparse (schema-qualified); names are quoted by the dialect's
preparer (``env.quote`` / ``env.qualified``), literals doubled. A kind's ``replace`` returns None where
PostgreSQL has no in-place change: the object is then dropped and created.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from remedy import dialects
from remedy.model import SchemaObject

# Created before tables (columns may be of these types, defaults may call these sequences).
EARLY_KINDS = ("extension", "domain", "type", "sequence")
# Created after tables, columns, keys and indexes, in this order (a trigger needs its function...).
LATE_KINDS = ("function", "procedure", "partition_key", "partition", "inheritance", "virtual_table", "view",
              "materialized_view", "trigger", "event", "policy", "rls", "comment", "grant", "default_privilege", "owner")


def kind_order(obj: SchemaObject) -> int:
    kinds = EARLY_KINDS + LATE_KINDS
    return kinds.index(obj.kind) if obj.kind in kinds else len(kinds)


def creation_order(objects: Iterable[SchemaObject]) -> list[SchemaObject]:
    """By kind (triggers in the order they fire), and each view after the views it reads (pg_depend)."""
    found = {obj.key: obj for obj in objects}
    done: list[tuple] = []

    def visit(key: tuple, seen: frozenset = frozenset()) -> None:
        if key in done or key in seen:
            return
        for schema, relation, _ in found[key].depends_on:
            for kind in ("view", "materialized_view"):
                if (kind, schema, relation) in found:
                    visit((kind, schema, relation), seen | {key})
        done.append(key)

    for key in sorted(found, key=lambda k: (kind_order(found[k]), fire_order(found[k]), k)):
        visit(key)
    return [found[key] for key in done]


ACTION_ORDER = "action_order"  # a MariaDB/MySQL trigger's property: 1, 2, ... among its table's of its timing and event


def fire_order(obj: SchemaObject) -> int:
    """A MariaDB/MySQL trigger's place among its table's of the same timing and event (0 where none is read): a
    trigger created without FOLLOWS / PRECEDES fires after those made before it, so they are made in order."""
    order = obj.property(ACTION_ORDER)
    return int(order) if order.isdigit() else 0

Sql = list[str]


class _Unquoted:
    """Names as they are: enough to ask a kind's rule whether it can replace in place (the SQL is not kept)."""

    @staticmethod
    def quote(name: str) -> str:
        return name

    @staticmethod
    def qualified(schema: str, name: str) -> str:
        return f"{schema}.{name}" if schema else name


def replaced_in_place(old: SchemaObject, new: SchemaObject, dialect: str = "postgresql") -> bool:
    """Whether the database changes ``old`` into ``new`` in place (CREATE OR REPLACE, ALTER), rather than by
    drop and create (which takes the object's grants with it)."""
    return kind_sql(dialect, new.kind).replace(_Unquoted(), old, new) is not None


@dataclass(frozen=True)
class KindSql:
    create: Callable[..., Sql]
    drop: Callable[..., Sql]
    replace: Callable[..., Sql | None] = lambda env, old, new: None


KIND_SQL: dict[str, KindSql] = {}  # PostgreSQL's (the kinds' first home)
_DIALECT_SQL: dict[tuple[str, str], KindSql] = {}  # (dialect, kind): MariaDB/MySQL's and SQLite's own


def renders(*kinds: str, dialect: str | None = None):
    """Register a kind's DDL rules: PostgreSQL's, or with ``dialect`` another database's own."""
    def register(cls):
        for kind in kinds:
            rules = KindSql(cls.create, cls.drop, getattr(cls, "replace", KindSql.replace))
            if dialect is None:
                KIND_SQL[kind] = rules
            else:
                _DIALECT_SQL[(dialect, kind)] = rules
        return cls
    return register


def kind_sql(dialect: str, kind: str) -> KindSql:
    """The DDL rules of ``kind`` on ``dialect`` (remedy.sources.objects_mysql / objects_sqlite register theirs)."""
    return _DIALECT_SQL.get((dialect, kind)) or KIND_SQL[kind]


def literal(text: str) -> str:
    """A string literal as PostgreSQL's quote_literal writes it (the dialect's own rule)."""
    return dialects.get("postgresql").literal(text)


def _q(env, obj: SchemaObject, name: str | None = None) -> str:
    return env.qualified(obj.schema, name if name is not None else obj.name)


def _signature(env, obj: SchemaObject) -> str:
    """A function's quoted name with its identity argument types (as PostgreSQL printed them)."""
    name, _, args = obj.name.partition("(")
    return f"{_q(env, obj, name)}({args}"


def _body(definition: str) -> str:
    return definition.strip().removesuffix(";").rstrip()


class AsWritten:
    """An object created by the text the server keeps (SQLite's views and triggers, MariaDB's routines), and
    dropped by its kind and own name."""

    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [obj.definition]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP {obj.kind.upper()} {env.quote(obj.own_name)}"]


# --- views ---------------------------------------------------------------------------------------

@renders("view")
class _View:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        options = obj.property("options")
        with_ = f" WITH ({options})" if options else ""
        return [f"CREATE VIEW {_q(env, obj)}{with_} AS\n{_body(obj.definition)}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP VIEW {_q(env, obj)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql | None:
        """CREATE OR REPLACE VIEW keeps the old columns (names and types, in order) and may add more."""
        if new.columns[:len(old.columns)] != old.columns or old.property("options") != new.property("options"):
            return None
        return ["CREATE OR REPLACE" + _View.create(env, new)[0].removeprefix("CREATE")]


@renders("materialized_view")
class _MaterializedView:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        options = obj.property("options")
        with_ = f" WITH ({options})" if options else ""
        indexes = [i for i in obj.property("indexes").split(";\n") if i.strip()]
        return [f"CREATE MATERIALIZED VIEW {_q(env, obj)}{with_} AS\n{_body(obj.definition)}"] + indexes

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP MATERIALIZED VIEW {_q(env, obj)}"]


# --- functions, triggers, policies, row-level security --------------------------------------------

@renders("function", "procedure")
class _Function:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [obj.definition.strip()]  # pg_get_functiondef: CREATE OR REPLACE FUNCTION ..., qualified

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP {obj.kind.upper()} {_signature(env, obj)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql | None:
        """CREATE OR REPLACE keeps the return type and the argument names; anything else is drop + create."""
        if old.property("returns") != new.property("returns") or old.columns != new.columns:
            return None
        return [new.definition.strip()]


@renders("trigger")
class _Trigger:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        out = [obj.definition.strip()]
        state = {"D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}.get(obj.property("enabled"))
        if state:
            out.append(f"ALTER TABLE {_q(env, obj, obj.table)} {state} TRIGGER {env.quote(obj.own_name)}")
        return out

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP TRIGGER {env.quote(obj.own_name)} ON {_q(env, obj, obj.table)}"]


@renders("policy")
class _Policy:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"CREATE POLICY {env.quote(obj.own_name)} ON {_q(env, obj, obj.table)} {obj.definition}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP POLICY {env.quote(obj.own_name)} ON {_q(env, obj, obj.table)}"]


@renders("rls")
class _RowSecurity:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return _RowSecurity.replace(env, SchemaObject("rls", obj.schema, obj.name, obj.table), obj)

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return _RowSecurity.replace(env, obj, SchemaObject("rls", obj.schema, obj.name, obj.table))

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        table = _q(env, new, new.table or new.name)
        out = []
        for word, on, off in (("enabled", "ENABLE", "DISABLE"), ("forced", "FORCE", "NO FORCE")):
            if (word in old.definition) != (word in new.definition):
                out.append(f"ALTER TABLE {table} {on if word in new.definition else off} ROW LEVEL SECURITY")
        return out


@renders("comment")
class _Comment:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"COMMENT ON {_Comment.target(env, obj)} IS {literal(obj.definition)}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"COMMENT ON {_Comment.target(env, obj)} IS NULL"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        return _Comment.create(env, new)

    @staticmethod
    def target(env, obj: SchemaObject) -> str:
        on, relation, column = obj.property("on"), obj.property("relation"), obj.property("column")
        if on == "COLUMN":
            return f"COLUMN {_q(env, obj, relation)}.{env.quote(column)}"
        if on in ("FUNCTION", "PROCEDURE"):
            return f"{on} {_q(env, obj, relation)}({column})"
        return f"{on} {_q(env, obj, relation)}"


# --- sequences, extensions, domains, types ---------------------------------------------------------

@renders("sequence")
class _Sequence:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"CREATE SEQUENCE {_q(env, obj)} {obj.definition}"] + _Sequence.owner(env, obj)

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP SEQUENCE {_q(env, obj)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        out = [_Sequence.alter(env, old, new)] if old.definition != new.definition else []
        if old.property("owned_by") != new.property("owned_by"):
            out += _Sequence.owner(env, new) or [f"ALTER SEQUENCE {_q(env, new)} OWNED BY NONE"]
        return out

    @staticmethod
    def alter(env, old: SchemaObject, new: SchemaObject) -> str:
        """ALTER SEQUENCE to the new definition. A bound that moves past the sequence's current value (an ascending
        one's MINVALUE raised above it, a descending one's MAXVALUE lowered below it) is refused unless the sequence
        restarts: where it is, at apply time, it restarts at that bound. Every value it gave so far lies beyond the
        bound, so none comes again; a sequence past its other bound is left to fail (restarting it would)."""
        alter = f"ALTER SEQUENCE {_q(env, new)} {new.definition}"
        bound = restart_bound(old, new)
        if bound is None:
            return alter
        behind = "<" if _sequence_bounds(new.definition)[0] > 0 else ">"  # ascending: below its new MINVALUE
        return (f"DO $remedy_sequence$\nBEGIN\n"
                f"  IF (SELECT last_value FROM {_q(env, new)}) {behind} {bound} THEN  -- behind its new bound: "
                f"restart there\n"
                f"    {alter} RESTART WITH {bound};\n  ELSE\n    {alter};\n  END IF;\nEND\n$remedy_sequence$")

    @staticmethod
    def owner(env, obj: SchemaObject) -> Sql:
        owner = obj.property("owned_by")  # quoted by PostgreSQL's quote_ident when read
        return [f"ALTER SEQUENCE {_q(env, obj)} OWNED BY {owner}"] if owner else []


_SEQUENCE_BOUNDS = re.compile(r"\bINCREMENT BY (-?\d+) MINVALUE (-?\d+) MAXVALUE (-?\d+)\b")


def _sequence_bounds(definition: str) -> tuple[int, int, int] | None:
    """(increment, minvalue, maxvalue) of a sequence's definition as remedy reads it, None if it says otherwise."""
    found = _SEQUENCE_BOUNDS.search(definition)
    return tuple(int(v) for v in found.groups()) if found else None


def restart_bound(old: SchemaObject, new: SchemaObject) -> int | None:
    """The bound a sequence restarts at if its current value is behind it when ``old`` becomes ``new``: the new
    MINVALUE of an ascending one that raises it, the new MAXVALUE of a descending one that lowers it; else None."""
    was, now = _sequence_bounds(old.definition), _sequence_bounds(new.definition)
    if old.kind != "sequence" or was is None or now is None:
        return None
    step, low, high = now
    if step > 0 and low > was[1]:
        return low
    if step < 0 and high < was[2]:
        return high
    return None


@renders("extension")
class _Extension:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"CREATE EXTENSION IF NOT EXISTS {env.quote(obj.name)} VERSION {literal(obj.definition)}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP EXTENSION IF EXISTS {env.quote(obj.name)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        return [f"ALTER EXTENSION {env.quote(new.name)} UPDATE TO {literal(new.definition)}"]


@renders("domain")
class _Domain:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"CREATE DOMAIN {_q(env, obj)} {obj.definition}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP DOMAIN {_q(env, obj)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql | None:
        """ALTER DOMAIN where only its default, NOT NULL or constraints differ (a domain in use cannot be dropped);
        None (drop and create) where the base type or collation differs, which ALTER DOMAIN cannot change."""
        if not (old.property("base") and new.property("base")) or any(
                old.property(p) != new.property(p) for p in ("base", "collation")):
            return None
        name, was, now = _q(env, new), _domain_checks(old), _domain_checks(new)
        out = [f"ALTER DOMAIN {name} DROP CONSTRAINT {env.quote(c)}" for c in sorted(was) if was[c] != now.get(c)]
        if (old.property("has_default"), old.property("default")) != (new.property("has_default"),
                                                                        new.property("default")):
            out.append(f"ALTER DOMAIN {name} SET DEFAULT {new.property('default')}"
                       if new.property("has_default") == "True" else f"ALTER DOMAIN {name} DROP DEFAULT")
        if old.property("not_null") != new.property("not_null"):
            out.append(f"ALTER DOMAIN {name} {'SET' if new.property('not_null') == 'True' else 'DROP'} NOT NULL")
        out += [f"ALTER DOMAIN {name} ADD CONSTRAINT {env.quote(c)} {now[c]}"
                for c in sorted(now) if was.get(c) != now[c]]
        return out


def _domain_checks(obj: SchemaObject) -> dict[str, str]:
    """A domain's CHECK constraints, name -> PostgreSQL's deparse (read as JSON text)."""
    return json.loads(obj.property("constraints") or "{}")


@renders("type")
class _Type:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"CREATE TYPE {_q(env, obj)} {obj.definition}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP TYPE {_q(env, obj)}"]


# --- partitions and inheritance ------------------------------------------------------------------

@renders("partition")
class _Partition:
    """A partition is created as one (PARTITION OF its parent), never as a plain table."""

    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        key = obj.property("key")
        by = f" PARTITION BY {key}" if key else ""
        return [f"CREATE TABLE {_q(env, obj)} PARTITION OF {obj.property('parent')} {obj.definition}{by}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP TABLE {_q(env, obj)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        """New bounds: detach, then attach again (PostgreSQL checks every row against the new bounds)."""
        return [f"ALTER TABLE {old.property('parent')} DETACH PARTITION {_q(env, old)}",
                f"ALTER TABLE {new.property('parent')} ATTACH PARTITION {_q(env, new)} {new.definition}"]


@renders("partition_key")
class _PartitionKey:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return []  # only with the table itself (CREATE TABLE ... PARTITION BY)

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return []


@renders("inheritance")
class _Inheritance:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"ALTER TABLE {_q(env, obj)} INHERIT {env.qualified(*parent)}" for parent in inherited_from(obj)]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"ALTER TABLE {_q(env, obj)} NO INHERIT {env.qualified(*parent)}" for parent in inherited_from(obj)]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        had, has = inherited_from(old), inherited_from(new)
        return [f"ALTER TABLE {_q(env, new)} NO INHERIT {env.qualified(*p)}" for p in had if p not in has] + \
            [f"ALTER TABLE {_q(env, new)} INHERIT {env.qualified(*p)}" for p in has if p not in had]


_QUOTE_IDENT = re.compile(r'"((?:[^"]|"")*)"|([^".,\s]+)')


def inherited_from(obj: SchemaObject) -> tuple[tuple[str, str], ...]:
    """An inheritance object's parents, (schema, table) each, in the order the child inherits them (its definition:
    ``public.par, "Other"."P 2"``, quoted by quote_ident)."""
    names = [m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2)
             for m in _QUOTE_IDENT.finditer(obj.definition)]
    return tuple(zip(names[0::2], names[1::2]))


# --- privileges ---------------------------------------------------------------------------------

@renders("grant")
class _Grant:
    """One privilege of one grantee (remedy.diff.grants); the owner's own is implicit and never written."""

    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        if obj.property("grantee") == obj.property("owner"):
            return []
        option = " WITH GRANT OPTION" if obj.definition.endswith("WITH GRANT OPTION") else ""
        return [f"GRANT {_privilege(env, obj)} ON {grant_target(env, obj)} TO {_grantee(env, obj)}{option}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return as_grantors(env, obj, f"REVOKE {_privilege(env, obj)} ON {grant_target(env, obj)} FROM {_grantee(env, obj)}")

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        """Only the grant option can differ (the rest is the grant's identity)."""
        if new.definition.endswith("WITH GRANT OPTION"):
            return _Grant.create(env, new)
        return as_grantors(env, old, f"REVOKE GRANT OPTION FOR {_privilege(env, new)} ON {grant_target(env, new)} "
                                     f"FROM {_grantee(env, new)}")


def revoke_cascade(env, obj: SchemaObject, grant_option_only: bool) -> Sql:
    """The revoke of a privilege (or its grant option) that its grantee granted on to others."""
    option = "GRANT OPTION FOR " if grant_option_only else ""
    return as_grantors(env, obj, f"REVOKE {option}{_privilege(env, obj)} ON {grant_target(env, obj)} "
                                 f"FROM {_grantee(env, obj)} CASCADE")


def as_grantors(env, obj: SchemaObject, revoke: str) -> Sql:
    """A revoke of a live grant, made by each role that granted it: a revoke takes only what its own role granted
    (a superuser's or the owner's takes the owner's), so a privilege that another grantee granted on is revoked
    under SET ROLE to that grantor. ``grantors`` is empty for a grant the plan makes (the plan's role)."""
    grantors = [g for g in obj.property("grantors").split(",") if g]
    others = [g for g in grantors if g != obj.property("owner")]
    out = [revoke] if len(others) < len(grantors) or not grantors else []
    for grantor in others:
        out += [f"SET ROLE {env.quote(grantor)}", revoke, "RESET ROLE"]
    return out


def granted_by_the_plan(grant: SchemaObject) -> SchemaObject:
    """A grant as the plan makes it: granted by the role that runs the plan (as the owner), not by whoever
    granted it where it was read."""
    from dataclasses import replace

    props = tuple((k, v) for k, v in grant.properties if k != "grantors")
    return grant if props == grant.properties else replace(grant, properties=props)


def grant_target(env, obj: SchemaObject) -> str:
    """``TABLE s.t``, ``SEQUENCE s.q``, ``FUNCTION s.f(integer)``, ``TYPE s.e``, ``DOMAIN s.d``, ``SCHEMA s``: what
    a grant is on."""
    on, relation = obj.property("on"), obj.property("relation")
    if on == "SCHEMA":
        return f"SCHEMA {env.quote(obj.schema)}"  # the schema it is in is the schema (also when mapped)
    if on in ("FUNCTION", "PROCEDURE"):
        return f"{on} {_q(env, obj, relation)}({obj.property('args')})"  # argument types as PostgreSQL printed them
    if on in ("TYPE", "DOMAIN"):
        return f"{on} {_q(env, obj, relation)}"
    return f"{'SEQUENCE' if on == 'SEQUENCE' else 'TABLE'} {_q(env, obj, relation)}"


def _privilege(env, obj: SchemaObject) -> str:
    column = obj.property("column")
    return obj.property("privilege") + (f" ({env.quote(column)})" if column else "")


def _grantee(env, obj: SchemaObject) -> str:
    grantee = obj.property("grantee")
    return grantee if grantee == "PUBLIC" else env.quote(grantee)


@renders("default_privilege")
class _DefaultPrivilege:
    """``ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] GRANT / REVOKE``: a GRANT row (a privilege added to the
    built-in default) or a REVOKE row (one taken from it), remedy.diff.default_privileges."""

    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        action = obj.property("action")
        if action == "REVOKE":
            return [_default_privileges(env, obj, f"REVOKE {_on_objects(obj)} FROM {_grantee(env, obj)}")]
        option = " WITH GRANT OPTION" if action == "GRANT OPTION" else ""
        return [_default_privileges(env, obj, f"GRANT {_on_objects(obj)} TO {_grantee(env, obj)}{option}")]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        if obj.property("action") == "REVOKE":
            return [_default_privileges(env, obj, f"GRANT {_on_objects(obj)} TO {_grantee(env, obj)}")]
        return [_default_privileges(env, obj, f"REVOKE {_on_objects(obj)} FROM {_grantee(env, obj)}")]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        actions = {old.property("action"), new.property("action")}
        if actions == {"GRANT", "GRANT OPTION"} and new.property("action") == "GRANT":
            return [_default_privileges(env, new, f"REVOKE GRANT OPTION FOR {_on_objects(new)} FROM "
                                                  f"{_grantee(env, new)}")]
        return _DefaultPrivilege.drop(env, old) + _DefaultPrivilege.create(env, new) if "REVOKE" in actions \
            else _DefaultPrivilege.create(env, new)


def _default_privileges(env, obj: SchemaObject, clause: str) -> str:
    where = f" IN SCHEMA {env.quote(obj.schema)}" if obj.schema else ""
    return f"ALTER DEFAULT PRIVILEGES FOR ROLE {env.quote(obj.property('role'))}{where} {clause}"


def _on_objects(obj: SchemaObject) -> str:
    return f"{obj.property('privilege')} ON {obj.property('objects')}"


@renders("owner")
class _Owner:
    """``ALTER TABLE s.t OWNER TO r`` and the like (remedy.diff.owners). An object the plan drops takes its owner
    with it: nothing to undo."""

    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        on = obj.property("on")
        if on == "SCHEMA":
            target = env.quote(obj.schema)
        elif on in ("FUNCTION", "PROCEDURE"):
            target = f"{_q(env, obj, obj.property('relation'))}({obj.property('args')})"
        else:
            target = _q(env, obj, obj.property("relation"))
        return [f"ALTER {on} {target} OWNER TO {env.quote(obj.definition)}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return []

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        return _Owner.create(env, new)


def grants_reset(env, grants: Iterable[SchemaObject]) -> Sql:
    """``REVOKE ALL ... FROM PUBLIC`` for each object whose privileges are not the default, written before its
    grants: a function's default EXECUTE to PUBLIC (and any other default) is then exactly what the grants say."""
    seen, out = set(), []
    for obj in grants:
        key = (obj.schema, obj.table, obj.property("on"))
        if obj.property("on") != "COLUMN" and not obj.property("default") and key not in seen:
            seen.add(key)
            out.append(f"REVOKE ALL ON {grant_target(env, obj)} FROM PUBLIC")
    return out


from remedy.sources import objects_mysql, objects_sqlite  # noqa: E402,F401  (each registers its kinds' DDL)

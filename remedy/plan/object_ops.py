"""Operations on PostgreSQL's dependent objects (views, functions, triggers, policies, ...): data with reverses.

``dependant`` marks a view, policy or function that the plan drops only because something it reads
is altered or dropped, and recreates afterwards as it was (the preview lists it as a hazard).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from remedy.model import Schema, SchemaObject, Table
from remedy.plan.ops import Operation
from remedy.sources.partitions_mysql import Partitioning

_NONE = SchemaObject("", "", "")
LABELS = {"materialized_view": "materialized view", "rls": "row-level security on", "comment": "comment on",
          "partition_key": "partition key of", "inheritance": "inheritance of"}


def label(obj: SchemaObject) -> str:
    return f"{LABELS.get(obj.kind, obj.kind)} {obj.qualified}"


def _granted(obj: SchemaObject) -> str:
    """What a grant gives, as a person says it: ``UPDATE (a) on table public.t``, ``EXECUTE on function
    public.f()``, ``USAGE on schema app``."""
    on, column = obj.property("on"), obj.property("column")
    privilege = obj.property("privilege") + (f" ({column})" if column else "")
    if on == "SCHEMA":
        return f"{privilege} on schema {obj.schema}"
    if on in ("FUNCTION", "PROCEDURE"):
        return f"{privilege} on {on.lower()} {obj.schema}.{obj.table}"  # the grant's table is f(argument types)
    return f"{privilege} on {'table' if on == 'COLUMN' else on.lower()} {obj.schema}.{obj.property('relation')}"


def _owned(obj: SchemaObject) -> str:
    on = obj.property("on")
    return f"schema {obj.schema}" if on == "SCHEMA" else f"{on.lower()} {obj.schema}.{obj.name}"


def _with_option(obj: SchemaObject) -> bool:
    return obj.definition.endswith("WITH GRANT OPTION")


def created(obj: SchemaObject, dependant: bool) -> str:
    if obj.kind == "grant":
        return (f"grant {_granted(obj)} to {obj.property('grantee')}"
                f"{' with grant option' if _with_option(obj) else ''}{' again' if dependant else ''}")
    if obj.kind == "owner":
        return f"set the owner of {_owned(obj)} to {obj.definition}"
    return ("recreate dependant " if dependant else "create ") + label(obj)


def dropped(obj: SchemaObject, dependant: bool) -> str:
    if obj.kind == "grant":
        return f"revoke {_granted(obj)} from {obj.property('grantee')}"
    if obj.kind == "owner":  # nothing to run: the object's own drop takes it
        return f"the owner of {_owned(obj)}, {obj.definition}, goes with it"
    return ("drop dependant " if dependant else "drop ") + label(obj)


def replaced(old: SchemaObject, new: SchemaObject) -> str:
    if new.kind == "grant" and old.kind == "grant" and _with_option(old) != _with_option(new):
        if _with_option(new):
            return f"give {new.property('grantee')} the grant option for {_granted(new)}"
        return f"take the grant option for {_granted(new)} from {new.property('grantee')}"
    if new.kind == "owner":
        return f"set the owner of {_owned(new)} to {new.definition} (was {old.definition})"
    return f"replace {label(new)}"


def _with_object(model: Schema, obj: SchemaObject | None, key: tuple[str, str, str]) -> Schema:
    objects = {k: v for k, v in model.objects.items() if k != key}
    if obj is not None:
        objects[key] = obj
    return replace(model, objects=objects)


@dataclass(frozen=True)
class CreateObject(Operation):
    obj: SchemaObject = _NONE
    dependant: bool = False

    @property
    def title(self) -> str:
        return created(self.obj, self.dependant)

    def reverse(self) -> Operation:
        return self._carry(DropObject(schema=self.schema, table=self.table, obj=self.obj, dependant=self.dependant))

    def apply_to(self, model: Schema) -> Schema:
        return _with_object(model, self.obj, self.obj.key)


@dataclass(frozen=True)
class AttachPartition(Operation):
    """A missing partition whose name a plain table holds (detached by hand, or by a half-run migration): the
    table is attached again (ATTACH PARTITION: its rows, keys and indexes kept); the reverse detaches it."""
    obj: SchemaObject = _NONE
    definition: Table | None = None  # the table as it stands detached
    detach: bool = False

    @property
    def title(self) -> str:
        parent = self.obj.property("parent")
        return f"detach partition {self.obj.qualified} from {parent}" if self.detach else \
            f"attach table {self.obj.qualified} as partition of {parent}"

    def reverse(self) -> Operation:
        return self._carry(replace(self, detach=not self.detach))

    def apply_to(self, model: Schema) -> Schema:
        model = _with_object(model, None if self.detach else self.obj, self.obj.key)
        key = (self.obj.schema, self.obj.name)
        tables = {k: v for k, v in model.tables.items() if k != key}
        if self.detach and self.definition is not None:
            tables[key] = self.definition
        return replace(model, tables=tables)


@dataclass(frozen=True)
class DropObject(Operation):
    obj: SchemaObject = _NONE
    dependant: bool = False

    @property
    def title(self) -> str:
        return dropped(self.obj, self.dependant)

    def reverse(self) -> Operation:
        return self._carry(CreateObject(schema=self.schema, table=self.table, obj=self.obj, dependant=self.dependant))

    def apply_to(self, model: Schema) -> Schema:
        return _with_object(model, None, self.obj.key)


@dataclass(frozen=True)
class ReplaceObject(Operation):
    """``old`` becomes ``new``: CREATE OR REPLACE / ALTER where PostgreSQL allows it, else drop and create."""

    old: SchemaObject = _NONE
    new: SchemaObject = _NONE

    @property
    def title(self) -> str:
        return replaced(self.old, self.new)

    def reverse(self) -> Operation:
        return self._carry(ReplaceObject(schema=self.schema, table=self.table, old=self.new, new=self.old))

    def apply_to(self, model: Schema) -> Schema:
        return _with_object(model, self.new, self.new.key)


@dataclass(frozen=True)
class RevokeCascade(Operation):
    """A grant (``new`` is none) or its grant option (``new`` is the grant without it) revoked with CASCADE: its
    grantee granted the privilege on to others, and PostgreSQL refuses a plain revoke ("dependent privileges
    exist"). The cascade takes the privilege from them too; ``kept`` are those granted again after it (by the
    role that runs the plan), the others the plan revokes anyway. The downgrade grants ``obj`` back; the kept
    ones still hold theirs."""

    obj: SchemaObject = _NONE
    new: SchemaObject = _NONE
    kept: tuple[SchemaObject, ...] = ()

    @property
    def title(self) -> str:
        what = "grant option for " if self.new.kind else ""
        return f"revoke {what}{self.obj.name} with CASCADE"

    def reverse(self) -> Operation:
        if self.new.kind:
            return self._carry(ReplaceObject(schema=self.schema, table=self.table, old=self.new, new=self.obj))
        return self._carry(CreateObject(schema=self.schema, table=self.table, obj=self.obj))

    def apply_to(self, model: Schema) -> Schema:
        return _with_object(model, self.new if self.new.kind else None, self.obj.key)


@dataclass(frozen=True)
class Repartition(Operation):
    """MariaDB/MySQL: the table's partitioning turned from ``old`` into ``new`` (each its key and its partitions in
    order; no key: not partitioned), in the statements remedy.sources.partitions_mysql.steps gives."""

    old: Partitioning = Partitioning()
    new: Partitioning = Partitioning()
    merge: bool = False  # a change undone: partitions taken away hand their rows on where they can (a downgrade)

    @property
    def title(self) -> str:
        if self.new.key is None:
            return f"remove the partitioning of {self.table}"
        if self.old.key is None:
            return f"partition {self.table} by {self.new.key.definition}"
        return f"change the partitions of {self.table}"

    def reverse(self) -> Operation:
        return self._carry(Repartition(schema=self.schema, table=self.table, old=self.new, new=self.old,
                                       merge=not self.merge))

    def apply_to(self, model: Schema) -> Schema:
        gone = {obj.key for obj in (self.old.key, *self.old.parts) if obj is not None}
        objects = {k: v for k, v in model.objects.items() if k not in gone}
        objects.update({obj.key: obj for obj in (self.new.key, *self.new.parts) if obj is not None})
        return replace(model, objects=objects)

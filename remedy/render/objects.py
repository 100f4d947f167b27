"""A plan's object operations as SQL: each kind's DDL comes from remedy.sources.object_ddl."""
from __future__ import annotations

from remedy.plan.object_ops import AttachPartition, CreateObject, DropObject, Repartition, ReplaceObject, RevokeCascade
from remedy.sources.object_ddl import kind_sql, revoke_cascade


def create_object(env, op: CreateObject) -> None:
    for sql in kind_sql(env.dialect, op.obj.kind).create(env, op.obj):
        env.execute(sql)


def drop_object(env, op: DropObject) -> None:
    for sql in kind_sql(env.dialect, op.obj.kind).drop(env, op.obj):
        env.execute(sql)


def replace_object(env, op: ReplaceObject) -> None:
    rules = kind_sql(env.dialect, op.new.kind)
    in_place = rules.replace(env, op.old, op.new)
    statements = in_place if in_place is not None else rules.drop(env, op.old) + rules.create(env, op.new)
    for sql in statements:
        env.execute(sql)


def attach_partition(env, op: AttachPartition) -> None:
    """ATTACH PARTITION (or DETACH). The foreign keys the table kept from its parent when it was detached are
    dropped first: ATTACH clones the parent's own (a kept one the parent has changed since would stay beside)."""
    table, parent = env.qualified(op.obj.schema, op.obj.name), op.obj.property("parent")
    if op.detach:
        env.execute(f"ALTER TABLE {parent} DETACH PARTITION {table}")
        return
    parents = env.model.table(op.schema, op.table) if env.model is not None else None
    inherited = {fk.name for fk in parents.foreign_keys} if parents is not None else set()
    for fk in op.definition.foreign_keys if op.definition is not None else ():
        if fk.name in inherited:
            env.execute(f"ALTER TABLE {table} DROP CONSTRAINT {env.quote(fk.name)}")
    env.execute(f"ALTER TABLE {parent} ATTACH PARTITION {table} {op.obj.definition}")


def revoke_with_cascade(env, op: RevokeCascade) -> None:
    statements = revoke_cascade(env, op.obj, grant_option_only=bool(op.new.kind))
    for sql in statements + [sql for grant in op.kept for sql in kind_sql(env.dialect, "grant").create(env, grant)]:
        env.execute(sql)


def repartition(env, op: Repartition) -> None:
    """MariaDB/MySQL: ALTER TABLE ... ADD / DROP / REORGANIZE / COALESCE PARTITION, PARTITION BY or REMOVE
    PARTITIONING (remedy.sources.partitions_mysql)."""
    from remedy.sources.partitions_mysql import steps

    for step in steps(op.old, op.new, op.merge):
        env.execute(f"ALTER TABLE {env.qualified(op.schema, op.table)} {step.words}")


RENDERERS = {CreateObject: create_object, DropObject: drop_object, ReplaceObject: replace_object,
             RevokeCascade: revoke_with_cascade, Repartition: repartition, AttachPartition: attach_partition}

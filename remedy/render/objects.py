"""A plan's object operations as SQL: each kind's DDL comes from remedy.sources.object_ddl."""
from __future__ import annotations

from remedy.plan.object_ops import CreateObject, DropObject, Repartition, ReplaceObject, RevokeCascade
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
             RevokeCascade: revoke_with_cascade, Repartition: repartition}

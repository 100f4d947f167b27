"""missing_enum, extra_enum, missing_enum_value, missing_extension and extra_extension (PostgreSQL objects).

A live enum value the expected side does not declare is not drift: every value the application writes exists,
and PostgreSQL cannot take a value back (a plan that adds one leaves it in its downgrade, and the dry run's
re-scan after downgrade accepts that)."""
from __future__ import annotations

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.findings import Finding
from remedy.scope import is_system_schema


@comparator
def enums(ctx: Context):
    if not (dialects.get(ctx.live.dialect).named_enums and dialects.get(ctx.expected.dialect).named_enums):
        return  # other dialects keep enums inline in the column type
    for (schema, name), enum in sorted(ctx.expected.enums.items()):
        if not ctx.in_scope(schema):
            continue
        live_schema = ctx.live_schema_name(schema)
        have = ctx.live.enums.get((live_schema, name))
        if have is None:
            yield Finding(kind="missing_enum", schema=live_schema, table=name, object=None,
                          expected={"values": list(enum.values)}, actual=None,
                          message=f"enum type {name} is expected but does not exist", severity="critical")
            continue
        shared = [v for v in enum.values if v in have.values]
        if shared != [v for v in have.values if v in enum.values]:
            yield Finding(kind="enum_order_mismatch", schema=live_schema, table=name, object=None,
                          expected={"values": list(enum.values)}, actual={"values": list(have.values)},
                          message=f"enum {name} has its values in another order (ORDER BY and < compare by it)",
                          severity="warning")
        for value in enum.values:
            if value not in have.values:
                yield Finding(kind="missing_enum_value", schema=live_schema, table=name, object=value,
                              expected={"values": list(enum.values)}, actual={"values": list(have.values)},
                              message=f"enum {name} lacks the value {value!r}", severity="warning")
    yield from _extra_enums(ctx)


def _extra_enums(ctx: Context):
    """Enum types of a compared live schema that the expected side does not declare (where it declares them all:
    code expectations name none)."""
    if ctx.partial:
        return
    expected = {(ctx.live_schema_name(schema), name) for schema, name in ctx.expected.enums if ctx.in_scope(schema)}
    compared = ctx.compared_live_schemas()
    for (schema, name), enum in sorted(ctx.live.enums.items()):
        if schema in compared and (schema, name) not in expected:
            yield Finding(kind="extra_enum", schema=schema, table=name, object=None, expected=None,
                          actual={"values": list(enum.values)},
                          message=f"enum type {name} exists but is not expected", severity="info")


@comparator
def extensions(ctx: Context):
    if not (dialects.get(ctx.live.dialect).extensions and dialects.get(ctx.expected.dialect).extensions):
        return
    for name in sorted(ctx.expected.extensions - ctx.live.extensions):
        yield Finding(kind="missing_extension", schema="", table="", object=name, expected={"extension": name},
                      actual=None, message=f"extension {name} is expected but not installed", severity="warning")
    yield from _extra_extensions(ctx)


def _extra_extensions(ctx: Context):
    """Extensions the live database has and the expected side does not name, where it names them all (a database
    or DDL; a SQLAlchemy MetaData or code cannot say), installed in a compared schema: one in a schema the scope
    leaves out is not compared, one in the server's own (a procedural language in pg_catalog) is the database's."""
    if ctx.partial or not ctx.expected.extensions_read:
        return
    compared = ctx.compared_live_schemas()
    for name in sorted(ctx.live.extensions - ctx.expected.extensions):
        have = ctx.live.objects.get(("extension", "", name))
        schema, version = (have.property("schema"), have.definition) if have is not None else ("", "")
        if schema and schema not in compared and not is_system_schema(schema):
            continue
        users = [said for *_, said in have.used_by] if have is not None else []
        yield Finding(kind="extra_extension", schema="", table="", object=name, expected=None,
                      actual={"extension": name, "schema": schema or None, "version": version or None,
                              "used_by": users},
                      message=f"extension {name}{_installed(schema, version)} is installed but not expected"
                              + _in_use(users), severity="info")


def _installed(schema: str, version: str) -> str:
    said = [f"version {version}"] * bool(version) + [f"in schema {schema}"] * bool(schema)
    return f" ({', '.join(said)})" if said else ""


def _in_use(users: list[str]) -> str:
    if not users:
        return ""
    more = f" and {len(users) - 3} more" if len(users) > 3 else ""
    return f"; in use by {', '.join(users[:3])}{more}"

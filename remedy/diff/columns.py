"""missing_column, extra_column, type_mismatch, nullability_mismatch, default_mismatch."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context, column_json
from remedy.findings import Finding
from remedy.model import Column, Table
from remedy.normalize import type_family


def _finding(kind, ctx: Context, live: Table, col: str, expected, actual, message, severity, evidence=()):
    return Finding(kind=kind, schema=live.schema, table=live.name, column=col, expected=expected, actual=actual,
                   message=message, severity=severity, evidence=evidence)


@comparator
def missing_columns(ctx: Context):
    for table, live in ctx.pairs():
        for col in ctx.column_match(table, live).missing:
            yield _finding("missing_column", ctx, live, col.name, column_json(col), None,
                           f"{live.name}.{col.name} is expected but missing" + drift_note(col.comment),
                           "critical", col.evidence)


def drift_note(comment: str | None) -> str:
    """Code expectations the catalog does not declare say so: the catalog itself has drifted."""
    return f"; {comment}" if comment and comment.startswith("referenced by the code") else ""


@comparator
def extra_columns(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        for col in ctx.column_match(table, live).extra:
            blocking = not col.nullable and col.default is None and not col.identity
            message = f"{live.name}.{col.name} exists but is not expected"
            if blocking:
                message += "; it is NOT NULL without a default, so inserts that omit it fail"
            yield _finding("extra_column", ctx, live, col.name, None, column_json(col), message,
                           "critical" if blocking else "info")


@comparator
def column_attributes(ctx: Context):
    for table, live in ctx.pairs():
        for col, actual in ctx.column_match(table, live).pairs:
            if col.type:  # type unknown: a code expectation, nothing more to compare
                yield from _compare_column(ctx, live, col, actual)


def _compare_column(ctx: Context, live: Table, col: Column, actual: Column):
    same_type, same_null, same_default = ctx.same_type(col, actual), _same_nullability(col, actual), \
        _same_default(ctx, col, actual)
    if same_type and same_null and same_default:
        return  # the common case: nothing to build
    exp_json, act_json = column_json(col), column_json(actual)
    if not same_type:
        severity = "warning" if type_family(col.type) == type_family(actual.type) else "critical"
        yield _finding("type_mismatch", ctx, live, actual.name, exp_json, act_json,
                       f"{live.name}.{actual.name} is {actual.shown_type} but {col.shown_type} is expected",
                       severity, col.evidence)
    if not same_null:
        blocking = not actual.nullable and actual.default is None and not actual.identity
        want = "nullable" if col.nullable else "NOT NULL"
        yield _finding("nullability_mismatch", ctx, live, actual.name, exp_json, act_json,
                       f"{live.name}.{actual.name} should be {want}", "critical" if blocking else "warning",
                       col.evidence)
    if not same_default:
        blocking = col.default is not None and actual.default is None and not actual.nullable
        yield _finding("default_mismatch", ctx, live, actual.name, exp_json, act_json,
                       f"{live.name}.{actual.name} defaults to {actual.default or 'nothing'}"
                       f" but {col.default or 'no default'} is expected", "critical" if blocking else "warning",
                       col.evidence)


def _same_nullability(col: Column, actual: Column) -> bool:
    return col.nullable == actual.nullable or (col.identity and actual.identity)


def _same_default(ctx: Context, col: Column, actual: Column) -> bool:
    if col.identity or actual.identity:
        return col.identity == actual.identity or col.default == actual.default
    if col.default == actual.default:
        return True
    if ctx.expected.dialect != ctx.live.dialect:
        strip = lambda d: (d or "").strip("'")  # MariaDB quotes numbers; literals keep their case
        return strip(col.default) == strip(actual.default)
    return False

"""missing_primary_key, missing_foreign_key, missing_unique, missing_check.

A constraint is present when the live table has one with the same meaning,
whatever its name: same columns (and referenced table and columns for foreign
keys). Checks match by name, by canonical expression, or by the columns they read.
"""
from __future__ import annotations

import re

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.findings import Finding
from remedy.model import CheckConstraint, ForeignKey, Table
from remedy.normalize import STRING_LITERAL


def _finding(kind, live: Table, obj: str, expected, actual, message, severity, table: Table):
    return Finding(kind=kind, schema=live.schema, table=live.name, object=obj, expected=expected, actual=actual,
                   message=message, severity=severity, evidence=table.evidence)


@comparator
def primary_keys(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        want = table.primary_key
        have = live.primary_key
        if want is None or (have is not None and set(map(ctx.key, want.columns)) == set(map(ctx.key, have.columns))):
            continue
        actual = {"columns": list(have.columns)} if have else None
        yield _finding("missing_primary_key", live, "pkey", {"columns": list(want.columns)}, actual,
                       f"{live.name} should have PRIMARY KEY ({', '.join(want.columns)})"
                       + (f" but has ({', '.join(have.columns)})" if have else ""), "warning", table)


@comparator
def foreign_keys(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        for fk in table.foreign_keys:
            if any(_same_fk(ctx, fk, other) for other in live.foreign_keys):
                continue
            name = fk.name or f"{table.name}_{'_'.join(fk.columns)}_fkey"
            near = next((o for o in live.foreign_keys if _same_target(ctx, fk, o)), None)
            message = f"{live.name}({', '.join(fk.columns)}) should reference " \
                      f"{fk.ref_table}({', '.join(_ref_columns(ctx, fk))})"
            if near is not None:  # the key exists but acts differently on delete/update
                message += f" {_actions_text(fk)}; the live key {near.name or ''} has {_actions_text(near)}"
            yield _finding("missing_foreign_key", live, name, _fk_json(fk), _fk_json(near) if near else None,
                           message, "warning", table)


def _ref_columns(ctx: Context, fk: ForeignKey) -> tuple[str, ...]:
    if fk.ref_columns:
        return fk.ref_columns
    target = ctx.expected.table(fk.ref_schema or "", fk.ref_table)
    return target.primary_key.columns if target and target.primary_key else ()


def _same_fk(ctx: Context, fk: ForeignKey, other: ForeignKey) -> bool:
    return _same_target(ctx, fk, other) and _actions(ctx, fk) == _actions(ctx, other)


def _same_target(ctx: Context, fk: ForeignKey, other: ForeignKey) -> bool:
    if not ctx.same_names(fk.columns, other.columns) or ctx.key(fk.ref_table) != ctx.key(other.ref_table):
        return False
    if dialects.get(ctx.live.dialect).has_schemas and fk.ref_schema is not None and other.ref_schema is not None \
            and ctx.in_scope(fk.ref_schema) and ctx.live_schema_name(fk.ref_schema) != other.ref_schema:
        return False  # billing.items is not public.items (MariaDB: a database is the namespace; the dry
        # run's shadow database relabels tables but not the targets of foreign keys, so it is not compared)
    want = _ref_columns(ctx, fk)
    return not want or ctx.same_names(want, other.ref_columns)


def _actions(ctx: Context, fk: ForeignKey) -> tuple[str | None, str | None]:
    """ON DELETE / ON UPDATE; where either side is MariaDB/MySQL, RESTRICT is its NO ACTION (None)."""
    loose = any(dialects.get(d).restrict_is_no_action for d in (ctx.expected.dialect, ctx.live.dialect))
    return tuple(None if loose and a == "RESTRICT" else a for a in (fk.on_delete, fk.on_update))


def _actions_text(fk: ForeignKey) -> str:
    return f"ON DELETE {fk.on_delete or 'NO ACTION'} ON UPDATE {fk.on_update or 'NO ACTION'}"


def _fk_json(fk: ForeignKey) -> dict:
    return {"columns": list(fk.columns), "references": fk.ref_table, "ref_columns": list(fk.ref_columns),
            "on_delete": fk.on_delete, "on_update": fk.on_update, "name": fk.name}


@comparator
def uniques(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        have = _unique_sets(ctx, live)
        for uq in table.uniques:
            if frozenset(map(ctx.key, uq.columns)) not in have:
                name = uq.name or f"{table.name}_{'_'.join(uq.columns)}_key"
                yield _finding("missing_unique", live, name, {"columns": list(uq.columns)}, None,
                               f"{live.name}({', '.join(uq.columns)}) should be UNIQUE", "warning", table)


def _unique_sets(ctx: Context, live: Table) -> set[frozenset]:
    sets = {frozenset(map(ctx.key, u.columns)) for u in live.uniques}
    sets |= {frozenset(map(ctx.key, i.columns)) for i in live.indexes if i.unique and not i.where}
    if live.primary_key:
        sets.add(frozenset(map(ctx.key, live.primary_key.columns)))
    return sets


@comparator
def checks(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        for check in table.checks:
            if not any(_same_check(ctx, check, other) for other in live.checks):
                yield _missing_check(ctx, table, live, check)


def _missing_check(ctx: Context, table: Table, live: Table, check: CheckConstraint) -> Finding:
    """A check that is not there; when one of its name holds other literals, that one is named (the plan swaps it)."""
    name = check.name or f"{table.name}_{'_'.join(sorted(_columns_read(check)))}_check"
    near = next((c for c in live.checks if c.name and ctx.key(c.name) == ctx.key(name)), None)
    actual = {"name": near.name, "check": near.raw_expression or near.expression} if near else None
    has = f", not CHECK ({near.expression})" if near else ""
    return _finding("missing_check", live, name, {"check": check.raw_expression or check.expression}, actual,
                    f"{live.name} should have CHECK ({check.expression}){has}", "warning", table)


def _same_check(ctx: Context, check: CheckConstraint, other: CheckConstraint) -> bool:
    """Inexact on purpose: two spellings of one condition cannot always be told apart from two
    conditions (normalize_check folds casts, parentheses, IN/ANY, BETWEEN, NOT IN/<> ALL, but not
    e.g. a > 0 vs 0 < a). So a check with the expected name, or an unnamed expected check and a live
    one over the same columns, counts as present: a changed condition under a kept name is not
    reported rather than risk reporting a check that is there."""
    if check.expression == other.expression:
        return True
    if _other_literals(check, other):
        return False  # the same condition over other data ('ACTIVE' is not 'active'): certainly not the same
    if check.name and other.name and ctx.key(check.name) == ctx.key(other.name):
        return True
    return not check.name and _columns_read(check) == _columns_read(other)


_WORD = re.compile(r"[a-z_][a-z0-9_]*")
_SQL_WORDS = frozenset({"and", "or", "not", "in", "is", "null", "any", "array", "between", "like", "ilike",
                        "true", "false", "text", "varchar", "character", "varying", "length", "char_length",
                        "lower", "upper", "trim", "cast", "as", "integer", "numeric", "jsonb_typeof", "json_valid"})


def _other_literals(check: CheckConstraint, other: CheckConstraint) -> bool:
    """Same expression but for its string literals, and not merely the same literals in another order."""
    shape = lambda c: STRING_LITERAL.sub("?", c.expression)
    literals = lambda c: sorted(STRING_LITERAL.findall(c.expression))
    return shape(check) == shape(other) and literals(check) != literals(other)


def _columns_read(check: CheckConstraint) -> frozenset[str]:
    text = re.sub(r"'[^']*'", "", check.expression.lower())
    return frozenset(w for w in _WORD.findall(text) if w not in _SQL_WORDS)

"""Primary keys, foreign keys, unique, check and exclusion constraints, both ways.

missing_* (expected, not in the database), extra_* (in the database, not expected) and
constraint_mismatch (the expected name exists with another definition).

Where both sides carry the server's own definition (PostgreSQL read by remedy's reader, or a
catalog the server loaded: remedy.sources.canonical), a constraint is present when the live
table has one with the same definition; the definition says every option (DEFERRABLE, NO
INHERIT, NULLS NOT DISTINCT, INCLUDE, WITH (...), a changed condition). Otherwise it is
present when the live table has one with the same meaning, whatever its name: same columns
(and referenced table and columns for foreign keys); checks match by name, by canonical
expression, or by the columns they read.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence, TypeVar

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.detached import detached_pairs
from remedy.findings import Finding
from remedy.model import CheckConstraint, Exclusion, ForeignKey, Table, UniqueConstraint, constraint_label
from remedy.normalize import STRING_LITERAL

T = TypeVar("T")


def _finding(kind, live: Table, obj: str, expected, actual, message, severity, table: Table | None = None):
    return Finding(kind=kind, schema=live.schema, table=live.name, object=obj, expected=expected, actual=actual,
                   message=message, severity=severity, evidence=table.evidence if table is not None else ())


def exact(a, b) -> bool:
    """Whether both constraints carry a server definition, so they compare by it."""
    return bool(a.definition) and bool(b.definition)


def pair_up(ctx: Context, wanted: Sequence[T], have: Sequence[T], same: Callable[[T, T], bool]):
    """(matched, renamed-or-redefined, missing, extra): each expected item goes to a live one with the same
    meaning (one of the same name first), else to a live one of the same name (a mismatch), else is missing."""
    free = list(have)
    matched, changed, missing = [], [], []
    for item in wanted:
        named = [o for o in free if o.name and item.name and ctx.key(o.name) == ctx.key(item.name)]
        pool = named + [o for o in free if not (o.name and item.name)] if names_compared(ctx) else named + free
        found = next((o for o in pool if same(item, o)), None)
        if found is not None:
            matched.append((item, found))
        elif named:
            found = named[0]
            changed.append((item, found))
        else:
            missing.append(item)
            continue
        free.remove(found)
    return matched, changed, missing, free


def mismatch(live: Table, table: Table, what: str, want, have) -> Finding:
    return _finding("constraint_mismatch", live, have.name, {"kind": what, "definition": definition_of(want)},
                    {"kind": what, "definition": definition_of(have)},
                    f"{live.name}: {what} {have.name} is {definition_of(have)} but {definition_of(want)} is expected",
                    "warning", table)


def extra(kind: str, live: Table, what: str, have, severity: str = "info") -> Finding:
    return _finding(kind, live, constraint_label(live.name, what, have), None, {"kind": what, "definition": definition_of(have)},
                    f"{live.name} has {what} {have.name or ''} {definition_of(have)} that is not expected".replace(
                        "  ", " "), severity)


def definition_of(item) -> str:
    """The server's text when read, else the same words built from the model."""
    if item.definition:
        return item.definition
    if isinstance(item, ForeignKey):
        text = f"FOREIGN KEY ({', '.join(item.columns)}) REFERENCES {item.ref_table}({', '.join(item.ref_columns)})"
        text += f" ON DELETE {item.on_delete}" if item.on_delete else ""
        return text + (f" ON UPDATE {item.on_update}" if item.on_update else "")
    if isinstance(item, UniqueConstraint):
        return f"UNIQUE ({', '.join(item.columns)})"
    if isinstance(item, CheckConstraint):
        return f"CHECK ({item.raw_expression or item.expression})"
    return f"PRIMARY KEY ({', '.join(item.columns)})"


# --- primary keys ---------------------------------------------------------------------------------

@comparator
def primary_keys(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        want, have = table.primary_key, live.primary_key
        if want is None:
            if have is not None:
                yield _finding("extra_primary_key", live, have.name or "pkey", None,
                               {"columns": list(have.columns), "definition": definition_of(have)},
                               f"{live.name} has PRIMARY KEY ({', '.join(have.columns)}) that is not expected",
                               "warning")
            continue
        if have is not None and set(map(ctx.key, want.columns)) == set(map(ctx.key, have.columns)):
            if exact(want, have) and want.definition != have.definition:
                yield mismatch(live, table, "primary key", want, have)
            continue
        actual = {"columns": list(have.columns)} if have else None
        yield _finding("missing_primary_key", live, "pkey", {"columns": list(want.columns)}, actual,
                       f"{live.name} should have PRIMARY KEY ({', '.join(want.columns)})"
                       + (f" but has ({', '.join(have.columns)})" if have else ""), "warning", table)


# --- foreign keys ---------------------------------------------------------------------------------

@comparator
def foreign_keys(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        same = lambda fk, other: same_fk(ctx, fk, other)
        matched, changed, missing, free = pair_up(ctx, table.foreign_keys, live.foreign_keys, same)
        for want, have in changed:
            yield mismatch(live, table, "foreign key", want, have)
        for fk in missing:
            near = next((o for o in free if _same_target(ctx, fk, o)), None)
            if near is not None:
                free.remove(near)  # replaced by the plan, not an extra key beside it
            yield _missing_fk(ctx, table, live, fk, near)
        for have in free:
            yield extra("extra_foreign_key", live, "foreign key", have)


def _missing_fk(ctx: Context, table: Table, live: Table, fk: ForeignKey, near: ForeignKey | None) -> Finding:
    name = fk.name or f"{table.name}_{'_'.join(fk.columns)}_fkey"
    message = f"{live.name}({', '.join(fk.columns)}) should reference " \
              f"{fk.ref_table}({', '.join(_ref_columns(ctx, fk))})"
    if near is not None and _actions(ctx, fk) == _actions(ctx, near):  # the key exists under another name
        message += f" as {name}; the live key is named {near.name}"
    elif near is not None:  # the key exists but acts differently on delete/update
        message += f" {_actions_text(fk)}; the live key{' ' + near.name if near.name else ''} has {_actions_text(near)}"
    return _finding("missing_foreign_key", live, name, _fk_json(fk), _fk_json(near) if near else None,
                    message, "warning", table)


def _ref_columns(ctx: Context, fk: ForeignKey) -> tuple[str, ...]:
    if fk.ref_columns:
        return fk.ref_columns
    target = ctx.expected.table(fk.ref_schema or "", fk.ref_table)
    return target.primary_key.columns if target and target.primary_key else ()


def same_fk(ctx: Context, fk: ForeignKey, other: ForeignKey) -> bool:
    if not (_same_target(ctx, fk, other) and _actions(ctx, fk) == _actions(ctx, other)):
        return False
    return not exact(fk, other) or fk_tail(fk.definition) == fk_tail(other.definition)


_REFERENCES = re.compile(r"(?s)^FOREIGN KEY \(.*?\) REFERENCES .+?\(.*?\)")


def fk_tail(definition: str) -> str:
    """What follows ``REFERENCES t(cols)``: actions, MATCH FULL, DEFERRABLE, NOT VALID (the target is
    compared by name and namespace, which the server spells relative to its search path)."""
    return _REFERENCES.sub("", definition).strip()


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
            "on_delete": fk.on_delete, "on_update": fk.on_update, "name": fk.name,
            "definition": definition_of(fk)}


# --- unique constraints ---------------------------------------------------------------------------

@comparator
def uniques(ctx: Context):
    if ctx.partial:
        return
    from remedy.diff.indexes import index_pairing

    for table, live in ctx.pairs():
        changed, missing, free = unique_pairing(ctx, table, live)
        _, missing_indexes, free_indexes = index_pairing(ctx, table, live) if names_cross(ctx, table, live) \
            else ((), (), ())
        holders = name_holders(ctx, missing, free_indexes)
        taken = name_holders(ctx, missing_indexes, free)
        for want, have in changed:
            yield mismatch(live, table, "unique", want, have)
        for uq in missing:
            name = uq.name or f"{table.name}_{'_'.join(uq.columns)}_key"
            holder = holders.get(ctx.key(name))
            actual = {"name_held_by": "index", "definition": holder.definition or f"({', '.join(holder.columns)})"} \
                if holder else None
            yield _finding("missing_unique", live, name, {"columns": list(uq.columns), "definition": definition_of(uq)},
                           actual, f"{live.name}({', '.join(uq.columns)}) should be UNIQUE" + (
                               f"; the {'unique ' if holder.unique else ''}index {holder.name} holds the name and is replaced"
                               if holder else ""),
                           "warning", table)
        for have in free:  # (a live unique key stands in for an expected index of its columns)
            if have.name and ctx.key(have.name) in taken:
                continue  # the expected index of its name replaces it (missing_index says so)
            if exact_sides(ctx) or frozenset(map(ctx.key, have.columns)) not in _wanted_sets(ctx, same_named(ctx, table, have.name)):
                yield extra("extra_unique", live, "unique", have, "warning")


def unique_pairing(ctx: Context, table: Table, live: Table):
    """(changed, missing, free) unique keys of a table pair: the missing ones that are findings."""
    _, changed, missing, free = pair_up(ctx, table.uniques, live.uniques, lambda u, other: same_unique(ctx, u, other))
    missing = [uq for uq in missing if exact_sides(ctx) or frozenset(map(ctx.key, uq.columns))
               not in _unique_sets(ctx, same_named(ctx, live, uq.name))]
    return changed, missing, free


def names_cross(ctx: Context, table: Table, live: Table) -> bool:
    """Whether an expected unique key bears the name of a live index, or an expected index that of a live unique
    key, where the two share a namespace: only then does either comparator need the other's pairing."""
    if not dialects.get(ctx.live.dialect).keys_named_like_indexes:
        return False
    names = lambda items: {ctx.key(i.name) for i in items if i.name}
    return bool(names(table.uniques) & names(live.indexes) or names(table.indexes) & names(live.uniques))


def name_holders(ctx: Context, missing: Sequence, free: Sequence) -> dict:
    """Where a unique key's name is an index name (remedy.dialects: keys_named_like_indexes), the live items
    of the other kind, not expected, that hold the name a missing item needs (a plain index named like the
    expected unique key, or the reverse): the missing item replaces it. {name key: live item}."""
    held = {ctx.key(item.name): item for item in free if item.name}
    return {ctx.key(m.name): held[ctx.key(m.name)] for m in missing if m.name and ctx.key(m.name) in held}


def exact_sides(ctx: Context) -> bool:
    """Both sides were read by the server (so a unique index is not a unique constraint)."""
    return ctx.expected.server_read and ctx.live.server_read


def names_compared(ctx: Context) -> bool:
    """Both sides are of a dialect whose server names every key, check and index and keeps the name
    (MariaDB/MySQL): a key under another name is not the expected one (it is dropped and added as named)."""
    return ctx.expected.dialect == ctx.live.dialect and dialects.get(ctx.live.dialect).names_constraints


def same_named(ctx: Context, table: Table, name: str | None) -> Table:
    """Where names are compared, the table with only its keys and indexes named ``name`` (the ones that may
    stand in for an item of that name: a UNIQUE KEY for a unique index, a foreign key for its index)."""
    if not names_compared(ctx) or not name:
        return table
    alike = lambda items: tuple(i for i in items if i.name and ctx.key(i.name) == ctx.key(name))
    key_name = dialects.get(ctx.live.dialect).primary_key_name(table.name)
    primary = table.primary_key if ctx.key(name) == ctx.key(key_name) else None
    return replace(table, primary_key=primary, indexes=alike(table.indexes), uniques=alike(table.uniques),
                   foreign_keys=alike(table.foreign_keys))


def same_unique(ctx: Context, u: UniqueConstraint, other: UniqueConstraint) -> bool:
    if exact(u, other):
        return u.definition == other.definition
    return frozenset(map(ctx.key, u.columns)) == frozenset(map(ctx.key, other.columns))


def _wanted_sets(ctx: Context, table: Table) -> set[frozenset]:
    """Column sets a live unique key may stand for: expected keys and indexes (where names are compared,
    only a unique index: a unique key is not the plain index of its name)."""
    plain_too = not names_compared(ctx)
    return _unique_sets(ctx, table) | {frozenset(map(ctx.key, i.columns)) for i in table.indexes
                                       if not i.where and (i.method or "btree") == "btree" and (i.unique or plain_too)}


def _unique_sets(ctx: Context, table: Table) -> set[frozenset]:
    sets = {frozenset(map(ctx.key, u.columns)) for u in table.uniques}
    sets |= {frozenset(map(ctx.key, i.columns)) for i in table.indexes if i.unique and not i.where}
    if table.primary_key:
        sets.add(frozenset(map(ctx.key, table.primary_key.columns)))
    return sets


# --- checks ---------------------------------------------------------------------------------------

@comparator
def checks(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs() + detached_pairs(ctx):  # a detached partition: the checks ATTACH needs
        yield from checks_in(ctx, table, live)


def checks_in(ctx: Context, table: Table, live: Table):
    same = lambda c, other: same_check(ctx, c, other)
    matched, changed, missing, free = pair_up(ctx, table.checks, live.checks, same)
    for want, have in changed:  # (parsed catalogs: a check of that name holding other literals)
        yield mismatch(live, table, "check", want, have) if exact(want, have) else \
            _missing_check(ctx, table, live, want)
    for check in missing:
        yield _missing_check(ctx, table, live, check)
    for have in free:
        yield extra("extra_check", live, "check", have)


def _missing_check(ctx: Context, table: Table, live: Table, check: CheckConstraint) -> Finding:
    """A check that is not there; when one of its name holds other literals, that one is named (the plan swaps it)."""
    name = check.name or f"{table.name}_{'_'.join(sorted(_columns_read(check)))}_check"
    near = next((c for c in live.checks if c.name and ctx.key(c.name) == ctx.key(name)), None)
    actual = {"name": near.name, "check": near.raw_expression or near.expression} if near else None
    has = f", not CHECK ({near.expression})" if near else ""
    return _finding("missing_check", live, name, {"check": check.raw_expression or check.expression,
                                                  "definition": definition_of(check)}, actual,
                    f"{live.name} should have CHECK ({check.expression}){has}", "warning", table)


def same_check(ctx: Context, check: CheckConstraint, other: CheckConstraint) -> bool:
    """With server definitions on both sides: equal definitions (the server says what the condition
    means). Otherwise inexact on purpose: two spellings of one condition cannot always be told apart
    from two conditions (normalize_check folds casts, parentheses, IN/ANY, BETWEEN, NOT IN/<> ALL, but
    not e.g. a > 0 vs 0 < a). So a check with the expected name, or an unnamed expected check and a
    live one over the same columns, counts as present, unless it holds other literals."""
    if exact(check, other):
        return check.definition == other.definition
    if check.expression == other.expression:
        return True
    if _other_literals(check, other):
        return False  # the same condition over other data ('ACTIVE' is not 'active'): certainly not the same
    if check.name and other.name and ctx.key(check.name) == ctx.key(other.name):
        return not names_compared(ctx)  # MariaDB keeps the condition as written: another one is another check
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


# --- exclusion constraints ------------------------------------------------------------------------

@comparator
def exclusions(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        same = lambda x, other: x.definition == other.definition
        matched, changed, missing, free = pair_up(ctx, table.exclusions, live.exclusions, same)
        for want, have in changed:
            yield mismatch(live, table, "exclusion", want, have)
        for want in missing:
            yield _missing_exclusion(live, table, want)
        for have in free:
            yield extra("extra_exclusion", live, "exclusion", have)


def _missing_exclusion(live: Table, table: Table, want: Exclusion) -> Finding:
    return _finding("missing_exclusion", live, want.name, {"kind": "exclusion", "definition": want.definition},
                    None, f"{live.name} should have {want.name} {want.definition}", "warning", table)

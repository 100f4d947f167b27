"""Keys and indexes on a renamed column: renamed with it, not made again.

A column renamed by the plan (``campaign_type`` to ``job_type``) keeps its unique key, check, foreign key,
exclusion constraint and index, under their old names (``t_campaign_type_key``): the scan saw them as extra and
the expected ones (``t_job_type_key``) as missing, and the plan would add a second unique key beside the first (a
new index, built under lock) and, with ``--allow-destructive``, drop the old one. Where the live one, its columns
renamed as the plan renames them, has the expected definition in the server's own words, it is renamed in place
instead (remedy.plan.ops.RenameConstraint): nothing is built and nothing dropped.

Only with the server's definitions on both sides (PostgreSQL, where names are compared: ``renames_constraints``),
and only outside string literals: a literal that spells the old name is not the column."""
from __future__ import annotations

import re
from dataclasses import replace

from remedy import dialects
from remedy.model import Schema
from remedy.plan import ops as o

Ranked = list[tuple[int, int, o.Operation]]
_LITERAL = re.compile(r"('(?:[^']|'')*')")


def keys_that_follow_renames(ranked: Ranked, live: Schema, rename_rank: int) -> Ranked:
    """``ranked`` with each key or index the plan would add that a live one on a renamed column already is (once
    the column is renamed) replaced by a rename of that one, and a drop of it left out."""
    if not dialects.get(live.dialect).renames_constraints:
        return ranked
    renamed: dict[tuple[str, str], dict[str, str]] = {}
    for _, _, op in ranked:
        if isinstance(op, o.RenameColumn):
            renamed.setdefault((op.schema, op.table), {})[op.old] = op.new
    if not renamed:
        return ranked
    taken: set[tuple[str, str, str]] = set()  # (schema, table, live name) renamed already
    out: Ranked = []
    for rank, index, op in ranked:
        follows = _follows(op, live, renamed, taken) if (op.schema, op.table) in renamed else None
        if follows is None:
            out.append((rank, index, op))
            continue
        kind, old = follows
        taken.add((op.schema, op.table, old))
        new = op.index.name if isinstance(op, o.CreateIndex) else op.name
        out.append((rename_rank, index, o.RenameConstraint(schema=op.schema, table=op.table, kind=kind, old=old,
                                                           new=new, finding_ids=op.finding_ids)))
    kept, carried = [], {}
    for item in out:
        if _dropped_and_followed(item[2], taken):
            carried.setdefault((item[2].schema, item[2].table), []).extend(item[2].finding_ids)
        else:
            kept.append(item)
    return [(rank, index, _carrying(op, carried)) for rank, index, op in kept]


def _carrying(op: o.Operation, carried: dict) -> o.Operation:
    """A rename settles the extra_* finding whose drop it replaces too (the old name is gone after it)."""
    if not isinstance(op, o.RenameConstraint) or (op.schema, op.table) not in carried:
        return op
    mine = [fid for fid in carried[(op.schema, op.table)] if fid.endswith(f".{op.old}")]
    return replace(op, finding_ids=op.finding_ids + tuple(mine)) if mine else op


def _follows(op: o.Operation, live: Schema, renamed: dict, taken: set) -> tuple[str, str] | None:
    """(kind, live name) of the live key or index that ``op`` would make, where one is there on renamed columns."""
    table = live.table(op.schema, op.table)
    if table is None:
        return None
    names = renamed[(op.schema, op.table)]
    free = lambda item: item.name and (op.schema, op.table, item.name) not in taken  # noqa: E731
    if isinstance(op, o.CreateIndex) and op.index.definition:
        for have in table.indexes:
            if free(have) and have.definition and have.unique == op.index.unique \
                    and _renamed(have.definition, names, live.dialect) == op.index.definition:
                return "index", have.name
        return None
    if isinstance(op, o.AddConstraint) and op.kind != "primary key" and op.constraint.definition:
        for have in getattr(table, o.CONSTRAINT_FIELDS[op.kind]):
            if free(have) and have.definition and _renamed(have.definition, names, live.dialect) \
                    == op.constraint.definition:
                return op.kind, have.name
    return None


def _renamed(definition: str, names: dict[str, str], dialect: str) -> str:
    """The definition with each renamed column's name, quoted or bare, replaced (outside string literals), the new
    name quoted as the dialect quotes it (where the server spells it otherwise, the key is made as before)."""
    quote = dialects.get(dialect).quote
    parts = _LITERAL.split(definition)
    for i in range(0, len(parts), 2):  # even parts lie outside literals
        for old, new in names.items():
            parts[i] = _word(old).sub(quote(new).replace("\\", "\\\\"), parts[i])
    return "".join(parts)


def _word(name: str) -> re.Pattern:
    quoted = '"' + name.replace('"', '""') + '"'
    bare = re.escape(name) if re.fullmatch(r"[a-z_][a-z0-9_$]*", name) else None
    pattern = re.escape(quoted) + (rf"|(?<![\w$\"]){bare}(?![\w$\"])" if bare else "")
    return re.compile(pattern)


def _dropped_and_followed(op: o.Operation, taken: set[tuple[str, str, str]]) -> bool:
    """A drop of a live key or index the plan now renames (an extra_* dropped with --allow-destructive)."""
    if isinstance(op, o.DropIndex):
        return (op.schema, op.table, op.index.name) in taken
    if isinstance(op, o.DropConstraint):
        return (op.schema, op.table, op.name) in taken
    return False


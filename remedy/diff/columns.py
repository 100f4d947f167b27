"""missing_column, extra_column, type_mismatch, nullability_mismatch, default_mismatch, column_kind_mismatch.

A column's kind is how its values arise: written, serial (a nextval default of a sequence it owns),
identity ALWAYS / BY DEFAULT (with its sequence options) or generated (with its expression). A serial's
sequence is compared by its own type and options: an integer column whose sequence is bigint differs from one
whose sequence is integer, and a bigint column with a bigint sequence does not (its type differs). An
identity's sequence is compared by its type against its column's (PostgreSQL retypes an identity's sequence
with its column): a bigint identity whose sequence is integer differs from one whose sequence is bigint. Kinds
and collations are compared where both sides are PostgreSQL, collations also where both are SQLite; a kind
mismatch takes the place of the default mismatch it implies. A partition detached by hand is compared with the
table it is, its parent's columns (remedy.diff.detached)."""
from __future__ import annotations

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.charsets import charset_text, same_charset
from remedy.diff.context import Context, column_json
from remedy.diff.detached import detached_pairs
from remedy.findings import Finding
from remedy.dialects.postgresql_sequences import SequenceOptions, made_for
from remedy.model import GENERATED_STORED, SERIAL, Column, Schema, Table
from remedy.normalize import type_family

GENERATED = "generated: "  # remedy.sources.live.GENERATED: the default of a generated column


def _finding(kind, ctx: Context, live: Table, col: str, expected, actual, message, severity, evidence=()):
    return Finding(kind=kind, schema=live.schema, table=live.name, column=col, expected=expected, actual=actual,
                   message=message, severity=severity, evidence=evidence)


def compared_pairs(ctx: Context) -> list[tuple[Table, Table]]:
    """The table pairs whose columns are compared: ctx.pairs(), and each detached partition with the table it is
    (remedy.diff.detached)."""
    return ctx.pairs() + detached_pairs(ctx)


@comparator
def missing_columns(ctx: Context):
    for table, live in compared_pairs(ctx):
        yield from missing_in(ctx, table, live)


def missing_in(ctx: Context, table: Table, live: Table):
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
    for table, live in compared_pairs(ctx):
        yield from extra_in(ctx, table, live)


def extra_in(ctx: Context, table: Table, live: Table):
    for col in ctx.column_match(table, live).extra:
        blocking = not col.nullable and col.default is None and not col.identity
        message = f"{live.name}.{col.name} exists but is not expected"
        if blocking:
            message += "; it is NOT NULL without a default, so inserts that omit it fail"
        yield _finding("extra_column", ctx, live, col.name, None, column_json(col), message,
                       "critical" if blocking else "info")


@comparator
def column_attributes(ctx: Context):
    for table, live in compared_pairs(ctx):
        yield from attributes_in(ctx, table, live)


def attributes_in(ctx: Context, table: Table, live: Table):
    for col, actual in ctx.column_match(table, live).pairs:
        if col.type:  # type unknown: a code expectation, nothing more to compare
            yield from _compare_column(ctx, live, col, actual)


def _compare_column(ctx: Context, live: Table, col: Column, actual: Column):
    kinds = _kinds_compared(ctx)
    same_kind = not kinds or kind_of(col) == kind_of(actual) or _unsaid_kind(col, actual)
    same_set = same_charset(ctx, live, col, actual)
    same_collation = not _collations_compared(ctx) or col.collation == actual.collation
    same_type = ctx.same_type(col, actual) and same_collation and same_set
    same_null = _same_nullability(col, actual)
    same_default = not same_kind or _same_default(ctx, col, actual)
    if same_type and same_null and same_default and same_kind:
        return  # the common case: nothing to build
    exp_json, act_json = column_json(col), column_json(actual)
    if not same_kind:
        typed = "sequence" in kind_of(col) or "sequence" in kind_of(actual)  # say both sequences' types
        yield _finding("column_kind_mismatch", ctx, live, actual.name, {**exp_json, **kind_of(col)},
                       {**act_json, **kind_of(actual)},
                       f"{live.name}.{actual.name} is {_kind_text(actual, typed)} but {_kind_text(col, typed)} "
                       "is expected",
                       "warning", col.evidence)
    if not same_type:
        severity = "warning" if type_family(col.type) == type_family(actual.type) else "critical"
        note = _same_storage_note(ctx, col, actual) if same_collation else ""
        yield _finding("type_mismatch", ctx, live, actual.name, exp_json, act_json,
                       f"{live.name}.{actual.name} is {_typed(actual, same_set)} but {_typed(col, same_set)} "
                       "is expected" + note,
                       "info" if note else severity, col.evidence)
    if not same_null:
        blocking = not actual.nullable and actual.default is None and not actual.identity
        want = "nullable" if col.nullable else "NOT NULL"
        yield _finding("nullability_mismatch", ctx, live, actual.name, exp_json, act_json,
                       f"{live.name}.{actual.name} should be {want}", "critical" if blocking else "warning",
                       col.evidence)
    if not same_default:
        blocking = col.default is not None and actual.default is None and not actual.nullable
        yield _finding("default_mismatch", ctx, live, actual.name, exp_json, act_json,
                       f"{live.name}.{actual.name} defaults to {_default_text(actual) or 'nothing'}"
                       f" but {_default_text(col) or 'no default'} is expected", "critical" if blocking else "warning",
                       col.evidence)


def _kinds_compared(ctx: Context) -> bool:
    return ctx.expected.dialect == ctx.live.dialect and dialects.get(ctx.live.dialect).column_kinds


def _same_storage_note(ctx: Context, col: Column, actual: Column) -> str:
    """SQLite: two declared types with one affinity keep every value alike (the rowid's INTEGER aside, whose
    other differences are findings of their own)."""
    if ctx.expected.dialect != ctx.live.dialect or col.identity != actual.identity:
        return ""
    return dialects.get(ctx.live.dialect).same_storage_note(col.raw_type, actual.raw_type)


def _collations_compared(ctx: Context) -> bool:
    """PostgreSQL's with the column kinds; SQLite's COLLATE (MariaDB/MySQL's go with the charset)."""
    rules = dialects.get(ctx.live.dialect)
    return ctx.expected.dialect == ctx.live.dialect and (rules.column_kinds or rules.column_collations)


def _storage_compared(ctx: Context) -> bool:
    """Where generated columns are VIRTUAL or STORED and the kind says which (MariaDB/MySQL on both sides)."""
    return ctx.expected.dialect == ctx.live.dialect and dialects.get(ctx.live.dialect).generated_storage


def _default_text(col: Column) -> str:
    """A default as a finding shows it; a generated column's with how it is kept (virtual / stored)."""
    if not col.default:
        return ""
    return col.default + (f" ({col.kind.removeprefix('generated ')})" if col.kind.startswith("generated") else "")


def _unsaid_kind(col: Column, actual: Column) -> bool:
    """A numbered column whose kind its source does not say (an auto-increment key from another dialect or
    a hand-built model) is whichever kind numbers the other side."""
    return (col.identity and not col.kind and actual.identity) or (actual.identity and not actual.kind
                                                                  and col.identity)


def kind_of(col: Column) -> dict:
    """What a column_kind_mismatch shows: the kind, and the identity options or the generation expression; a
    serial's sequence type (``sequence``), an identity's where it is not its column's, and the options against
    that type's defaults."""
    data = {"kind": col.kind or "plain"}
    options = col.kind_options
    if col.kind == SERIAL or col.kind.startswith("identity"):
        sequence = SequenceOptions.from_words(options, col.type)
        if col.kind == SERIAL or sequence.type != made_for(col.type):
            data["sequence"] = sequence.type
        options = sequence.words(sequence.type)
    if options:
        data["options"] = options
    if col.kind == GENERATED_STORED:
        data["expression"] = (col.default or "").removeprefix(GENERATED)
    return data


def _kind_text(col: Column, typed: bool = False) -> str:
    """``identity always (as integer increment 2)``; ``typed``: an identity's sequence type said also where it is
    its column's (the other side's is not)."""
    kind = kind_of(col)
    if typed and col.kind.startswith("identity"):
        kind.setdefault("sequence", SequenceOptions.from_words(col.kind_options, col.type).type)
    said = " ".join(filter(None, [f"as {kind['sequence']}" if "sequence" in kind else "", kind.get("options")]))
    extra = said or kind.get("expression")
    return kind["kind"] + (f" ({extra})" if extra else "")


def _typed(col: Column, same_charset: bool = True) -> str:
    """The type as a message shows it; MariaDB's character set and collation where they differ."""
    if col.charset is not None or not same_charset:
        return col.shown_type + ("" if same_charset else charset_text(col) or " (the table's default charset)")
    return col.shown_type + (f" COLLATE {col.collation}" if col.collation else "")


def _same_nullability(col: Column, actual: Column) -> bool:
    return col.nullable == actual.nullable or (col.identity and actual.identity)


def _same_default(ctx: Context, col: Column, actual: Column) -> bool:
    if _storage_compared(ctx) and col.kind != actual.kind:
        return False  # VIRTUAL is not STORED, and neither is a written column (MariaDB/MySQL)
    if col.identity or actual.identity:
        return col.identity == actual.identity or col.default == actual.default
    if col.default == actual.default:
        return True
    if ctx.expected.dialect != ctx.live.dialect:
        strip = lambda d: (d or "").strip("'")  # MariaDB quotes numbers; literals keep their case
        return strip(col.default) == strip(actual.default)
    return _same_sequence_drawn(ctx, col, actual)


def _same_sequence_drawn(ctx: Context, col: Column, actual: Column) -> bool:
    """Both nextval the one sequence, however each side names it: pg_dump writes nextval('public.s'), PostgreSQL
    prints nextval('s') where public is on the search_path (a catalog compared as written meets both)."""
    expected, live = _drawn_from(ctx.expected, col.default), _drawn_from(ctx.live, actual.default)
    return expected is not None and live is not None and (ctx.live_schema_name(expected[0]), expected[1]) == live


def _drawn_from(side: Schema, default: str | None) -> tuple[str, str] | None:
    has = (lambda schema, name: ("sequence", schema, name) in side.objects) if "sequence" in side.objects_read else None
    return dialects.get(side.dialect).drawn_sequence(default, side.search_path, has)

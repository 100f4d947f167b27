"""Query builders that decide the statement late, read as the SQL they send: knex, kysely (TS/JS), gorm (Go).

A chain is a ``Value`` whose kind names the builder and whose every variant holds the clauses met
so far, each written as ``SEG + key + SEP + text`` (``verb``, ``table``, ``cols``, ``join``,
``where``, ``set``, ``icols``, ``group``, ``having``, ``order``, ``limit``, ``returning``).
``finish`` composes each variant into the statement it sends, in SQL order whatever order the
calls came in: ``knex('users').where('id', id).update({email})`` is
``UPDATE users SET email = ? WHERE id = ?``. The variant keeps the line of its first literal (the
chain's start), which is the evidence line. A part the code does not spell (a column from a
parameter, a condition built in a callback, an object spread) stays a hole with its reason: the
site is read partly and says why, never silently narrowed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from remedy.sources.code import texts
from remedy.sources.code.texts import Text, Value

KINDS = frozenset({"knex", "kysely", "gorm"})
SEG, SEP = "\x1e", "\x1f"


@dataclass(frozen=True)
class Arg:
    """One argument of a builder call: its value, and its shape in the source."""

    value: Value
    shape: str = "value"  # "value" | "object" (value: its keys, a list) | "callback" (value: a hole)
    literal: str | None = None  # the argument as a plain literal string, when it is one


def start(kind: str) -> Value:
    return Value(kind, (Text("", 0),))


def text(s: str) -> Value:
    return Value("str", (Text(s, 0),))


def add(chain: Value, key: str, *parts: Value) -> Value:
    """The chain with one more clause ``key`` (a variant per variant of the parts)."""
    built = texts.concat(Value("str", chain.alts), text(SEG + key + SEP), *parts)
    return Value(chain.kind, built.alts, built.truncated or chain.truncated)


def has(chain: Value, key: str) -> bool:
    return any(f"{SEG}{key}{SEP}" in alt.text for alt in chain.alts)


def joined(values: list[Value], sep: str = ", ") -> Value:
    """Strings and lists of strings as one comma-separated text."""
    items = [v if v.kind == "list" else texts.as_list([v]) for v in values]
    if not items:
        return text("")
    whole = items[0]
    for more in items[1:]:
        whole = texts.extend(whole, more)
    return texts.join(whole, text(sep))


def finish(chain: Value, hole: Callable[[str], Value],
           model_table: Callable[[str, int], str] | None = None) -> Value:
    """The SQL each variant of the chain sends. A chain that names no table but a model (gorm) takes
    the model's table from ``model_table(struct, line)``."""
    out = []
    for alt in chain.alts:
        clauses = _clauses(alt.text)
        if "table" not in clauses and clauses.get("model") and model_table is not None:
            clauses["table"] = [model_table(clauses["model"][-1], alt.line)]
        if "table" not in clauses:
            missing = hole(f"a table the {chain.kind} chain does not name").alts[0].text
            clauses["table"] = [missing]
        out.append(Text(_compose(clauses), alt.line, False))
    return Value("str", tuple(dict.fromkeys(out)), chain.truncated)


def _clauses(chain_text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for segment in chain_text.split(SEG)[1:]:
        key, _, body = segment.partition(SEP)
        out.setdefault(key, []).append(body)
    return out


def _compose(c: dict[str, list[str]]) -> str:
    """The statement of one variant's clauses; notes (what the chain also does, unread) as a comment."""
    notes = f" /* {' '.join(c['note'])} */" if c.get("note") else ""
    ctes = f"WITH {', '.join(c['cte'])} " if c.get("cte") else ""
    return ctes + _statement(c) + notes


def _statement(c: dict[str, list[str]]) -> str:
    verb = c.get("verb", ["select"])[-1]
    table = c["table"][-1]
    where = " WHERE " + " AND ".join(c["where"]) if c.get("where") else ""
    returning = " RETURNING " + ", ".join(c["returning"]) if c.get("returning") else ""
    if verb == "insert":
        names = ", ".join(c.get("icols", []))
        if not names.strip():
            return f"INSERT INTO {table} DEFAULT VALUES{returning}"
        count = len([n for n in names.split(",") if n.strip()])
        return f"INSERT INTO {table} ({names}) VALUES ({', '.join(['?'] * count)}){returning}"
    if verb == "update":
        return f"UPDATE {table} SET {', '.join(c.get('set', []))}{where}{returning}"
    if verb == "delete":
        return f"DELETE FROM {table}{where}{returning}"
    columns = ", ".join(x for x in c.get("cols", []) if x.strip()) or "*"
    parts = [f"SELECT {columns} FROM {table}", *c.get("join", []), where]
    for key, keyword in (("group", " GROUP BY "), ("having", " HAVING "), ("order", " ORDER BY ")):
        if c.get(key):
            parts.append(keyword + (" AND " if key == "having" else ", ").join(c[key]))
    parts.extend(" LIMIT 1" if x == "1" else " LIMIT 0" for x in c.get("limit", [])[-1:])
    return "".join(parts)


# ------------------------------------------------------------------ shared clause shapes

_OPERATORS = {"=", "<>", "!=", "<", ">", "<=", ">=", "like", "not like", "ilike", "not ilike", "in", "not in",
              "is", "is not", "between", "not between", "@>", "<@", "&&", "?", "~", "~*"}


def comparison(column: Value, operator: str | None) -> Value:
    """``column <operator> ?`` (a literal operator the code spells; ``=`` otherwise)."""
    op = (operator or "=").strip().lower()
    if op not in _OPERATORS:
        op = "="
    if op in ("in", "not in"):
        return texts.concat(column, text(f" {op.upper()} (?)"))
    if op in ("is", "is not"):
        return texts.concat(column, text(f" {op.upper()} NULL"))
    if op in ("between", "not between"):
        return texts.concat(column, text(f" {op.upper()} ? AND ?"))
    return texts.concat(column, text(f" {op.upper()} ?"))


def pairs(keys: Value, glue: str, suffix: str = " = ?") -> Value:
    """An object's keys as ``a = ? AND b = ?`` (where) or ``a = ?, b = ?`` (set)."""
    if keys.kind != "list":
        return texts.concat(keys, text(suffix))
    alts = []
    for alt in keys.alts:
        alts.append(glue.join(f"{k.text}{suffix}" for k in alt))
    lines = [next((k.line for k in alt if k.line), 0) for alt in keys.alts]
    return Value("str", tuple(Text(a, line, False) for a, line in zip(alts, lines)) or (Text("", 0),), keys.truncated)


def column_name(value: Value) -> Value:
    """``'count as total'`` / ``'email as e'`` as the column ``count`` / ``email`` (aliases dropped)."""
    def strip(t: Text) -> Text:
        lowered = t.text.lower()
        cut = lowered.find(" as ")
        return Text(t.text[:cut] if cut > 0 else t.text, t.line, t.literal, t.src)

    return Value("str", tuple(strip(t) for t in value.alts), value.truncated) if value.kind == "str" else value


# ------------------------------------------------------------------ knex

WITH = {"with", "withRecursive", "withMaterialized", "withNotMaterialized"}
KNEX_TERMINAL = {"then", "catch", "finally", "toString", "toSQL", "toQuery", "stream", "pipe", "asCallback"}
KNEX_PASS = {"clone", "transacting", "timeout", "debug", "forUpdate", "forShare", "noWait", "skipLocked",
             "connection", "options", "on", "queryContext", "modify", "as", "distinctOn", "clearSelect",
             "clearWhere", "clearOrder", "withSchema", "onConflict", "ignore", "merge", "hintComment", "comment"}
KNEX_STARTS = {"select", "from", "table", "into", "insert", "update", "del", "delete", "where", "first",
               "queryBuilder", "distinct", "column", "columns", *WITH}
_JOINS = {"join": " JOIN ", "innerJoin": " JOIN ", "leftJoin": " LEFT JOIN ", "leftOuterJoin": " LEFT JOIN ",
          "rightJoin": " RIGHT JOIN ", "rightOuterJoin": " RIGHT JOIN ", "fullOuterJoin": " FULL JOIN ",
          "fullJoin": " FULL JOIN ", "crossJoin": " CROSS JOIN ", "outerJoin": " FULL JOIN "}
_AGGREGATES = {"count", "countDistinct", "min", "max", "sum", "sumDistinct", "avg", "avgDistinct"}


def knex_step(chain: Value, name: str, args: list[Arg], hole: Callable[[str], Value]) -> Value | None:
    """The knex chain after ``.name(args)`` (None: not a knex method)."""
    values = [a.value for a in args]
    if name in KNEX_PASS or name in KNEX_TERMINAL:
        return chain
    if name in WITH:
        return cte(chain, args, hole)
    if name in ("from", "table", "into") and args:
        return add(chain, "table", values[0])
    if name in ("select", "column", "columns", "distinct", "returning", "first", "pluck"):
        chain = _columns(chain, "returning" if name == "returning" else "cols", args, hole)
        return add(chain, "limit", text("1")) if name == "first" else chain
    if name in _AGGREGATES:
        column = args[0] if args else Arg(text("*"), literal="*")
        return _columns(chain, "cols", [column], hole, wrap=name.replace("Distinct", ""))
    if name in ("insert", "upsert"):
        chain = add(chain, "verb", text("insert"))
        chain = _keys(chain, "icols", args[0], hole) if args else chain
        return _columns(chain, "returning", args[1:2], hole)
    if name == "update":
        chain = add(chain, "verb", text("update"))
        if len(args) >= 2 and args[0].shape == "value":
            return add(chain, "set", values[0], text(" = ?"))
        if args and args[0].shape == "object":
            return add(chain, "set", pairs(values[0], ", "))
        return add(chain, "set", hole("columns of an object remedy cannot read"), text(" = ?"))
    if name in ("increment", "decrement") and args:
        chain = add(chain, "verb", text("update"))
        if args[0].shape == "object":
            return add(chain, "set", pairs(values[0], ", "))
        return add(chain, "set", values[0], text(" = "), values[0], text(" + ?"))
    if name in ("del", "delete", "truncate"):
        return add(chain, "verb", text("delete"))
    if name in _JOINS and args:
        return add(chain, "join", text(_JOINS[name]), values[0], _join_condition(args[1:], hole))
    if name in ("orderBy", "groupBy", "orderByRaw", "groupByRaw"):
        key = "order" if name.startswith("order") else "group"
        if name.endswith("Raw"):
            return add(chain, key, values[0]) if args else chain
        return _columns(chain, key, args[:1] if key == "order" else args, hole)
    if name in ("limit", "offset"):
        return add(chain, "limit", text("0")) if name == "limit" else chain
    where = _knex_where(name, args, hole)
    if where is not None:
        key = "having" if "aving" in name else "where"
        return add(chain, key, where)
    return None


def cte(chain: Value, args: list[Arg], hole: Callable[[str], Value]) -> Value:
    """``.with('recent', sub)``: a CTE of that name, its body a sub-builder remedy does not read (so the
    name is never taken for a table the database must have)."""
    if not args or args[0].literal is None:
        return add(chain, "note", hole("a WITH clause whose name remedy cannot read"))
    sub = args[1].value if len(args) > 1 else None
    body = finish(sub, hole) if sub is not None and sub.kind in KINDS and has(sub, "table") else texts.concat(
        text("SELECT * FROM "), hole(f"the body of the CTE `{args[0].literal}`, built by a sub-query"))
    return add(chain, "cte", args[0].value, text(" AS ("), body, text(")"))


def _knex_where(name: str, args: list[Arg], hole) -> Value | None:
    """A knex where / having call as one condition (None: not one)."""
    base = name
    for prefix in ("or", "and"):
        if base.startswith(prefix) and base[len(prefix):len(prefix) + 1].isupper():
            base = base[len(prefix)].lower() + base[len(prefix) + 1:]
    base = base.replace("Not", "", 1) if base.startswith(("whereNot", "havingNot")) else base
    if base not in _WHERE_SHAPES:
        return None
    if not args:
        return hole("a condition with no argument")
    first = args[0]
    if first.shape == "callback":
        return first.value
    if base in ("whereRaw", "havingRaw", "whereExists", "whereColumn"):
        if base == "whereColumn" and len(args) >= 2:
            return texts.concat(first.value, text(" = "), args[-1].value)
        return first.value if first.shape == "value" and base.endswith("Raw") else hole("a sub-query built in a callback")
    if first.shape == "object":
        return pairs(first.value, " AND ")
    shape = _WHERE_SHAPES[base]
    if shape == "cmp":
        operator = args[1].literal if len(args) >= 3 else "="
        return comparison(first.value, operator)
    return texts.concat(first.value, text(shape))


_WHERE_SHAPES = {"where": "cmp", "having": "cmp", "whereIn": " IN (?)", "havingIn": " IN (?)",
                 "whereNull": " IS NULL", "havingNull": " IS NULL", "whereBetween": " BETWEEN ? AND ?",
                 "havingBetween": " BETWEEN ? AND ?", "whereLike": " LIKE ?", "whereILike": " ILIKE ?",
                 "whereRaw": "", "havingRaw": "", "whereExists": "", "whereColumn": "",
                 "whereJsonPath": " IS NOT NULL", "whereJsonObject": " IS NOT NULL"}


def _join_condition(rest: list[Arg], hole) -> Value:
    if not rest:
        return text("")
    if rest[0].shape == "callback":
        return texts.concat(text(" ON "), rest[0].value)
    if rest[0].shape == "object":
        return texts.concat(text(" ON "), pairs(rest[0].value, " AND ", " IS NOT NULL"))
    if len(rest) >= 3:
        return texts.concat(text(" ON "), rest[0].value, text(f" {_operator(rest[1].literal)} "), rest[2].value)
    if len(rest) == 2:
        return texts.concat(text(" ON "), rest[0].value, text(" = "), rest[1].value)
    return texts.concat(text(" ON "), rest[0].value)


def _operator(literal: str | None) -> str:
    op = (literal or "=").strip()
    return op if op.lower() in _OPERATORS else "="


def _columns(chain: Value, key: str, args: list[Arg], hole, wrap: str = "") -> Value:
    for arg in args:
        if arg.shape == "callback":
            chain = add(chain, key, arg.value)
        elif arg.shape == "object":  # {alias: 'column'}: the values are the columns, not read here
            chain = add(chain, key, hole("columns given as an object's values"))
        else:
            value = column_name(arg.value)
            if value.kind == "list":
                value = joined([value]) if not wrap else value
            chain = add(chain, key, texts.concat(text(f"{wrap}("), value, text(")")) if wrap else value)
    return chain


def _keys(chain: Value, key: str, arg: Arg, hole) -> Value:
    if arg.shape == "object":
        return add(chain, key, joined([arg.value]))
    return add(chain, key, hole("columns of an object remedy cannot read"))


# ------------------------------------------------------------------ kysely

KYSELY_STARTS = {"selectFrom": "select", "insertInto": "insert", "replaceInto": "insert", "updateTable": "update",
                 "deleteFrom": "delete"}
KYSELY_TERMINAL = {"execute", "executeTakeFirst", "executeTakeFirstOrThrow", "compile", "stream", "explain"}
KYSELY_PASS = {"distinct", "forUpdate", "forShare", "modifyEnd", "modifyFront", "top", "as", "clearSelect",
               "clearWhere", "clearOrderBy", "clearLimit", "clearOffset", "$castTo", "$narrowType", "$assertType",
               "withPlugin", "withoutPlugins", "onConflict", "onDuplicateKeyUpdate", "ignore", "orIgnore",
               "$call", "fetch"}


def kysely_start(name: str, args: list[Arg], base: Value | None = None) -> Value:
    """``selectFrom('t')`` and the like, on ``base`` when it is a chain already (``db.with(…).selectFrom(…)``)."""
    chain = add(base if base is not None and base.kind == "kysely" else start("kysely"), "verb", text(KYSELY_STARTS[name]))
    return add(chain, "table", joined([args[0].value])) if args else chain


def kysely_step(chain: Value, name: str, args: list[Arg], hole: Callable[[str], Value]) -> Value | None:
    values = [a.value for a in args]
    if name in KYSELY_PASS or name in KYSELY_TERMINAL:
        return chain
    if name in ("select", "returning"):
        return _columns(chain, "cols" if name == "select" else "returning", args[:1], hole)
    if name in ("selectAll", "returningAll"):
        return add(chain, "cols" if name == "selectAll" else "returning", text("*"))
    if name in ("where", "orWhere", "having", "orHaving"):
        key = "having" if "aving" in name else "where"
        if not args or args[0].shape == "callback" or len(args) < 3:
            return add(chain, key, args[0].value if args and args[0].shape == "callback"
                       else hole("a condition built with an expression builder"))
        return add(chain, key, comparison(values[0], args[1].literal))
    if name in ("whereRef", "orWhereRef") and len(args) >= 3:
        return add(chain, "where", values[0], text(f" {_operator(args[1].literal)} "), values[2])
    if name in ("innerJoin", "leftJoin", "rightJoin", "fullJoin", "crossJoin") and args:
        keyword = {"innerJoin": " JOIN ", "leftJoin": " LEFT JOIN ", "rightJoin": " RIGHT JOIN ",
                   "fullJoin": " FULL JOIN ", "crossJoin": " CROSS JOIN "}[name]
        return add(chain, "join", text(keyword), values[0], _join_condition(args[1:], hole))
    if name in ("orderBy", "groupBy"):
        return _columns(chain, "order" if name == "orderBy" else "group", args[:1], hole)
    if name in ("limit", "offset"):
        return add(chain, "limit", text("0")) if name == "limit" else chain
    if name == "values" and args:
        return _keys(chain, "icols", args[0], hole)
    if name == "columns" and args:
        return add(chain, "icols", joined([values[0]]))
    if name == "set" and args:
        if len(args) >= 2 and args[0].shape == "value":
            return add(chain, "set", values[0], text(" = ?"))
        if args[0].shape == "object":
            return add(chain, "set", pairs(values[0], ", "))
        return add(chain, "set", hole("columns set by an expression builder"), text(" = ?"))
    if name == "$if":
        return add(chain, "where", hole("a clause added by $if(…) in a callback"))
    return None

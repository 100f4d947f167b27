"""Type, default and identifier normalization, per dialect.

Spellings of one type never show as drift: ``int4``/``integer``/``INT``,
``timestamptz``/``timestamp with time zone``, ``numeric``/``decimal``,
``text[]``/``_text``, ``serial`` (integer with a sequence default), and
``now()``/``CURRENT_TIMESTAMP``. The functions are pure and cached.
"""
from __future__ import annotations

import re
from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect

from remedy import dialects

SQLGLOT_DIALECT = {name: dialects.get(name).sqlglot for name in dialects.names()}


@lru_cache(maxsize=None)
def _sqlglot_dialect(name: str | None) -> Dialect:
    return Dialect.get_or_raise(name)


def sqlglot_ready(dialect: str) -> None:
    """Load sqlglot's dialect before threads parse with it. sqlglot registers a dialect's class before it has made
    the class's parser: a second thread that asks for the dialect meanwhile parses with the generic one (a catalog's
    CREATE TYPE ... AS ENUM was, now and then, an "unsupported statement" while the live side was read)."""
    _sqlglot_dialect(SQLGLOT_DIALECT[dialect])


def sql_of(node: exp.Expression, dialect: str | None = None, copy: bool = True) -> str:
    """``node.sql(dialect)`` with the dialect looked up once: a 2,000-table catalog renders 50,000
    nodes, and sqlglot builds a Dialect for every call (a fifth of the parse). ``copy=False`` skips
    the defensive deep copy where the node is not read again (column types)."""
    return _sqlglot_dialect(dialect).generate(node, copy=copy)

# sqlglot DataType.Type name -> canonical spelling
_CANON = {
    "TINYINT": "smallint", "SMALLINT": "smallint", "INT": "integer", "MEDIUMINT": "integer",
    "BIGINT": "bigint", "SERIAL": "integer", "SMALLSERIAL": "smallint", "BIGSERIAL": "bigint",
    "UTINYINT": "smallint", "USMALLINT": "integer", "UINT": "bigint", "UMEDIUMINT": "integer",
    "UBIGINT": "numeric(20)",
    "FLOAT": "real", "DOUBLE": "double precision", "DECIMAL": "numeric", "BIGDECIMAL": "numeric",
    "MONEY": "money",
    "BOOLEAN": "boolean", "BIT": "bit",
    "CHAR": "char", "NCHAR": "char", "VARCHAR": "varchar", "NVARCHAR": "varchar",
    "TEXT": "text", "MEDIUMTEXT": "mediumtext", "LONGTEXT": "longtext", "TINYTEXT": "tinytext",
    "NAME": "name", "BPCHAR": "char", "CITEXT": "citext",
    "BINARY": "binary", "VARBINARY": "varbinary", "BLOB": "bytea", "MEDIUMBLOB": "mediumblob",
    "LONGBLOB": "longblob", "TINYBLOB": "tinyblob",
    "DATE": "date", "TIME": "time", "TIMETZ": "timetz", "DATETIME": "timestamp",
    "TIMESTAMP": "timestamp", "TIMESTAMPTZ": "timestamptz", "TIMESTAMPLTZ": "timestamptz",
    "DATETIME64": "timestamp", "INTERVAL": "interval", "YEAR": "year",
    "UUID": "uuid", "JSON": "json", "JSONB": "jsonb", "XML": "xml",
    "INET": "inet", "CIDR": "cidr", "MACADDR": "macaddr", "TSVECTOR": "tsvector",
    "ENUM": "enum", "SET": "set", "HSTORE": "hstore", "GEOMETRY": "geometry", "OBJECT": "json",
}
_SERIALS = {"SERIAL", "SMALLSERIAL", "BIGSERIAL"}
_KEEP_ARGS = {"varchar", "char", "numeric", "bit", "binary", "varbinary", "timestamp", "timestamptz", "time"}


def _args(dtype: exp.DataType) -> list[str]:
    out = []
    for arg in dtype.expressions:
        if isinstance(arg, exp.DataTypeParam):
            out.append(arg.this.sql() if arg.this is not None else arg.sql())
        else:
            out.append(arg.sql())
    return out


def is_unsigned(raw_type: str) -> bool:
    """MySQL's UNSIGNED (bigint unsigned normalizes to bigint: the raw spelling keeps the difference)."""
    return bool(re.search(r"(?i)\bunsigned\b|^\s*serial\s*$", raw_type or ""))


def inline_values(raw_type: str) -> tuple[str, ...] | None:
    """The values of MySQL's enum('a','b') / set('r','w') as written; None for other types."""
    if not re.match(r"(?i)^\s*(enum|set)\s*\(", raw_type or ""):
        return None
    return tuple(re.findall(r"'((?:[^'\\]|''|\\.)*)'", raw_type))


def _canon_dtype(dtype: exp.DataType, dialect: dialects.Dialect) -> str:
    if isinstance(dtype.this, exp.Interval):  # interval second, interval day to second
        unit = dtype.this.args.get("unit")
        return "interval" + (" " + unit.sql().lower() if unit is not None else "")
    kind = dtype.this.name if hasattr(dtype.this, "name") else str(dtype.this)
    if kind == "ARRAY":
        inner = dtype.expressions[0] if dtype.expressions else None
        base = _canon_dtype(inner, dialect) if isinstance(inner, exp.DataType) else "unknown"
        return base if base.endswith("[]") else f"{base}[]"  # int[][] is int[]: dimensions are not enforced
    if kind == "USERDEFINED":
        return _user_type(dtype.sql("postgres")) or dtype.sql("postgres").lower()
    name = _CANON.get(kind, kind.lower())
    args = _args(dtype)
    if name in ("real", "double precision") and len(args) == 1 and args[0].isdigit():
        return "real" if int(args[0]) <= 24 else "double precision"  # float(p): p bits of mantissa
    if name == "smallint" and kind == "TINYINT" and dialect.tinyint1_is_boolean and args == ["1"]:
        return "boolean"  # MySQL's BOOLEAN is TINYINT(1)
    if name in ("timestamp", "timestamptz", "time") and args in ([dialect.default_time_precision], []):
        args = []  # the default precision: 6 on PostgreSQL, 0 on MariaDB/MySQL (datetime == datetime(0))
    if name == "numeric" and len(args) == 1:
        args = [args[0], "0"]  # numeric(10) is numeric(10,0)
    if name == "numeric" and dialect.default_decimal_args and tuple(args) == dialect.default_decimal_args:
        args = []  # MySQL's DECIMAL is DECIMAL(10,0)
    if name == "bit" and not args:
        args = ["1"]  # bit is bit(1)
    if name in _KEEP_ARGS and args:
        return f"{name}({','.join(a.strip() for a in args)})"
    if name == "char" and not args:
        return "char(1)"
    if name == "varchar" and not args:
        return "varchar"
    return name


@lru_cache(maxsize=8192)
def normalize_type(raw: str, dialect: str = "postgresql") -> str:
    """Canonical, dialect-aware spelling of a column type (lower case)."""
    rules = dialects.get(dialect)
    text = raw.strip()
    element = rules.array_element(text.lower())  # pg internal array name: _text
    if element is not None:
        return normalize_type(element, dialect) + "[]"
    text, unsigned = rules.type_text(text)
    if rules.inline_enums and text.lower().startswith(("enum(", "set(")):
        return text.lower().split("(", 1)[0]  # the values: inline_values()
    try:
        dtype = exp.DataType.build(text, dialect=rules.sqlglot)
    except Exception:
        return _user_type(text) or re.sub(r"\s+", " ", text.lower())
    name = _canon_dtype(dtype, rules)
    return rules.widen_unsigned(name) if unsigned else name


_USER_TYPE = re.compile(r'^(?:(?:"[^"]+"|\w+)\.)*("[^"]+"|\w+)(\[\])?$')


def _user_type(text: str) -> str | None:
    """A domain or enum named by the DDL (``public.email_address``) or the catalog (``email_address``):
    its unqualified name, as the live reader spells it ("Mood" keeps its case, Mood is mood).
    Two schemas' types of one name read as one."""
    match = _USER_TYPE.match(text.strip())
    if not match:
        return None
    name = match.group(1)
    return (name[1:-1] if name.startswith('"') else name.lower()) + (match.group(2) or "")


def is_serial(raw: str) -> bool:
    return raw.strip().lower() in ("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2")


_NOW = {"now()", "current_timestamp", "current_timestamp()", "localtimestamp", "transaction_timestamp()"}


@lru_cache(maxsize=8192)
def normalize_default(raw: str | None, dialect: str = "postgresql", type_: str = "") -> str | None:
    """Canonical default: casts stripped, ``now()`` == ``CURRENT_TIMESTAMP``, sequences marked.

    ``type_`` (the normalized column type) lets ``0``/``1`` on a boolean read as false/true.
    """
    head, on_update = dialects.get(dialect).split_on_update(raw)
    if on_update is not None:  # MariaDB/MySQL: DEFAULT x ON UPDATE y is one attribute of the column
        return f"{normalize_default(head, dialect, type_) or 'null'} on update {normalize_default(on_update, dialect, type_)}"
    out = _normalize_default(raw, dialect, type_)
    if type_ == "boolean" and out in _BOOLEAN_WORDS:
        return _BOOLEAN_WORDS[out]
    if out and out.startswith("'") and type_.split("(")[0] in ("time", "timestamp", "date"):
        return _temporal_literal(out, type_.split("(")[0])
    if out and out.startswith("'") and type_ == "interval":
        return _interval_literal(out)
    return out


_INTERVAL_PART = re.compile(r"(-?\d+(?:\.\d+)?)\s*"
                            r"(years?|months?|mons?|weeks?|days?|hours?|minutes?|mins?|seconds?|secs?)\b")
_INTERVAL_SECONDS = {"hour": 3600, "min": 60, "minute": 60, "sec": 1, "second": 1}


def _interval_literal(quoted: str) -> str:
    """'2 hours' is stored as '02:00:00', '1 week' as '7 days': PostgreSQL's own interval output
    (whole units only; anything else is left as written)."""
    text = quoted[1:-1].strip().lower()
    text = re.sub(r"\b(\d+):(\d{2})(?::(\d{2}))?\b", lambda m: f"{m[1]} hours {m[2]} minutes {m[3] or 0} seconds",
                  text)
    parts = _INTERVAL_PART.findall(text)
    if not parts or _INTERVAL_PART.sub("", text).strip() or any("." in n for n, _ in parts):
        return quoted
    months = days = seconds = 0
    for number, unit in parts:
        unit, n = unit.rstrip("s"), int(number)
        months += 12 * n if unit == "year" else n if unit in ("mon", "month") else 0
        days += 7 * n if unit == "week" else n if unit == "day" else 0
        seconds += n * _INTERVAL_SECONDS.get(unit, 0)
    out = [f"{months // 12} year" + "s" * (months // 12 != 1)] if months // 12 else []
    out += [f"{months % 12} mon" + "s" * (months % 12 != 1)] if months % 12 else []
    out += [f"{days} day" + "s" * (days != 1)] if days else []
    out += [f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"] if seconds or not out else []
    return "'" + " ".join(out) + "'"


def _temporal_literal(quoted: str, base: str) -> str:
    """'9:30' is stored as '09:30:00', '2020-01-01' on a timestamp as '2020-01-01 00:00:00'
    (time zone-free types only: a timestamptz literal depends on the server's zone)."""
    match = _TEMPORAL.fullmatch(quoted[1:-1].strip())
    if not match:
        return quoted
    day, clock = match.group("date"), _clock(match)
    if base == "time" and clock and not day:
        return f"'{clock}'"
    if base == "date" and day and not clock:
        return f"'{day}'"
    if base == "timestamp" and day:
        return f"'{day} {clock or '00:00:00'}'"
    return quoted


def _clock(match: re.Match) -> str | None:
    if match.group("time") is None:
        return None
    hour, minute, second, fraction = match.group("h", "m", "s", "f")
    return f"{int(hour):02d}:{minute}:{second or '00'}" + (fraction or "").rstrip("0").rstrip(".")


_TEMPORAL = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})?[ Tt]?"
                       r"(?P<time>(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?P<f>\.\d+)?)?)?")


# How a boolean default may be spelled (PostgreSQL accepts 'yes', 'on', '1' ... and stores true/false).
_BOOLEAN_WORDS = {"0": "false", "1": "true", "'yes'": "true", "'y'": "true", "'on'": "true", "'1'": "true",
                  "'no'": "false", "'n'": "false", "'off'": "false", "'0'": "false"}


_NUMERIC = frozenset({"smallint", "integer", "bigint", "numeric", "real", "double precision", "money", "year",
                      "boolean"})


def _numeric(type_: str) -> bool:
    """Whether a quoted number in this column's default is a number (unknown types: assume so)."""
    return not type_ or type_.split("(")[0] in _NUMERIC


# ::type, ::schema.type, ::"Type", with [] and (n, m): how PostgreSQL spells a cast
_PG_CAST = re.compile(r'::(?:"[^"]+"|[a-z_][\w ]*)(?:\.(?:"[^"]+"|[a-z_][\w ]*))?(\([\d, ]+\))?( with(?:out)? time zone)?(\[\])?', re.I)
_CAST = re.compile(r"(?is)cast\s*\((.*)\s+as\s+[\w\s]+(\([\d,\s]*\))?(\[\])?\)")


def _normalize_default(raw: str | None, dialect: str, type_: str = "") -> str | None:
    rules = dialects.get(dialect)
    if raw is None:
        return None
    text = raw.strip()
    if not text or text.upper() == "NULL":
        return None
    low = text.lower()
    cast = _CAST.fullmatch(text)  # CAST('-1' AS INT): how sqlglot spells '-1'::integer
    if cast:
        return _normalize_default(cast.group(1), dialect, type_)
    # strip postgres casts: 'x'::text, '{}'::jsonb, ('now'::text)::timestamp
    text = _PG_CAST.sub("", text)
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    low = text.lower()
    special = _special_default(text, low, rules, type_)
    if special:
        return special
    if _numeric(type_) and re.fullmatch(r"'-?\d+(\.\d+)?'", text):  # MySQL reports numeric defaults quoted
        text = text[1:-1]  # (but '007' on a text column is a string, not the number 7)
    if re.fullmatch(r"[-+]?\d+(\.\d+)?(e[-+]?\d+)?", text, flags=re.I):
        return _number(text) if _numeric(type_) else "'" + text + "'"  # 5 on a text column is stored as '5'
    text = rules.quote_bare_default(text)
    try:
        tree = sqlglot.parse_one(text, read=rules.sqlglot)
        tree = tree.transform(_literal_default_node)
        return lower_outside_literals(tree.sql("postgres"))
    except Exception:
        return lower_outside_literals(text)


def _special_default(text: str, low: str, rules, type_: str) -> str | None:
    """now(), true/false and generated uuids in their spellings. A quoted word ('now', 't', 'TRUE') means
    the time or a boolean only on a column of that type (or of unknown type): on a text column it is text."""
    base = type_.split("(")[0]
    temporal, boolean = base in ("", "timestamp", "timestamptz", "date", "time", "timetz"), base in ("", "boolean")
    if low in _NOW or low.startswith("current_timestamp(") or low == "now" or low == "'now'" and temporal:
        return "now()"
    if low == "true" or low in ("'t'", "'true'") and boolean or low == "b'1'" and rules.bit_literal_booleans:
        return "true"
    if low == "false" or low in ("'f'", "'false'") and boolean or low == "b'0'" and rules.bit_literal_booleans:
        return "false"  # (PostgreSQL's B'1' is a bit string: '1')
    if low in ("gen_random_uuid()", "uuid_generate_v4()", "uuid()"):
        return "gen_random_uuid()"
    return None


STRING_LITERAL = re.compile(r"'(?:[^']|'')*'")  # as sqlglot writes one for PostgreSQL
_LITERAL_OR_QUOTED_NAME = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")


def lower_outside_literals(sql: str, keep_quoted_names: bool = False) -> str:
    """``sql`` in lower case except inside string literals (and quoted names when they are case-sensitive):
    keywords and unquoted identifiers fold, data never does."""
    pattern = _LITERAL_OR_QUOTED_NAME if keep_quoted_names else STRING_LITERAL
    out, end = [], 0
    for match in pattern.finditer(sql):
        out += [sql[end:match.start()].lower(), match.group(0)]
        end = match.end()
    return "".join(out) + sql[end:].lower()


def _literal_default_node(node: exp.Expression) -> exp.Expression:
    """Casts dropped; B'0101' is the string '0101' (how PostgreSQL reports a bit default)."""
    if isinstance(node, (exp.Cast, exp.TryCast)):
        return node.this
    if isinstance(node, exp.BitString):
        return exp.Literal.string(node.this)
    if isinstance(node, exp.Array) and all(isinstance(e, exp.Literal) for e in node.expressions):
        return exp.Literal.string("{" + ",".join(map(_array_element, node.expressions)) + "}")  # ARRAY[] == '{}'
    if isinstance(node, exp.Interval) and isinstance(node.this, exp.Literal):  # interval '1 day' == '1 day'
        unit = node.args.get("unit")
        return exp.Literal.string(node.this.this + (f" {unit.sql().lower()}" if unit is not None else ""))
    return node


def _array_element(literal: exp.Literal) -> str:
    """One element as PostgreSQL's array text spells it ({a,"b c",""})."""
    text = literal.this
    if not literal.is_string:
        return text
    if text == "" or text.upper() == "NULL" or re.search(r'[{},"\\\s]', text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _number(text: str) -> str:
    """0, 0.0 and 0.00 are one default: the shortest exact decimal spelling."""
    from decimal import Decimal

    value = Decimal(text).normalize()
    return format(value, "f") if value != 0 else "0"


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def fold_identifier(name: str, dialect: str, quoted: bool = False) -> str:
    """How the database stores an identifier as written in DDL."""
    return dialects.get(dialect).fold_identifier(name, quoted)


def name_key(name: str, dialect: str) -> str:
    """Key for comparing names: exact on PostgreSQL, case-insensitive elsewhere."""
    return dialects.get(dialect).name_key(name)


# Types that are the same thing stored by another dialect (cross-database compares).
_FAMILY = {
    "integer": "int", "bigint": "int", "smallint": "int",
    "text": "text", "mediumtext": "text", "longtext": "text", "tinytext": "text", "varchar": "text",
    "json": "json", "jsonb": "json",
    "timestamp": "timestamp", "timestamptz": "timestamp",
    "bytea": "blob", "mediumblob": "blob", "longblob": "blob", "tinyblob": "blob",
}


def stores_descending_keys(dialect: str, version: str) -> bool:
    """Whether the server keeps DESC in an index key: MariaDB from 10.8, MySQL from 8.0; older ones
    accept the word and build an ascending key (unknown versions: assume they keep it)."""
    return dialects.get(dialect).stores_descending_keys(version)


def is_mariadb(version: str) -> bool:
    """For a MySQL-family server: MariaDB reports 10.x / 11.x (sometimes with -MariaDB); MySQL 5.x, 8.x, 9.x."""
    return dialects.get("mysql").is_mariadb(version)


def type_family(t: str) -> str:
    """The family of a normalized type (varchar(20) and text are both "text"); the base type otherwise."""
    base = t.split("(")[0]
    return _FAMILY.get(base, base)


def types_equivalent(expected: str, actual: str, expected_dialect: str, actual_dialect: str) -> bool:
    """Whether two normalized types are the same, allowing for the live dialect's spellings."""
    if expected == actual:
        return True
    if expected_dialect == actual_dialect:
        return False
    return _cross_dialect(expected, actual, actual_dialect)


def _cross_dialect(expected: str, actual: str, live: str) -> bool:
    stored = dialects.get(live).cross_types_equivalent(expected, actual)
    if stored is not None:
        return stored
    base = lambda t: t.split("(")[0]
    return base(expected) == base(actual) and _FAMILY.get(base(expected)) is not None \
        and expected.split("(")[1:] == actual.split("(")[1:]


def _unparen(node: exp.Expression) -> exp.Expression:
    """Drop parentheses that do not change meaning (databases add and remove them freely)."""
    if not isinstance(node, exp.Paren):
        return node
    inner, parent = node.this, node.parent
    if isinstance(inner, exp.Neg) and isinstance(inner.this, exp.Literal):
        return inner  # (-1): a negative literal
    if not isinstance(inner, (exp.Binary, exp.Unary, exp.Not)) or parent is None \
            or isinstance(parent, exp.Paren):
        return inner
    comparison = isinstance(inner, exp.Predicate) and not isinstance(inner, exp.Connector)
    if comparison and isinstance(parent, (exp.Connector, exp.Not)):
        return inner
    if isinstance(inner, _ARITHMETIC) and isinstance(parent, _COMPARISONS):
        return inner  # (qty % 2) = 0: arithmetic binds tighter than any comparison
    return node


_ARITHMETIC = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.IntDiv)
_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Is)


def _unparen_all(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _array_values(node: exp.Expression) -> list[exp.Expression] | None:
    node = _unparen_all(node)
    node = _unparen_all(node.this) if isinstance(node, (exp.Cast, exp.TryCast)) else node
    return list(node.expressions) if isinstance(node, exp.Array) else None


_NUMERIC_CASTS = (exp.DataType.Type.INT, exp.DataType.Type.BIGINT, exp.DataType.Type.SMALLINT,
                  exp.DataType.Type.DECIMAL, exp.DataType.Type.DOUBLE, exp.DataType.Type.FLOAT)


def _uncast(node: exp.Cast) -> exp.Expression:
    """A cast dropped; '-1'::integer is the number -1 (how PostgreSQL stores a negative literal)."""
    inner = node.this
    if isinstance(inner, exp.Literal) and inner.is_string and re.fullmatch(r"-?\d+(\.\d+)?", inner.this) \
            and isinstance(node.to, exp.DataType) and node.to.is_type(*_NUMERIC_CASTS):
        return exp.Literal.number(inner.this)
    return inner


def _canon_check_node(node: exp.Expression, uncast: bool = True) -> exp.Expression:
    if isinstance(node, exp.Identifier) and node.quoted and re.fullmatch(r"[a-z_][a-z0-9_]*", node.name):
        return exp.to_identifier(node.name)
    if uncast and isinstance(node, (exp.Cast, exp.TryCast)):  # the server's own casts (Dialect.adds_casts)
        return _uncast(node)
    if isinstance(node, exp.EQ) and isinstance(node.expression, exp.Any):  # x = ANY (ARRAY[...])
        values = _array_values(node.expression.this)
        if values is not None:
            return exp.In(this=node.this, expressions=values)
    if isinstance(node, exp.NEQ) and isinstance(node.expression, exp.Anonymous) \
            and node.expression.name.upper() == "ALL" and len(node.expression.expressions) == 1:
        values = _array_values(node.expression.expressions[0])  # x <> ALL (ARRAY[...]): NOT IN
        if values is not None:
            return exp.Not(this=exp.In(this=node.this, expressions=values))
    if isinstance(node, exp.In) and len(node.expressions) == 1 and not node.args.get("query"):
        return exp.EQ(this=node.this, expression=node.expressions[0])  # PostgreSQL stores x IN ('a') as x = 'a'
    if isinstance(node, exp.Not) and isinstance(_unparen_all(node.this), exp.EQ):
        inner = _unparen_all(node.this)
        return exp.NEQ(this=inner.this, expression=inner.expression)
    if isinstance(node, exp.Between):
        low = exp.GTE(this=node.this.copy(), expression=node.args["low"])
        high = exp.LTE(this=node.this.copy(), expression=node.args["high"])
        return exp.And(this=low, expression=high)
    return node


@lru_cache(maxsize=8192)
def normalize_check(raw: str, dialect: str = "postgresql") -> str:
    """Canonical CHECK expression: the server's own casts (Dialect.adds_casts), redundant parentheses,
    ``= ANY(ARRAY[..])`` and BETWEEN folded.

    Accepts ``CHECK (expr)`` as the databases report it or the bare expression.
    """
    text = raw.strip()
    match = re.match(r"(?is)^check\s*(.*?)(\s+not\s+valid)?$", text)
    if match:
        text = match.group(1).strip()
    rules = dialects.get(dialect)
    try:
        tree = sqlglot.parse_one(text, read=rules.sqlglot)
    except Exception:
        return lower_outside_literals(re.sub(r"\s+", " ", text), rules.case_sensitive_names)
    tree = rules.canon_expression(tree)
    canon = lambda node: _canon_check_node(node, rules.adds_casts)  # noqa: E731
    for _ in range(4):
        tree = tree.transform(canon).transform(_unparen)
    out = tree.sql(dialect="postgres", normalize_functions="lower")
    return out if rules.case_sensitive_names else lower_outside_literals(out)

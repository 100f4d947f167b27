"""Types the code itself gives the columns it needs: casts in its SQL, Python annotations and SQLAlchemy
column types, TypeScript row interfaces.

These only type columns the code's SQL already needs (never add one), and only where the code says
the type in so many words: ``INSERT … VALUES ($1::uuid)`` / ``SET owner = $2::uuid`` / ``WHERE id =
$1::uuid``; ``due_at: datetime`` / ``Mapped[uuid.UUID]`` / ``Column(Numeric(10, 2))`` in a class that
maps to the table; ``due_at: Date`` in an interface that does. A class or interface maps to a table
by ``__tablename__``, by kysely's ``interface Database { invoice: InvoiceTable }``, or by its name
(``Invoice`` / ``InvoiceRow`` -> ``invoice``, ``invoices``). What is ambiguous (TypeScript ``number``,
a class of its own, ``Any``) stays untyped: the operator decides. Each type keeps the file:line that
says it. Per-file extraction is schema-free (cached); ``types_for`` joins the files to the tables.
"""
from __future__ import annotations

import re

from sqlglot import exp

from remedy.sources.code.models import snake

# ------------------------------------------------------------------ casts in SQL

_VALUES = (exp.Parameter, exp.Placeholder, exp.Literal, exp.Null)


def cast_types(tree: exp.Expression, dialect: str) -> list[list[str]]:
    """[[column, qualifier, type, how it is spelled]] for each column a statement assigns or compares
    for equality with a cast parameter or literal (schema-free)."""
    out = []
    for column, value in _pairs(tree):
        if isinstance(value, exp.Cast) and isinstance(value.this, _VALUES) and isinstance(column, (exp.Column, exp.Identifier)):
            name = column.name if isinstance(column, exp.Column) else column.this
            qualifier = column.table if isinstance(column, exp.Column) else ""
            sql_type = value.to.sql(dialect).lower()
            out.append([str(name).lower(), str(qualifier).lower(), sql_type, f"::{sql_type}"])
    return out


def _pairs(tree: exp.Expression):
    if isinstance(tree, exp.Insert) and isinstance(tree.this, exp.Schema) and isinstance(tree.expression, exp.Values):
        names = tree.this.expressions
        for row in tree.expression.expressions:
            yield from zip(names, row.expressions if isinstance(row, exp.Tuple) else [])
    for node in tree.find_all(exp.EQ, exp.In):
        if isinstance(node, exp.In):
            yield from ((node.this, v) for v in node.expressions)
        else:
            yield node.this, node.expression
            yield node.expression, node.this


# ------------------------------------------------------------------ Python

_PY_CLASS = re.compile(r"^class\s+(\w+)\s*(?:\((.*?)\))?\s*:[^\n]*$", re.M)
_PY_TOP = re.compile(r"^(?=[^\s#])", re.M)
_PY_TABLENAME = re.compile(r"""^\s+__tablename__\s*=\s*["'](\w+)["']""", re.M)
_PY_FIELD = re.compile(r"^( +)(\w+)\s*:\s*([^=\n#]+?)\s*(?:=\s*([^\n#]*))?\s*(?:#.*)?$", re.M)
_PY_ASSIGNED = re.compile(r"^( +)(\w+)\s*=\s*(?:\w+\.)?(?:Column|mapped_column)\((.*)$", re.M)
_PY_TYPES = {
    "uuid": "uuid", "UUID": "uuid", "datetime": "timestamptz", "date": "date", "time": "time",
    "timedelta": "interval", "int": "bigint", "float": "double precision", "Decimal": "numeric", "bool": "boolean",
    "str": "text", "bytes": "bytea", "dict": "jsonb", "Dict": "jsonb", "list[str]": "text[]", "List[str]": "text[]",
    "list[int]": "bigint[]", "List[int]": "bigint[]", "list[UUID]": "uuid[]", "List[UUID]": "uuid[]",
    "EmailStr": "text", "AnyUrl": "text", "HttpUrl": "text", "Json": "jsonb",
}
_SA_TYPES = {
    "UUID": "uuid", "Uuid": "uuid", "Text": "text", "Integer": "integer", "BigInteger": "bigint",
    "SmallInteger": "smallint", "Boolean": "boolean", "Date": "date", "Time": "time", "Float": "double precision",
    "JSONB": "jsonb", "JSON": "json", "LargeBinary": "bytea", "Interval": "interval", "INET": "inet",
    "String": "varchar", "Unicode": "varchar", "UnicodeText": "text", "TIMESTAMP": "timestamp", "DateTime": "timestamp",
    "Numeric": "numeric", "VARCHAR": "varchar", "CHAR": "char", "BIGINT": "bigint", "INTEGER": "integer",
    "TEXT": "text", "BOOLEAN": "boolean", "DATE": "date",
}
_SA_SIZED = {"String", "Unicode", "VARCHAR", "CHAR", "Numeric"}


def python_rows(text: str) -> dict:
    """{"rows": {class: [[column, type, line, declared]]}, "names": {class: [table]}} for one Python file."""
    rows: dict[str, list] = {}
    names: dict[str, list[str]] = {}
    for cls in _PY_CLASS.finditer(text):
        end = _PY_TOP.search(text, cls.end() + 1)
        body_start = cls.end()
        body = text[body_start:end.start() if end else len(text)]
        fields = _python_fields(text, body, body_start)
        if not fields:
            continue
        rows[cls.group(1)] = fields
        table = _PY_TABLENAME.search(body)
        if table:
            names[cls.group(1)] = [table.group(1)]
    return {"rows": rows, "names": names} if rows else {}


def _python_fields(text: str, body: str, offset: int) -> list[list]:
    out, indent = [], None
    for m in _PY_FIELD.finditer(body):
        indent = indent or m.group(1)
        if m.group(1) != indent:
            continue
        sql = _python_type(m.group(3), m.group(4) or "")
        if sql:
            column = _sa_name(m.group(4) or "") or m.group(2)
            out.append([column, sql, text.count("\n", 0, offset + m.start(2)) + 1, f"{m.group(2)}: {m.group(3).strip()}"])
    for m in _PY_ASSIGNED.finditer(body):
        sql = _sa_type(m.group(3))
        if sql:
            column = _sa_name(m.group(0)) or m.group(2)
            out.append([column, sql, text.count("\n", 0, offset + m.start(2)) + 1, m.group(0).strip()[:80]])
    return out


def _python_type(annotation: str, default: str) -> str:
    """The SQL type of an annotation (``Mapped[X]``, ``Optional[X]``, ``X | None`` are X); a
    ``mapped_column(Numeric(10, 2))`` default says more than the annotation."""
    from_column = _sa_type(default.split("(", 1)[1]) if re.match(r"\s*(?:\w+\.)?(?:mapped_column|Column)\(", default) else ""
    if from_column:
        return from_column
    a = annotation.strip().strip("'\"")
    for wrapper in ("Mapped", "Optional", "Annotated"):
        m = re.fullmatch(rf"(?:\w+\.)?{wrapper}\[(.*)\]", a)
        if m:
            a = m.group(1).split(",")[0].strip() if wrapper == "Annotated" else m.group(1).strip()
    a = re.sub(r"\s*\|\s*None$|^None\s*\|\s*", "", a)
    a = re.sub(r"^(?:typing|datetime|uuid|decimal|pydantic)\.", "", a)
    return _PY_TYPES.get(a, _PY_TYPES.get(a.split("[")[0], "") if a.split("[")[0] in ("dict", "Dict") else "")


def _sa_type(arguments: str) -> str:
    """The SQL type of ``Column(<type>, …)`` / ``mapped_column("name", <type>, …)`` arguments."""
    args = re.sub(r"""^\s*["']\w+["']\s*,\s*""", "", arguments)
    m = re.match(r"\s*(?:\w+\.)*(\w+)(?:\(([^()]*)\))?", args)
    if m is None or m.group(1) not in _SA_TYPES:
        return ""
    name, inner = m.group(1), (m.group(2) or "").strip()
    sql = _SA_TYPES[name]
    if name in ("DateTime", "TIMESTAMP") and re.search(r"timezone\s*=\s*True", inner):
        return "timestamptz"
    if name in _SA_SIZED and re.fullmatch(r"\d+(?:\s*,\s*\d+)?", inner):
        return f"{sql}({inner.replace(' ', '')})"
    return sql


def _sa_name(text: str) -> str:
    m = re.search(r"""(?:Column|mapped_column)\(\s*["'](\w+)["']""", text)
    return m.group(1) if m else ""


# ------------------------------------------------------------------ TypeScript

_TS_BLOCK = re.compile(r"^(?:export\s+)?(?:interface\s+(\w+)(?:\s+extends\s+[\w<>, .]+)?|type\s+(\w+)\s*=)\s*\{"
                       r"(.*?)\}[ \t]*;?[ \t]*$", re.S | re.M)
_TS_FIELD = re.compile(r"^\s*(?:readonly\s+)?['\"]?(\w+)['\"]?\??\s*:\s*([^;\n]+?)\s*[;,]?\s*(?://.*)?$", re.M)
_TS_TYPES = {"string": "text", "boolean": "boolean", "Date": "timestamptz", "bigint": "bigint", "Buffer": "bytea",
             "string[]": "text[]", "Array<string>": "text[]", "boolean[]": "boolean[]", "Date[]": "timestamptz[]"}
_TS_WRAPPERS = re.compile(r"^(?:Generated|ColumnType|Selectable|Insertable|Updateable)<(.*)>$")


def ts_rows(text: str) -> dict:
    """{"rows": {interface: [[column, type, line, declared]]}, "names": {interface: [table]}} for one TS file;
    kysely's ``interface Database { invoice: InvoiceTable }`` names the tables."""
    rows: dict[str, list] = {}
    members: dict[str, list[tuple[str, str]]] = {}
    for block in _TS_BLOCK.finditer(text):
        name = block.group(1) or block.group(2)
        start = block.start(3)
        fields, pairs = [], []
        for m in _TS_FIELD.finditer(block.group(3)):
            declared = m.group(2).strip()
            pairs.append((m.group(1), declared))
            sql = _ts_type(declared)
            if sql:
                fields.append([m.group(1), sql, text.count("\n", 0, start + m.start(1)) + 1, f"{m.group(1)}: {declared}"])
        members[name] = pairs
        if fields:
            rows[name] = fields
    names: dict[str, list[str]] = {}
    for pairs in members.values():
        for table, declared in pairs:
            if declared in rows or declared in members:
                names.setdefault(declared, []).append(table)
    return {"rows": rows, "names": names} if rows else {}


def _ts_type(declared: str) -> str:
    t = declared.strip()
    m = _TS_WRAPPERS.match(t)
    if m:
        t = m.group(1).split(",")[0].strip()
    t = re.sub(r"\s*\|\s*(?:null|undefined)\b|\b(?:null|undefined)\s*\|\s*", "", t).strip()
    return _TS_TYPES.get(t, "")


# ------------------------------------------------------------------ joining files to tables

_SUFFIXES = ("Row", "Record", "Entity", "Model", "Table", "Type")


def candidates(type_name: str) -> list[str]:
    """Tables a row type may map to by its name: ``InvoiceRow`` -> invoice, invoices."""
    from remedy.sources.code.gorm import plural

    bases = {snake(type_name)}
    for suffix in _SUFFIXES:
        if type_name.endswith(suffix) and len(type_name) > len(suffix):
            bases.add(snake(type_name[:-len(suffix)]))
    return sorted({name for base in bases for name in (base, plural(base))})


def types_for(rows_by_file) -> list[tuple[str, str, str, str]]:
    """(table, column, type, source) for every row-type field, each table it maps to (named tables first)."""
    names: dict[str, list[str]] = {}
    for _, info in rows_by_file:
        for type_name, tables in (info.get("names") or {}).items():
            names.setdefault(type_name, []).extend(tables)
    out = []
    for shown, info in rows_by_file:
        for type_name, fields in (info.get("rows") or {}).items():
            for table in names.get(type_name) or candidates(type_name):
                out.extend((table.lower(), column, sql, f"{shown}:{line} ({declared})")
                           for column, sql, line, declared in fields)
    return out

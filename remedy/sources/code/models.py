"""Model declarations as expectations, where cheap: Go ``db:"…"`` struct tags, SQLAlchemy columns.

A Go struct counts when its ``TableName()`` names the table, or when its snake_case name (or that
plus ``s``) is a table the code's SQL references. Only files in a ``models``/``model``/``entity``
package are read for structs. SQLAlchemy classes count through ``__tablename__``.
"""
from __future__ import annotations

import os
import re

from remedy.model import Evidence

STRUCT = re.compile(r"^type\s+(\w+)\s+struct\s*\{(.*?)^\}", re.S | re.M)
_FIELD_TAG = re.compile(r"""`[^`]*\bdb:"([^",]+)[^"]*"[^`]*`""")
_FIELD_TYPE = re.compile(r"^\s*\w+\s+([*\w.\[\]{}]+)\s*`")
# Go field types as PostgreSQL column types (a pointer or sql.Null* is the same type, nullable)
GO_TYPES = {
    "uuid.UUID": "uuid", "uuid.NullUUID": "uuid", "time.Time": "timestamptz", "sql.NullTime": "timestamptz",
    "pq.NullTime": "timestamptz", "string": "text", "sql.NullString": "text", "int64": "bigint",
    "sql.NullInt64": "bigint", "int": "bigint", "int32": "integer", "sql.NullInt32": "integer", "int16": "smallint",
    "sql.NullInt16": "smallint", "bool": "boolean", "sql.NullBool": "boolean", "float64": "double precision",
    "sql.NullFloat64": "double precision", "float32": "real", "json.RawMessage": "jsonb", "[]byte": "bytea",
    "pq.StringArray": "text[]", "[]string": "text[]", "pq.Int64Array": "bigint[]", "[]int64": "bigint[]",
    "pq.BoolArray": "boolean[]", "pq.Float64Array": "double precision[]", "decimal.Decimal": "numeric",
    "[]uuid.UUID": "uuid[]",
}


def declared_text(field_type: str) -> str:
    """What the code says a field's type is, as shown: ``*time.Time``, ``gorm.Model``, ``gorm:"type:char(3)"``."""
    return field_type.split(":", 2)[2] if field_type.startswith("sql:") else field_type


def go_type(field_type: str) -> str:
    """The PostgreSQL type of a Go field type ("" when the code does not say: an enum, a struct);
    ``sql:<type>`` is a type a tag spells (``gorm:"type:…"``)."""
    if field_type.startswith("sql:"):  # sql:<type>:<what the code says>
        return field_type.split(":", 2)[1]
    return GO_TYPES.get(field_type.lstrip("*"), "")
_TABLE_NAME = re.compile(r'func\s*\(\s*(?:\w+\s+)?\*?(\w+)\s*\)\s*TableName\(\)\s*string\s*\{\s*return\s+([^\n;}]+)')
_GO_STRING_CONST = re.compile(r'^\s*(?:const\s+|var\s+)?(\w+)\s*(?:string\s*)?=\s*("[^"\n]*"|`[^`]*`)\s*$', re.M)
_MODEL_DIRS = {"models", "model", "entity", "entities"}

_PY_CLASS = re.compile(r"^class\s+\w+\s*(?:\(.*?\))?\s*:[^\n]*$", re.M)
_PY_TOP_LEVEL = re.compile(r"^(?=[^\s#])", re.M)
_PY_TABLENAME = re.compile(r"""^\s+__tablename__\s*=\s*["'](\w+)["']""", re.M)
_PY_COLUMN = re.compile(
    r"""^\s+(\w+)\s*(?::\s*[^=\n]+)?=\s*(?:\w+\.)?(?:Column|mapped_column)\(\s*(?:["'](\w+)["'])?""", re.M)


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def model_fields(text: str, language: str) -> list[list]:
    """[[table names it may map to], column, line, snippet] for one file (schema-free, cacheable)."""
    if language == "go" and "db:" in text:
        return _go_fields(text)
    if language == "python" and "__tablename__" in text:
        return _python_fields(text)
    return []


def table_names(text: str) -> dict[str, str]:
    """{struct: the table its ``TableName()`` returns}: a literal, a string constant of the file, or those
    joined with ``+`` (``return tablePrefix + "invoice"``); "" when it returns what remedy cannot read
    (a field, a call): that struct's table is then unknown, never gorm's convention guessed instead."""
    consts = {m.group(1): m.group(2)[1:-1] for m in _GO_STRING_CONST.finditer(text)}
    out = {}
    for m in _TABLE_NAME.finditer(text):
        parts = [p.strip() for p in m.group(2).strip().split("+")]
        values = [p[1:-1] if len(p) > 1 and p[0] in '"`' and p[-1] == p[0] else consts.get(p) for p in parts]
        name = "".join(values) if all(v is not None for v in values) else ""
        out[m.group(1)] = name if re.fullmatch(r"\w+(?:\.\w+)?", name) else ""
    return out


def in_model_dir(path: str) -> bool:
    return bool(_MODEL_DIRS & set(os.path.normpath(path).split(os.sep)[:-1]))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _go_fields(text: str) -> list[list]:
    named = table_names(text)
    lines = text.splitlines()
    out = []
    for struct in STRUCT.finditer(text):
        name = struct.group(1)
        if named.get(name, None) == "":
            continue  # a TableName() remedy cannot read: the struct's table is unknown
        tables = [named[name]] if name in named else [snake(name), snake(name) + "s"]
        for tag in _FIELD_TAG.finditer(struct.group(2)):
            if tag.group(1) == "-":
                continue
            line = _line_of(text, struct.start(2) + tag.start())
            declared = _FIELD_TYPE.match(lines[line - 1])
            out.append([tables, tag.group(1), line, lines[line - 1].strip()[:240], declared.group(1) if declared else ""])
    return out


def _python_fields(text: str) -> list[list]:
    lines = text.splitlines()
    out = []
    for cls in _PY_CLASS.finditer(text):
        end = _PY_TOP_LEVEL.search(text, cls.end() + 1)
        body = text[cls.end():end.start() if end else len(text)]
        table = _PY_TABLENAME.search(body)
        if not table:
            continue
        for col in _PY_COLUMN.finditer(body):
            line = _line_of(text, cls.end() + col.start(1))
            out.append([[table.group(1)], col.group(2) or col.group(1), line, lines[line - 1].strip()[:240]])
    return out


def model_expectations(fields_by_file, known) -> list[tuple[tuple[str, str, str], Evidence, str]]:
    """((schema, table, column), evidence, declared type) for every model field, each candidate table named."""
    out = []
    for shown, fields in fields_by_file:
        if shown.endswith(".go") and not in_model_dir(shown):
            continue
        for tables, column, line, snippet, *declared in fields:
            for table in tables:
                schema, name = known.table("", table) if "." not in table else table.split(".", 1)
                out.append(((schema, name, column), Evidence(shown, line, snippet), declared[0] if declared else ""))
    return out

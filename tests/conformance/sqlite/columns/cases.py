"""Columns: added, dropped, retyped, nullability and defaults (most changes need the table rebuild)."""
from tests.conformance.cases import Case


def t(*columns: str) -> str:
    return "CREATE TABLE t (id INTEGER PRIMARY KEY" + "".join(f", {c}" for c in columns) + ");"


CASES = {
    "missing_column": Case(a=t(), b=t("name TEXT")),
    "missing_column_with_default": Case(a=t(), b=t("qty INT NOT NULL DEFAULT 0")),
    "extra_column": Case(a=t("name TEXT"), b=t()),
    "type_changed": Case(a=t("n TEXT"), b=t("n INTEGER")),
    "varchar_length": Case(a=t("name VARCHAR(20)"), b=t("name VARCHAR(80)")),
    "nullable_to_not_null": Case(a=t("name TEXT"), b=t("name TEXT NOT NULL DEFAULT ''")),
    "not_null_to_nullable": Case(a=t("name TEXT NOT NULL"), b=t("name TEXT")),
    "default_added": Case(a=t("qty INT"), b=t("qty INT DEFAULT 5")),
    "default_removed": Case(a=t("qty INT DEFAULT 5"), b=t("qty INT")),
    "default_changed": Case(a=t("qty INT DEFAULT 5"), b=t("qty INT DEFAULT 7")),
    "default_string_case": Case(a=t("s TEXT DEFAULT 'foo'"), b=t("s TEXT DEFAULT 'FOO'")),
    "default_expression": Case(a=t("at TEXT"), b=t("at TEXT DEFAULT CURRENT_TIMESTAMP")),
    "generated_virtual_added": Case(a=t("a INT"), b=t("a INT", "b INT GENERATED ALWAYS AS (a * 2) VIRTUAL")),
    "generated_expression_changed": Case(a=t("a INT", "b INT AS (a * 2)"), b=t("a INT", "b INT AS (a * 3)")),
    "collation_changed": Case(a=t("name TEXT"), b=t("name TEXT COLLATE NOCASE")),
    "several_changes": Case(a=t("a INT", "b TEXT", "c REAL"), b=t("a INT NOT NULL DEFAULT 1", "b TEXT", "d BLOB")),
}

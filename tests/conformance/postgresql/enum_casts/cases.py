"""A column moved from one enum type to another is cast through text (PostgreSQL refuses
``col::new_enum`` between enums); its default goes along."""
from tests.conformance.cases import Case

TYPES = "CREATE TYPE old_mood AS ENUM ('sad', 'ok', 'happy'); CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'glad');"


def moved(a: str, b: str, rows: str = "") -> Case:
    return Case(a=TYPES + f"CREATE TABLE t (id int PRIMARY KEY{a});" + rows, b=TYPES + f"CREATE TABLE t (id int PRIMARY KEY{b});")


CASES = {
    "enum_to_another_enum": moved(", m old_mood", ", m mood"),
    "enum_to_another_enum_with_rows": moved(", m old_mood", ", m mood", "INSERT INTO t VALUES (1, 'ok'), (2, NULL);"),
    "enum_to_another_enum_not_null": moved(", m old_mood NOT NULL", ", m mood NOT NULL", "INSERT INTO t VALUES (1, 'sad');"),
    "enum_to_another_enum_with_default": moved(", m old_mood DEFAULT 'ok'", ", m mood DEFAULT 'ok'"),
    "enum_to_another_enum_default_changes": moved(", m old_mood DEFAULT 'ok'", ", m mood DEFAULT 'glad'"),
    "enum_array_to_another_enum_array": moved(", m old_mood[]", ", m mood[]", "INSERT INTO t VALUES (1, '{ok,sad}');"),
    "enum_to_text": moved(", m old_mood", ", m text", "INSERT INTO t VALUES (1, 'happy');"),
    "text_to_enum": moved(", m text", ", m mood", "INSERT INTO t VALUES (1, 'glad');"),
    "varchar_to_enum": moved(", m varchar(10)", ", m mood", "INSERT INTO t VALUES (1, 'ok');"),
    "enum_to_varchar": moved(", m old_mood", ", m varchar(20)", "INSERT INTO t VALUES (1, 'ok');"),
    "enum_to_new_enum_type": Case(
        a="CREATE TYPE old_mood AS ENUM ('sad', 'ok'); CREATE TABLE t (id int PRIMARY KEY, m old_mood);"
          "INSERT INTO t VALUES (1, 'ok');",
        b="CREATE TYPE old_mood AS ENUM ('sad', 'ok'); CREATE TYPE level AS ENUM ('ok', 'high');"
          "CREATE TABLE t (id int PRIMARY KEY, m level);"),
    "two_columns_swap_enums": moved(", m old_mood, n mood", ", m mood, n old_mood",
                                    "INSERT INTO t VALUES (1, 'ok', 'sad');"),
    "enum_column_with_index": Case(
        a=TYPES + "CREATE TABLE t (id int PRIMARY KEY, m old_mood); CREATE INDEX t_m ON t (m);",
        b=TYPES + "CREATE TABLE t (id int PRIMARY KEY, m mood); CREATE INDEX t_m ON t (m);"),
}

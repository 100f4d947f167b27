"""Tables: missing and extra tables in the default schema; UNLOGGED or not."""
from tests.conformance.cases import Case

CASES = {
    "identical": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL);",
        b="CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL);"),
    "missing_table": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b="CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE u (id int PRIMARY KEY, note text);"),
    "extra_table": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE old (id int PRIMARY KEY, note text);",
        b="CREATE TABLE t (id int PRIMARY KEY);"),
    "missing_table_with_foreign_key": Case(
        a="CREATE TABLE parent (id int PRIMARY KEY);",
        b="CREATE TABLE parent (id int PRIMARY KEY);\n"
          "CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));"),
    "missing_and_extra_table": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE legacy (id int);",
        b="CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE fresh (id bigint PRIMARY KEY, at timestamptz);"),
    "made_logged": Case(
        a="CREATE UNLOGGED TABLE cache (id serial PRIMARY KEY, v text);\nINSERT INTO cache (v) VALUES ('x');",
        b="CREATE TABLE cache (id serial PRIMARY KEY, v text);"),
    "made_unlogged": Case(
        a="CREATE TABLE cache (id serial PRIMARY KEY, v text);\nINSERT INTO cache (v) VALUES ('x');",
        b="CREATE UNLOGGED TABLE cache (id serial PRIMARY KEY, v text);"),
    "missing_unlogged_table": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b="CREATE TABLE t (id int PRIMARY KEY);\nCREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb);"),
}

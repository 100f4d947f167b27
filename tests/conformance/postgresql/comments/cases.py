"""Comments on tables, columns, views, functions, sequences and types."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY, a text);\n"

CASES = {
    "table_missing": Case(a=T, b=T + "COMMENT ON TABLE t IS 'the things';"),
    "table_extra": Case(a=T + "COMMENT ON TABLE t IS 'old note';", b=T),
    "table_changed": Case(a=T + "COMMENT ON TABLE t IS 'old note';", b=T + "COMMENT ON TABLE t IS 'new note';"),
    "column_missing": Case(a=T, b=T + "COMMENT ON COLUMN t.a IS 'free text';"),
    "column_changed": Case(a=T + "COMMENT ON COLUMN t.a IS 'x';", b=T + "COMMENT ON COLUMN t.a IS 'y';"),
    "quote_in_text": Case(a=T, b=T + "COMMENT ON TABLE t IS 'it''s 100% here: :x';"),
    "view": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;",
                 b=T + "CREATE VIEW v AS SELECT id FROM t;\nCOMMENT ON VIEW v IS 'ids';"),
    "function": Case(a=T + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
                     b=T + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                           "COMMENT ON FUNCTION f() IS 'one';"),
    "sequence": Case(a=T + "CREATE SEQUENCE s;", b=T + "CREATE SEQUENCE s;\nCOMMENT ON SEQUENCE s IS 'numbers';"),
    "mixed_case_column": Case(a='CREATE TABLE t (id int, "Note" text);',
                              b='CREATE TABLE t (id int, "Note" text);\nCOMMENT ON COLUMN t."Note" IS \'n\';'),
    "on_new_table": Case(a="CREATE TABLE x (id int);", b="CREATE TABLE x (id int);\n" + T + "COMMENT ON TABLE t IS 'new';"),
}

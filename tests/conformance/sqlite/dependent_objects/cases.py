"""Views, triggers and virtual tables (FTS5; its shadow tables are the module's): read from sqlite_master, compared as written (spacing, case and quotes aside), planned
by drop and create, and kept by every table rebuild that involves them."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\nCREATE TABLE log (m INT);\n"
TRIGGER = "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.n); END;"
WIDE = "CREATE TABLE t (id INTEGER PRIMARY KEY, n INT, m TEXT);\nCREATE TABLE log (m INT);\n"
RETYPED = "CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT);\nCREATE TABLE log (m INT);\n"

DOCS = "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT);\n"
FTS = "CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id');\n"
FTS_TRIGGER = ("CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN INSERT INTO docs_fts (rowid, title, body) "
               "VALUES (new.id, new.title, new.body); END;\n")

CASES = {
    "missing_virtual_table": Case(a=DOCS, b=DOCS + FTS + FTS_TRIGGER),
    "extra_virtual_table": Case(a=DOCS + FTS + FTS_TRIGGER, b=DOCS),
    "virtual_table_changed": Case(a=DOCS + FTS.replace("title, body,", "title,"), b=DOCS + FTS + FTS_TRIGGER),
    "rebuild_keeps_virtual_table": Case(a=DOCS + FTS + FTS_TRIGGER,
                                        b=DOCS.replace("title TEXT", "title TEXT NOT NULL DEFAULT ''") + FTS
                                        + FTS_TRIGGER),
    "missing_view": Case(a=T, b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "extra_view": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T),
    "view_changed": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "missing_trigger": Case(a=T, b=T + TRIGGER),
    "extra_trigger": Case(a=T + TRIGGER, b=T),
    "trigger_changed": Case(a=T + TRIGGER, b=T + TRIGGER.replace("new.n", "new.n + 1")),
    "view_spelled_otherwise_is_the_same": Case(
        a=T + "CREATE VIEW v AS SELECT id, n FROM t WHERE n > 0;",
        b=T + 'create view "v" as\n  select ID,  "n"\n  from T where N>0;'),
    "view_reading_a_view_both_missing": Case(
        a=T, b=T + "CREATE VIEW v1 AS SELECT id, n FROM t;\nCREATE VIEW v2 AS SELECT n FROM v1 WHERE n > 1;"),
    "extra_view_on_a_rebuilt_table": Case(a=T + "CREATE VIEW v AS SELECT id, n FROM t;", b=RETYPED),
    "changed_trigger_on_a_rebuilt_table": Case(
        a=T + TRIGGER, b=RETYPED + TRIGGER.replace("new.n", "new.id")),
    "views_reading_views_over_a_rebuilt_table": Case(
        a=T + "CREATE VIEW v1 AS SELECT id, n FROM t;\nCREATE VIEW v2 AS SELECT n FROM v1;",
        b=RETYPED + "CREATE VIEW v1 AS SELECT id, n FROM t;\nCREATE VIEW v2 AS SELECT n FROM v1;"),
    "view_reading_a_dropped_column_changed": Case(
        a=WIDE + "CREATE VIEW v AS SELECT id, m FROM t;", b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "trigger_reading_a_dropped_column_changed": Case(
        a=WIDE + "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (length(new.m)); END;",
        b=T + TRIGGER),
    "trigger_on_a_missing_table": Case(a=T, b=T + "CREATE TABLE u (id INTEGER PRIMARY KEY);\n"
                                             "CREATE TRIGGER u_ai AFTER INSERT ON u BEGIN INSERT INTO log VALUES (new.id); END;"),
    "view_and_trigger_of_an_extra_table": Case(
        a=T + "CREATE TABLE u (id INTEGER PRIMARY KEY);\nCREATE VIEW uv AS SELECT id FROM u;\n"
              "CREATE TRIGGER u_ai AFTER INSERT ON u BEGIN INSERT INTO log VALUES (new.id); END;", b=T),
    "instead_of_trigger_on_a_view": Case(
        a=T + "CREATE VIEW v AS SELECT id, n FROM t;",
        b=T + "CREATE VIEW v AS SELECT id, n FROM t;\n"
              "CREATE TRIGGER v_ii INSTEAD OF INSERT ON v BEGIN INSERT INTO t (n) VALUES (new.n); END;"),
}

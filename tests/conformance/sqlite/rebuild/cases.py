"""The table rebuild SQLite documents (new table, copy, drop, rename, recreate indexes, triggers and views,
foreign_key_check), STRICT and WITHOUT ROWID."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT);\n"

CASES = {
    "rebuild_keeps_index": Case(a=T + "CREATE INDEX t_n ON t (n);",
                                b="CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT NOT NULL DEFAULT '');\n"
                                  "CREATE INDEX t_n ON t (n);"),
    "rebuild_keeps_trigger": Case(
        a=T + "CREATE TABLE log (m TEXT);\nCREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.n); END;",
        b="CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\nCREATE TABLE log (m TEXT);\n"
          "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.n); END;"),
    "rebuild_keeps_view": Case(a=T + "CREATE VIEW v AS SELECT id, n FROM t;",
                               b="CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\nCREATE VIEW v AS SELECT id, n FROM t;"),
    "rebuild_keeps_referencing_fk": Case(
        a=T + "CREATE TABLE c (id INTEGER PRIMARY KEY, t_id INT REFERENCES t (id));",
        b="CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\nCREATE TABLE c (id INTEGER PRIMARY KEY, t_id INT REFERENCES t (id));"),
    "to_strict": Case(a=T, b="CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT) STRICT;"),
    "from_strict": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT) STRICT;", b=T),
    "to_without_rowid": Case(a="CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT);",
                             b="CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;"),
    "from_without_rowid": Case(a="CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;",
                               b="CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT);"),
    "strict_column_retyped": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT) STRICT;",
                                  b="CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER) STRICT;"),
}

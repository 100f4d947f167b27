"""An empty live database is a valid target: every expected object is missing, and the plan builds it."""
from tests.conformance.cases import Case

CASES = {
    "one_table": Case(a="", b="CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);"),
    "parent_and_child": Case(a="", b="CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
                                     "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);"),
    "indexes": Case(a="", b="CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT);\n"
                            "CREATE INDEX t_a ON t (a);\nCREATE UNIQUE INDEX t_ab ON t (a, b DESC);"),
    "defaults_and_checks": Case(a="", b="CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT NOT NULL DEFAULT 0 "
                                        "CHECK (qty >= 0), at TEXT DEFAULT CURRENT_TIMESTAMP);"),
    "strict_table": Case(a="", b="CREATE TABLE t (id INTEGER PRIMARY KEY, n INT) STRICT;"),
    "without_rowid_table": Case(a="", b="CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;"),
    "autoincrement": Case(a="", b="CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n INT);"),
    "partial_index": Case(a="", b="CREATE TABLE t (id INTEGER PRIMARY KEY, done INT);\n"
                                  "CREATE INDEX t_open ON t (id) WHERE done = 0;"),
}

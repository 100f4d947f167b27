"""Exactness on SQLite: untyped columns, AUTOINCREMENT, WITHOUT ROWID, STRICT, generated columns, a composite
primary key whose columns take NULLs, collations, expression and partial indexes - loaded, scanned against itself and its snapshot (no finding), then one edit at a time."""
from __future__ import annotations

import pytest

from tests.integration.test_exactness_postgresql import assert_drift, drifted, run_sql, scan_ids, snapshot_ids

SQLITE = r"""
CREATE TABLE "users" (
  "id" integer PRIMARY KEY AUTOINCREMENT,
  "email" varchar(255) NOT NULL COLLATE NOCASE,
  anything,
  "created_at" datetime DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "flag" boolean DEFAULT 0,
  score REAL DEFAULT -1.5,
  note TEXT DEFAULT '',
  zip TEXT DEFAULT '007',
  kind TEXT CHECK (kind IN ('a','b')),
  amount NUMERIC(10,2) DEFAULT 0,
  doubled REAL GENERATED ALWAYS AS (score * 2) VIRTUAL,
  kept REAL AS (score + 1) STORED,
  UNIQUE ("email")
);
CREATE TABLE kv (k TEXT NOT NULL PRIMARY KEY, v BLOB, n INT) WITHOUT ROWID;
CREATE TABLE posts (
  id INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title TEXT,
  PRIMARY KEY (id),
  CONSTRAINT posts_title_len CHECK (length(title) > 0)
);
CREATE INDEX "index_posts_on_user_id" ON "posts" ("user_id");
CREATE INDEX posts_lower_title ON posts (lower(title));
CREATE INDEX posts_title_desc ON posts (title DESC);
CREATE UNIQUE INDEX posts_title_partial ON posts (title) WHERE title IS NOT NULL;
CREATE TABLE pair (a INT, b INT, PRIMARY KEY (a, b));
"""


def test_scanned_against_its_own_ddl_finds_nothing(sqlite_url, tmp_path):
    run_sql(sqlite_url, SQLITE)
    assert scan_ids(sqlite_url, SQLITE, tmp_path) == []


def test_scanned_against_its_snapshot_finds_nothing(sqlite_url, tmp_path):
    run_sql(sqlite_url, SQLITE)
    assert snapshot_ids(sqlite_url, tmp_path) == []


def test_snapshot_keeps_untyped_columns(sqlite_url, tmp_path):
    run_sql(sqlite_url, "CREATE TABLE t (id INTEGER PRIMARY KEY, anything);")
    assert snapshot_ids(sqlite_url, tmp_path) == []


SQLITE_DRIFTS = [
    ("  anything,\n", "", [("missing_column:main.users.anything", "missing_column")]),
    ("CREATE INDEX posts_lower_title ON posts (lower(title));", "CREATE INDEX posts_lower_title ON posts (upper(title));",
     [("index_mismatch:main.posts.posts_lower_title", "index_mismatch")]),
    ("(title DESC)", "(title)", [("index_mismatch:main.posts.posts_title_desc", "index_mismatch")]),
    ("WHERE title IS NOT NULL", "WHERE title <> ''", [("index_mismatch:main.posts.posts_title_partial", "index_mismatch")]),
    ("DEFAULT '007'", "DEFAULT '7'", [("default_mismatch:main.users.zip", "default_mismatch")]),
    ("score REAL DEFAULT -1.5", "score REAL DEFAULT 1.5", [("default_mismatch:main.users.score", "default_mismatch")]),
    ("v BLOB", "v TEXT", [("type_mismatch:main.kv.v", "type_mismatch")]),
    ("REFERENCES users(id) ON DELETE CASCADE", "REFERENCES users(id)",
     [("missing_foreign_key:main.posts.posts_user_id_fkey", "missing_foreign_key")]),
    ("  UNIQUE (\"email\")\n", "  note2 TEXT\n", [("extra_column:main.users.note2", "extra_column"),
                                                  ("missing_unique:main.users.users_email_key", "missing_unique")]),
    ("WITHOUT ROWID;", "WITHOUT ROWID, STRICT;", [("table_flag_mismatch:main.kv.strict", "table_flag_mismatch")]),
    (") WITHOUT ROWID;", ");", [("table_flag_mismatch:main.kv.without_rowid", "table_flag_mismatch")]),
    ("PRIMARY KEY AUTOINCREMENT", "PRIMARY KEY", [("table_flag_mismatch:main.users.autoincrement",
                                                   "table_flag_mismatch")]),
    ("(score * 2) VIRTUAL", "(score * 3) VIRTUAL", [("default_mismatch:main.users.doubled", "default_mismatch")]),
    ("(score * 2) VIRTUAL", "(score * 2) STORED", [("default_mismatch:main.users.doubled", "default_mismatch")]),
    ("  kept REAL AS (score + 1) STORED,\n", "", [("missing_column:main.users.kept", "missing_column")]),
    ("pair (a INT,", "pair (a INT NOT NULL,", [("nullability_mismatch:main.pair.a", "nullability_mismatch")]),
    # the declared type is what SQLite keeps, whatever the affinity: INT is not INTEGER, DATETIME not TIMESTAMP
    ("n INT)", "n INTEGER)", [("type_mismatch:main.kv.n", "type_mismatch")]),
    ('"created_at" datetime', '"created_at" timestamp', [("type_mismatch:main.users.created_at", "type_mismatch")]),
    ("  anything,\n", "  anything BLOB,\n", [("type_mismatch:main.users.anything", "type_mismatch")]),
    ("varchar(255) NOT NULL COLLATE NOCASE", "varchar(255) NOT NULL",
     [("type_mismatch:main.users.email", "type_mismatch")]),
]


@pytest.mark.parametrize("old,new,want", SQLITE_DRIFTS, ids=[f"{i}-{w[0][1]}"
                                                              for i, (_, _, w) in enumerate(SQLITE_DRIFTS)])
def test_one_drift_gives_exactly_its_finding(sqlite_url, tmp_path, old, new, want):
    assert_drift(sqlite_url, SQLITE, tmp_path, old, new, want)


# INT PRIMARY KEY is not the rowid (only INTEGER is); quoting styles; IF NOT EXISTS; declared types as SQLite
# keeps them (any words, a quoted one, spacing inside the parentheses).
SQLITE_EDGE = r"""
CREATE TABLE x (id INT PRIMARY KEY, v text);
CREATE TABLE y (id integer primary key asc, v text);
CREATE TABLE w (id BIGINT PRIMARY KEY, v text COLLATE NOCASE DEFAULT ('x'));
CREATE TABLE IF NOT EXISTS "quoted table" ("weird col" TEXT, [bracket col] INTEGER, `back col` REAL);
CREATE TABLE types (a INT, b NUMERIC(10,2), c DATETIME, d BOOLEAN, e, f VARCHAR(20), g BLOB, h UNSIGNED BIG INT,
  i "my type", j VARCHAR ( 20 ), k DOUBLE PRECISION, l int8, m [not null] NOT NULL, n TEXT COLLATE RTRIM);
"""


def test_edge_ddl_scanned_against_itself_and_its_snapshot_finds_nothing(sqlite_url, tmp_path):
    run_sql(sqlite_url, SQLITE_EDGE)
    assert scan_ids(sqlite_url, SQLITE_EDGE, tmp_path) == []
    assert snapshot_ids(sqlite_url, tmp_path) == []


def test_an_int_primary_key_is_not_the_expected_rowid(sqlite_url, tmp_path):
    run_sql(sqlite_url, SQLITE_EDGE)
    expected = drifted(SQLITE_EDGE, "x (id INT PRIMARY KEY", "x (id INTEGER PRIMARY KEY")
    # and the INT key takes NULLs (SQLite's primary keys do, but the rowid and a WITHOUT ROWID table's)
    assert scan_ids(sqlite_url, expected, tmp_path) == [("default_mismatch:main.x.id", "default_mismatch"),
                                                        ("nullability_mismatch:main.x.id", "nullability_mismatch"),
                                                        ("type_mismatch:main.x.id", "type_mismatch")]


def test_real_sqlite3_schema_output_scans_clean(sqlite_url, tmp_path):
    """sqlite3 .schema itself (it lists sqlite_sequence and, after ANALYZE, sqlite_stat1)."""
    from tests.integration.test_exactness_postgresql import dump

    run_sql(sqlite_url, SQLITE + SQLITE_EDGE + "ANALYZE;\n")
    dumped = dump("sqlite3", [sqlite_url.replace("sqlite:///", ""), ".schema"])
    assert "sqlite_sequence" in dumped
    assert scan_ids(sqlite_url, dumped, tmp_path) == []


@pytest.mark.parametrize("key", ["id INTEGER PRIMARY KEY", "id INTEGER PRIMARY KEY NOT NULL"])
def test_the_rowid_refuses_null_alike_whether_or_not_it_says_not_null(key):
    """Why remedy does not compare NOT NULL on an INTEGER PRIMARY KEY (docs/dialects.md): the rowid behaves the same."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE t ({key}, x)")
    conn.execute("INSERT INTO t VALUES (NULL, 1)")
    conn.execute("INSERT OR REPLACE INTO t VALUES (NULL, 2)")
    conn.execute("INSERT INTO t VALUES (NULL, 3) ON CONFLICT (id) DO NOTHING")
    assert conn.execute("SELECT id, x FROM t ORDER BY x").fetchall() == [(1, 1), (2, 2), (3, 3)]
    with pytest.raises(sqlite3.Error, match="datatype mismatch"):
        conn.execute("UPDATE t SET id = NULL WHERE x = 1")


def test_not_null_on_the_rowid_is_not_a_finding(sqlite_url, tmp_path):
    run_sql(sqlite_url, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);")
    assert scan_ids(sqlite_url, "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, v TEXT);", tmp_path) == []


def test_a_strict_tables_key_is_not_null_without_saying_so(sqlite_url, tmp_path):
    """A STRICT table refuses NULL in its key columns (but the rowid's), as a WITHOUT ROWID table does."""
    ddl = "CREATE TABLE s (k TEXT PRIMARY KEY, v ANY) STRICT;\nCREATE TABLE r (id INTEGER PRIMARY KEY, v ANY) STRICT;\n"
    run_sql(sqlite_url, ddl)
    assert scan_ids(sqlite_url, ddl, tmp_path) == []
    assert snapshot_ids(sqlite_url, tmp_path) == []


FTS = """
CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id');
CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END;
"""


def test_a_virtual_table_is_compared_as_written_and_its_shadow_tables_are_not_tables(sqlite_url, tmp_path):
    """An FTS5 table made the DDL reader fail (exit 2), and catalog init wrote it and its shadow tables as tables."""
    run_sql(sqlite_url, FTS)
    assert scan_ids(sqlite_url, FTS, tmp_path) == []
    assert snapshot_ids(sqlite_url, tmp_path) == []
    assert scan_ids(sqlite_url, drifted(FTS, "fts5(title, body,", "fts5(title,"), tmp_path) == [
        ("virtual_table_mismatch:main.docs_fts", "virtual_table_mismatch")]


def test_an_unnamed_check_is_found_by_the_columns_it_reads(sqlite_url, tmp_path):
    """SQLite keeps a check as written, so an unnamed one is matched by what it reads: ``0 < qty`` is the expected
    ``qty > 0`` spelled another way (no finding), and a check on price does not stand in for the one on qty."""
    expected = "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT CHECK (qty > 0), price INT);"
    run_sql(sqlite_url, "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT CHECK (0 < qty), price INT);")
    assert scan_ids(sqlite_url, expected, tmp_path) == []
    run_sql(sqlite_url, "DROP TABLE t;\nCREATE TABLE t (id INTEGER PRIMARY KEY, qty INT, price INT CHECK (price > 0));")
    assert [i for i, _ in scan_ids(sqlite_url, expected, tmp_path)] == ["extra_check:main.t.t_check_2425a422",
                                                                         "missing_check:main.t.t_qty_check"]


def test_sqlite3_schema_output_has_its_views_and_triggers_compared(sqlite_url, tmp_path):
    """sqlite3 .schema lists sqlite_sequence (SQLite refused the whole script: views and triggers went uncompared)
    and writes a SELECT * view's columns in a comment after it."""
    from remedy.scan import scan
    from tests.integration.test_exactness_postgresql import dump

    run_sql(sqlite_url, SQLITE + "CREATE VIEW all_posts AS SELECT * FROM posts;\n"
                        "CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN UPDATE posts SET title = trim(title) "
                        "WHERE id = new.id; END;\n")
    path = tmp_path / "dumped.sql"
    path.write_text(dump("sqlite3", [sqlite_url.replace("sqlite:///", ""), ".schema"]))
    assert "/* all_posts(" in path.read_text()
    result = scan(sqlite_url, str(path))
    assert result.findings == () and result.not_compared == () and not any("refused" in n for n in result.notes)
    path.write_text(path.read_text().replace("trim(title)", "upper(title)"))
    assert [f.id for f in scan(sqlite_url, str(path)).findings] == ["trigger_mismatch:main.posts.posts_ai"]

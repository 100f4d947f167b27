"""Exactness on MariaDB: mysqldump / Laravel / Rails-style DDL, loaded, scanned against itself and its
snapshot (no finding), then one edit at a time (exactly that finding). Helpers: the PostgreSQL file."""
from __future__ import annotations

import pytest

from tests.integration.test_exactness_postgresql import assert_drift, drifted, run_sql, scan_ids, snapshot_ids

pytestmark = pytest.mark.mariadb

MYSQLDUMP = r"""
CREATE TABLE `users` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `is_admin` tinyint(1) NOT NULL DEFAULT 0,
  `age` tinyint unsigned DEFAULT NULL,
  `score` smallint(5) unsigned NOT NULL DEFAULT '0',
  `balance` decimal(12,2) NOT NULL DEFAULT 0.00,
  `ratio` double NOT NULL DEFAULT -1,
  `temp` float DEFAULT NULL,
  `big` bigint(20) NOT NULL DEFAULT -5,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `born` date DEFAULT '2020-01-01',
  `settings` json DEFAULT NULL,
  `role` enum('admin','user','guest') NOT NULL DEFAULT 'user',
  `perms` set('r','w','x') DEFAULT 'r,w',
  `bio` text,
  `notes` longtext CHARACTER SET utf8mb4,
  `title` varchar(255) DEFAULT '',
  `zip` varchar(10) DEFAULT '007',
  `code` char(3) DEFAULT 'abc',
  `blob_data` blob,
  `yr` year(4) DEFAULT NULL,
  `flags` bit(8) DEFAULT b'101',
  `t` time DEFAULT '12:00:00',
  `meta` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`meta`)),
  `n` int(11) DEFAULT NULL,
  CONSTRAINT `users_n_even` CHECK (`n` MOD 2 = 0 AND LENGTH(`code`) = 3 AND `n` NOT IN (7)),
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_email_unique` (`email`),
  KEY `users_title_prefix` (`title`(20)),
  KEY `users_role_created` (`role`,`created_at`),
  FULLTEXT KEY `users_bio_ft` (`bio`),
  CONSTRAINT `users_age_chk` CHECK (`age` between 0 and 150),
  CONSTRAINT `users_role_chk` CHECK (`role` in ('admin','user','guest')),
  CONSTRAINT `users_balance_chk` CHECK (cast(`balance` as signed) >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE posts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  body MEDIUMTEXT NOT NULL,
  published BOOLEAN DEFAULT FALSE,
  price DECIMAL(8,2) UNSIGNED DEFAULT NULL,
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB;
CREATE INDEX posts_published_idx ON posts (published);
CREATE FULLTEXT INDEX posts_body_ft ON posts (body);
CREATE UNIQUE INDEX posts_user_price ON posts (user_id, price) USING BTREE;
"""


# REAL is DOUBLE, generated columns, bare bit/char/decimal, integer(11), year.
EDGE_TYPES = r"""
CREATE TABLE g (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  a int,
  r real,
  dbl double precision,
  f float(10),
  total int AS (a * 2) STORED,
  v int GENERATED ALWAYS AS (a + 1) VIRTUAL,
  ts2 timestamp NULL DEFAULT NULL,
  b bool DEFAULT true,
  n numeric,
  n10 decimal(10),
  ch char,
  bt bit,
  bn binary(16),
  vb varbinary(255),
  tx tinytext,
  yr year,
  i integer(11) DEFAULT '0',
  mi mediumint unsigned,
  e enum('x','y') DEFAULT NULL,
  lbl varchar(20) COLLATE utf8mb4_bin NOT NULL DEFAULT ''
);
"""


SERIAL_GAP = pytest.mark.xfail(strict=True, reason="MariaDB SERIAL implies a UNIQUE key that the catalog reader does "
                               "not model yet: a false extra_unique on the column (known gap, issue 12)")


@pytest.mark.parametrize("ddl", [EDGE_TYPES, pytest.param("CREATE TABLE s (id serial, note text);", marks=SERIAL_GAP)],
                         ids=["edge_types", "serial"])
def test_edge_types_scanned_against_their_own_ddl_find_nothing(mariadb_url, tmp_path, ddl):
    run_sql(mariadb_url, ddl)
    assert scan_ids(mariadb_url, ddl, tmp_path) == []


def test_edge_types_scanned_against_their_snapshot_find_nothing(mariadb_url, tmp_path):
    run_sql(mariadb_url, EDGE_TYPES)
    assert snapshot_ids(mariadb_url, tmp_path) == []


def test_scanned_against_its_own_ddl_finds_nothing(mariadb_url, tmp_path):
    run_sql(mariadb_url, MYSQLDUMP)
    assert scan_ids(mariadb_url, MYSQLDUMP, tmp_path) == []


def test_scanned_against_its_snapshot_finds_nothing(mariadb_url, tmp_path):
    run_sql(mariadb_url, MYSQLDUMP)
    assert snapshot_ids(mariadb_url, tmp_path) == []


def test_snapshot_keeps_unsigned_auto_increment_keys(mariadb_url, tmp_path):
    run_sql(mariadb_url, "CREATE TABLE t (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, n INT);")
    assert snapshot_ids(mariadb_url, tmp_path) == []


MY_DRIFTS = [
    ("  KEY `users_title_prefix` (`title`(20)),\n", "", [("missing_index:test.users.users_title_prefix",
                                                           "missing_index")]),
    ("  FULLTEXT KEY `users_bio_ft` (`bio`),\n", "  KEY `users_bio_ft` (`bio`(10)),\n",  # redefined, same name
     [("index_mismatch:test.users.users_bio_ft", "index_mismatch")]),
    ("CREATE FULLTEXT INDEX posts_body_ft ON posts (body);\n", "",
     [("missing_index:test.posts.posts_body_ft", "missing_index")]),
    ("`age` tinyint unsigned", "`age` tinyint", [("type_mismatch:test.users.age", "type_mismatch")]),
    ("id BIGINT UNSIGNED NOT NULL", "id BIGINT NOT NULL", [("type_mismatch:test.posts.id", "type_mismatch")]),
    ("enum('admin','user','guest') NOT NULL", "enum('admin','user','guest','root') NOT NULL",
     [("type_mismatch:test.users.role", "type_mismatch")]),
    ("set('r','w','x')", "set('r','w')", [("type_mismatch:test.users.perms", "type_mismatch")]),
    ("`is_admin` tinyint(1) NOT NULL DEFAULT 0", "`is_admin` tinyint(1) NOT NULL DEFAULT 1",
     [("default_mismatch:test.users.is_admin", "default_mismatch")]),
    ("DEFAULT '007'", "DEFAULT '7'", [("default_mismatch:test.users.zip", "default_mismatch")]),
    ("DEFAULT b'101'", "DEFAULT b'100'", [("default_mismatch:test.users.flags", "default_mismatch")]),
    ("`balance` decimal(12,2)", "`balance` decimal(12,3)", [("type_mismatch:test.users.balance", "type_mismatch")]),
    ("`created_at` datetime(6)", "`created_at` datetime", [("type_mismatch:test.users.created_at", "type_mismatch")]),
    ("ON DELETE CASCADE ON UPDATE CASCADE", "ON DELETE CASCADE",  # the same key with other actions
     [("constraint_mismatch:test.posts.posts_user_fk", "constraint_mismatch")]),
    ("  CONSTRAINT `users_age_chk` CHECK (`age` between 0 and 150),\n", "",
     [("missing_check:test.users.users_age_chk", "missing_check")]),
    ("  `temp` float DEFAULT NULL,\n", "", [("missing_column:test.users.temp", "missing_column")]),
    # the author's cast is part of the condition (MariaDB adds none of its own): -0.40 passes it, not `balance` >= 0
    ("CHECK (cast(`balance` as signed) >= 0)", "CHECK (`balance` >= 0)",
     [("missing_check:test.users.users_balance_chk", "missing_check")]),
    ("`meta` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`meta`))",
     "`meta` longtext DEFAULT NULL", [("type_mismatch:test.users.meta", "type_mismatch")]),
    # an index added by hand on a table with a foreign key: InnoDB's index for the key is not it (other columns)
    ("CREATE INDEX posts_published_idx ON posts (published);\n",
     "CREATE INDEX posts_published_idx ON posts (published);\nCREATE INDEX posts_price_idx ON posts (price);\n",
     [("extra_index:test.posts.posts_price_idx", "extra_index")]),
]


@pytest.mark.parametrize("old,new,want", MY_DRIFTS, ids=[f"{i}-{w[0][1]}" for i, (_, _, w) in enumerate(MY_DRIFTS)])
def test_one_drift_gives_exactly_its_finding(mariadb_url, tmp_path, old, new, want):
    schema = mariadb_url.rsplit("/", 1)[1]
    assert_drift(mariadb_url, MYSQLDUMP, tmp_path, old, new, [(i.replace(":test.", f":{schema}."), k)
                                                                for i, k in want])


def test_drift_edits_apply_once():
    for old, new, _ in MY_DRIFTS:
        drifted(MYSQLDUMP, old, new)


MY_SAME = [
    ("t time DEFAULT '9:30'", "t time DEFAULT '09:30:00'"),
    ("d datetime DEFAULT '2020-01-01'", "d datetime DEFAULT '2020-01-01 00:00:00'"),
    ("c char(3), CONSTRAINT c_len CHECK (LENGTH(c) = 3)", "c char(3), CONSTRAINT c_len CHECK (octet_length(c) = 3)"),
    ("n int, CONSTRAINT n_even CHECK ((n % 2) = 0)", "n int, CONSTRAINT n_even CHECK (n MOD 2 = 0)"),
    ("v varchar(10) DEFAULT 5", "v varchar(10) DEFAULT '5'"),
    ("i int DEFAULT '5'", "i int DEFAULT 5"),
    ("j json", "j longtext CHECK (json_valid(j))"),
]


@pytest.mark.parametrize("expected,live", MY_SAME, ids=[e.split()[0] + str(i) for i, (e, _) in enumerate(MY_SAME)])
def test_two_spellings_of_one_column_find_nothing(mariadb_url, tmp_path, expected, live):
    run_sql(mariadb_url, f"CREATE TABLE t (id int PRIMARY KEY, {live});")
    assert scan_ids(mariadb_url, f"CREATE TABLE t (id int PRIMARY KEY, {expected});", tmp_path) == []


def test_real_mariadb_dump_output_scans_clean(mariadb_url, tmp_path):
    """mariadb-dump --no-data itself: /*! */ comments, SET, inline KEYs with the foreign keys' own indexes."""
    import sqlalchemy as sa

    from tests.integration.test_exactness_postgresql import dump

    run_sql(mariadb_url, MYSQLDUMP + "CREATE TABLE comments (id INT PRIMARY KEY, post_id BIGINT UNSIGNED NOT NULL,"
                         " CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id));\n")
    url = sa.engine.make_url(mariadb_url)
    tool = "mariadb-dump" if __import__("shutil").which("mariadb-dump") else "mysqldump"
    dumped = dump(tool, ["--no-data", "-h", url.host, "-P", str(url.port or 3306), "-u", url.username,
                         *([f"-p{url.password}"] if url.password else []), url.database])
    assert scan_ids(mariadb_url, dumped, tmp_path) == []


MIGRATIONS = """CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
ALTER TABLE notes COMMENT = 'kept notes';
ALTER TABLE notes ENGINE = MyISAM ROW_FORMAT = DYNAMIC;
ALTER TABLE notes DEFAULT CHARSET = latin1;
ALTER TABLE notes ADD title VARCHAR(10);
"""


def test_table_options_said_by_later_alter_statements_find_nothing(mariadb_url, tmp_path):
    """Migration-style DDL: options and comments set by ALTER TABLE are read (they were dropped: a false
    extra_comment), and DEFAULT CHARSET changes the default of the columns added after it only."""
    run_sql(mariadb_url, MIGRATIONS)
    assert scan_ids(mariadb_url, MIGRATIONS, tmp_path) == []
    drifted = MIGRATIONS.replace("ADD title VARCHAR(10)", "ADD title VARCHAR(10) CHARACTER SET utf8mb4")
    found = scan_ids(mariadb_url, drifted, tmp_path)
    assert [kind for _, kind in found] == ["type_mismatch"] and found[0][0].endswith(".notes.title")

"""What a database holds beyond tables, counted per dialect for the not_compared report: a MariaDB or SQLite
application database with views, triggers, routines, events or partitions says so, so "No drift" never
means "did not look"."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from remedy import dialects
from tests.conftest import run_sql


def _counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        found = dialects.get(engine.dialect.name).present_kinds(conn)
    engine.dispose()
    return found


@pytest.mark.mariadb
def test_a_mariadb_database_counts_its_views_triggers_procedures_events_and_partitions(mariadb_url):
    run_sql(mariadb_url, """CREATE TABLE t (id INT PRIMARY KEY, n INT);
CREATE TABLE p (id INT, PRIMARY KEY (id)) PARTITION BY HASH (id) PARTITIONS 2;
CREATE VIEW v1 AS SELECT id FROM t;
CREATE VIEW v2 AS SELECT n FROM t;
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1;
CREATE PROCEDURE pr() SELECT 1;
CREATE EVENT ev ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM t;""")
    assert _counts(mariadb_url) == {"views": 2, "triggers": 1, "procedures": 1, "events": 1, "partitions": 1}


@pytest.mark.mariadb
def test_a_mariadb_table_with_options_remedy_does_not_compare_is_counted(mariadb_url):
    run_sql(mariadb_url, """CREATE TABLE t (id INT PRIMARY KEY) STATS_PERSISTENT=0 ROW_FORMAT=COMPACT;
CREATE TABLE u (id INT PRIMARY KEY) ROW_FORMAT=DYNAMIC ENGINE=MyISAM COMMENT 'compared';""")
    assert _counts(mariadb_url) == {"table_options": 1}


@pytest.mark.mariadb
def test_a_mariadb_database_of_plain_tables_counts_nothing(mariadb_url):
    run_sql(mariadb_url, "CREATE TABLE t (id INT PRIMARY KEY);")
    assert _counts(mariadb_url) == {}


def test_a_sqlite_database_counts_its_views_and_triggers(sqlite_url):
    run_sql(sqlite_url, """CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);
CREATE TABLE log (m INT);
CREATE VIEW v AS SELECT id FROM t;
CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.n); END;""")
    assert _counts(sqlite_url) == {"views": 1, "triggers": 1}

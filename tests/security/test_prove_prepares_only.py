"""Issue 11.1: the code proof PREPAREs each statement found in application source and never runs it.

The statements come from source code someone else wrote. On PostgreSQL they were sent as
``PREPARE p AS <text>;DEALLOCATE p`` in one simple-protocol script, so a text holding its own ``;``
(``SELECT 1; COMMIT; CREATE TABLE pwned ...``) ended the PREPARE, committed the read-only
transaction and ran the rest. Each PREPARE now goes through the extended protocol, which takes one
statement only.
"""
from __future__ import annotations

import sqlalchemy as sa

from remedy.sources.code.prove import prove, probe_columns
from remedy.sources.code.values import Statement
from tests.conftest import run_sql

BREAKOUT = "SELECT 1; COMMIT; CREATE TABLE pwned (id INTEGER)"


def _statements(*texts: str) -> list[Statement]:
    return [Statement("store.go", n, text) for n, text in enumerate(texts, 1)]


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    return names


def _prove(url: str, statements: list[Statement]):
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        return prove(engine, statements)
    finally:
        engine.dispose()


def test_postgresql_proof_never_runs_what_follows_a_semicolon(pg_url):
    run_sql(pg_url, 'CREATE TABLE "we""ird %%(x)s" (id INTEGER, "a:x" TEXT);')
    alone = _statements(BREAKOUT)
    batch = _statements('SELECT id, "a:x" FROM "we""ird %(x)s" WHERE id = $1', BREAKOUT, "SELECT nope FROM x")
    verdicts = {**_prove(pg_url, alone), **_prove(pg_url, batch)}
    assert "pwned" not in _tables(pg_url)
    assert verdicts[alone[0]].status == "error" and "multiple commands" in verdicts[alone[0]].message
    assert [verdicts[s].status for s in batch] == ["prepared", "error", "undefined_table"]


def test_postgresql_probe_quotes_names_with_the_dialects_preparer(pg_url):
    run_sql(pg_url, 'CREATE TABLE "we""ird %%(x)s" (id INTEGER, "a:x" TEXT);')
    engine = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    keys = [("public", 'we"ird %(x)s', "a:x"), ("public", 'we"ird %(x)s', "b;--")]
    verdicts = probe_columns(engine, keys)
    engine.dispose()
    assert [verdicts[k].status for k in keys] == ["prepared", "undefined_column"]


def test_mariadb_proof_never_runs_what_follows_a_semicolon(mariadb_url):
    verdicts = _prove(mariadb_url, _statements(BREAKOUT))
    assert "pwned" not in _tables(mariadb_url)
    assert [v.status for v in verdicts.values()] == ["error"]

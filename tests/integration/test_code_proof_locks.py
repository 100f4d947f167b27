"""A table locked by another session does not make the code proofs wait in silence."""
from __future__ import annotations

import sqlalchemy as sa

from remedy.scan import scan
from tests.conftest import run_sql


def test_statements_on_a_locked_table_are_left_unproved_and_the_scan_says_so(pg_url, tmp_path):
    run_sql(pg_url, "CREATE TABLE jobs (id SERIAL PRIMARY KEY, status TEXT); CREATE TABLE users (id SERIAL PRIMARY KEY)")
    code = tmp_path / "app"
    code.mkdir()
    (code / "store.py").write_text(
        'def load(cur):\n'
        '    cur.execute("SELECT id, status, priority FROM jobs WHERE id = %s", (1,))\n'
        '    cur.execute("SELECT id FROM users")\n')
    holder = sa.create_engine(pg_url, poolclass=sa.pool.NullPool).connect()
    try:
        holder.exec_driver_sql("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE")  # a long migration, say
        result = scan(pg_url, None, code_paths=[str(code)])
    finally:
        holder.rollback()
        holder.close()
    # the statements prepared in one round trip with it are not proved either: they are not waited for again
    assert any(note.startswith("2 statement(s) not proved by the database: a lock was not granted within 100 ms "
                               "(another session holds one on a table they read), e.g. ") and "store.py:2" in note
               for note in result.notes)
    (finding,) = [f for f in result.findings if f.id == "missing_column:public.jobs.priority"]
    assert any("not proved: a lock" in e.verdict for e in finding.evidence)

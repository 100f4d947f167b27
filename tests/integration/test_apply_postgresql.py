"""Dry run and apply on a real PostgreSQL: rollback, data-safe operations and every fault ending clean."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from remedy.apply import apply, dry_run
from remedy.decisions import Decision, resolve
from remedy.errors import ApplyFailed
from remedy.fingerprint import canonical
from remedy.journal import read_journal
from remedy.plan.build import build_plan
from remedy.scan import scan
from tests.conftest import load_drift, run_sql

LIVE = """
CREATE TABLE campaigns (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE campaign_jobs (
  id SERIAL PRIMARY KEY,
  campaign_type TEXT NOT NULL,
  status TEXT,
  attempts TEXT NOT NULL,
  campaign_id INTEGER,
  legacy TEXT
);
INSERT INTO campaigns (name) VALUES ('one');
INSERT INTO campaign_jobs (campaign_type, status, attempts, campaign_id) VALUES
  ('dns', 'done', '1', 1), ('http', NULL, '0', 1), ('dns', 'new', '3', NULL);
"""

EXPECTED = """
CREATE TABLE campaigns (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE campaign_jobs (
  id SERIAL PRIMARY KEY,
  job_type TEXT NOT NULL,
  status VARCHAR(32) NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  campaign_id INTEGER REFERENCES campaigns(id)
);
CREATE INDEX campaign_jobs_status_idx ON campaign_jobs (status);
"""

STATUS_NN = "nullability_mismatch:public.campaign_jobs.status"


@pytest.fixture
def drifted(pg_url, tmp_path, monkeypatch):
    return load_drift(pg_url, tmp_path, monkeypatch, LIVE, EXPECTED)


def _plan(url, expected, **overrides):
    result = scan(url, expected)
    chosen = resolve(result, None, "accept", True)
    chosen.update({fid: Decision(fid, *args) for fid, args in overrides.items()})
    return result, chosen, build_plan(result, chosen)


def _rows(url, sql):
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(sql).all()
    engine.dispose()
    return rows


def test_dry_run_fails_on_nulls_and_leaves_everything_as_it_was(drifted):
    url, expected = drifted
    result, _, plan = _plan(url, expected)
    report = dry_run(url, result, plan)
    assert not report.ok
    assert report.failure.name == "check: NULLs in campaign_jobs.status"
    assert "1 row(s) of campaign_jobs.status hold NULL" in report.failure.message
    assert f"decide value = \"''\" for {STATUS_NN}" in report.failure.message
    assert scan(url, expected).fingerprint == result.fingerprint


def test_dry_run_with_backfill_passes_every_step_and_rolls_back(drifted):
    url, expected = drifted
    result, _, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    seen = []
    report = dry_run(url, result, plan, on_step=seen.append)
    assert report.ok, report.failure
    names = [s.name for s in report.steps]
    assert names[-1] == "re-scan after downgrade" and "re-scan after upgrade" in names
    assert [s.message for s in report.steps if s.name.startswith("check: values of campaign_jobs.attempts")] == \
        ["every value casts"]
    assert seen == report.steps and all(s.seconds >= 0 for s in seen)
    assert "rolled back" in report.where
    assert scan(url, expected).fingerprint == result.fingerprint


def test_apply_fixes_the_schema_and_keeps_renamed_rows(drifted):
    url, expected = drifted
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    report = apply(url, result, plan, chosen)
    assert report.ok and report.fingerprint_after != result.fingerprint
    assert [f.id for f in scan(url, expected).findings] == []
    assert sorted(r[0] for r in _rows(url, "SELECT job_type FROM campaign_jobs")) == ["dns", "dns", "http"]
    assert sorted(r[0] for r in _rows(url, "SELECT priority FROM campaign_jobs")) == [0, 0, 0]
    entry = read_journal()[-1]
    assert entry["fingerprint_before"] == result.fingerprint and entry["sql_sha256"].startswith("sha256:")
    assert "postgres" in entry["database"] and entry["status"] == "applied"
    assert entry["fingerprint_after"] == report.fingerprint_after
    # the database's own record, committed with the plan, says the same
    (recorded,) = _rows(url, "SELECT entry FROM remedy.journal")
    assert recorded[0]["id"] == entry["id"] and recorded[0]["fingerprint_after"] == report.fingerprint_after


def test_cast_failures_are_counted_before_the_type_change(drifted):
    url, expected = drifted
    run_sql(url, "INSERT INTO campaign_jobs (campaign_type, status, attempts) VALUES ('x', 'a', 'many')")
    result, _, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    report = dry_run(url, result, plan)
    assert not report.ok
    assert "1 row(s) of campaign_jobs.attempts do not cast to integer" in report.failure.message


def test_a_using_expression_converts_what_the_cast_cannot(drifted):
    url, expected = drifted
    run_sql(url, "INSERT INTO campaign_jobs (campaign_type, status, attempts) VALUES ('x', 'a', 'many')")
    using = "CASE WHEN attempts ~ '^[0-9]+$' THEN attempts::integer ELSE 0 END"
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'"),
                                                   "type_mismatch:public.campaign_jobs.attempts": ("alter", None, using)})
    assert dry_run(url, result, plan).ok


def test_a_statement_the_database_rejects_names_it_and_changes_nothing(drifted):
    url, expected = drifted
    run_sql(url, "UPDATE campaign_jobs SET campaign_id = 99 WHERE campaign_id IS NULL")  # breaks the new FK
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    report = dry_run(url, result, plan)
    assert not report.ok and report.failure.name.startswith("upgrade: add foreign key")
    assert "FOREIGN KEY" in report.failure.sql
    # the server's own first line, as psql would show it (not the driver's exception class, the SQL, a link)
    assert report.failure.message.startswith('insert or update on table "campaign_jobs" violates foreign key '
                                             'constraint '), report.failure.message
    with pytest.raises(ApplyFailed, match="nothing was changed"):
        apply(url, result, plan, chosen)
    assert scan(url, expected).fingerprint == result.fingerprint


def test_a_lock_that_is_not_granted_stops_within_the_timeout(drifted):
    url, expected = drifted
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    holder = sa.create_engine(url, poolclass=sa.pool.NullPool).connect()
    try:
        holder.exec_driver_sql("LOCK TABLE campaign_jobs IN ACCESS EXCLUSIVE MODE")
        report = dry_run(url, result, plan, lock_timeout=0.3)
        assert not report.ok and "lock timeout" in report.failure.message
        with pytest.raises(ApplyFailed) as err:
            apply(url, result, plan, chosen, lock_timeout=0.3)
        assert err.value.exit_code == 3
    finally:
        holder.rollback()
        holder.close()
    assert canonical(scan(url, expected).live) == canonical(result.live)  # what differs, if anything, is shown


def test_a_connection_dropped_mid_apply_leaves_nothing_half_applied(drifted):
    url, expected = drifted
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    state = {"downgrades_done": 0, "killed": False}

    def kill_after_first_upgrade(step):
        if step.name == "re-scan after downgrade":
            state["downgrades_done"] += 1
        elif state["downgrades_done"] and step.name.startswith("upgrade") and not state["killed"]:
            state["killed"] = True
            threading.Thread(target=_terminate_others, args=(url,)).start()
            threading.Event().wait(0.5)

    # (from its first word: the schema did not change meanwhile, so nothing says it did)
    with pytest.raises(ApplyFailed, match=r"^'upgrade: .*' failed \(ALTER TABLE .*\): terminating connection due to "
                                          r"administrator command; everything was rolled back"):
        apply(url, result, plan, chosen, on_step=kill_after_first_upgrade)
    assert state["killed"]
    assert scan(url, expected).fingerprint == result.fingerprint
    assert [e["status"] for e in read_journal()] == ["rolled back"]
    assert _rows(url, "SELECT to_regclass('remedy.journal')") == [(None,)]


def _terminate_others(url):
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    engine.dispose()


def test_add_copy_copies_with_a_cast(drifted):
    url, expected = drifted
    overrides = {STATUS_NN: ("alter", None, "'pending'"),
                 "missing_column:public.campaign_jobs.job_type": ("add_copy", "campaign_type", "upper(campaign_type)")}
    result, chosen, plan = _plan(url, expected, **overrides)
    apply(url, result, plan, chosen)
    assert sorted(r[0] for r in _rows(url, "SELECT job_type FROM campaign_jobs")) == ["DNS", "DNS", "HTTP"]


def test_apply_refuses_when_the_schema_changed_after_the_dry_run(drifted):
    url, expected = drifted
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    state = {"done": False}

    def change_schema_after_dry_run(step):
        if step.name == "re-scan after downgrade" and not state["done"]:
            state["done"] = True
            run_sql(url, "CREATE TABLE sneaky (id integer)")

    with pytest.raises(ApplyFailed, match="live schema changed since the scan"):
        apply(url, result, plan, chosen, on_step=change_schema_after_dry_run)
    assert _rows(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'job_type'") == [(0,)]


@pytest.mark.parametrize("change", [
    "CREATE VIEW sneaky_view AS SELECT note FROM side",
    "ALTER TABLE side ADD CONSTRAINT sneaky_fk FOREIGN KEY (ref) REFERENCES side(id) ON DELETE CASCADE",
    "COMMENT ON COLUMN side.note IS 'sneaky'",
    "ALTER TABLE side ALTER COLUMN note TYPE text COLLATE \"C\"",
], ids=["a view", "a foreign key", "a column comment", "a collation"])
def test_apply_refuses_when_someone_changed_anything_it_compares_after_the_dry_run(drifted, change):
    url, expected = drifted
    side = "CREATE TABLE side (id int PRIMARY KEY, ref int, note text);\n"  # expected and there: left alone
    run_sql(url, side)
    with open(expected, "a") as f:
        f.write(side)
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    state = {"done": False}

    def change_schema_after_dry_run(step):
        if step.name == "re-scan after downgrade" and not state["done"]:
            state["done"] = True
            run_sql(url, change)

    with pytest.raises(ApplyFailed, match="live schema changed since the scan"):
        apply(url, result, plan, chosen, on_step=change_schema_after_dry_run)


def test_an_unwritable_journal_does_not_turn_a_committed_apply_into_a_failure(drifted, tmp_path, monkeypatch):
    url, expected = drifted
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("REMEDY_HOME", str(blocker))
    result, chosen, plan = _plan(url, expected, **{STATUS_NN: ("alter", None, "'pending'")})
    report = apply(url, result, plan, chosen)
    assert report.ok and "journal could not be written" in report.journal_error
    assert scan(url, expected).findings == ()


def _check_planned(url: str, tmp_path, live: str, expected_ddl: str):
    """``live`` run on the database, ``expected_ddl`` as expected.sql: (scan, decisions, plan, path of expected.sql)."""
    run_sql(url, live)
    expected = tmp_path / "expected.sql"
    expected.write_text(expected_ddl)
    return (*_plan(url, str(expected)), str(expected))


def test_dry_run_counts_the_rows_that_break_an_expected_check_before_adding_it(pg_url, tmp_path):
    """The operator learns how many rows stand in the way, and what to do, instead of PostgreSQL's
    'is violated by some row'."""
    result, _, plan, expected = _check_planned(
        pg_url, tmp_path, "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
                          "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'nobody'), (3, 'root')",
        "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL CONSTRAINT users_email_at CHECK (email LIKE '%@%'));")
    report = dry_run(pg_url, result, plan)
    assert not report.ok
    assert report.failure.name == "check: rows of users that break users_email_at"
    assert report.failure.message.startswith("2 row(s) of users break the check users_email_at")
    run_sql(pg_url, "UPDATE users SET email = email || '@example.com' WHERE position('@' in email) = 0")
    result, _, plan = _plan(pg_url, expected)
    passed = dry_run(pg_url, result, plan)
    assert passed.ok, passed.failure
    assert [s.message for s in passed.steps if s.name.startswith("check: rows of users")] == ["every row passes"]


def test_a_check_expected_not_valid_is_added_over_old_rows_that_break_it(pg_url, tmp_path):
    """NOT VALID checks new rows only: the old rows that break it are no reason to stop, so the dry run does not
    count them, and apply adds the check as it is expected (still not validated)."""
    result, chosen, plan, expected = _check_planned(
        pg_url, tmp_path, "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
                          "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'nobody')",
        "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n"
        "ALTER TABLE users ADD CONSTRAINT users_email_at CHECK (email LIKE '%@%') NOT VALID;\n")
    assert [f.id for f in result.findings] == ["missing_check:public.users.users_email_at"]
    report = dry_run(pg_url, result, plan)
    assert report.ok, report.failure
    assert not [s for s in report.steps if s.name.startswith("check: rows of users")]
    apply(pg_url, result, plan, chosen)
    assert _rows(pg_url, "SELECT convalidated FROM pg_constraint WHERE conname = 'users_email_at'") == [(False,)]
    assert scan(pg_url, expected).findings == ()


def test_the_rows_that_break_a_check_are_counted_with_its_casts_as_the_server_reads_it(pg_url, tmp_path):
    """0.40 passes price > 0 but not price::integer > 0 (it rounds to 0): the count is the server's, so the dry run
    stops at the count, naming the rows, not at the ALTER with PostgreSQL's 'is violated by some row'."""
    result, _, plan, _ = _check_planned(
        pg_url, tmp_path, "CREATE TABLE items (id int PRIMARY KEY, price numeric(8,2) NOT NULL);"
                          "INSERT INTO items VALUES (1, 5.00), (2, 0.40)",
        "CREATE TABLE items (id int PRIMARY KEY, price numeric(8,2) NOT NULL "
        "CONSTRAINT items_whole_price CHECK (price::integer > 0));")
    report = dry_run(pg_url, result, plan)
    assert not report.ok
    assert report.failure.name == "check: rows of items that break items_whole_price"
    assert report.failure.message.startswith("1 row(s) of items break the check items_whole_price")


def test_an_apply_scoped_to_one_schema_reads_back_only_that_schema(pg_url, tmp_path):
    """--schema public: the tables of another schema are out of the scan, so the dry run's and apply's re-reads
    leave them out too, and do not take them for a change since the scan."""
    run_sql(pg_url, "CREATE SCHEMA audit; CREATE TABLE audit.events (id int PRIMARY KEY);"
                    "CREATE TABLE users (id int PRIMARY KEY);")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE users (id int PRIMARY KEY, email text);")
    result = scan(pg_url, str(expected), schemas=["public"])
    assert [f.id for f in result.findings] == ["missing_column:public.users.email"]
    chosen = resolve(result, None, "accept", True)
    assert apply(pg_url, result, build_plan(result, chosen), chosen).ok
    assert scan(pg_url, str(expected), schemas=["public"]).findings == ()

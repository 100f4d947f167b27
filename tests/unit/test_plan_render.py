"""SQL rendering through alembic as-SQL mode, per dialect."""
from __future__ import annotations

from plan_sample import sample_scan

from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import downgrade_statements, render_sql, statements


def _plan(dialect):
    scan = sample_scan(dialect)
    return scan, build_plan(scan, resolve(scan, None, "accept", True))


def test_postgresql_statements():
    _, plan = _plan("postgresql")
    sql = [s.sql for s in statements(plan)]
    assert "ALTER TABLE public.campaign_jobs RENAME campaign_type TO job_type" in sql
    assert "ALTER TABLE public.campaign_jobs ALTER COLUMN status TYPE varchar(32) USING status::varchar(32)" in sql
    assert any(s.startswith("CREATE TABLE public.campaigns") and "SERIAL" in s for s in sql)
    assert "CREATE INDEX campaign_jobs_status_idx ON public.campaign_jobs (status)" in sql


def test_every_statement_knows_its_operation_and_hazards():
    _, plan = _plan("postgresql")
    for stmt in statements(plan):
        assert stmt.operation in plan.operations
        assert stmt.hazards == stmt.operation.hazards


def test_downgrade_reverses_in_opposite_order():
    _, plan = _plan("postgresql")
    down = [s.sql for s in downgrade_statements(plan)]
    assert down[0].startswith("ALTER TABLE public.campaign_jobs ADD COLUMN legacy")
    assert down[-1] == "DROP TABLE public.campaigns"
    assert "ALTER TABLE public.campaign_jobs RENAME job_type TO campaign_type" in down


def test_script_has_header_transaction_and_commented_downgrade():
    scan, plan = _plan("postgresql")
    text = render_sql(plan, scan)
    head, _, rest = text.partition("BEGIN;")
    assert rest.lstrip().startswith("\\endif\nSET LOCAL lock_timeout = '5s';")
    assert "-- database: postgresql://app@db/app (postgresql)" in head
    assert "missing_column:public.campaign_jobs.job_type: rename from campaign_type" in head
    assert "data_loss" in head
    upgrade, _, downgrade = rest.partition("COMMIT;\n\\endif")
    assert "DROP COLUMN legacy;" in upgrade
    assert "-- ALTER TABLE public.campaign_jobs ADD COLUMN legacy text;" in downgrade
    assert "its data is not restored" in downgrade
    assert all(line.startswith("--") or not line for line in downgrade.splitlines())


def test_mysql_renames_without_restating_the_column_and_says_it_cannot_roll_back():
    scan, plan = _plan("mysql")
    sql = [s.sql for s in statements(plan)]
    assert "ALTER TABLE campaign_jobs RENAME COLUMN campaign_type TO job_type" in sql
    assert any("AUTO_INCREMENT" in s for s in sql)
    assert "cannot be rolled back" in render_sql(plan, scan)


def test_sqlite_uses_batch_mode_for_alters():
    _, plan = _plan("sqlite")
    sql = [s.sql for s in statements(plan)]
    assert "ALTER TABLE campaign_jobs RENAME COLUMN campaign_type TO job_type" in sql
    assert any(s.startswith("CREATE TABLE _alembic_tmp_campaign_jobs") for s in sql)
    assert "ALTER TABLE _alembic_tmp_campaign_jobs RENAME TO campaign_jobs" in sql


def test_not_null_column_is_added_nullable_backfilled_then_set():
    scan = sample_scan("postgresql")
    plan = build_plan(scan, resolve(scan, None, "reject", False))
    sql = [s.sql for s in statements(plan)]
    i = sql.index("ALTER TABLE public.campaign_jobs ADD COLUMN job_type text")
    assert sql[i + 1] == "UPDATE public.campaign_jobs SET job_type = ''"
    assert sql[i + 2] == "ALTER TABLE public.campaign_jobs ALTER COLUMN job_type SET NOT NULL"


def test_mariadb_guard_messages_fit_message_text_without_cutting_a_word():
    from remedy.render.guard import MESSAGE_TEXT_LIMIT, Expectation, signal_message

    long_name = "n" * 64
    created = Expectation(f"table {long_name}.{long_name} does not exist yet", "1", f"table {long_name} does not exist yet")
    assert signal_message(created) == f"remedy guard: table {long_name} does not exist yet"
    words = Expectation("the columns " + ", ".join(f"column_{n}" for n in range(40)), "1")
    said = signal_message(words)
    assert len(said) <= MESSAGE_TEXT_LIMIT and said.endswith("...")
    assert said.removesuffix("...").split()[-1] in {f"column_{n}" for n in range(40)}

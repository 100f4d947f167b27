"""A key, check, exclusion constraint or index that is there under another name than the expected one: a migration
that names it (``ALTER TABLE orders DROP CONSTRAINT orders_user_fkey``) fails with "does not exist", so the scan
says so (name_mismatch), and the plan renames it in place: nothing is dropped and built again. On PostgreSQL 18 a
column's NOT NULL is a named constraint too: compared, renamed with the column it belongs to, and named as expected
where the plan makes it (a partition's or a child's is its parent's).

The oracle is its own query of pg_constraint and pg_class (``_names``), not remedy's reader."""
from __future__ import annotations

import json

import sqlalchemy as sa

from tests.conftest import run_sql
from tests.integration.cli_run import psql, remedy

LIVE = """
CREATE TABLE customers (id int CONSTRAINT customers_pk PRIMARY KEY, email text CONSTRAINT email_unique UNIQUE,
                        age int CONSTRAINT age_positive CHECK (age > 0), stay int4range,
                        CONSTRAINT no_overlap EXCLUDE USING gist (stay WITH &&));
CREATE INDEX by_age ON customers (age);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int CONSTRAINT orders_customer REFERENCES customers (id));
"""
EXPECTED = """
CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE, age int CHECK (age > 0), stay int4range,
                        EXCLUDE USING gist (stay WITH &&));
CREATE INDEX customers_age_idx ON customers (age);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id));
"""

NAMES = """SELECT conrelid::regclass::text || ' ' || contype::text || ' ' || conname FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace
           UNION ALL
           SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"""


def _names(url: str) -> list[str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        found = [row[0] for row in conn.exec_driver_sql(NAMES)]
    engine.dispose()
    return found


def _findings(url: str, expected: str, home) -> list[dict]:
    done = remedy("scan", "--db", url, "--expected", expected, "--format", "json", "--fail-on", "none",
                  env={"REMEDY_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["findings"]


def _pair(factory, tmp_path, live: str, expected: str) -> tuple[str, str]:
    url, other = factory(), factory()
    run_sql(url, live)
    run_sql(other, expected)
    return url, other


def test_keys_and_indexes_under_other_names_are_renamed_in_place(pg_url_factory, tmp_path):
    url, expected = _pair(pg_url_factory, tmp_path, LIVE, EXPECTED)
    found = {f["object"]: (f["expected"]["kind"], f["expected"]["name"]) for f in _findings(url, expected, tmp_path)
             if f["kind"] == "name_mismatch"}
    assert found == {"customers_pk": ("primary key", "customers_pkey"), "email_unique": ("unique", "customers_email_key"),
                     "age_positive": ("check", "customers_age_check"),
                     "no_overlap": ("exclusion", "customers_stay_excl"), "by_age": ("index", "customers_age_idx"),
                     "orders_customer": ("foreign key", "orders_customer_id_fkey")}

    env = {"REMEDY_HOME": str(tmp_path)}
    dry = remedy("apply", "--db", url, "--expected", expected, "--dry-run", env=env)  # downgrade restores them
    assert dry.returncode == 0, dry.stdout + dry.stderr
    fix = tmp_path / "fix.sql"
    assert remedy("plan", "--db", url, "--expected", expected, "-o", str(fix), env=env).returncode == 0
    script = fix.read_text().split("-- Downgrade")[0]
    assert "ALTER TABLE public.orders RENAME CONSTRAINT orders_customer TO orders_customer_id_fkey" in script
    assert "ALTER INDEX public.by_age RENAME TO customers_age_idx" in script
    assert "DROP " not in script and "ADD CONSTRAINT" not in script and "CREATE INDEX" not in script
    applied = psql(url, fix, flags=("-1", "-v", "ON_ERROR_STOP=1"))
    assert applied.returncode == 0, applied.stderr
    assert _findings(url, expected, tmp_path) == []
    assert _names(url) == _names(expected)


def test_names_the_expected_side_leaves_to_the_server_are_not_compared_but_said(pg_url, tmp_path):
    """A SQLAlchemy model names no primary key: the server's name is not known, so it is no finding, and the
    scan says that names were not compared."""
    run_sql(pg_url, "CREATE TABLE customers (id int CONSTRAINT customers_pk PRIMARY KEY, email text);")
    (tmp_path / "shop_model.py").write_text(
        "import sqlalchemy as sa\nmd = sa.MetaData()\n"
        "sa.Table('customers', md, sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),"
        " sa.Column('email', sa.Text))\n")
    done = remedy("scan", "--db", pg_url, "--expected", "python:shop_model:md", "--format", "json",
                  env={"PYTHONPATH": str(tmp_path), "REMEDY_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["findings"] == []
    assert any("names of keys, checks and indexes are not compared" in note for note in report["notes"])


# --- PostgreSQL 18: NOT NULL constraints have names -------------------------------------------------------------

def test_a_renamed_not_null_column_keeps_its_constraint_named_after_it(pg18_url_factory, tmp_path):
    """RENAME COLUMN leaves the NOT NULL constraint named after the old column (t_campaign_type_not_null): the
    plan renames it too, so apply's own re-scan finds nothing new."""
    url, expected = _pair(pg18_url_factory, tmp_path, "CREATE TABLE jobs (id int, campaign_type text NOT NULL);",
                          "CREATE TABLE jobs (id int, job_type text NOT NULL);")
    env = {"REMEDY_HOME": str(tmp_path)}
    done = remedy("apply", "--db", url, "--expected", expected, "--renames", "accept", "--yes", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _names(url) == _names(expected) == ["jobs n jobs_job_type_not_null"]


def test_not_null_constraints_the_plan_makes_get_the_expected_names(pg18_url_factory, tmp_path):
    """A created table, an added column, a NOT NULL set on a column, a child table's inherited name: each as the
    expected side names it."""
    live = ("CREATE TABLE parent (id int, y int CONSTRAINT parent_y_required NOT NULL);\n"
            "CREATE TABLE o (id int, v int);")
    expected = ("CREATE TABLE parent (id int, y int CONSTRAINT parent_y_required NOT NULL);\n"
                "CREATE TABLE o (id int, v int CONSTRAINT v_required NOT NULL, n int CONSTRAINT n_required NOT NULL "
                "DEFAULT 0);\n"
                "CREATE TABLE t (id int CONSTRAINT id_required NOT NULL, w text NOT NULL);\n"
                "CREATE TABLE child (z int NOT NULL) INHERITS (parent);")
    url, other = _pair(pg18_url_factory, tmp_path, live, expected)
    fix = tmp_path / "fix.sql"
    env = {"REMEDY_HOME": str(tmp_path)}
    assert remedy("plan", "--db", url, "--expected", other, "--renames", "reject", "-o", str(fix),
                  env=env).returncode == 0
    script = fix.read_text().split("-- Downgrade")[0]
    assert "ALTER TABLE public.o ADD CONSTRAINT v_required NOT NULL v" in script
    applied = psql(url, fix, flags=("-1", "-v", "ON_ERROR_STOP=1"))
    assert applied.returncode == 0, applied.stderr
    assert _findings(url, other, tmp_path) == []
    assert [n for n in _names(url) if " n " in n] == [n for n in _names(other) if " n " in n]


def test_a_not_null_under_another_name_is_renamed(pg18_url_factory, tmp_path):
    url, expected = _pair(pg18_url_factory, tmp_path, "CREATE TABLE t (id int CONSTRAINT id_required NOT NULL);",
                          "CREATE TABLE t (id int NOT NULL);")
    [found] = _findings(url, expected, tmp_path)
    assert (found["id"], found["expected"]["name"]) == ("name_mismatch:public.t.id.id_required", "t_id_not_null")
    done = remedy("apply", "--db", url, "--expected", expected, "--yes", env={"REMEDY_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert _names(url) == ["t n t_id_not_null"]


def test_a_catalog_keeps_the_names_of_not_null_constraints(pg18_url_factory, tmp_path):
    """catalog init writes every NOT NULL's name, the server's default one too (a child's is its parent's): the
    database it was made from is clean against it, and one whose NOT NULL is named otherwise is not."""
    url = pg18_url_factory()
    run_sql(url, "CREATE TABLE parent (id int, y int CONSTRAINT parent_y_required NOT NULL);\n"
                 "CREATE TABLE child (z int NOT NULL) INHERITS (parent);")
    env = {"REMEDY_HOME": str(tmp_path)}
    made = remedy("catalog", "init", "--db", url, "-o", str(tmp_path / "cat"), env=env)
    assert made.returncode == 0, made.stderr
    ddl = (tmp_path / "cat" / "schema" / "schema.sql").read_text()
    assert "CONSTRAINT parent_y_required NOT NULL" in ddl and "CONSTRAINT child_z_not_null NOT NULL" in ddl
    assert _findings(url, str(tmp_path / "cat"), tmp_path) == []
    run_sql(url, "ALTER TABLE child RENAME CONSTRAINT child_z_not_null TO z_required;")
    assert [f["id"] for f in _findings(url, str(tmp_path / "cat"), tmp_path)] \
        == ["name_mismatch:public.child.z.z_required"]


def test_keys_on_a_renamed_column_are_renamed_with_it_not_built_again(pg_url_factory, tmp_path):
    """campaign_type renamed job_type keeps its unique key, check and index under their old names: the plan renames
    them (no second unique index built beside the first, none dropped); a check whose literal spells the old name
    is the same check, and the literal stays."""
    url, expected = _pair(
        pg_url_factory, tmp_path,
        "CREATE TABLE jobs (id int PRIMARY KEY, campaign_type text NOT NULL UNIQUE "
        "CHECK (campaign_type <> 'campaign_type'));\nCREATE INDEX jobs_ct ON jobs (lower(campaign_type));",
        "CREATE TABLE jobs (id int PRIMARY KEY, job_type text NOT NULL UNIQUE CHECK (job_type <> 'campaign_type'));\n"
        "CREATE INDEX jobs_jt ON jobs (lower(job_type));")
    env = {"REMEDY_HOME": str(tmp_path)}
    fix = tmp_path / "fix.sql"
    for destructive in ((), ("--allow-destructive",)):
        assert remedy("plan", "--db", url, "--expected", expected, "--renames", "accept", *destructive,
                      "-o", str(fix), env=env).returncode == 0
        script = fix.read_text().split("-- Downgrade")[0]
        assert "RENAME CONSTRAINT jobs_campaign_type_key TO jobs_job_type_key" in script
        assert "ALTER INDEX public.jobs_ct RENAME TO jobs_jt" in script
        assert "ADD CONSTRAINT" not in script and "CREATE INDEX" not in script and "DROP " not in script
    dry = remedy("apply", "--db", url, "--expected", expected, "--renames", "accept", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    applied = psql(url, fix, flags=("-1", "-v", "ON_ERROR_STOP=1"))
    assert applied.returncode == 0, applied.stderr
    assert _findings(url, expected, tmp_path) == []
    assert _names(url) == _names(expected)


def test_a_check_whose_literal_changed_is_not_taken_for_the_renamed_one(pg_url_factory, tmp_path):
    url, expected = _pair(pg_url_factory, tmp_path,
                          "CREATE TABLE jobs (id int, campaign_type text CHECK (campaign_type <> 'campaign_type'));",
                          "CREATE TABLE jobs (id int, job_type text CHECK (job_type <> 'job_type'));")
    fix = tmp_path / "fix.sql"
    assert remedy("plan", "--db", url, "--expected", expected, "--renames", "accept", "--allow-destructive",
                  "-o", str(fix), env={"REMEDY_HOME": str(tmp_path)}).returncode == 0
    script = fix.read_text().split("-- Downgrade")[0]
    assert "RENAME CONSTRAINT" not in script
    assert "ADD CONSTRAINT jobs_job_type_check CHECK ((job_type <> 'job_type'::text))" in script


def test_a_catalog_compares_only_the_names_its_ddl_states(pg_url, tmp_path):
    """An unnamed key, check, index or NOT NULL in a catalog leaves its name to the server: any name satisfies it.
    A named one is the expected name."""
    run_sql(pg_url, "CREATE TABLE t (id int CONSTRAINT pk PRIMARY KEY, e text CONSTRAINT uq UNIQUE, "
                    "c int CONSTRAINT ck CHECK (c > 0), n int NOT NULL);\n"
                    "CREATE INDEX ix ON t (e);\nCREATE INDEX ix2 ON t (c);")
    (tmp_path / "cat" / "schema").mkdir(parents=True)
    (tmp_path / "cat" / "catalog.toml").write_text('name = "cat"\n')
    (tmp_path / "cat" / "schema" / "t.sql").write_text(
        "CREATE TABLE t (id int PRIMARY KEY, e text UNIQUE, c int CONSTRAINT c_positive CHECK (c > 0), "
        "n int NOT NULL);\nCREATE INDEX ON t (e);\nCREATE INDEX c_idx ON t (c);\n")
    found = sorted(f["id"] for f in _findings(pg_url, str(tmp_path / "cat"), tmp_path))
    assert found == ["name_mismatch:public.t.ck", "name_mismatch:public.t.ix2"]

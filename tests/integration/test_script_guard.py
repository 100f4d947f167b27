"""An exported script checks it is on the database, and the schema, it was planned for before it changes anything.

The operator runs fix.sql with psql, the golang-migrate up file with migrate, the revision with alembic.
On another database, or on one that changed since the scan, each stops with the guard's sentence, exits
non-zero, and leaves the schema as it was.
"""
from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa

from remedy.demo import run_script
from tests.conftest import run_sql
from tests.integration.cli_run import psql, remedy
from tests.integration.test_apply_cli import ALEMBIC_ENV, _alembic, _fingerprint

LIVE = """
CREATE TABLE jobs (id SERIAL PRIMARY KEY, status TEXT);
INSERT INTO jobs (status) VALUES ('new');
"""
EXPECTED = """
CREATE TABLE jobs (id SERIAL PRIMARY KEY, status TEXT, priority INTEGER);
CREATE TABLE owners (id SERIAL PRIMARY KEY);
CREATE INDEX jobs_status_idx ON jobs (status);
"""


@pytest.fixture
def planned(pg_url, tmp_path):
    """fix.sql, a golang-migrate pair and an alembic revision, all planned on pg_url."""
    run_sql(pg_url, LIVE)
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    args = ("plan", "--db", pg_url, "--expected", str(expected))
    (tmp_path / "alembic" / "versions").mkdir(parents=True)
    for extra in (("-o", str(tmp_path / "fix.sql")), ("--format", "golang-migrate", "-o", str(tmp_path / "migrations")),
                  ("--format", "alembic", "-o", str(tmp_path / "alembic" / "versions" / "0001_remedy.py"))):
        proc = remedy(*args, *extra, env=env)
        assert proc.returncode == 0, proc.stderr
    return pg_url, tmp_path


def _database_name(url: str) -> str:
    return sa.engine.make_url(url).database


def test_fix_sql_applies_on_the_database_it_was_planned_for(planned):
    url, tmp = planned
    text = (tmp / "fix.sql").read_text()
    assert text.startswith("\\set ON_ERROR_STOP on\n") and "DO $remedy_guard$" in text
    assert f"current_database() = '{_database_name(url)}'" in text
    ran = psql(url, tmp / "fix.sql")
    assert ran.returncode == 0, ran.stderr
    assert _columns(url) == ["id", "priority", "status"]


def test_fix_sql_on_another_database_stops_with_the_guard_message(planned, pg_url_factory):
    url, tmp = planned
    other = pg_url_factory()
    run_sql(other, LIVE)  # the same schema, but not the database that was scanned
    before = _fingerprint(other)
    ran = psql(other, tmp / "fix.sql")
    assert ran.returncode != 0
    assert f"remedy guard: this script was planned for a database where the database is {_database_name(url)}" \
        in ran.stderr
    assert "scan the database again and make a new plan" in ran.stderr
    assert _fingerprint(other) == before


def test_fix_sql_on_a_changed_schema_stops_naming_the_table(planned):
    url, tmp = planned
    run_sql(url, "ALTER TABLE jobs ADD COLUMN owner_id integer")
    before = _fingerprint(url)
    ran = psql(url, tmp / "fix.sql")
    assert ran.returncode != 0
    assert "where table public.jobs has exactly the columns id, status" in ran.stderr
    assert _fingerprint(url) == before


def test_fix_sql_stops_when_what_it_creates_is_already_there(planned):
    url, tmp = planned
    run_sql(url, "CREATE INDEX jobs_status_idx ON jobs (status)")
    ran = psql(url, tmp / "fix.sql")
    assert ran.returncode != 0 and "where index public.jobs_status_idx does not exist yet" in ran.stderr
    run_sql(url, "DROP INDEX jobs_status_idx; CREATE TABLE owners (x int)")
    ran = psql(url, tmp / "fix.sql")
    assert ran.returncode != 0 and "where table public.owners does not exist yet" in ran.stderr


def test_golang_migrate_up_file_guards_itself(planned):
    url, tmp = planned
    up = next((tmp / "migrations").glob("*.up.sql"))
    run_sql(url, "ALTER TABLE jobs RENAME COLUMN status TO state")
    before = _fingerprint(url)
    with pytest.raises(psycopg.errors.RaiseException, match="table public.jobs has exactly the columns id, status"):
        run_script(sa.engine.make_url(url), up.read_text())
    assert _fingerprint(url) == before


def test_alembic_revision_guards_its_upgrade(planned):
    url, tmp = planned
    (tmp / "alembic" / "env.py").write_text(ALEMBIC_ENV)
    (tmp / "alembic.ini").write_text(f"[alembic]\nscript_location = {tmp / 'alembic'}\n"
                                     f"sqlalchemy.url = {url.replace('%', '%%')}\n")
    run_sql(url, "ALTER TABLE jobs DROP COLUMN status")
    before = _fingerprint(url)
    with pytest.raises(AssertionError, match="remedy guard: this revision was planned for a database where "
                                             "table public.jobs has exactly the columns id, status"):
        _alembic(tmp, "upgrade", "head")
    assert _fingerprint(url) == before


def _columns(url: str) -> list[str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    columns = sorted(c["name"] for c in sa.inspect(engine).get_columns("jobs"))
    engine.dispose()
    return columns


@pytest.mark.mariadb
def test_mariadb_golang_migrate_up_file_guards_itself(mariadb_url, tmp_path):
    """golang-migrate sends the up file whole (multiStatements=true); on a changed schema it stops first."""
    import pymysql

    run_sql(mariadb_url, "CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20));")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20), priority INTEGER);\n")
    proc = remedy("plan", "--db", mariadb_url, "--expected", str(expected), "--format", "golang-migrate",
                  "-o", str(tmp_path / "m"), env={"REMEDY_HOME": str(tmp_path / "home")})
    assert proc.returncode == 0, proc.stderr
    up = next((tmp_path / "m").glob("*.up.sql")).read_text()
    assert "PREPARE remedy_guard FROM @remedy_guard;" in up and "SIGNAL SQLSTATE ''45000''" in up
    parsed = sa.engine.make_url(mariadb_url)

    def migrate() -> None:
        conn = pymysql.connect(host=parsed.host, port=parsed.port or 3306, user=parsed.username,
                               password=parsed.password or "", database=parsed.database,
                               client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS)
        try:
            with conn.cursor() as cur:
                cur.execute(up)
                while cur.nextset():
                    pass
        finally:
            conn.close()

    run_sql(mariadb_url, "ALTER TABLE jobs ADD COLUMN owner INTEGER")
    with pytest.raises(pymysql.err.OperationalError, match="remedy guard: planned for a database where table "
                                                           r"\w+\.jobs has exactly the columns id, status"):
        migrate()
    run_sql(mariadb_url, "ALTER TABLE jobs DROP COLUMN owner")
    migrate()
    columns = remedy("scan", "--db", mariadb_url, "--expected", str(expected), env={"REMEDY_HOME": str(tmp_path / "h")})
    assert columns.returncode == 0, columns.stdout


# --- MariaDB/MySQL and SQLite: fix.sql run with the database's own client --------------------------------

OTHER_LIVE = """
CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20));
INSERT INTO jobs (id, status) VALUES (1, 'new');
"""
OTHER_EXPECTED = """
CREATE TABLE jobs (id INTEGER PRIMARY KEY, status VARCHAR(20), priority INTEGER);
CREATE TABLE owners (id INTEGER PRIMARY KEY);
"""


def _plan_fix_sql(url: str, tmp_path) -> str:
    expected = tmp_path / "expected.sql"
    expected.write_text(OTHER_EXPECTED)
    proc = remedy("plan", "--db", url, "--expected", str(expected), "-o", str(tmp_path / "fix.sql"),
                  env={"REMEDY_HOME": str(tmp_path / "home")})
    assert proc.returncode == 0, proc.stderr
    return (tmp_path / "fix.sql").read_text()


def _mariadb_client(url: str, script) -> tuple[int, str]:
    """``mariadb DB < fix.sql``, as an operator runs it (no --force: the client stops at the first error)."""
    from tests.conformance.mysqlclient import run_file

    return run_file(url, script)


def _sqlite3_shell(url: str, script) -> tuple[int, str]:
    """``sqlite3 db.sqlite < fix.sql``: no -bail on the command line, the script must stop itself."""
    import shutil
    import subprocess

    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 shell is not installed")
    with open(script) as stdin:
        proc = subprocess.run(["sqlite3", sa.engine.make_url(url).database], stdin=stdin, capture_output=True,
                              text=True, timeout=60)
    return proc.returncode, proc.stderr


@pytest.mark.mariadb
def test_mariadb_fix_sql_is_refused_on_another_or_changed_database_and_runs_on_its_own(
        mariadb_url, mariadb_url_factory, tmp_path):
    run_sql(mariadb_url, OTHER_LIVE)
    _plan_fix_sql(mariadb_url, tmp_path)
    script = tmp_path / "fix.sql"

    other = mariadb_url_factory()
    run_sql(other, OTHER_LIVE)  # the same schema, but not the database that was scanned
    before = _fingerprint(other)
    code, err = _mariadb_client(other, script)
    assert code != 0 and f"remedy guard: planned for a database where the database is {_database_name(mariadb_url)}" \
        in err, err
    assert _fingerprint(other) == before

    run_sql(mariadb_url, "ALTER TABLE jobs ADD COLUMN owner_id INTEGER")
    before = _fingerprint(mariadb_url)
    code, err = _mariadb_client(mariadb_url, script)
    assert code != 0 and f"where table {_database_name(mariadb_url)}.jobs has exactly the columns id, status" in err, err
    assert _fingerprint(mariadb_url) == before

    run_sql(mariadb_url, "ALTER TABLE jobs DROP COLUMN owner_id")
    run_sql(mariadb_url, "CREATE TABLE owners (x INTEGER)")
    code, err = _mariadb_client(mariadb_url, script)
    assert code != 0 and f"where table {_database_name(mariadb_url)}.owners does not exist yet" in err, err

    run_sql(mariadb_url, "DROP TABLE owners")
    code, err = _mariadb_client(mariadb_url, script)
    assert code == 0, err
    assert _columns(mariadb_url) == ["id", "priority", "status"]


WIDE = ", ".join(f"customer_shipping_address_line_{n} VARCHAR(10)" for n in range(1, 6))


@pytest.mark.mariadb
def test_mariadb_guard_message_too_long_for_message_text_still_names_the_table_whole(mariadb_url, tmp_path):
    """MESSAGE_TEXT holds 128 characters: a sentence listing many long column names is said briefly, naming the
    table, never cut inside a word; the whole sentence stays in the script, above its check."""
    run_sql(mariadb_url, f"CREATE TABLE customer_addresses (id INTEGER PRIMARY KEY, {WIDE});")
    expected = tmp_path / "expected.sql"
    expected.write_text(f"CREATE TABLE customer_addresses (id INTEGER PRIMARY KEY, {WIDE}, note TEXT);")
    proc = remedy("plan", "--db", mariadb_url, "--expected", str(expected), "-o", str(tmp_path / "fix.sql"),
                  env={"REMEDY_HOME": str(tmp_path / "home")})
    assert proc.returncode == 0, proc.stderr
    assert "-- table " + _database_name(mariadb_url) + ".customer_addresses has exactly the columns " \
        "customer_shipping_address_line_1, " in (tmp_path / "fix.sql").read_text()

    run_sql(mariadb_url, "ALTER TABLE customer_addresses ADD COLUMN owner_id INTEGER")
    code, err = _mariadb_client(mariadb_url, tmp_path / "fix.sql")
    assert code != 0, err
    assert err.strip().endswith(
        "remedy guard: table customer_addresses has exactly the 6 columns this script lists"), err


def test_sqlite_fix_sql_is_refused_on_a_changed_database_and_runs_on_its_own(sqlite_url, tmp_path):
    run_sql(sqlite_url, OTHER_LIVE)
    text = _plan_fix_sql(sqlite_url, tmp_path)
    script = tmp_path / "fix.sql"
    assert text.startswith(".bail on\n")

    run_sql(sqlite_url, "ALTER TABLE jobs ADD COLUMN owner_id INTEGER")
    before = _fingerprint(sqlite_url)
    code, err = _sqlite3_shell(sqlite_url, script)
    assert code != 0 and "remedy guard: planned for a database where table main.jobs has exactly the columns id, status" \
        in err, err
    assert _fingerprint(sqlite_url) == before
    assert _rows(sqlite_url, "SELECT name FROM sqlite_master ORDER BY name") == [("jobs",)]

    run_sql(sqlite_url, "ALTER TABLE jobs DROP COLUMN owner_id")
    run_sql(sqlite_url, "CREATE TABLE owners (x INTEGER)")
    code, err = _sqlite3_shell(sqlite_url, script)
    assert code != 0 and "where table main.owners does not exist yet" in err, err

    run_sql(sqlite_url, "DROP TABLE owners")
    code, err = _sqlite3_shell(sqlite_url, script)
    assert code == 0 and err == "", err
    assert _columns(sqlite_url) == ["id", "priority", "status"]
    assert _rows(sqlite_url, "SELECT id, status FROM jobs") == [(1, "new")]


def _rows(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.exec_driver_sql(sql).all()]
    engine.dispose()
    return rows


# --- fix.sql is one transaction whether psql runs it with -1 or without ------------------------------------

PSQL_WAYS = {"as it is": (), "with -1": ("-v", "ON_ERROR_STOP=1", "-1")}


@pytest.mark.parametrize("way", PSQL_WAYS)
def test_fix_sql_runs_without_warnings_with_or_without_psql_single_transaction(planned, way):
    url, tmp = planned
    ran = psql(url, tmp / "fix.sql", flags=PSQL_WAYS[way])
    assert ran.returncode == 0 and ran.stderr == "", ran.stderr
    assert _columns(url) == ["id", "priority", "status"]


@pytest.mark.parametrize("way", PSQL_WAYS)
def test_fix_sql_failing_midway_changes_nothing_with_or_without_psql_single_transaction(pg_url, tmp_path, way):
    """The plan adds a column, then a unique key the rows break: the column must not stay behind."""
    run_sql(pg_url, "CREATE TABLE jobs (id SERIAL PRIMARY KEY, status TEXT);\n"
                    "INSERT INTO jobs (status) VALUES ('new'), ('new');")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE jobs (id SERIAL PRIMARY KEY, status TEXT UNIQUE, priority INTEGER);\n")
    proc = remedy("plan", "--db", pg_url, "--expected", str(expected), "-o", str(tmp_path / "fix.sql"),
                  env={"REMEDY_HOME": str(tmp_path / "home")})
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "fix.sql").read_text()
    assert text.index("ADD COLUMN priority") < text.index("UNIQUE (status)")
    before = _fingerprint(pg_url)
    ran = psql(pg_url, tmp_path / "fix.sql", flags=PSQL_WAYS[way])
    assert ran.returncode != 0 and "could not create unique index" in ran.stderr, ran.stderr
    assert "WARNING" not in ran.stderr, ran.stderr
    assert _fingerprint(pg_url) == before and _columns(pg_url) == ["id", "status"]

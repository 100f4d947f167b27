"""A database built from a DDL script, scanned against that script, has no findings — on every dialect."""
import sqlalchemy as sa

from remedy.scan import scan
from tests.conftest import run_sql

MARIADB_DDL = """
CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(255) NOT NULL UNIQUE,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  meta JSON,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  score DECIMAL(10,2) DEFAULT 0,
  status ENUM('new', 'done') NOT NULL DEFAULT 'new',
  CHECK (score >= 0)
);
CREATE TABLE posts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  title TEXT,
  body MEDIUMTEXT,
  CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX posts_title_idx ON posts (title(20));
CREATE UNIQUE INDEX posts_user_title ON posts (user_id, title(50));
"""

SQLITE_DDL = """
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(255) NOT NULL UNIQUE,
  active BOOLEAN NOT NULL DEFAULT 1, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, ratio REAL,
  CHECK (length(email) > 3));
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title TEXT, payload BLOB);
CREATE INDEX posts_user ON posts(user_id);
"""


def _write(tmp_path, text):
    path = tmp_path / "expected.sql"
    path.write_text(text)
    return str(path)


def test_mariadb_schema_scanned_against_its_own_ddl_is_clean(mariadb_url, tmp_path):
    run_sql(mariadb_url, MARIADB_DDL)
    result = scan(mariadb_url, _write(tmp_path, MARIADB_DDL))
    assert [f.message for f in result.findings] == []


def test_sqlite_schema_scanned_against_its_own_ddl_is_clean(sqlite_url, tmp_path):
    run_sql(sqlite_url, SQLITE_DDL)
    result = scan(sqlite_url, _write(tmp_path, SQLITE_DDL))
    assert [f.message for f in result.findings] == []


def test_mariadb_drift_is_found(mariadb_url, tmp_path):
    run_sql(mariadb_url, MARIADB_DDL.replace("  meta JSON,\n", "").replace("DEFAULT 'new'", "DEFAULT 'done'"))
    ids = sorted(f.id for f in scan(mariadb_url, _write(tmp_path, MARIADB_DDL)).findings)
    db = sa.engine.make_url(mariadb_url).database
    assert ids == [f"default_mismatch:{db}.users.status", f"missing_column:{db}.users.meta"]


def test_database_against_database_is_clean(pg_url_factory):
    a, b = pg_url_factory(), pg_url_factory()
    ddl = "CREATE TABLE t (id serial PRIMARY KEY, n numeric(10,2) DEFAULT 0.00, tags text[] DEFAULT '{}');"
    run_sql(a, ddl)
    run_sql(b, ddl)
    assert scan(a, b).findings == ()


def test_several_schemas_are_read_and_compared(pg_url, tmp_path):
    ddl = ("CREATE SCHEMA billing;\nCREATE TABLE accounts (id serial PRIMARY KEY);\n"
           "CREATE TABLE billing.invoices (id serial PRIMARY KEY, account_id int REFERENCES accounts(id),"
           " total numeric(12,2) NOT NULL);\n")
    run_sql(pg_url, ddl.replace(" total numeric(12,2) NOT NULL", " total numeric(12,2)"))
    expected = _write(tmp_path, ddl.replace("CREATE SCHEMA billing;\n", ""))
    result = scan(pg_url, expected, schemas=["public", "billing"])
    assert [f.id for f in result.findings] == ["nullability_mismatch:billing.invoices.total"]
    assert set(result.live.schemas) == {"public", "billing"}


MODELS = '''
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(255), unique=True)
    active: Mapped[bool] = mapped_column(server_default=sa.true())
'''


def test_sqlalchemy_models_of_the_project_you_stand_in(pg_url, tmp_path, monkeypatch):
    (tmp_path / "shop_models.py").write_text(MODELS)
    monkeypatch.chdir(tmp_path)
    run_sql(pg_url, "CREATE TABLE users (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE,"
                    " active boolean NOT NULL DEFAULT true);")
    assert scan(pg_url, "python:shop_models:Base").findings == ()
    run_sql(pg_url, "ALTER TABLE users DROP COLUMN active;")
    assert [f.id for f in scan(pg_url, "python:shop_models:Base").findings] == ["missing_column:public.users.active"]

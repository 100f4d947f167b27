"""A SQLAlchemy model created on a real database scans clean against itself (python:module:attr)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from remedy.db import make_engine
from remedy.scan import scan_schemas
from remedy.sources.live import read_live
from remedy.sources.metadata import schema_from_metadata
from tests.conftest import run_sql
from tests.unit.test_metadata import Base


def _self_scan(url: str, dialect: str, md: sa.MetaData) -> list[str]:
    engine = make_engine(url)
    md.create_all(engine)
    live = read_live(engine)
    expected = schema_from_metadata(md, dialect, default_schema=live.schemas[0])
    return [f.id for f in scan_schemas(expected, live).findings]


def test_declarative_model_on_postgresql(pg_url):
    assert _self_scan(pg_url, "postgresql", Base.metadata) == []


def _portable() -> sa.MetaData:
    md = sa.MetaData()
    sa.Table("accounts", md, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("email", sa.String(255), nullable=False, unique=True),
             sa.Column("active", sa.Boolean, server_default=sa.false()),
             sa.Column("created_at", sa.DateTime, server_default=sa.func.current_timestamp()),
             sa.Column("price", sa.Numeric(10, 2)), sa.CheckConstraint("price > 0", name="ck_price"))
    sa.Table("orders", md, sa.Column("id", sa.BigInteger, primary_key=True),
             sa.Column("account_id", sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
             sa.Column("note", sa.String(100), index=True))
    return md


@pytest.mark.mariadb
def test_portable_model_on_mariadb(mariadb_url):
    assert _self_scan(mariadb_url, "mysql", _portable()) == []


def test_portable_model_on_sqlite(sqlite_url):
    assert _self_scan(sqlite_url, "sqlite", _portable()) == []


def test_python_source_from_the_project_directory(pg_url, tmp_path):
    """`remedy scan --expected python:models:Base` run from the project directory imports models.py there."""
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "shop_models_cwd.py").write_text(
        "import sqlalchemy as sa\nmd = sa.MetaData()\n"
        "sa.Table('items', md, sa.Column('id', sa.Integer, primary_key=True), sa.Column('note', sa.Text))\n")
    run_sql(pg_url, "CREATE TABLE items (id serial PRIMARY KEY)")
    remedy = Path(sys.executable).parent / "remedy"
    done = subprocess.run([str(remedy), "scan", "--db", pg_url, "--expected", "python:shop_models_cwd:md",
                           "--format", "json"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "missing_column:public.items.note" in done.stdout

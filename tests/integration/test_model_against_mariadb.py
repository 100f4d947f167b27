"""A SQLAlchemy model (``--expected python:module:attr``) against MariaDB, where an index on a long or TEXT column
covers only a prefix. The model says the prefix with ``mysql_length`` (as its own ``create_all`` uses it), or says
none for a TEXT column and leaves the length to whoever created the table. Either way the index the database has
is the index the model asks for, and a missing one is planned with the model's prefix and converges."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from tests.conformance.mysqlclient import query, run_file
from tests.conftest import run_sql
from tests.integration.cli_run import remedy

pytestmark = pytest.mark.mariadb

MODEL = """import sqlalchemy as sa

md = sa.MetaData()
sa.Table("posts", md, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
         sa.Column("title", sa.String(200)), sa.Column("body", sa.Text),
         sa.Index("posts_title", "title", mysql_length=20),
         sa.Index("posts_title_body", "title", "body", mysql_length={"body": 50}))
"""

UNSAID = """import sqlalchemy as sa

md = sa.MetaData()
sa.Table("posts", md, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
         sa.Column("title", sa.String(200)), sa.Column("body", sa.Text),
         sa.Index("posts_body", "body"), sa.Index("posts_title_body", "title", "body"))
"""


def _remedy(tmp_path, model: str, *args: str):
    (tmp_path / "blog_model.py").write_text(model)
    return remedy(*args, "--expected", "python:blog_model:md",
                  env={"PYTHONPATH": str(tmp_path), "REMEDY_HOME": str(tmp_path / "home")})


def _findings(tmp_path, model: str, url: str) -> list[str]:
    done = _remedy(tmp_path, model, "scan", "--db", url, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return [f["id"] for f in json.loads(done.stdout)["findings"]]


def _create_all(tmp_path, model: str, url: str) -> None:
    namespace: dict = {}
    exec(model, namespace)
    engine = sa.create_engine(url)
    namespace["md"].create_all(engine)
    engine.dispose()


def test_a_model_created_by_its_own_create_all_with_prefix_lengths_scans_clean(mariadb_url, tmp_path):
    _create_all(tmp_path, MODEL, mariadb_url)
    assert _findings(tmp_path, MODEL, mariadb_url) == []


def test_an_index_the_model_prefixes_is_planned_with_its_prefix_and_converges(mariadb_url, tmp_path):
    run_sql(mariadb_url, "CREATE TABLE posts (id INT PRIMARY KEY, title VARCHAR(200), body TEXT);")
    script = tmp_path / "fix.sql"
    planned = _remedy(tmp_path, MODEL, "plan", "--db", mariadb_url, "--format", "sql", "-o", str(script))
    assert planned.returncode == 0, planned.stderr
    code, err = run_file(mariadb_url, script)
    assert code == 0, f"{err}\n{script.read_text()}"
    assert _findings(tmp_path, MODEL, mariadb_url) == []
    keys = query(mariadb_url, "SELECT index_name, column_name, sub_part FROM information_schema.statistics "
                              "WHERE table_schema = DATABASE() AND table_name = 'posts' AND index_name <> 'PRIMARY' "
                              "ORDER BY index_name, seq_in_index")
    assert keys == [["posts_title", "title", "20"], ["posts_title_body", "title", "NULL"],
                    ["posts_title_body", "body", "50"]]


def test_a_model_index_on_a_text_column_without_a_length_is_the_prefix_index_the_server_has(mariadb_url, tmp_path):
    """MariaDB cannot index a whole TEXT column: the table was created with a prefix the model leaves unsaid."""
    run_sql(mariadb_url, "CREATE TABLE posts (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, "
                         "KEY posts_body (body(100)), KEY posts_title_body (title, body(50)));")
    assert _findings(tmp_path, UNSAID, mariadb_url) == []


def test_a_live_prefix_index_on_more_columns_than_the_model_says_is_an_index_mismatch(mariadb_url, tmp_path):
    run_sql(mariadb_url, "CREATE TABLE posts (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, "
                         "KEY posts_body (body(100), title), KEY posts_title_body (title, body(50)));")
    schema = mariadb_url.rsplit("/", 1)[1]
    assert _findings(tmp_path, UNSAID, mariadb_url) == [f"index_mismatch:{schema}.posts.posts_body"]

"""The hostile-names scenario shared by the property tests: names, the live and expected schemas, the canary.

Every identifier is drawn from pieces that break hand-made SQL (quotes of every kind, semicolons,
comment markers, ``%`` and ``:x`` that drivers read as placeholders, backslashes, unicode, reserved
words) or padded to the dialect's length limit. The test quotes them itself (doubling the quote
character), independently of remedy.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from hypothesis import strategies as st

PIECES = ["'", '"', "`", ";", "--", "/*", "*/", " ", "\n", "%", ":x", "%(x)s", "\\", ")", "(", ",", ".", "$1", "?",
          "é", "名", "Ω", "a", "b", "x", "Z", "select", "drop", "user", "order"]
RESERVED = ["select", "order", "user", "table", "group", "key", "index", "primary", "check", "from", "default"]
LIMIT = {"postgresql": 63, "mysql": 64, "sqlite": 100}  # PostgreSQL: bytes; MariaDB: characters
ROLES = ("schema", "t1", "t2", "t3", "key", "kept", "old", "new", "added", "extra", "ref", "i1", "u1", "ck1",
         "fk1", "enum", "enum2")


def _fits(name: str, dialect: str) -> bool:
    if not name or "\0" in name:
        return False
    if dialect == "postgresql":
        return len(name.encode()) <= LIMIT[dialect]
    if dialect == "mysql":  # MariaDB: no trailing space or newline; BMP characters only; PRIMARY is the key's
        return len(name) <= LIMIT[dialect] and name == name.rstrip() and all(ord(c) < 0x10000 for c in name) \
            and name.lower() != "primary"
    return len(name) <= LIMIT[dialect] and not name.lower().startswith("sqlite_")


def _at_limit(name: str, dialect: str) -> str:
    """``name`` padded with x to the dialect's length limit (bytes on PostgreSQL)."""
    size = len(name.encode()) if dialect == "postgresql" else len(name)
    return name + "x" * max(0, LIMIT[dialect] - size)


def names(dialect: str) -> st.SearchStrategy[dict[str, str]]:
    """One hostile name per role, distinct ignoring case."""
    pieced = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
    padded = pieced.map(lambda n: _at_limit(n, dialect))
    one = st.one_of(pieced, pieced, padded, st.sampled_from(RESERVED)).filter(lambda n: _fits(n, dialect))
    return st.lists(one, min_size=len(ROLES), max_size=len(ROLES), unique_by=str.lower).map(
        lambda drawn: dict(zip(ROLES, drawn)))


def literal_values() -> st.SearchStrategy[list[str]]:
    """Enum values and a default: string literals with the same pieces."""
    return st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join),
                    min_size=3, max_size=3, unique=True)


# --- the schemas ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scenario:
    dialect: str
    n: dict[str, str]
    values: list[str]

    def q(self, name: str) -> str:
        mark = "`" if self.dialect == "mysql" else '"'
        return mark + name.replace(mark, mark * 2) + mark

    def lit(self, value: str) -> str:
        if self.dialect == "mysql":
            value = value.replace("\\", "\\\\")
        return "'" + value.replace("'", "''") + "'"

    def table(self, role: str) -> str:
        return f"{self.q(self.n['schema'])}.{self.q(self.n[role])}" if self.dialect == "postgresql" \
            else self.q(self.n[role])

    def c(self, role: str) -> str:
        return self.q(self.n[role])

    @property
    def canary(self) -> list[str]:
        return ["CREATE TABLE canary (id INTEGER PRIMARY KEY, note VARCHAR(200))"] + [
            f"INSERT INTO canary VALUES ({i}, {self.lit(v)})" for i, v in enumerate(self.values + ["-- ;'"])]

    def _schema(self) -> list[str]:
        return [f"CREATE SCHEMA {self.c('schema')}"] if self.dialect == "postgresql" else []

    def _enums(self, *added: str) -> list[str]:
        if self.dialect != "postgresql":
            return []
        second = ", ".join(self.lit(v) for v in (self.values[0], *added))
        return [f"CREATE TYPE {self.table('enum2')} AS ENUM ({second})"]

    @property
    def live(self) -> list[str]:
        return [*self._schema(), *self.canary, *self._enums(),
                f"CREATE TABLE {self.table('t1')} ({self.c('key')} INTEGER PRIMARY KEY, {self.c('kept')} VARCHAR(40), "
                f"{self.c('old')} VARCHAR(40), {self.c('extra')} INTEGER)",
                f"INSERT INTO {self.table('t1')} VALUES (1, 'one', 'first', 10)",
                f"INSERT INTO {self.table('t1')} VALUES (2, 'two', 'second', 20)",
                f"CREATE TABLE {self.table('t3')} ({self.c('key')} INTEGER PRIMARY KEY)"]

    @property
    def expected(self) -> str:
        """The expected schema as a DDL file (read by remedy's catalog parser)."""
        enum = ([f"CREATE TYPE {self.table('enum')} AS ENUM ({', '.join(self.lit(v) for v in self.values)})"]
                if self.dialect == "postgresql" else [])
        return ";\n".join([
            *self._schema(), *self.canary, *self._enums(self.values[1]), *enum,
            f"CREATE TABLE {self.table('t1')} ({self.c('key')} INTEGER PRIMARY KEY, {self.c('kept')} VARCHAR(40), "
            f"{self.c('new')} VARCHAR(40), "
            f"{self.c('added')} VARCHAR(40) NOT NULL DEFAULT {self.lit(self.values[2])}, "
            f"CONSTRAINT {self.c('u1')} UNIQUE ({self.c('kept')}), "
            f"CONSTRAINT {self.c('ck1')} CHECK ({self.c('key')} > 0))",
            f"CREATE INDEX {self.c('i1')} ON {self.table('t1')} ({self.c('new')}, {self.c('added')} DESC)",
            f"CREATE TABLE {self.table('t2')} ({self.c('key')} INTEGER PRIMARY KEY, {self.c('ref')} INTEGER, "
            f"CONSTRAINT {self.c('fk1')} FOREIGN KEY ({self.c('ref')}) "
            f"REFERENCES {self.table('t1')} ({self.c('key')}))"]) + ";\n"


# --- databases ------------------------------------------------------------------------------------

def run_script(url: str, statements: list[str]) -> None:
    """Run statements through SQLAlchemy in one transaction ('%' as written)."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        for stmt in statements:
            conn.exec_driver_sql(stmt.replace("%", "%%") if engine.dialect.name != "sqlite" else stmt)
    engine.dispose()


def count_rows(url: str, table: str) -> int:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        count = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
    engine.dispose()
    return count


def canary_digest(url: str) -> str:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, note FROM canary ORDER BY id").all()
    engine.dispose()
    return hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()


def rows_of(url: str, scenario: Scenario, role: str, column: str) -> list:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    sql = f"SELECT {scenario.c(column)} FROM {scenario.table(role)} ORDER BY {scenario.c('key')}"
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(sql.replace("%", "%%") if engine.dialect.name != "sqlite" else sql).all()
    engine.dispose()
    return [r[0] for r in rows]


@contextmanager
def fresh_database(dialect: str, admin_url: str, tmp: Path):
    """A new empty database of ``dialect``; dropped (or deleted) afterwards."""
    name = f"remedy_h_{uuid.uuid4().hex[:12]}"
    if dialect == "sqlite":
        yield f"sqlite:///{tmp / (name + '.sqlite')}"
        return
    mark = "`" if dialect == "mysql" else '"'
    engine = sa.create_engine(admin_url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {mark}{name}{mark}")
    try:
        yield sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        force = " WITH (FORCE)" if dialect == "postgresql" else ""
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {mark}{name}{mark}{force}")
        engine.dispose()


def run_with_client(dialect: str, url: str, path: Path) -> subprocess.CompletedProcess:
    """The exported script run the way an operator runs it: psql, mariadb, sqlite3."""
    parsed = sa.engine.make_url(url)
    if dialect == "postgresql":
        from tests.conformance.pgclient import run_psql_file

        return run_psql_file(url, path)  # the psql that fits the server (the wheel's, on a machine without one)
    elif dialect == "mysql":
        args = ["mariadb", "-h", parsed.host, "-P", str(parsed.port or 3306), "-u", parsed.username,
                parsed.database]
    elif shutil.which("sqlite3"):
        args = ["sqlite3", "-bail", parsed.database, f".read '{path}'"]
    else:
        import sqlite3

        from tests.conformance.sqliteclient import without_shell_commands

        with sqlite3.connect(parsed.database) as conn:
            conn.executescript(without_shell_commands(path.read_text()))
        return subprocess.CompletedProcess([], 0, "", "")
    env = {**os.environ, "PGPASSWORD": parsed.password or "", "MYSQL_PWD": parsed.password or ""}
    with open(path) as script:  # mariadb reads the script from stdin, as `mariadb db < fix.sql`
        return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120,
                              stdin=script if dialect == "mysql" else subprocess.DEVNULL)

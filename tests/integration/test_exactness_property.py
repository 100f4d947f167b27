"""Exactness as a property: DDL written in any spelling, loaded into a real PostgreSQL,
scanned against that same DDL, yields no finding at all."""
import uuid

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remedy.scan import scan_schemas
from remedy.sources.ddl import schema_from_ddl
from remedy.sources.live import read_live

# (spellings of one type, defaults that fit it)
TYPES = [
    (["int4", "integer", "INT", "int"], ["0", "42", "-1"]),
    (["int8", "bigint", "BIGINT"], ["0", "7"]),
    (["smallint", "int2"], ["1"]),
    (["text", "TEXT"], ["'x'", "'pending'", "''"]),
    (["varchar(255)", "character varying(255)", "VARCHAR(255)"], ["'a'"]),
    (["numeric(10,2)", "decimal(10,2)", "NUMERIC(10, 2)"], ["0", "1.5"]),
    (["boolean", "bool"], ["true", "false", "TRUE"]),
    (["timestamptz", "timestamp with time zone", "TIMESTAMPTZ"], ["now()", "CURRENT_TIMESTAMP"]),
    (["timestamp", "timestamp without time zone"], ["now()"]),
    (["uuid", "UUID"], ["gen_random_uuid()"]),
    (["jsonb", "JSONB"], ["'{}'", "'[]'::jsonb", "'{}'::jsonb"]),
    (["text[]", "TEXT[]"], ["'{}'", "'{}'::text[]"]),
    (["uuid[]"], ["'{}'"]),
    (["date"], ["CURRENT_DATE"]),
    (["double precision", "float8"], ["0"]),
]


@st.composite
def column_sql(draw, name):
    spellings, defaults = draw(st.sampled_from(TYPES))
    parts = [name, draw(st.sampled_from(spellings))]
    if draw(st.booleans()):
        parts.append("NOT NULL")
    if draw(st.booleans()):
        parts.append("DEFAULT " + draw(st.sampled_from(defaults)))
    return " ".join(parts)


PK_TYPE = {"serial": "integer", "bigserial": "int8", "uuid": "uuid", "integer": "int4"}


@st.composite
def ddl_script(draw):
    tables = draw(st.integers(1, 4))
    out = []
    parent_type = None
    for t in range(tables):
        ncols = draw(st.integers(1, 6))
        cols = [draw(column_sql(f"c{i}")) for i in range(ncols)]
        pk = draw(st.sampled_from(["id serial PRIMARY KEY", "id bigserial PRIMARY KEY",
                                   "id uuid PRIMARY KEY DEFAULT gen_random_uuid()",
                                   "id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY"]))
        extra = []
        if t == 0:
            parent_type = PK_TYPE[pk.split()[1]]
        elif draw(st.booleans()):
            cols.append(f"parent_id {parent_type} REFERENCES t0 (id) ON DELETE CASCADE")
        if draw(st.booleans()):
            extra.append(f"CONSTRAINT t{t}_c0_uq UNIQUE (c0)")
        out.append(f"CREATE TABLE t{t} (\n  " + ",\n  ".join([pk, *cols, *extra]) + "\n);")
        if draw(st.booleans()):
            out.append(f"CREATE INDEX t{t}_c0_idx ON t{t} (c0);")
    return "\n".join(out)


@pytest.fixture(scope="module")
def engine(pg_server_url):
    from tests.conftest import _pg_create, _pg_drop

    name, url = _pg_create(pg_server_url)
    eng = sa.create_engine(url, poolclass=sa.pool.NullPool)
    yield eng
    eng.dispose()
    _pg_drop(pg_server_url, name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=ddl_script())
def test_any_spelling_loaded_and_scanned_against_itself_finds_nothing(engine, script):
    schema = f"p_{uuid.uuid4().hex[:10]}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        conn.exec_driver_sql(f"SET LOCAL search_path TO {schema}")
        conn.exec_driver_sql(script)
    try:
        expected = schema_from_ddl(script, "gen.sql", "postgresql", default_schema=schema)
        live = read_live(engine, [schema])
        findings = scan_schemas(expected, live).findings
        assert findings == (), "\n".join(f"{f.id}: {f.message}" for f in findings) + "\n---\n" + script
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")

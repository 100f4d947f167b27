"""Exactness as a property: DDL written in any spelling, loaded into a real PostgreSQL,
scanned against that same DDL, yields no finding at all - and against a second spelling of it
(every type and default respelled), none either."""
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
    (["date"], ["CURRENT_DATE", "'2020-01-01'", "'2020-01-01'::date"]),
    (["double precision", "float8", "float", "float(53)"], ["0", "1e3", "'-0.5'::numeric"]),
    (["real", "float4", "float(24)"], ["1.5", "-2"]),
    (["numeric(10)", "decimal(10)", "numeric(10,0)"], ["0", "'5'", "-3"]),
    (["bit", "bit(1)"], ["B'1'", "'0'::bit"]),
    (["bit varying(8)", "varbit(8)"], ["B'101'"]),
    (["interval", "INTERVAL"], ["'1 day'", "interval '2 hours'", "'01:00:00'::interval"]),
    (["interval second", "INTERVAL SECOND"], []),
    (["interval day to second"], []),
    (["time", "time without time zone"], ["'9:30'", "'09:30:00'", "LOCALTIME"]),
    (["timetz", "time with time zone"], []),
    (["char(2)", "character(2)"], ["'US'", "'US'::bpchar"]),
    (["varchar(20)[]", "character varying(20)[]"], ["'{}'", "ARRAY[]::varchar[]", "ARRAY['a', 'b c']"]),
    (["int[]", "integer[][]", "_int4"], ["'{1,2}'", "ARRAY[1, 2]"]),
    (["boolean"], ["'yes'", "'off'", "'t'"]),
    (["text"], ["'007'", "5", "'it''s'", "''::text"]),
    (["varchar", "character varying"], ["''::character varying", "'x'"]),
    (["timestamp", "timestamp(6)"], ["'2020-01-01'", "(now() AT TIME ZONE 'utc')", "LOCALTIMESTAMP"]),
]


@st.composite
def column_sql(draw, name):
    """One column in two spellings of its type (the rest written the same)."""
    spellings, defaults = draw(st.sampled_from(TYPES))
    rest = []
    if draw(st.booleans()):
        rest.append("NOT NULL")
    if defaults and draw(st.booleans()):
        rest.append("DEFAULT " + draw(st.sampled_from(defaults)))
    return tuple(" ".join([name, draw(st.sampled_from(spellings)), *rest]) for _ in range(2))


PK_TYPE = {"serial": "integer", "bigserial": "int8", "uuid": "uuid", "integer": "int4"}


@st.composite
def ddl_script(draw):
    """The same schema in two spellings."""
    tables = draw(st.integers(1, 4))
    out: tuple[list, list] = ([], [])
    parent_type = None
    for t in range(tables):
        ncols = draw(st.integers(1, 6))
        pairs = [draw(column_sql(f"c{i}")) for i in range(ncols)]
        pk = draw(st.sampled_from(["id serial PRIMARY KEY", "id bigserial PRIMARY KEY",
                                   "id uuid PRIMARY KEY DEFAULT gen_random_uuid()",
                                   "id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY"]))
        extra = []
        if t == 0:
            parent_type = PK_TYPE[pk.split()[1]]
        elif draw(st.booleans()):
            extra.append(f"parent_id {parent_type} REFERENCES t0 (id) ON DELETE CASCADE")
        if draw(st.booleans()):
            extra.append(f"CONSTRAINT t{t}_c0_uq UNIQUE (c0)")
        index = [f"CREATE INDEX t{t}_c0_idx ON t{t} (c0);"] if draw(st.booleans()) else []
        for script, cols in zip(out, zip(*pairs)):
            script.append(f"CREATE TABLE t{t} (\n  " + ",\n  ".join([pk, *cols, *extra]) + "\n);")
            script.extend(index)
    return tuple("\n".join(script) for script in out)


@pytest.fixture(scope="module")
def engine(pg_server_url):
    from tests.conftest import _pg_create, _pg_drop

    name, url = _pg_create(pg_server_url)
    eng = sa.create_engine(url, poolclass=sa.pool.NullPool)
    yield eng
    eng.dispose()
    _pg_drop(pg_server_url, name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scripts=ddl_script())
def test_any_spelling_loaded_and_scanned_against_itself_finds_nothing(engine, scripts):
    _assert_clean(engine, scripts[0], scripts[0])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scripts=ddl_script())
def test_loaded_in_one_spelling_and_scanned_against_another_finds_nothing(engine, scripts):
    _assert_clean(engine, *scripts)


def _assert_clean(engine, script: str, expected_script: str) -> None:
    schema = f"p_{uuid.uuid4().hex[:10]}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        conn.exec_driver_sql(f"SET LOCAL search_path TO {schema}")
        conn.exec_driver_sql(script)
    try:
        expected = schema_from_ddl(expected_script, "gen.sql", "postgresql", default_schema=schema)
        live = read_live(engine, [schema])
        findings = scan_schemas(expected, live).findings
        assert findings == (), "\n".join(f"{f.id}: {f.message}" for f in findings) + "\n---\n" + script \
            + "\n--- expected ---\n" + expected_script
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")

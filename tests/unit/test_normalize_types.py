"""normalize_type / normalize_default / normalize_check: spellings of one thing read as one thing."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remedy.normalize import normalize_check, normalize_default, normalize_type

# canonical form -> spellings (PostgreSQL)
PG_SPELLINGS = {
    "integer": ["int", "int4", "integer", "INT", "Integer", "serial", "serial4"],
    "bigint": ["bigint", "int8", "BIGINT", "bigserial"],
    "smallint": ["smallint", "int2"],
    "boolean": ["bool", "boolean", "BOOLEAN"],
    "timestamptz": ["timestamptz", "timestamp with time zone", "TIMESTAMP WITH TIME ZONE", "timestamptz(6)"],
    "timestamp": ["timestamp", "timestamp without time zone", "timestamp(6) without time zone"],
    "varchar(255)": ["varchar(255)", "character varying(255)", "VARCHAR (255)", "CHARACTER VARYING(255)"],
    "numeric(10,2)": ["numeric(10,2)", "decimal(10,2)", "NUMERIC(10, 2)", "DECIMAL (10,2)"],
    "text[]": ["text[]", "_text", "TEXT[]"],
    "double precision": ["double precision", "float8", "DOUBLE PRECISION"],
    "real": ["real", "float4"],
    "jsonb": ["jsonb", "JSONB"],
    "uuid": ["uuid", "UUID"],
    "char(1)": ["char", "character", "bpchar", "char(1)"],
}
MYSQL_SPELLINGS = {
    "integer": ["int", "int(11)", "INT(11)", "integer", "mediumint(9)"],
    "bigint": ["bigint(20)", "BIGINT", "int(10) unsigned"],
    "boolean": ["tinyint(1)", "boolean", "bool"],
    "numeric(10,2)": ["decimal(10,2)", "numeric(10,2)"],
    "varchar(50)": ["varchar(50)", "VARCHAR(50)"],
}


@pytest.mark.parametrize("dialect,table", [("postgresql", PG_SPELLINGS), ("mysql", MYSQL_SPELLINGS)])
def test_spellings_map_to_one_form(dialect, table):
    for canonical, spellings in table.items():
        for raw in spellings:
            assert normalize_type(raw, dialect) == canonical, (raw, dialect)


def _variants(raw: str):
    """Case and whitespace variants of one spelling."""
    words = raw.split(" ")
    return st.tuples(
        st.lists(st.booleans(), min_size=len(raw), max_size=len(raw)),
        st.lists(st.sampled_from([" ", "  ", "\t"]), min_size=len(words), max_size=len(words)),
        st.sampled_from(["", " ", "\n"]),
    ).map(lambda t: t[2] + _join(words, t[1], t[0]) + t[2])


def _join(words, seps, upper):
    text = "".join(w + (seps[i] if i < len(words) - 1 else "") for i, w in enumerate(words))
    return "".join(ch.upper() if up else ch for ch, up in zip(text, upper + [False] * len(text)))


@st.composite
def pg_spelling(draw):
    canonical = draw(st.sampled_from(sorted(PG_SPELLINGS)))
    raw = draw(st.sampled_from(PG_SPELLINGS[canonical]))
    return canonical, draw(_variants(raw))


@settings(max_examples=300, deadline=None)
@given(pg_spelling())
def test_case_and_whitespace_variants_are_one_type(pair):
    canonical, raw = pair
    assert normalize_type(raw, "postgresql") == canonical


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted({r for rs in PG_SPELLINGS.values() for r in rs})))
def test_normalize_type_is_idempotent(raw):
    once = normalize_type(raw, "postgresql")
    assert normalize_type(once, "postgresql") == once


@pytest.mark.parametrize("raw,dialect,expected", [
    ("now()", "postgresql", "now()"), ("CURRENT_TIMESTAMP", "postgresql", "now()"),
    ("current_timestamp()", "mysql", "now()"), ("'hello'::text", "postgresql", "'hello'"),
    ("nextval('t_id_seq'::regclass)", "postgresql", "nextval('t_id_seq')"), ("NULL", "mysql", None),
    ("'{}'::jsonb", "postgresql", "'{}'"), ("'5'", "mysql", "5"), ("false", "postgresql", "false"),
])
def test_default_spellings(raw, dialect, expected):
    assert normalize_default(raw, dialect) == expected


@pytest.mark.parametrize("raw,dialect", [("0", "mysql"), ("'0'", "mysql"), ("0", "sqlite"), ("false", "postgresql")])
def test_boolean_defaults_with_a_type(raw, dialect):
    assert normalize_default(raw, dialect, "boolean") == "false"


@pytest.mark.parametrize("left,right", [
    ("CHECK ((price > (0)::numeric))", "price > 0"),
    ("CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))", "status IN ('a','b')"),
    ("CHECK (((q >= 1) AND (q <= 10)))", "q BETWEEN 1 AND 10"),
    ("CHECK (((length((s)::text) > 2) AND ((s)::text <> 'x'::text)))", "length(s) > 2 AND s <> 'x'"),
])
def test_check_spellings(left, right):
    assert normalize_check(left) == normalize_check(right)


def test_check_keeps_meaningful_parentheses():
    assert normalize_check("a > 1 AND (b > 2 OR c > 3)") != normalize_check("a > 1 AND b > 2 OR c > 3")
    assert normalize_check("(a + b) * c > 0") != normalize_check("a + b * c > 0")


def test_mysql_check_backticks():
    assert normalize_check("`price` > 0", "mysql") == normalize_check("price > 0", "mysql")


@pytest.mark.parametrize("raw,expected", [
    ("'open'::billing.state", "'open'"), ("'x'::\"Mood\"", "'x'"), ("'{}'::character varying(3)[]", "'{}'"),
    ("('now'::text)::timestamp(3) without time zone", "now()"), ("CAST('-1' AS INT)", "-1"),
])
def test_postgresql_cast_spellings(raw, expected):
    assert normalize_default(raw, "postgresql") == expected

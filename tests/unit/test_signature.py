"""The diff skips table pairs whose signatures are equal. That shortcut must never change what a
scan reports: every attribute a comparator reads changes the signature, and for any pair of
schemas the findings are the same with the shortcut and without it."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remedy.diff.context import Context
from remedy.diff.signature import signature
from remedy.model import (
    CheckConstraint, Column, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint, build_schema,
)
from remedy.scan import scan_schemas
from remedy.scope import Scope, mapped

BASE = Table(
    "orders", "public",
    columns=(Column("id", "bigint", False, None, "bigint", identity=True),
             Column("customer_id", "bigint", False, None, "bigint"),
             Column("status", "varchar(20)", False, "'new'", "varchar(20)", "'new'"),
             Column("total", "numeric(10,2)", True, None, "numeric(10,2)")),
    primary_key=PrimaryKey(("id",), "orders_pkey"),
    foreign_keys=(ForeignKey(("customer_id",), "customers", ("id",), "public", "orders_customer_fkey"),),
    uniques=(UniqueConstraint(("customer_id", "status"), "orders_customer_status_key"),),
    checks=(CheckConstraint("total >= 0", "orders_total_check", "total >= 0"),),
    indexes=(Index("orders_status_idx", ("status",), method="btree"),),
)
CUSTOMERS = Table("customers", "public", columns=(Column("id", "bigint", False, None, "bigint"),),
                  primary_key=PrimaryKey(("id",), "customers_pkey"))


def _column(table: Table, i: int, **changes) -> Table:
    columns = list(table.columns)
    columns[i] = replace(columns[i], **changes)
    return replace(table, columns=tuple(columns))


MUTATIONS = {
    "type": lambda t: _column(t, 3, type="numeric(12,2)", raw_type="numeric(12,2)"),
    "nullability": lambda t: _column(t, 3, nullable=False),
    "default": lambda t: _column(t, 2, default="'open'", raw_default="'open'"),
    "identity": lambda t: _column(t, 0, identity=False),
    "column name": lambda t: _column(t, 3, name="amount"),
    "column added": lambda t: replace(t, columns=t.columns + (Column("note", "text", raw_type="text"),)),
    "column dropped": lambda t: replace(t, columns=t.columns[:-1]),
    "primary key": lambda t: replace(t, primary_key=PrimaryKey(("id", "customer_id"), "orders_pkey")),
    "no primary key": lambda t: replace(t, primary_key=None),
    "foreign key action": lambda t: replace(t, foreign_keys=(replace(t.foreign_keys[0], on_delete="CASCADE"),)),
    "foreign key dropped": lambda t: replace(t, foreign_keys=()),
    "unique columns": lambda t: replace(t, uniques=(UniqueConstraint(("status",), "orders_status_key"),)),
    "check": lambda t: replace(t, checks=(CheckConstraint("total > 0", "orders_total_positive", "total > 0"),)),
    "index columns": lambda t: replace(t, indexes=(Index("orders_status_idx", ("status", "total")),)),
    "index unique": lambda t: replace(t, indexes=(replace(t.indexes[0], unique=True),)),
    "index predicate": lambda t: replace(t, indexes=(replace(t.indexes[0], where="total > 0"),)),
    "index method": lambda t: replace(t, indexes=(replace(t.indexes[0], method="hash"),)),
}


def _schema(dialect: str, orders: Table):
    return build_schema(dialect, [CUSTOMERS, orders], schemas=("public",))


def _scan_without_shortcut(monkeypatch, expected, live):
    with monkeypatch.context() as patch:
        patch.setattr(Context, "unchanged", lambda self, key, live: False)
        return scan_schemas(expected, live)


def test_equal_tables_have_equal_signatures_whatever_their_raw_spelling():
    respelled = _column(BASE, 0, raw_type="int8", raw_default=None, ordinal=7, comment="the key")
    assert signature(respelled, "postgresql") == signature(BASE, "postgresql")


@pytest.mark.parametrize("change", sorted(MUTATIONS))
@pytest.mark.parametrize("dialect", ["postgresql", "mysql", "sqlite"])
def test_every_compared_attribute_changes_the_signature(change, dialect, monkeypatch):
    changed = MUTATIONS[change](BASE)
    assert signature(changed, dialect) != signature(BASE, dialect)
    for expected, live in ((changed, BASE), (BASE, changed)):
        fast = scan_schemas(_schema(dialect, expected), _schema(dialect, live))
        full = _scan_without_shortcut(monkeypatch, _schema(dialect, expected), _schema(dialect, live))
        assert [f.to_json() for f in fast.findings] == [f.to_json() for f in full.findings]


def test_mariadb_unsigned_and_enum_values_live_in_the_raw_type():
    signed = replace(BASE, columns=(Column("id", "bigint", False, None, "bigint"),
                                    Column("kind", "enum", True, None, "enum('a','b')")))
    unsigned = _column(signed, 0, raw_type="bigint unsigned")
    more_values = _column(signed, 1, raw_type="enum('a','b','c')")
    assert signature(unsigned, "mysql") != signature(signed, "mysql")
    assert signature(more_values, "postgresql") != signature(signed, "postgresql")


def test_tables_the_shortcut_cannot_judge_have_no_signature():
    code_expectation = _column(BASE, 3, type="")
    elsewhere = replace(BASE, foreign_keys=(replace(BASE.foreign_keys[0], ref_schema="billing"),))
    assert signature(code_expectation, "postgresql") is None
    assert signature(elsewhere, "postgresql") is None


TYPES = ("integer", "bigint", "text", "varchar(20)", "boolean", "numeric(10,2)", "enum")


@st.composite
def tables(draw):
    names = draw(st.lists(st.sampled_from("abcde"), min_size=1, max_size=4, unique=True))
    columns = [Column("id", "integer", False, raw_type="integer")]
    for name in names:
        type_ = draw(st.sampled_from(TYPES))
        raw = draw(st.sampled_from(["enum('x')", "enum('x','y')"])) if type_ == "enum" else type_
        columns.append(Column(name, type_, draw(st.booleans()), draw(st.sampled_from([None, "0", "'x'"])), raw,
                              identity=draw(st.booleans())))
    indexed = draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
    return Table("t", "public", columns=tuple(columns),
                 primary_key=draw(st.sampled_from([PrimaryKey(("id",), "t_pkey"), None])),
                 indexes=tuple(Index(f"t_{n}_idx", (n,), unique=draw(st.booleans())) for n in indexed),
                 uniques=tuple(UniqueConstraint((n,), f"t_{n}_key") for n in names[:1] if draw(st.booleans())))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(expected=tables(), live=st.one_of(st.none(), tables()),
       dialect=st.sampled_from(["postgresql", "mysql", "sqlite"]))
def test_the_shortcut_never_changes_what_a_scan_reports(expected, live, dialect, monkeypatch):
    live = live or expected  # a third of the pairs are equal: those the shortcut skips
    want, have = build_schema(dialect, [expected], schemas=("public",)), build_schema(dialect, [live],
                                                                                       schemas=("public",))
    fast = scan_schemas(want, have)
    full = _scan_without_shortcut(monkeypatch, want, have)
    assert [f.to_json() for f in fast.findings] == [f.to_json() for f in full.findings]


def test_names_from_a_sqlalchemy_metadata_sign_like_plain_strings():
    from sqlalchemy.sql.elements import quoted_name

    from_metadata = replace(_column(BASE, 3, name=quoted_name("total", None)), name=quoted_name("orders", None))
    assert signature(from_metadata, "postgresql") == signature(BASE, "postgresql") is not None


@pytest.mark.parametrize("dialect,expected_ns,live_ns", [("mysql", "", "test"), ("postgresql", "public", "app")])
def test_a_catalog_without_the_live_namespace_is_compared_by_signature_too(dialect, expected_ns, live_ns,
                                                                          monkeypatch):
    """An unqualified MariaDB catalog ("" against database `test`), or one written for `public` scanned
    against a database whose one schema is `app` with --map-schema app=public (PostgreSQL matches schemas by
    name unless asked): equal tables are skipped, drift is still found."""
    def moved(table: Table, ns: str, fk_ns: str | None) -> Table:
        keys = tuple(replace(fk, ref_schema=fk_ns) for fk in table.foreign_keys)
        return replace(table, schema=ns, foreign_keys=keys)

    def schemas(orders_live: Table):
        expected = build_schema(dialect, [moved(CUSTOMERS, expected_ns, None), moved(BASE, expected_ns, None)],
                                schemas=(expected_ns,))
        if expected_ns:  # MariaDB has one namespace per database: nothing to map
            expected = mapped(expected, Scope.of(maps=[f"{live_ns}={expected_ns}"]))
        live = build_schema(dialect, [moved(CUSTOMERS, live_ns, live_ns), moved(orders_live, live_ns, live_ns)],
                            schemas=(live_ns,))
        return expected, live

    expected, live = schemas(BASE)
    verdicts = []
    original = Context.unchanged

    def recorded(self, key, table):
        verdicts.append(original(self, key, table))
        return verdicts[-1]

    monkeypatch.setattr(Context, "unchanged", recorded)
    assert scan_schemas(expected, live).findings == ()
    assert verdicts == [True, True]  # both pairs skipped by signature
    monkeypatch.setattr(Context, "unchanged", original)
    for change in ("nullability", "foreign key action", "index predicate"):
        expected, live = schemas(MUTATIONS[change](BASE))
        fast = scan_schemas(expected, live)
        full = _scan_without_shortcut(monkeypatch, expected, live)
        assert fast.findings and [f.to_json() for f in fast.findings] == [f.to_json() for f in full.findings]

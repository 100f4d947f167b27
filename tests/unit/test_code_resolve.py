"""Which tables and columns a statement references, resolved against known tables."""
from __future__ import annotations

import pytest
import sqlglot

from remedy.model import Column, Table, build_schema
from remedy.sources.code.resolve import Analysis, Known, analyze, resolve

LIVE = build_schema("postgresql", [
    Table("t", "public", tuple(Column(c, "text") for c in ("id", "a", "k", "updated_at"))),
    Table("u", "public", tuple(Column(c, "text") for c in ("tid", "y", "updated_at"))),
    Table("o", "public", tuple(Column(c, "text") for c in ("id", "x"))),
    Table("events", "ops", tuple(Column(c, "text") for c in ("id", "kind"))),
], schemas=("public", "ops"))


def refs(sql: str, known: Known | None = None):
    analysis = analyze(sqlglot.parse_one(sql, read="postgres"))
    analysis = Analysis.from_json(analysis.to_json())  # what the cache stores round-trips
    result = resolve(analysis, known or Known([LIVE], "public"))
    return set(result.tables), set(result.columns), dict(result.unresolved)


def cols(*names: str) -> set:
    return {("public", *n.split(".")) for n in names}


def test_aliases_and_joins():
    tables, columns, unresolved = refs("SELECT x.a, u.y FROM t AS x JOIN u ON u.tid = x.id WHERE x.k = $1")
    assert tables == {("public", "t"), ("public", "u")}
    assert columns == cols("t.a", "u.y", "u.tid", "t.id", "t.k") and not unresolved


def test_unqualified_column_in_a_join_goes_to_the_table_that_has_it():
    _, columns, unresolved = refs("SELECT a, y FROM t JOIN u ON u.tid = t.id")
    assert cols("t.a", "u.y") <= columns and not unresolved


def test_unqualified_column_no_table_has_is_unresolved_not_guessed():
    _, columns, unresolved = refs("SELECT a FROM t JOIN u ON u.tid = t.id WHERE business_status = 'x'")
    assert not any(c[2] == "business_status" for c in columns)
    assert unresolved == {"business_status": "none of t, u has it"}


def test_ambiguous_unqualified_column_is_unresolved():
    _, _, unresolved = refs("SELECT updated_at FROM t JOIN u ON u.tid = t.id")
    assert unresolved == {"updated_at": "ambiguous: t, u all have it"}


def test_single_table_missing_column_is_expected_of_that_table():
    _, columns, _ = refs("SELECT a, created_at FROM t")
    assert ("public", "t", "created_at") in columns


def test_cte_outputs_and_star_passthrough():
    _, columns, unresolved = refs("WITH c AS (SELECT id, a AS n FROM t) SELECT c.n, c.id FROM c WHERE n > 1")
    assert columns == cols("t.id", "t.a") and not unresolved
    _, columns, _ = refs("WITH s AS (SELECT * FROM t) SELECT s.a, s.zz FROM s")
    assert columns == cols("t.a", "t.zz")


def test_correlated_subquery_reaches_the_outer_table():
    _, columns, unresolved = refs("SELECT a FROM t WHERE id IN (SELECT tid FROM u WHERE u.y = t.k AND k = 'z')")
    assert cols("t.a", "t.id", "u.tid", "u.y", "t.k") == columns and not unresolved


def test_insert_columns_on_conflict_and_returning():
    tables, columns, _ = refs("INSERT INTO t AS x (a, k) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE "
                              "SET a = EXCLUDED.a, updated_at = now() WHERE x.k <> EXCLUDED.k RETURNING id, new_col")
    assert tables == {("public", "t")}
    assert columns == cols("t.a", "t.k", "t.id", "t.updated_at", "t.new_col")


def test_update_set_from_and_delete_using():
    _, columns, unresolved = refs("UPDATE t SET a = o.x, y2 = 1 FROM o WHERE t.id = o.id RETURNING t.a")
    assert columns == cols("t.a", "t.y2", "o.x", "t.id", "o.id") and not unresolved
    _, columns, _ = refs("DELETE FROM t USING u WHERE t.id = u.tid AND y = $1")
    assert columns == cols("t.id", "u.tid", "u.y")


def test_select_star_needs_the_table_only():
    tables, columns, _ = refs("SELECT * FROM missing_table")
    assert tables == {("public", "missing_table")} and columns == set()


def test_schema_qualified_names_and_search_order():
    tables, columns, _ = refs("SELECT e.kind FROM ops.events e")
    assert tables == {("ops", "events")} and columns == {("ops", "events", "kind")}
    tables, _, _ = refs("SELECT kind FROM events")  # unqualified: the schema that has it
    assert tables == {("ops", "events")}


def test_a_dynamic_insert_column_list_expects_only_the_literal_columns():
    _, columns, _ = refs("INSERT INTO t (id, __hole_1) VALUES ($1, __hole_2) RETURNING id")
    assert columns == cols("t.id")


def test_dynamic_table_name_and_holes_are_not_references():
    tables, columns, unresolved = refs("SELECT a FROM __hole_1 WHERE b = __hole_2")
    assert tables == set() and columns == set()
    assert unresolved == {"dynamic table name": "built at run time; not checked"}


def test_order_by_output_alias_and_pseudo_columns_are_not_columns():
    _, columns, unresolved = refs("SELECT count(*) AS n, current_user FROM t JOIN u ON u.tid = t.id ORDER BY n")
    assert columns == cols("u.tid", "t.id") and not unresolved


def test_unknown_qualifier_is_unresolved():
    _, _, unresolved = refs("SELECT z.a FROM t")
    assert unresolved == {"a": "qualifier 'z' names no table in the query"}


@pytest.mark.parametrize("sql", [
    "SELECT a FROM t UNION ALL SELECT y FROM u ORDER BY 1",
    "SELECT n FROM unnest($1::text[]) AS v(n)",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r",
    "SELECT t.a, l.x FROM t, LATERAL (SELECT x FROM o WHERE o.id = t.id) l",
])
def test_odd_shapes_do_not_crash_or_invent_tables(sql):
    tables, _, _ = refs(sql)
    assert tables <= {("public", "t"), ("public", "u"), ("public", "o")}


@pytest.mark.parametrize("sql", [
    "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace",
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
    "SELECT name FROM sqlite_master WHERE type = 'table'",
])
def test_system_catalogs_are_not_expectations(sql):
    tables, columns, _ = refs(sql)
    assert tables == set() and columns == set()

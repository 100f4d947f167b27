"""What a finding tells the operator, beyond its kind: why an extra column breaks inserts, and that the catalog
itself has drifted when only the code knows a column. Both were untested (mutation testing: bench/MUTATION_RESULTS.md).
"""
from __future__ import annotations

import pytest

from remedy.scan import scan
from remedy.sources.code import CATALOG_DRIFT
from tests.conftest import load_drift, run_sql

LIVE = "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, name TEXT, legacy_code TEXT NOT NULL, notes TEXT);"
EXPECTED = "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, name TEXT, budget INTEGER);"


@pytest.fixture
def drifted(pg_url, tmp_path, monkeypatch):
    return load_drift(pg_url, tmp_path, monkeypatch, LIVE, EXPECTED)


def _by_id(result) -> dict:
    return {f.id: f for f in result.findings}


def test_an_extra_not_null_column_without_a_default_says_inserts_that_omit_it_fail(drifted):
    url, expected = drifted
    found = _by_id(scan(url, expected))
    blocking, harmless = found["extra_column:public.campaigns.legacy_code"], found["extra_column:public.campaigns.notes"]
    assert (blocking.severity, blocking.message) == (
        "critical", "campaigns.legacy_code exists but is not expected; it is NOT NULL without a default, so inserts "
                    "that omit it fail")
    assert (harmless.severity, harmless.message) == ("info", "campaigns.notes exists but is not expected")


def test_a_column_only_the_code_reads_says_the_catalog_has_drifted(drifted, tmp_path):
    url, expected = drifted
    code = tmp_path / "queries.sql"
    code.write_text("SELECT c.name, c.launch_date FROM campaigns c;\n")
    found = _by_id(scan(url, expected, code_paths=[str(code)]))
    assert found["missing_column:public.campaigns.launch_date"].message == (
        f"campaigns.launch_date is expected but missing; {CATALOG_DRIFT}")
    assert found["missing_column:public.campaigns.budget"].message == "campaigns.budget is expected but missing"


def test_a_type_mismatch_and_a_missing_unique_index_say_what_is_and_what_is_expected(pg_url, tmp_path, monkeypatch):
    """The message names both types and the kind of index; the JSON carries both columns as the server has them."""
    url, expected = load_drift(pg_url, tmp_path, monkeypatch,
                               "CREATE TABLE campaigns (id int PRIMARY KEY, name varchar(40) NOT NULL);",
                               "CREATE TABLE campaigns (id int PRIMARY KEY, name varchar(80) NOT NULL);\n"
                               "CREATE UNIQUE INDEX campaigns_name_key ON campaigns (name);")
    found = _by_id(scan(url, expected))
    widened, index = found["type_mismatch:public.campaigns.name"], found["missing_index:public.campaigns.campaigns_name_key"]
    assert (widened.severity, widened.message) == (  # a wider type of the same family: a warning
        "warning", "campaigns.name is character varying(40) but character varying(80) is expected")
    assert (widened.expected, widened.actual) == (
        {"type": "varchar(80)", "nullable": False, "default": None, "raw_type": "character varying(80)"},
        {"type": "varchar(40)", "nullable": False, "default": None, "raw_type": "character varying(40)"})
    assert index.message == "campaigns lacks unique index campaigns_name_key on (name)"


@pytest.mark.parametrize("index,says", [("CREATE INDEX u ON items (sku)", "the index u holds the name"),
                                        ("CREATE UNIQUE INDEX u ON items (sku)", "the unique index u holds the name")])
def test_a_missing_unique_key_names_the_index_that_holds_its_name(pg_url, tmp_path, monkeypatch, index, says):
    """A unique index is not "the plain index": the operator reads which index the plan replaces."""
    url, expected = load_drift(pg_url, tmp_path, monkeypatch, f"CREATE TABLE items (id int PRIMARY KEY, sku text);\n{index};",
                               "CREATE TABLE items (id int PRIMARY KEY, sku text, CONSTRAINT u UNIQUE (sku));")
    found = _by_id(scan(url, expected))["missing_unique:public.items.u"]
    assert found.message == f"items(sku) should be UNIQUE; {says} and is replaced"


@pytest.mark.mariadb
@pytest.mark.parametrize("expected_from", ["database", "ddl file"])
def test_a_mariadb_unique_key_named_like_a_plain_index_on_other_columns_says_the_index_is_replaced(
        mariadb_url_factory, tmp_path, monkeypatch, expected_from):
    """On MariaDB a unique key and an index share one namespace per table: the plan drops the index that holds
    the name, so the finding says so, and its JSON shows what that index covered."""
    want = "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20), name VARCHAR(20), UNIQUE KEY u (sku));"
    url, expected = load_drift(mariadb_url_factory(), tmp_path, monkeypatch,
                               "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20), name VARCHAR(20), KEY u (name));",
                               want)
    if expected_from == "database":
        expected = mariadb_url_factory()
        run_sql(expected, want)
    [found] = scan(url, expected).findings
    assert (found.kind, found.message) == ("missing_unique", "items(sku) should be UNIQUE; the index u holds the name "
                                                             "and is replaced")
    assert found.actual == {"name_held_by": "index", "definition": "(name)"}
    assert found.expected == {"columns": ["sku"], "definition": "UNIQUE (sku)"}


@pytest.mark.mariadb
def test_a_mariadb_type_mismatch_shows_the_character_sets_only_where_they_differ(mariadb_url, tmp_path, monkeypatch):
    """latin1 against utf8mb4 is the drift an operator must see (each side's charset and collation); a longer
    varchar of the same charset is only the length."""
    url, expected = load_drift(
        mariadb_url, tmp_path, monkeypatch,
        "CREATE TABLE items (id INT PRIMARY KEY, code VARCHAR(20) CHARACTER SET latin1, "
        "name VARCHAR(20) CHARACTER SET utf8mb4) DEFAULT CHARSET=utf8mb4;",
        "CREATE TABLE items (id INT PRIMARY KEY, code VARCHAR(20) CHARACTER SET utf8mb4, "
        "name VARCHAR(40) CHARACTER SET utf8mb4) DEFAULT CHARSET=utf8mb4;")
    found = _by_id(scan(url, expected))
    schema = url.rsplit("/", 1)[1]
    assert found[f"type_mismatch:{schema}.items.code"].message == (
        "items.code is varchar(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci but VARCHAR(20) CHARACTER SET "
        "utf8mb4 is expected")
    assert found[f"type_mismatch:{schema}.items.name"].message == "items.name is varchar(20) but VARCHAR(40) is expected"


def test_a_foreign_key_that_acts_otherwise_under_another_name_says_both_actions(pg_url, tmp_path, monkeypatch):
    """The plan replaces the live key: the operator reads what deleting a customer does now and what it will do."""
    parent = "CREATE TABLE customers (id int PRIMARY KEY);\n"
    url, expected = load_drift(
        pg_url, tmp_path, monkeypatch,
        parent + "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, CONSTRAINT orders_customer_fk "
                 "FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);",
        parent + "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, CONSTRAINT orders_customer_id_fkey "
                 "FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE SET NULL);")
    [found] = scan(url, expected).findings
    assert (found.id, found.message) == (
        "missing_foreign_key:public.orders.orders_customer_id_fkey",
        "orders(customer_id) should reference customers(id) ON DELETE SET NULL ON UPDATE NO ACTION; the live key "
        "orders_customer_fk has ON DELETE CASCADE ON UPDATE NO ACTION")


def test_row_level_security_and_an_extra_schema_say_what_each_side_has_in_the_json(pg_url, tmp_path, monkeypatch):
    """A dashboard reads the JSON: RLS off is an empty definition (not null), and an extra schema lists its own tables."""
    url, expected = load_drift(
        pg_url, tmp_path, monkeypatch,
        "CREATE TABLE notes (id int PRIMARY KEY); CREATE TABLE docs (id int PRIMARY KEY);\n"
        "ALTER TABLE docs ENABLE ROW LEVEL SECURITY;\n"
        "CREATE SCHEMA archive; CREATE TABLE archive.old_notes (id int); CREATE TABLE archive.old_docs (id int);",
        "CREATE TABLE notes (id int PRIMARY KEY); CREATE TABLE docs (id int PRIMARY KEY);\n"
        "ALTER TABLE notes ENABLE ROW LEVEL SECURITY; ALTER TABLE notes FORCE ROW LEVEL SECURITY;\n")
    found = _by_id(scan(url, expected))
    forced, off = found["rls_mismatch:public.notes"], found["rls_mismatch:public.docs"]
    assert (forced.severity, forced.message) == ("critical", "row-level security on notes: expected enabled, forced, is off")
    assert (forced.expected, forced.actual) == ({"kind": "rls", "name": "notes", "definition": "enabled, forced"},
                                                {"kind": "rls", "name": "notes", "definition": ""})
    assert (off.expected, off.actual) == ({"kind": "rls", "name": "docs", "definition": ""},
                                          {"kind": "rls", "name": "docs", "definition": "enabled"})
    assert found["extra_schema:archive"].actual == {"tables": ["old_docs", "old_notes"]}

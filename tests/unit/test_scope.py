"""Scope, schemas and names on the model: every schema on both sides, matched by name, case-sensitively
on PostgreSQL; --schema / --exclude-schema / --map-schema; the kinds that are present and not compared."""
from __future__ import annotations

import pytest

from remedy.errors import RemedyError
from remedy.findings import ScanResult
from remedy.model import Column, ForeignKey, PrimaryKey, Table, build_schema
from remedy.render.report.common import kind_count, no_drift_line, not_compared_text
from remedy.scan import not_compared, scan_schemas
from remedy.scope import Scope, check_scope, is_system_schema, mapped, scoped
from remedy.sources.inventory import Present, ddl_inventory


def _table(schema: str, name: str, *columns: str, fk: ForeignKey | None = None) -> Table:
    cols = (Column("id", "integer", nullable=False),) + tuple(Column(c, "text") for c in columns)
    return Table(name, schema, cols, PrimaryKey(("id",)), foreign_keys=(fk,) if fk else ())


def _pg(*tables: Table, schemas: tuple[str, ...] = ("public",)):
    return build_schema("postgresql", list(tables), schemas=schemas)


def test_system_schemas_and_remedys_journal_are_never_read():
    assert all(is_system_schema(n) for n in ("pg_catalog", "information_schema", "pg_toast", "pg_temp_3", "remedy"))
    assert not any(is_system_schema(n) for n in ("public", "app", "Remedy", "pg"))


def test_schema_and_exclude_schema_scope_a_model():
    model = _pg(_table("public", "a"), _table("app", "b"), _table("scratch", "c"), schemas=("app", "public", "scratch"))
    assert set(scoped(model, Scope.of(["app"])).tables) == {("app", "b")}
    kept = scoped(model, Scope.of(excluded=["scratch"]))
    assert set(kept.tables) == {("public", "a"), ("app", "b")} and kept.schemas == ("app", "public")


def test_map_schema_renames_the_expected_side_and_its_references():
    expected = _pg(_table("app", "users"), _table("app", "orders", fk=ForeignKey(("user_id",), "users", ("id",), "app")),
                   schemas=("app",))
    moved = mapped(expected, Scope.of(maps=["tenant_7=app"]))
    assert set(moved.tables) == {("tenant_7", "users"), ("tenant_7", "orders")}
    assert moved.tables[("tenant_7", "orders")].foreign_keys[0].ref_schema == "tenant_7"
    assert moved.schemas == ("tenant_7",)


@pytest.mark.parametrize("text", ["tenant", "=app", "tenant=", "a=b=c"])
def test_a_malformed_map_schema_is_a_usage_error(text):
    with pytest.raises(RemedyError, match="--map-schema"):
        Scope.of(maps=[text])


def test_a_schema_neither_side_has_is_refused():
    with pytest.raises(RemedyError, match="--schema nosuch: no such schema"):
        check_scope(_pg(_table("public", "a")), _pg(), Scope.of(["nosuch"]), "catalog x")


def test_an_empty_expected_side_is_refused_naming_it():
    with pytest.raises(RemedyError, match=r"the expected side \(catalog x\) has no tables"):
        check_scope(_pg(), _pg(_table("public", "a")), Scope(), "catalog x")


def test_an_empty_live_side_is_a_target():
    check_scope(_pg(_table("public", "a")), _pg(), Scope(), "catalog x")
    kinds = {f.kind for f in scan_schemas(_pg(_table("public", "a")), _pg()).findings}
    assert kinds == {"missing_table"}


def test_schemas_are_matched_by_name_never_mapped_by_guess():
    expected = _pg(_table("public", "items", "name"))
    live = _pg(_table("app", "items", "name"), schemas=("app", "public"))
    ids = {f.id for f in scan_schemas(expected, live).findings}
    assert ids == {"missing_table:public.items", "extra_schema:app", "extra_table:app.items"}


def test_missing_schema_is_a_finding_and_the_default_schema_never_is():
    expected = _pg(_table("billing", "invoices"), schemas=("billing",))
    ids = {f.id for f in scan_schemas(expected, _pg()).findings}
    assert ids == {"missing_schema:billing", "missing_table:billing.invoices"}


def test_postgresql_names_are_case_sensitive():
    expected = _pg(_table("public", "Order", "Total"))
    live = _pg(_table("public", "order", "total"))
    assert live.table("public", "Order") is None
    ids = {f.id for f in scan_schemas(expected, live).findings}
    assert ids == {"missing_table:public.Order", "extra_table:public.order"}


def test_mariadb_names_fold_case():
    live = build_schema("mysql", [_table("shop", "Orders", "Total")], schemas=("shop",))
    assert live.table("shop", "orders").name == "Orders"
    assert live.table("shop", "orders").column("total", live.name_key).name == "Total"


def test_a_kind_drops_out_of_not_compared_once_a_comparator_declares_it(monkeypatch):
    from remedy import diff

    present = (Present("view", "public", 3), Present("trigger", "app", 1), Present("view", "scratch", 2))
    assert not_compared(present, Scope.of(excluded=["scratch"])) == present[:2]
    monkeypatch.setattr(diff, "_COMPARED_KINDS", {"view"})
    assert not_compared(present, Scope()) == (present[1],)


def test_no_drift_says_what_was_not_compared():
    result = ScanResult(expected=_pg(), live=_pg(), findings=(),
                        not_compared=(Present("view", "public", 3), Present("trigger", "public", 1),
                                      Present("view", "public", 2, "expected")))
    assert not_compared_text(result) == "1 trigger, 3 views; in the expected database: 2 views"
    assert no_drift_line(result) == ("No drift in what was compared; not compared: 1 trigger, 3 views; "
                                         "in the expected database: 2 views.")
    assert kind_count("policy", 2) == "2 policies" and kind_count("materialized_view", 1) == "1 materialized view"


def test_a_catalog_counts_what_its_ddl_declares_beyond_the_model():
    ddl = ("CREATE TABLE t (id serial PRIMARY KEY);\nCREATE SEQUENCE public.t_id_seq;\n"
           "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;\nCREATE SEQUENCE loose;\n"
           "CREATE OR REPLACE VIEW app.v AS SELECT 1;\nCREATE TRIGGER trg BEFORE INSERT ON app.t\n"
           "  FOR EACH ROW EXECUTE FUNCTION f();\nCREATE TYPE mood AS ENUM ('a');\nGRANT SELECT ON t TO x;\n")
    assert {(p.kind, p.schema, p.count) for p in ddl_inventory([ddl], "public")} == {
        ("sequence", "public", 1), ("view", "app", 1), ("trigger", "app", 1), ("grant", "public", 1)}


def test_a_catalog_says_what_it_declares_that_no_comparator_reads():
    """An inherited table later in the file was counted only when it began the file (a "^" without MULTILINE)."""
    from remedy.sources.inventory import ddl_inventory

    found = {(p.kind, p.schema) for p in ddl_inventory([
        "CREATE TABLE p (id int);\nCREATE TABLE k (id int) INHERITS (p);\n"
        "CREATE TABLE a (id int) WITH (fillfactor = 70);\nALTER TABLE ONLY s.b SET (autovacuum_enabled = false);\n"
        "ALTER TABLE b REPLICA IDENTITY FULL;\nALTER TABLE c REPLICA IDENTITY DEFAULT;\n"
        "ALTER TABLE public.c CLUSTER ON c_pkey;\nALTER TABLE c ALTER COLUMN v SET STATISTICS 500;\n"
        "ALTER TABLE c ALTER COLUMN v SET DEFAULT 5;\n"], "public")}
    assert found == {("inheritance", "public"), ("table_storage_parameters", "public"),
                     ("table_storage_parameters", "s"), ("replica_identity", "public"),
                     ("clustered_index", "public"), ("column_storage_setting", "public")}

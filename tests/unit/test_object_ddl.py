"""What a plan writes for views, functions, RLS...: in place where PostgreSQL allows it, else drop and create."""
from __future__ import annotations

import re

from remedy.findings import Finding
from remedy.model import SchemaObject
from remedy.sources.object_ddl import KIND_SQL
from remedy.tui.widgets.definition_diff import definition_diff


class Quoting:
    def quote(self, name: str) -> str:
        plain = re.fullmatch(r"[a-z_][a-z0-9_$]*", name) and name not in ("order", "user")
        return name if plain else '"' + name.replace('"', '""') + '"'

    def qualified(self, schema: str, name: str) -> str:
        return f"{self.quote(schema)}.{self.quote(name)}"


ENV = Quoting()


def _view(definition: str, *columns: str) -> SchemaObject:
    return SchemaObject("view", "public", "Active", definition=definition, columns=columns)


def test_a_view_that_keeps_its_columns_and_adds_one_is_replaced_in_place():
    old, new = _view(" SELECT t.id\n   FROM public.t;", "id integer"), \
        _view(" SELECT t.id, t.a\n   FROM public.t;", "id integer", "a text")
    assert KIND_SQL["view"].replace(ENV, old, new) == ['CREATE OR REPLACE VIEW public."Active" AS\nSELECT t.id, t.a\n'
                                                       '   FROM public.t']


def test_a_view_that_loses_or_reorders_a_column_is_dropped_and_created():
    old, new = _view("SELECT 1", "id integer", "a text"), _view("SELECT 1", "a text", "id integer")
    assert KIND_SQL["view"].replace(ENV, old, new) is None


def test_a_function_with_another_return_type_is_dropped_and_created_by_its_identity():
    old = SchemaObject("function", "app", "f(x integer)", definition="CREATE OR REPLACE FUNCTION app.f ...",
                       properties=(("returns", "integer"),), columns=("x",))
    new = SchemaObject("function", "app", "f(x integer)", definition="CREATE OR REPLACE FUNCTION app.f ...",
                       properties=(("returns", "bigint"),), columns=("x",))
    assert KIND_SQL["function"].replace(ENV, old, new) is None
    assert KIND_SQL["function"].drop(ENV, old) == ["DROP FUNCTION app.f(x integer)"]


def test_row_level_security_switches_only_what_differs():
    old = SchemaObject("rls", "public", "t", "t", "enabled")
    new = SchemaObject("rls", "public", "t", "t", "enabled, forced")
    assert KIND_SQL["rls"].replace(ENV, old, new) == ["ALTER TABLE public.t FORCE ROW LEVEL SECURITY"]
    assert KIND_SQL["rls"].drop(ENV, new) == ["ALTER TABLE public.t DISABLE ROW LEVEL SECURITY",
                                              "ALTER TABLE public.t NO FORCE ROW LEVEL SECURITY"]


def test_a_comment_keeps_quotes_percent_and_colons_as_written():
    note = SchemaObject("comment", "public", "t.a", "t", "it's 100%: :x",
                        properties=(("column", "a"), ("on", "COLUMN"), ("relation", "t")))
    assert KIND_SQL["comment"].create(ENV, note) == ["COMMENT ON COLUMN public.t.a IS 'it''s 100%: :x'"]


def test_a_missing_partition_is_created_as_a_partition_never_as_a_plain_table():
    part = SchemaObject("partition", "public", "ev_1", "ev", "FOR VALUES FROM (1) TO (10)",
                        properties=(("key", ""), ("parent", "public.ev")))
    assert KIND_SQL["partition"].create(ENV, part) == [
        "CREATE TABLE public.ev_1 PARTITION OF public.ev FOR VALUES FROM (1) TO (10)"]


def test_the_detail_pane_shows_a_unified_diff_from_the_database_to_the_expected_definition():
    finding = Finding("view_mismatch", "public", "v", expected={"definition": "SELECT 1\nWHERE b > 0"},
                      actual={"definition": "SELECT 1\nWHERE b >= 0"})
    lines = definition_diff(finding).plain.splitlines()
    assert lines[:2] == ["--- database", "+++ expected"]
    assert "-WHERE b >= 0" in lines and "+WHERE b > 0" in lines


def _sequence(definition: str) -> SchemaObject:
    return SchemaObject("sequence", "public", "s", definition=definition)


def test_a_sequence_whose_new_bound_passes_its_value_restarts_there_where_it_is_behind_when_the_plan_runs():
    """PostgreSQL refuses MINVALUE 5 while the value is 1 ("RESTART value (1) cannot be less than MINVALUE (5)"):
    the plan restarts it at 5 only if, when it runs, the value is still behind; the values it gave are all below."""
    from remedy.plan.hazards import hazards_for
    from remedy.plan.object_ops import ReplaceObject

    old = _sequence("AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE")
    new = _sequence("AS bigint INCREMENT BY 1 MINVALUE 5 MAXVALUE 500 START WITH 5 CACHE 1 NO CYCLE")
    [sql] = KIND_SQL["sequence"].replace(ENV, old, new)
    assert "IF (SELECT last_value FROM public.s) < 5 THEN" in sql
    assert f"ALTER SEQUENCE public.s {new.definition} RESTART WITH 5;\n  ELSE\n    ALTER SEQUENCE public.s " \
           f"{new.definition};" in sql
    [hazard] = hazards_for(ReplaceObject(schema="public", old=old, new=new), "postgresql", 0)
    assert hazard.kind == "restart" and "restarts at 5" in hazard.message
    # loosened back (the downgrade), or a descending one whose MAXVALUE rises: a plain ALTER, no hazard
    assert KIND_SQL["sequence"].replace(ENV, new, old) == [f"ALTER SEQUENCE public.s {old.definition}"]
    assert hazards_for(ReplaceObject(schema="public", old=new, new=old), "postgresql", 0) == ()


def test_a_descending_sequence_restarts_at_its_lowered_maxvalue_where_it_is_above_it():
    old = _sequence("AS bigint INCREMENT BY -1 MINVALUE -9223372036854775808 MAXVALUE -1 START WITH -1 CACHE 1 NO CYCLE")
    new = _sequence("AS bigint INCREMENT BY -1 MINVALUE -900 MAXVALUE -10 START WITH -10 CACHE 1 NO CYCLE")
    [sql] = KIND_SQL["sequence"].replace(ENV, old, new)
    assert "IF (SELECT last_value FROM public.s) > -10 THEN" in sql and "RESTART WITH -10;" in sql


def test_a_parent_whose_name_holds_a_comma_or_a_quote_is_one_parent():
    """The inheritance object's definition is its parents as quote_ident wrote them: split on commas, the name
    "a,b" was two broken names in the ALTER TABLE ... INHERIT."""
    obj = SchemaObject("inheritance", "public", "chi", "chi", definition='public."a,b", "Odd"."x""y"')
    assert KIND_SQL["inheritance"].create(ENV, obj) == ['ALTER TABLE public.chi INHERIT public."a,b"',
                                                        'ALTER TABLE public.chi INHERIT "Odd"."x""y"']
    fewer = SchemaObject("inheritance", "public", "chi", "chi", definition='"Odd"."x""y"')
    assert KIND_SQL["inheritance"].replace(ENV, obj, fewer) == ['ALTER TABLE public.chi NO INHERIT public."a,b"']

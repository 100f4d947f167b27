"""extra_extension in the plan, on models built by hand: the drop, its exact downgrade, the order of extensions that
require one another, and a drop refused while something the plan keeps uses the extension."""
from __future__ import annotations

from dataclasses import replace

from remedy.decisions import Decision
from remedy.diff.context import make_context
from remedy.diff.types import extensions
from remedy.findings import ScanResult
from remedy.model import SchemaObject
from remedy.plan import ops as o
from remedy.plan.build import build_plan
from remedy.render.sql import downgrade_statements, statements
from remedy.sources.ddl import schema_from_ddl

T = "CREATE TABLE t (id int PRIMARY KEY, name text);\n"
TRGM_INDEX = ("index", "public", "t", "t_trgm", "index public.t_trgm")


def _live(*extensions: tuple[str, str, tuple], indexed: bool = False):
    sql = T + "CREATE INDEX t_trgm ON t USING gin (name gin_trgm_ops);\n" * indexed
    live = schema_from_ddl(sql + "".join(f"CREATE EXTENSION {name};\n" for name, *_ in extensions), "live.sql")
    objects = {("extension", "", name): SchemaObject("extension", "", name, definition=version,
                                                     properties=(("schema", "public"),), used_by=users)
               for name, version, users in extensions}
    return replace(live, objects=objects)


def _plan(live, expected_sql: str = T, skip: tuple[str, ...] = ()):
    expected = schema_from_ddl(expected_sql, "expected.sql")
    findings = tuple(f for f in _findings(expected, live))
    decisions = {f.id: Decision(f.id, "skip" if f.id in skip else "drop") for f in findings}
    return build_plan(ScanResult(expected=expected, live=live, findings=findings), decisions)


def _findings(expected, live):
    from remedy.diff import diff

    return diff(expected, live)


def test_an_extra_extension_is_dropped_and_its_downgrade_installs_it_again_where_and_as_it_was():
    plan = _plan(_live(("pg_trgm", "1.5", ())))
    assert [s.sql for s in statements(plan)] == ['DROP EXTENSION pg_trgm']
    assert [s.sql for s in downgrade_statements(plan)] == ["CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.5'"]
    (drop,) = plan.operations
    assert [h.kind for h in drop.hazards] == ["dependant"] and "may be in use" in drop.hazards[0].message


def test_a_missing_extension_is_still_created_if_not_exists_and_undone_if_exists():
    op = o.CreateExtension(name="pg_trgm")
    assert op.reverse() == o.DropExtension(name="pg_trgm")


def test_an_extension_another_requires_is_dropped_after_it():
    plan = _plan(_live(("cube", "1.5", (("extension", "", "", "earthdistance", "extension earthdistance"),)),
                       ("earthdistance", "1.1", ())))
    assert [s.sql for s in statements(plan)] == ["DROP EXTENSION earthdistance", "DROP EXTENSION cube"]


def test_an_extension_used_by_an_index_the_plan_keeps_is_not_dropped_and_the_plan_says_why():
    live = _live(("pg_trgm", "1.6", (TRGM_INDEX,)), indexed=True)
    kept = _plan(live, skip=("extra_index:public.t.t_trgm",))
    (said,) = kept.operations
    assert isinstance(said, o.Comment) and said.finding_ids == ("extra_extension:pg_trgm",)
    assert said.text == ("extension pg_trgm not dropped: index public.t_trgm uses what it provides, and the plan "
                         "keeps it (drop it too, or keep the extension)")
    dropped = _plan(live)
    assert [s.sql for s in statements(dropped)] == ["DROP INDEX public.t_trgm", "DROP EXTENSION pg_trgm"]


def test_the_finding_says_what_uses_the_extension():
    live = _live(("pg_trgm", "1.6", (TRGM_INDEX,)), indexed=True)
    (finding,) = extensions(make_context(schema_from_ddl(T, "e.sql"), live))
    assert finding.message == ("extension pg_trgm (version 1.6, in schema public) is installed but not expected; "
                               "in use by index public.t_trgm")
    assert finding.actual == {"extension": "pg_trgm", "schema": "public", "version": "1.6",
                              "used_by": ["index public.t_trgm"]}


def test_an_extension_in_a_schema_not_compared_is_not_extra_and_one_in_pg_catalog_is():
    live = _live(("pg_trgm", "1.6", ()))
    elsewhere = replace(live, objects={k: replace(v, properties=(("schema", "ext"),)) for k, v in live.objects.items()})
    assert list(extensions(make_context(schema_from_ddl(T, "e.sql"), elsewhere))) == []
    server = replace(live, objects={k: replace(v, properties=(("schema", "pg_catalog"),))
                                    for k, v in live.objects.items()})
    assert [f.id for f in extensions(make_context(schema_from_ddl(T, "e.sql"), server))] == ["extra_extension:pg_trgm"]

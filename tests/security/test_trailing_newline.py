"""Issue 11.1: a name ending in a newline is quoted.

SQLAlchemy decides whether a name needs quotes with ``^[A-Z0-9_$]+$``, and ``$`` also matches before a
final newline: ``t1<newline>`` went out unquoted, and the database read ``t1``.
"""
from __future__ import annotations

from remedy import dialects
from remedy.model import Column, Table, build_schema
from remedy.plan import ops as o
from remedy.plan.build import Plan
from remedy.render.sql import render_operations


def test_a_name_ending_in_a_newline_is_quoted_on_every_dialect():
    for name in dialects.names():
        table = Table("t1\n", schema="", columns=(Column("id", "integer"),))
        model = build_schema(name, [table])
        plan = Plan(dialect=name, before=model, operations=())
        op = o.AddColumn(table="t1\n", column=Column("c\n", "integer"))
        sql = [s.sql for s in render_operations([op], model, plan)]
        mark = "`" if name == "mysql" else '"'
        assert f"{mark}t1\n{mark}" in sql[0] and f"{mark}c\n{mark}" in sql[0], sql
        assert dialects.get(name).quote("t1\n") == f"{mark}t1\n{mark}"

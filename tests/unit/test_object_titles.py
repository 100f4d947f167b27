"""A reviewer reads each step's title in the plan, the TUI and every export: a grant or an owner step says what it
does in the words GRANT, REVOKE and ALTER ... OWNER use, not "create grant" or "drop grant"."""
from __future__ import annotations

from remedy.model import SchemaObject
from remedy.plan.object_ops import CreateObject, DropObject, ReplaceObject


def grant(table: str, privilege: str, grantee: str, on: str = "TABLE", column: str = "", relation: str = "",
          option: bool = False) -> SchemaObject:
    props = {"on": on, "relation": relation or table, "column": column, "privilege": privilege, "grantee": grantee,
             "owner": "app", "args": ""}
    said = f"{privilege}{f' ({column})' if column else ''} TO {grantee}{' WITH GRANT OPTION' if option else ''}"
    return SchemaObject("grant", "public", f"{table}.{privilege} to {grantee}", table, said,
                        tuple(sorted(props.items())))


def test_a_grant_made_or_taken_says_grant_or_revoke():
    select = grant("t", "SELECT", "reader")
    assert CreateObject(schema="public", table="t", obj=select).title == "grant SELECT on table public.t to reader"
    assert DropObject(schema="public", table="t", obj=select).title == "revoke SELECT on table public.t from reader"


def test_what_it_is_on_is_named_as_postgresql_names_it():
    column = grant("t", "UPDATE", "writer", on="COLUMN", column="a")
    function = grant("f(integer)", "EXECUTE", "PUBLIC", on="FUNCTION", relation="f")
    schema = grant("", "USAGE", "reader", on="SCHEMA")
    assert DropObject(obj=column).title == "revoke UPDATE (a) on table public.t from writer"
    assert DropObject(obj=function).title == "revoke EXECUTE on function public.f(integer) from PUBLIC"
    assert CreateObject(obj=schema).title == "grant USAGE on schema public to reader"


def test_the_grant_option_given_or_taken():
    plain, optioned = grant("t", "SELECT", "reader"), grant("t", "SELECT", "reader", option=True)
    assert CreateObject(obj=optioned).title == "grant SELECT on table public.t to reader with grant option"
    assert ReplaceObject(old=plain, new=optioned).title == \
        "give reader the grant option for SELECT on table public.t"
    assert ReplaceObject(old=optioned, new=plain).title == \
        "take the grant option for SELECT on table public.t from reader"


def test_a_grant_given_back_after_its_view_is_recreated():
    assert CreateObject(obj=grant("v", "SELECT", "reader"), dependant=True).title == \
        "grant SELECT on table public.v to reader again"


def test_an_owner_changed():
    old = SchemaObject("owner", "public", "t", "t", "root", (("on", "TABLE"), ("relation", "t")))
    new = SchemaObject("owner", "public", "t", "t", "app", (("on", "TABLE"), ("relation", "t")))
    assert ReplaceObject(old=old, new=new).title == "set the owner of table public.t to app (was root)"


def test_other_objects_keep_their_titles():
    view = SchemaObject("view", "public", "v", definition="SELECT 1")
    assert CreateObject(obj=view).title == "create view public.v"
    assert DropObject(obj=view, dependant=True).title == "drop dependant view public.v"
    assert ReplaceObject(old=view, new=view).title == "replace view public.v"

"""A read makes its tables' signatures and fingerprint text in a thread while the server reads on
(remedy.ahead). What it made must be exactly what the diff and the fingerprint would have made, and never be
used for a table that is not the one it was made from."""
from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import replace

from remedy.ahead import Ahead, signature_of, table_text_of
from remedy.diff.signature import signature
from remedy.fingerprint import canonical, fingerprint
from remedy.model import Column, Enum, SchemaObject, build_schema

from tests.unit.test_signature import BASE, CUSTOMERS


def _schema(tables):
    return build_schema("postgresql", tables, [Enum("mood", ("sad", "ok"), "public")],
                        objects={("view", "public", "v"): SchemaObject("view", "public", "v", definition="SELECT 1")})


def _whole(schema) -> str:
    """The fingerprint as it was first written: the whole canonical form dumped at once."""
    text = json.dumps(canonical(schema), sort_keys=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def test_the_fingerprint_written_table_by_table_is_the_one_dumped_whole():
    odd = replace(CUSTOMERS, name='we"ird é', schema="shop")
    schema = _schema([BASE, CUSTOMERS, odd])
    assert fingerprint(schema) == _whole(schema)
    ahead = replace(schema, tables=Ahead(schema.tables, "postgresql").start().done())
    assert fingerprint(ahead) == _whole(schema)


def test_what_was_made_ahead_is_what_would_be_made_now():
    tables = Ahead({("public", "orders"): BASE}, "postgresql").start().done()
    assert signature_of(tables, BASE, "postgresql") == signature(BASE, "postgresql")
    assert table_text_of(tables, BASE) == json.dumps(canonical(_schema([BASE]))["tables"]["public.orders"],
                                                     sort_keys=True, separators=(",", ":"))


def test_a_table_replaced_since_is_signed_again():
    tables = Ahead({("public", "orders"): BASE}, "postgresql").start().done()
    changed = replace(BASE, columns=BASE.columns + (Column("note", "text", raw_type="text"),))
    tables[("public", "orders")] = changed  # replaced in place after the thread made its entry
    assert signature_of(tables, changed, "postgresql") == signature(changed, "postgresql")
    assert signature_of(tables, changed, "postgresql") != signature(BASE, "postgresql")
    assert fingerprint(replace(_schema([BASE]), tables=tables)) == _whole(_schema([changed]))


def test_nothing_made_is_used_before_the_thread_is_done():
    tables = Ahead({("public", "orders"): BASE}, "postgresql")
    tables._made[id(BASE)] = (BASE, b"not this", "not this either")  # what a half-finished thread would hold
    tables._thread = object()  # not joined yet
    assert signature_of(tables, BASE, "postgresql") == signature(BASE, "postgresql")
    assert table_text_of(tables, BASE) != "not this either"


def test_another_dialect_signs_for_itself():
    tables = Ahead({("public", "orders"): BASE}, "postgresql").start().done()
    assert signature_of(tables, BASE, "mysql") == signature(BASE, "mysql")


def test_pickled_as_plain_tables():
    tables = Ahead({("public", "orders"): BASE}, "postgresql").start().done()
    back = pickle.loads(pickle.dumps(tables))
    assert type(back) is dict and back == {("public", "orders"): BASE}


def test_an_entry_for_another_table_under_the_same_identity_is_not_used():
    """Entries are keyed by id(): one whose table is not the very object asked about (an id the interpreter gave
    again to a new table) is made again, not used."""
    tables = Ahead({("public", "orders"): BASE}, "postgresql").start().done()
    changed = replace(BASE, name="orders_v2")
    tables._made[id(changed)] = tables._made[id(BASE)]
    assert signature_of(tables, changed, "postgresql") == signature(changed, "postgresql")
    assert table_text_of(tables, changed) == json.dumps(canonical(_schema([changed]))["tables"]["public.orders_v2"],
                                                        sort_keys=True, separators=(",", ":"))


def test_a_side_not_fingerprinted_has_only_its_signatures_made():
    """The expected side is never fingerprinted: its text is not made (it would cost the scan for nothing), and
    asked for anyway it is made then."""
    tables = Ahead({("public", "orders"): BASE}, "postgresql").start(texts=False).done()
    assert tables.made(BASE)[1] == signature(BASE, "postgresql") and tables.made(BASE)[2] is None
    assert table_text_of(tables, BASE) == json.dumps(canonical(_schema([BASE]))["tables"]["public.orders"],
                                                     sort_keys=True, separators=(",", ":"))

"""Enums: values added where the expected order puts them; an order PostgreSQL cannot change is reported."""
from tests.conformance.cases import Case

E = "CREATE TYPE mood AS ENUM ({});\nCREATE TABLE t (id int PRIMARY KEY, m mood);\n"

CASES = {
    "value_added_in_the_middle": Case(a=E.format("'sad', 'happy'"), b=E.format("'sad', 'ok', 'happy'")),
    "value_added_first": Case(a=E.format("'sad', 'happy'"), b=E.format("'meh', 'sad', 'happy'")),
    "two_values_added_between": Case(a=E.format("'sad', 'happy'"), b=E.format("'sad', 'meh', 'ok', 'happy'")),
    "value_added_last": Case(a=E.format("'sad', 'happy'"), b=E.format("'sad', 'happy', 'ecstatic'")),
    "order_differs": Case(a=E.format("'happy', 'sad'"), b=E.format("'sad', 'happy'"),
                          xfail="PostgreSQL cannot reorder an enum's values: reported (enum_order_mismatch), "
                                "the plan says so and does not recreate the type"),
}

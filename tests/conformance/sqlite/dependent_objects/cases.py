"""Views and triggers: read and planned, or reported as not compared."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\nCREATE TABLE log (m INT);\n"
TRIGGER = "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.n); END;"

CASES = {
    "missing_view": Case(a=T, b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "extra_view": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T),
    "view_changed": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "missing_trigger": Case(a=T, b=T + TRIGGER),
    "extra_trigger": Case(a=T + TRIGGER, b=T),
    "trigger_changed": Case(a=T + TRIGGER, b=T + TRIGGER.replace("new.n", "new.n + 1")),
}

"""Views, triggers and routines: read and planned, or reported as not compared."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INT PRIMARY KEY, n INT);\n"

CASES = {
    "missing_view": Case(a=T, b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "extra_view": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T),
    "view_changed": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "missing_trigger": Case(a=T, b=T + "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1;"),
    "extra_trigger": Case(a=T + "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1;", b=T),
    "missing_procedure": Case(a=T, b=T + "CREATE PROCEDURE p() SELECT 1;"),
}

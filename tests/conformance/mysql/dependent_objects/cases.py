"""Views (the server's own deparse, with ALGORITHM, SQL SECURITY and CHECK OPTION), triggers and routines:
read, compared and planned, and dropped and recreated around a change to what they read."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INT PRIMARY KEY, n INT);\n"
WIDE = "CREATE TABLE t (id INT PRIMARY KEY, n INT, m VARCHAR(20));\n"
V = "CREATE VIEW v AS SELECT id, n FROM t;"
TRIGGER = "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1;"
FUNCTION = "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1;"
COMPOUND_TRIGGER = """DELIMITER $$
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW
BEGIN
  IF NEW.n IS NULL THEN SET NEW.n = 0; END IF;
  SET NEW.n = NEW.n + 1;
END$$
DELIMITER ;
"""
COMPOUND_PROCEDURE = """DELIMITER //
CREATE PROCEDURE bump(IN k INT)
BEGIN
  UPDATE t SET n = n + 1 WHERE id = k;
  SELECT n FROM t WHERE id = k;
END//
DELIMITER ;
"""

CASES = {
    "missing_view": Case(a=T, b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "extra_view": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T),
    "view_changed": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;", b=T + "CREATE VIEW v AS SELECT id, n FROM t;"),
    "missing_trigger": Case(a=T, b=T + TRIGGER),
    "extra_trigger": Case(a=T + TRIGGER, b=T),
    "missing_procedure": Case(a=T, b=T + "CREATE PROCEDURE p() SELECT 1;"),
    "trigger_changed": Case(a=T + TRIGGER, b=T + TRIGGER.replace("= 1", "= 2")),
    "trigger_timing_changed": Case(a=T + TRIGGER, b=T + TRIGGER.replace("BEFORE INSERT", "BEFORE UPDATE")),
    "view_spelled_otherwise_is_the_same": Case(a=T + V, b=T + "create view `v` as select `t`.`id`, t.n from t;"),
    "view_check_option_added": Case(a=T + "CREATE VIEW v AS SELECT id, n FROM t WHERE n > 0;",
                                    b=T + "CREATE VIEW v AS SELECT id, n FROM t WHERE n > 0 WITH CHECK OPTION;"),
    "view_security_invoker": Case(a=T + V, b=T + "CREATE SQL SECURITY INVOKER VIEW v AS SELECT id, n FROM t;"),
    "view_algorithm_merge": Case(a=T + V, b=T + "CREATE ALGORITHM=MERGE VIEW v AS SELECT id, n FROM t;"),
    "view_column_alias_case_changed": Case(a=T + V, b=T + "CREATE VIEW v AS SELECT id, n AS N FROM t;"),
    "view_reading_a_view_both_missing": Case(
        a=T, b=T + "CREATE VIEW v1 AS SELECT id, n FROM t;\nCREATE VIEW v2 AS SELECT n FROM v1 WHERE n > 1;"),
    "view_over_a_retyped_column": Case(a=T + V, b="CREATE TABLE t (id INT PRIMARY KEY, n BIGINT);\n" + V),
    "view_reading_a_dropped_column_changed": Case(
        a=WIDE + "CREATE VIEW v AS SELECT id, m FROM t;", b=T + V),
    "trigger_reading_a_dropped_column_changed": Case(
        a=WIDE + "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.m = 'x';", b=T + TRIGGER),
    "missing_function": Case(a=T, b=T + FUNCTION),
    "extra_function": Case(a=T + FUNCTION, b=T),
    "function_changed": Case(a=T + FUNCTION, b=T + FUNCTION.replace("x + 1", "x + 2")),
    "procedure_changed": Case(a=T + "CREATE PROCEDURE p() SELECT 1;", b=T + "CREATE PROCEDURE p() SELECT 2;"),
    "compound_trigger_missing": Case(a=T, b=T + COMPOUND_TRIGGER),
    "compound_trigger_changed": Case(a=T + COMPOUND_TRIGGER, b=T + COMPOUND_TRIGGER.replace("+ 1", "+ 2")),
    "compound_procedure_missing": Case(a=T, b=T + COMPOUND_PROCEDURE),
    "compound_procedure_extra": Case(a=T + COMPOUND_PROCEDURE, b=T),
    "view_and_trigger_of_an_extra_table": Case(
        a=T + "CREATE TABLE u (id INT PRIMARY KEY, n INT);\nCREATE VIEW uv AS SELECT id FROM u;\n"
              "CREATE TRIGGER u_bi BEFORE INSERT ON u FOR EACH ROW SET NEW.n = 1;", b=T),
    "trigger_on_a_missing_table": Case(
        a=T, b=T + "CREATE TABLE u (id INT PRIMARY KEY, n INT);\n"
                   "CREATE TRIGGER u_bi BEFORE INSERT ON u FOR EACH ROW SET NEW.n = 1;"),
}

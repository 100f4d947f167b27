"""Events (information_schema.EVENTS): the body, the schedule (AT, EVERY, STARTS, ENDS), the status, ON COMPLETION
and the comment, read, compared and planned as CREATE, ALTER and DROP EVENT."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INT PRIMARY KEY, n INT);\n"
E = "CREATE EVENT cleanup ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE n < 0;\n"
COMPOUND = """DELIMITER $$
CREATE EVENT tidy ON SCHEDULE EVERY 1 HOUR DO
BEGIN
  DELETE FROM t WHERE n < 0;
  UPDATE t SET n = 0 WHERE n IS NULL;
END$$
DELIMITER ;
"""

CASES = {
    "missing_event": Case(a=T, b=T + E),
    "extra_event": Case(a=T + E, b=T),
    "event_body_changed": Case(a=T + E, b=T + E.replace("n < 0", "n < 10")),
    "event_interval_changed": Case(a=T + E, b=T + E.replace("EVERY 1 DAY", "EVERY 2 HOUR")),
    "event_disabled": Case(a=T + E, b=T + E.replace(" DO ", " DISABLE DO ")),
    "event_enabled": Case(a=T + E.replace(" DO ", " DISABLE DO "), b=T + E),
    "event_preserved_on_completion": Case(a=T + E, b=T + E.replace(" DO ", " ON COMPLETION PRESERVE DO ")),
    "event_comment_added": Case(a=T + E, b=T + E.replace(" DO ", " COMMENT 'nightly: it''s safe' DO ")),
    "event_comment_removed": Case(a=T + E.replace(" DO ", " COMMENT 'nightly' DO "), b=T + E),
    "event_one_time_missing": Case(
        a=T, b=T + "CREATE EVENT once ON SCHEDULE AT '2031-05-05 10:00:00' ON COMPLETION PRESERVE DO DELETE FROM t;\n"),
    "event_becomes_one_time": Case(
        a=T + E, b=T + "CREATE EVENT cleanup ON SCHEDULE AT '2031-05-05 10:00:00' DO DELETE FROM t WHERE n < 0;\n"),
    "event_starts_and_ends_said": Case(
        a=T + E, b=T + E.replace("EVERY 1 DAY", "EVERY 1 DAY STARTS '2031-01-01 03:00:00' ENDS '2032-01-01'")),
    "event_starts_no_longer_said": Case(
        a=T + E.replace("EVERY 1 DAY", "EVERY 1 DAY STARTS '2031-01-01 03:00:00'"), b=T + E),
    "compound_event_missing": Case(a=T, b=T + COMPOUND),
    "compound_event_changed": Case(a=T + COMPOUND, b=T + COMPOUND.replace("n = 0", "n = 1")),
    "missing_event_without_allow_destructive": Case(a=T, b=T + E, destructive=False),
}

"""The order a table's triggers of one timing and event fire in (information_schema.TRIGGERS.ACTION_ORDER; set by
the order they are created in, and by FOLLOWS / PRECEDES): compared, and planned by creating the triggers from the
first misplaced one on, in order (a trigger created without FOLLOWS / PRECEDES fires after those there)."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INT PRIMARY KEY, n INT, m INT);\n"


def trigger(name: str, value: int, event: str = "BEFORE INSERT", order: str = "") -> str:
    return f"CREATE TRIGGER {name} {event} ON t FOR EACH ROW {order + ' ' if order else ''}SET NEW.n = {value};\n"


A, B, C = trigger("t_a", 1), trigger("t_b", 2), trigger("t_c", 3)

CASES = {
    "two_triggers_swapped": Case(a=T + A + B, b=T + B + A),
    "first_two_of_three_swapped": Case(a=T + A + B + C, b=T + B + A + C),
    "new_trigger_precedes_the_others": Case(
        a=T + B + C, b=T + B + C + trigger("t_a", 1, order="PRECEDES t_b")),
    "new_trigger_follows_the_first": Case(
        a=T + A + C, b=T + A + C + trigger("t_b", 2, order="FOLLOWS t_a")),
    "changed_trigger_keeps_its_place": Case(
        a=T + A + B + C, b=T + A + trigger("t_b", 20) + C),
    "extra_trigger_before_the_others_dropped": Case(a=T + trigger("t_x", 9) + A + B, b=T + A + B),
    "other_events_keep_their_order": Case(
        a=T + A + trigger("u_a", 1, "BEFORE UPDATE") + trigger("u_b", 2, "BEFORE UPDATE"),
        b=T + A + trigger("u_a", 1, "BEFORE UPDATE") + trigger("u_b", 2, "BEFORE UPDATE")
        + trigger("t_0", 0, order="PRECEDES t_a")),
    "trigger_reading_a_retyped_column_keeps_its_place": Case(
        a=T + A + "CREATE TRIGGER t_m BEFORE INSERT ON t FOR EACH ROW SET NEW.m = NEW.id;\n" + C,
        b="CREATE TABLE t (id INT PRIMARY KEY, n INT, m BIGINT);\n" + A
          + "CREATE TRIGGER t_m BEFORE INSERT ON t FOR EACH ROW SET NEW.m = NEW.id;\n" + C),
}

"""CHECK constraints (changed through the table rebuild)."""
from tests.conformance.cases import Case


def t(*checks: str) -> str:
    return "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT, price INT" + "".join(f", {c}" for c in checks) + ");"


CASES = {
    "missing_check": Case(a=t(), b=t("CONSTRAINT t_qty_pos CHECK (qty > 0)")),
    "extra_check": Case(a=t("CONSTRAINT t_qty_pos CHECK (qty > 0)"), b=t()),
    "check_changed": Case(a=t("CONSTRAINT t_qty_pos CHECK (qty > 0)"), b=t("CONSTRAINT t_qty_pos CHECK (qty >= 0)")),
    "unnamed_check_added": Case(a=t(), b=t("CHECK (price < 100)")),
    "unnamed_check_removed": Case(a=t("CHECK (price < 100)"), b=t()),
    "column_check_added": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT);",
                               b="CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT CHECK (qty > 0));"),
    "one_of_two_unnamed_checks_dropped": Case(a=t("CHECK (qty > 0)", "CHECK (price < 100)"), b=t("CHECK (qty > 0)")),
    "column_check_dropped": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT CHECK (qty > 0));",
                                 b="CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT);"),
}

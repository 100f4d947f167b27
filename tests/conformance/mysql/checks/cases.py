"""CHECK constraints: missing, extra, changed clause, renamed (column-level vs table-level)."""
from tests.conformance.cases import Case


def t(*checks: str) -> str:
    return "CREATE TABLE t (id INT PRIMARY KEY, qty INT, price INT" + "".join(f", {c}" for c in checks) + ");"


CASES = {
    "missing_check": Case(a=t(), b=t("CONSTRAINT t_qty_pos CHECK (qty > 0)")),
    "extra_check": Case(a=t("CONSTRAINT t_qty_pos CHECK (qty > 0)"), b=t()),
    "check_clause_changed": Case(a=t("CONSTRAINT t_qty_pos CHECK (qty > 0)"),
                                 b=t("CONSTRAINT t_qty_pos CHECK (qty >= 0)")),
    "check_renamed": Case(a=t("CONSTRAINT t_qty_old CHECK (qty > 0)"), b=t("CONSTRAINT t_qty_new CHECK (qty > 0)")),
    "column_level_to_table_level": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, qty INT CHECK (qty > 0));",
        b="CREATE TABLE t (id INT PRIMARY KEY, qty INT, CONSTRAINT t_qty_pos CHECK (qty > 0));"),
    "table_level_to_column_level": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, qty INT, CONSTRAINT t_qty_pos CHECK (qty > 0));",
        b="CREATE TABLE t (id INT PRIMARY KEY, qty INT CHECK (qty > 0));"),
    "two_column_check": Case(a=t(), b=t("CONSTRAINT t_cheap CHECK (price < qty * 10)")),
    "check_on_new_column": Case(a="CREATE TABLE t (id INT PRIMARY KEY);",
                                b="CREATE TABLE t (id INT PRIMARY KEY, n INT, CONSTRAINT t_n CHECK (n <> 3));"),
    "in_list_check": Case(a=t(), b=t("CONSTRAINT t_qty_set CHECK (qty IN (1, 2, 3))")),
    "column_check_changed": Case(a="CREATE TABLE t (id INT PRIMARY KEY, qty INT CHECK (qty > 0));",
                                 b="CREATE TABLE t (id INT PRIMARY KEY, qty INT CHECK (qty > 1));"),
}

"""Foreign keys: missing, extra (named and generated ``_ibfk_N``), actions, and changed targets."""
from tests.conformance.cases import Case

P = "CREATE TABLE p (id INT PRIMARY KEY, code INT NOT NULL, UNIQUE KEY p_code (code));\n"


def c(fk: str = "") -> str:
    return P + "CREATE TABLE c (id INT PRIMARY KEY, p_id INT, p_code INT" + (f", {fk}" if fk else "") + ");"


FK = "CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id)"

CASES = {
    "missing_foreign_key": Case(a=c(), b=c(FK)),
    "extra_foreign_key": Case(a=c(FK), b=c()),
    "extra_unnamed_foreign_key": Case(a=c("FOREIGN KEY (p_id) REFERENCES p (id)"), b=c()),
    "unnamed_to_named": Case(a=c("FOREIGN KEY (p_id) REFERENCES p (id)"), b=c(FK)),
    "on_delete_added": Case(a=c(FK), b=c(FK + " ON DELETE CASCADE")),
    "on_delete_changed": Case(a=c(FK + " ON DELETE CASCADE"), b=c(FK + " ON DELETE SET NULL")),
    "on_update_added": Case(a=c(FK), b=c(FK + " ON UPDATE CASCADE")),
    "target_column_changed": Case(a=c(FK), b=c("CONSTRAINT c_p_fk FOREIGN KEY (p_code) REFERENCES p (code)")),
    "renamed_foreign_key": Case(a=c(FK), b=c("CONSTRAINT c_p_fk2 FOREIGN KEY (p_id) REFERENCES p (id)")),
    "referenced_column_widened": Case(
        a="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, p_id INT, "
          "CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE p (id BIGINT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, p_id BIGINT, "
          "CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id));"),
    "foreign_key_to_missing_table": Case(a="CREATE TABLE c (id INT PRIMARY KEY, p_id INT);",
                                         b="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, "
                                           "p_id INT, CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id));"),
    "composite_foreign_key": Case(
        a="CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b));\nCREATE TABLE c (id INT PRIMARY KEY, a INT, b INT);",
        b="CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b));\nCREATE TABLE c (id INT PRIMARY KEY, a INT, b INT, "
          "CONSTRAINT c_ab_fk FOREIGN KEY (a, b) REFERENCES p (a, b));"),
    "self_reference_added": Case(a="CREATE TABLE n (id INT PRIMARY KEY, parent INT);",
                                 b="CREATE TABLE n (id INT PRIMARY KEY, parent INT, "
                                   "CONSTRAINT n_parent_fk FOREIGN KEY (parent) REFERENCES n (id));"),
}

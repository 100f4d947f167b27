"""Foreign keys (inline in CREATE TABLE: added, dropped and changed through the table rebuild)."""
from tests.conformance.cases import Case

P = "CREATE TABLE p (id INTEGER PRIMARY KEY, code INT UNIQUE);\n"


def c(fk: str = "") -> str:
    return P + "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT, p_code INT" + (f", {fk}" if fk else "") + ");"


FK = "FOREIGN KEY (p_id) REFERENCES p (id)"

CASES = {
    "missing_foreign_key": Case(a=c(), b=c(FK)),
    "extra_foreign_key": Case(a=c(FK), b=c()),
    "on_delete_added": Case(a=c(FK), b=c(FK + " ON DELETE CASCADE")),
    "on_delete_changed": Case(a=c(FK + " ON DELETE CASCADE"), b=c(FK + " ON DELETE SET NULL")),
    "on_update_added": Case(a=c(FK), b=c(FK + " ON UPDATE CASCADE")),
    "deferred_added": Case(a=c(FK), b=c(FK + " DEFERRABLE INITIALLY DEFERRED")),
    "target_changed": Case(a=c(FK), b=c("FOREIGN KEY (p_code) REFERENCES p (code)")),
    "foreign_key_to_missing_table": Case(a="CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT);",
                                         b="CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
                                           "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT REFERENCES p (id));"),
    "referenced_table_rebuilt": Case(
        a="CREATE TABLE p (id INTEGER PRIMARY KEY, n TEXT);\nCREATE TABLE c (id INTEGER PRIMARY KEY, "
          "p_id INT REFERENCES p (id));",
        b="CREATE TABLE p (id INTEGER PRIMARY KEY, n TEXT NOT NULL DEFAULT '');\nCREATE TABLE c (id INTEGER PRIMARY KEY, "
          "p_id INT REFERENCES p (id));"),
}

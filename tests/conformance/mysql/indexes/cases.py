"""Indexes: missing, extra, renamed, changed columns, prefix lengths, FULLTEXT, DESC, index type."""
from tests.conformance.cases import Case


def t(*keys: str) -> str:
    return ("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, title VARCHAR(100), body TEXT"
            + "".join(f", {k}" for k in keys) + ");")


CASES = {
    "missing_index": Case(a=t(), b=t("KEY t_a (a)")),
    "extra_index": Case(a=t("KEY t_a (a)"), b=t()),
    "index_renamed": Case(a=t("KEY t_a_old (a)"), b=t("KEY t_a_new (a)")),
    "index_columns_changed": Case(a=t("KEY t_ab (a)"), b=t("KEY t_ab (a, b)")),
    "index_column_order": Case(a=t("KEY t_ab (a, b)"), b=t("KEY t_ab (b, a)")),
    "prefix_added": Case(a=t("KEY t_title (title)"), b=t("KEY t_title (title(10))")),
    "prefix_changed": Case(a=t("KEY t_title (title(10))"), b=t("KEY t_title (title(20))")),
    "missing_fulltext": Case(a=t(), b=t("FULLTEXT KEY t_body (body)")),
    "extra_fulltext": Case(a=t("FULLTEXT KEY t_body (body)"), b=t()),
    "desc_key": Case(a=t("KEY t_a (a)"), b=t("KEY t_a (a DESC)")),
    "two_indexes_swapped_names": Case(a=t("KEY i1 (a)", "KEY i2 (b)"), b=t("KEY i1 (b)", "KEY i2 (a)")),
    "index_on_new_column": Case(a="CREATE TABLE t (id INT PRIMARY KEY);",
                                b="CREATE TABLE t (id INT PRIMARY KEY, c INT, KEY t_c (c));"),
    "text_index_prefix_chosen_by_server": Case(a=t(), b=t("KEY t_body (body)")),
    "text_index_kept_beside_a_change": Case(a=t("KEY t_body (body)"), b=t("KEY t_body (body)", "KEY t_a (a)")),
    "text_index_prefix_changed": Case(a=t("KEY t_body (body(100))"), b=t("KEY t_body (body)")),
    "unique_prefix_key_missing": Case(a=t(), b=t("UNIQUE KEY t_title (title(50))")),
    "unique_prefix_key_extra": Case(a=t("UNIQUE KEY t_title (title(50))"), b=t()),
    "unique_prefix_key_changed": Case(a=t("UNIQUE KEY t_a_title (a, title(50))"),
                                      b=t("UNIQUE KEY t_a_title (a, title(60))")),
    "unique_prefix_to_whole_column": Case(a=t("UNIQUE KEY t_title (title(50))"), b=t("UNIQUE KEY t_title (title)")),
    "unique_prefix_key_kept_beside_a_change": Case(a=t("UNIQUE KEY t_a_title (a, title(50))"),
                                                   b=t("UNIQUE KEY t_a_title (a, title(50))", "KEY t_b (b)")),
    "unique_text_key_by_hash": Case(a=t(), b=t("UNIQUE KEY t_body (body)")),
}

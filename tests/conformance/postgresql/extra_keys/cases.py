"""Keys, constraints and indexes the live database has and the expected schema does not: each is a
finding (extra_primary_key, extra_unique, extra_foreign_key, extra_check, extra_exclusion, extra_index)
and --allow-destructive drops it."""
from tests.conformance.cases import Case

BASE = "CREATE TABLE p (id int PRIMARY KEY, code text); CREATE TABLE t (id int PRIMARY KEY, a int, b text, r int4range{});"


def extra(more: str, base: str = BASE) -> Case:
    return Case(a=base.format(more), b=base.format(""))


CASES = {
    "extra_primary_key": Case(a="CREATE TABLE t (id int PRIMARY KEY, a int);", b="CREATE TABLE t (id int NOT NULL, a int);"),
    "extra_primary_key_holds_not_null": Case(a="CREATE TABLE t (id int PRIMARY KEY, a int);",
                                             b="CREATE TABLE t (id int, a int);"),
    "extra_composite_primary_key": Case(a="CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));",
                                        b="CREATE TABLE t (a int NOT NULL, b int NOT NULL);"),
    "extra_unique": extra(", UNIQUE (a)"),
    "extra_named_unique": extra(", CONSTRAINT t_a_uq UNIQUE (a)"),
    "extra_unique_two_columns": extra(", UNIQUE (a, b)"),
    "extra_unique_nulls_not_distinct": extra(", UNIQUE NULLS NOT DISTINCT (b)"),
    "extra_unique_deferrable": extra(", UNIQUE (a) DEFERRABLE INITIALLY DEFERRED"),
    "extra_foreign_key": Case(a=BASE.format(", p_id int REFERENCES p (id)"), b=BASE.format(", p_id int")),
    "extra_foreign_key_cascade": Case(a=BASE.format(", p_id int REFERENCES p (id) ON DELETE CASCADE"),
                                      b=BASE.format(", p_id int")),
    "extra_self_reference": Case(a=BASE.format(", parent int REFERENCES t (id)"), b=BASE.format(", parent int")),
    "extra_foreign_key_and_the_unique_it_references": Case(
        a="CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE); "
          "CREATE TABLE t (id int PRIMARY KEY, code text REFERENCES p (code));",
        b="CREATE TABLE p (id int PRIMARY KEY, code text); CREATE TABLE t (id int PRIMARY KEY, code text);"),
    "extra_check": extra(", CHECK (a > 0)"),
    "extra_named_check": extra(", CONSTRAINT a_positive CHECK (a > 0)"),
    "extra_check_no_inherit": extra(", CONSTRAINT a_small CHECK (a < 100) NO INHERIT"),
    "extra_two_checks": extra(", CHECK (a > 0), CHECK (length(b) < 10)"),
    "extra_exclusion": extra(", EXCLUDE USING gist (r WITH &&)"),
    "extra_exclusion_deferrable": extra(", CONSTRAINT no_overlap EXCLUDE USING gist (r WITH &&) DEFERRABLE"),
    "extra_index": Case(a=BASE.format("") + "CREATE INDEX t_a_idx ON t (a);", b=BASE.format("")),
    "extra_unique_index": Case(a=BASE.format("") + "CREATE UNIQUE INDEX t_b_key2 ON t (b);", b=BASE.format("")),
    "extra_partial_index": Case(a=BASE.format("") + "CREATE INDEX t_a_pos ON t (a) WHERE a > 0;", b=BASE.format("")),
    "extra_expression_index": Case(a=BASE.format("") + "CREATE INDEX t_lower_b ON t (lower(b));", b=BASE.format("")),
    "extra_gist_index": Case(a=BASE.format("") + "CREATE INDEX t_r_gist ON t USING gist (r);", b=BASE.format("")),
    "extra_index_on_an_extra_column": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, legacy int); CREATE INDEX t_legacy ON t (legacy);",
        b="CREATE TABLE t (id int PRIMARY KEY);"),
    "extra_unique_on_an_extra_column": Case(a="CREATE TABLE t (id int PRIMARY KEY, legacy int UNIQUE);",
                                            b="CREATE TABLE t (id int PRIMARY KEY);"),
    "extra_keys_everywhere": Case(
        a=BASE.format(", UNIQUE (a), CHECK (a <> 3), EXCLUDE USING gist (r WITH &&), p_id int REFERENCES p")
        + "CREATE INDEX t_b ON t (b);",
        b=BASE.format(", p_id int")),
}

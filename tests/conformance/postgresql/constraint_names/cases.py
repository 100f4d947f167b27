"""Names: a key, check, exclusion constraint or index with the expected definition under another name is renamed in
place (name_mismatch); on PostgreSQL 18 a column's NOT NULL constraint too. pg_dump writes every name, so the oracle
sees one that differs."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int{pk}, email text{uq}, age int{ck}, stay int4range{ex});\n"


def _t(pk: str = " PRIMARY KEY", uq: str = " UNIQUE", ck: str = " CHECK (age > 0)",
       ex: str = ", EXCLUDE USING gist (stay WITH &&)") -> str:
    return T.format(pk=pk, uq=uq, ck=ck, ex=ex)


CASES = {
    "primary_key_renamed": Case(a=_t(pk=" CONSTRAINT t_pk PRIMARY KEY"), b=_t()),
    "unique_renamed": Case(a=_t(uq=" CONSTRAINT email_unique UNIQUE"), b=_t()),
    "check_renamed": Case(a=_t(ck=" CONSTRAINT age_positive CHECK (age > 0)"), b=_t()),
    "exclusion_renamed": Case(a=_t(ex=", CONSTRAINT no_overlap EXCLUDE USING gist (stay WITH &&)"), b=_t()),
    "foreign_key_renamed": Case(
        a=_t() + "CREATE TABLE o (id int, t_id int CONSTRAINT o_t REFERENCES t (id) ON DELETE CASCADE);",
        b=_t() + "CREATE TABLE o (id int, t_id int REFERENCES t (id) ON DELETE CASCADE);"),
    "index_renamed": Case(a=_t() + "CREATE INDEX by_age ON t (age) WHERE age > 18;",
                          b=_t() + "CREATE INDEX t_adults ON t (age) WHERE age > 18;"),
    "named_to_mixed_case": Case(a=_t(uq=' CONSTRAINT email_unique UNIQUE'),
                                b=_t(uq=' CONSTRAINT "Email Unique" UNIQUE')),
    "every_kind_at_once": Case(
        a=_t(" CONSTRAINT a1 PRIMARY KEY", " CONSTRAINT a2 UNIQUE", " CONSTRAINT a3 CHECK (age > 0)",
             ", CONSTRAINT a4 EXCLUDE USING gist (stay WITH &&)") + "CREATE INDEX a5 ON t (age);",
        b=_t(" CONSTRAINT b1 PRIMARY KEY", " CONSTRAINT b2 UNIQUE", " CONSTRAINT b3 CHECK (age > 0)",
             ", CONSTRAINT b4 EXCLUDE USING gist (stay WITH &&)") + "CREATE INDEX b5 ON t (age);"),
    # the name a key must take is held by one the plan drops (it has another definition): dropped first
    "name_freed_by_a_drop": Case(a=_t(uq=" CONSTRAINT t_email_key CHECK (email <> '')") .replace(
        " CHECK (age > 0)", " CONSTRAINT other_name CHECK (age > 0)"),
        b=_t(ck=" CONSTRAINT t_email_key CHECK (age > 0)", uq="")),
    # a NOT NULL constraint's name (PostgreSQL 18; before 18 a NOT NULL has none and both sides are alike)
    "not_null_renamed": Case(a="CREATE TABLE t (id int CONSTRAINT id_required NOT NULL);",
                             b="CREATE TABLE t (id int NOT NULL);"),
    "not_null_named_in_a_new_table": Case(a="CREATE TABLE x (id int);",
                                          b="CREATE TABLE x (id int);\n"
                                            "CREATE TABLE t (id int CONSTRAINT id_required NOT NULL);"),
    "not_null_named_on_a_new_column": Case(a="CREATE TABLE t (id int);",
                                           b="CREATE TABLE t (id int, v int CONSTRAINT v_required NOT NULL DEFAULT 0);"),
    "not_null_set_with_its_name": Case(a="CREATE TABLE t (id int);",
                                       b="CREATE TABLE t (id int CONSTRAINT id_required NOT NULL);"),
}
CASES.update({
    # two indexes that swapped their names: one steps aside through a free name
    "index_names_swapped": Case(a="CREATE TABLE t (x int, y int);\nCREATE INDEX i_x ON t (y);\nCREATE INDEX i_y ON t (x);",
                                b="CREATE TABLE t (x int, y int);\nCREATE INDEX i_x ON t (x);\nCREATE INDEX i_y ON t (y);"),
    # a chain: c is renamed d before b takes c
    "check_names_chained": Case(a="CREATE TABLE t (x int CONSTRAINT b CHECK (x > 0) CONSTRAINT c CHECK (x < 9));",
                                b="CREATE TABLE t (x int CONSTRAINT c CHECK (x > 0) CONSTRAINT d CHECK (x < 9));"),
})
CASES.update({
    # a child's copy of its parent's check or NOT NULL is renamed with the parent's (PostgreSQL refuses it alone)
    "inherited_check_renamed": Case(
        a="CREATE TABLE p (x int CONSTRAINT c1 CHECK (x > 0));\nCREATE TABLE c (z int) INHERITS (p);",
        b="CREATE TABLE p (x int CONSTRAINT c2 CHECK (x > 0));\nCREATE TABLE c (z int) INHERITS (p);"),
    "inherited_not_null_renamed": Case(
        a="CREATE TABLE p (x int CONSTRAINT x_required NOT NULL);\nCREATE TABLE c (z int) INHERITS (p);",
        b="CREATE TABLE p (x int NOT NULL);\nCREATE TABLE c (z int) INHERITS (p);"),
    # a partitioned table's check, foreign key and index: the partitions' follow
    "partitioned_table_names": Case(
        a="CREATE TABLE r (id int PRIMARY KEY);\n"
          "CREATE TABLE pp (id int, v int CONSTRAINT pc1 CHECK (v > 0)) PARTITION BY RANGE (id);\n"
          "CREATE TABLE pp1 PARTITION OF pp FOR VALUES FROM (0) TO (10);\n"
          "ALTER TABLE pp ADD CONSTRAINT pf1 FOREIGN KEY (v) REFERENCES r (id);\nCREATE INDEX pi1 ON pp (v);",
        b="CREATE TABLE r (id int PRIMARY KEY);\n"
          "CREATE TABLE pp (id int, v int CONSTRAINT pc2 CHECK (v > 0)) PARTITION BY RANGE (id);\n"
          "CREATE TABLE pp1 PARTITION OF pp FOR VALUES FROM (0) TO (10);\n"
          "ALTER TABLE pp ADD CONSTRAINT pf2 FOREIGN KEY (v) REFERENCES r (id);\nCREATE INDEX pi2 ON pp (v);"),
})

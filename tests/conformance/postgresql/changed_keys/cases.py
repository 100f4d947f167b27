"""Keys and constraints redefined under the same name: constraint_mismatch shows both definitions,
and the plan drops the old one before it adds the expected one. Also the same meaning written
differently, which is no finding at all."""
from tests.conformance.cases import Case

T = ("CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE); "
     "CREATE TABLE t (id int{pk}, a int, b text, p_id int, code text, r int4range{more});")


def changed(a: str, b: str, pk: str = " PRIMARY KEY") -> Case:
    return Case(a=T.format(pk=pk, more=a), b=T.format(pk=pk, more=b))


CASES = {
    # checks
    "check_condition_changed": changed(", CONSTRAINT a_check CHECK (a > 0)", ", CONSTRAINT a_check CHECK (a > 10)"),
    "check_column_changed": changed(", CONSTRAINT c CHECK (a > 0)", ", CONSTRAINT c CHECK (p_id > 0)"),
    "check_no_inherit_added": changed(", CONSTRAINT c CHECK (a > 0)", ", CONSTRAINT c CHECK (a > 0) NO INHERIT"),
    "check_no_inherit_dropped": changed(", CONSTRAINT c CHECK (a > 0) NO INHERIT", ", CONSTRAINT c CHECK (a > 0)"),
    "check_same_meaning_between": changed(", CONSTRAINT c CHECK (a >= 1 AND a <= 5)",
                                          ", CONSTRAINT c CHECK (a BETWEEN 1 AND 5)"),
    "check_same_meaning_in_list": changed(", CONSTRAINT c CHECK (b = ANY (ARRAY['x'::text, 'y'::text]))",
                                          ", CONSTRAINT c CHECK (b IN ('x', 'y'))"),
    "check_same_meaning_parentheses": changed(", CONSTRAINT c CHECK (a > 0)", ", CONSTRAINT c CHECK (((a) > (0)))"),
    "check_same_meaning_casts": changed(", CONSTRAINT c CHECK (b <> '')", ", CONSTRAINT c CHECK (b::text <> ''::text)"),
    "check_in_list_changed": changed(", CONSTRAINT c CHECK (b IN ('x', 'y'))", ", CONSTRAINT c CHECK (b IN ('x', 'z'))"),
    # unique constraints
    "unique_deferrable_added": changed(", CONSTRAINT u UNIQUE (a)", ", CONSTRAINT u UNIQUE (a) DEFERRABLE"),
    "unique_initially_deferred": changed(", CONSTRAINT u UNIQUE (a) DEFERRABLE",
                                         ", CONSTRAINT u UNIQUE (a) DEFERRABLE INITIALLY DEFERRED"),
    "unique_not_deferrable_any_more": changed(", CONSTRAINT u UNIQUE (a) DEFERRABLE INITIALLY DEFERRED",
                                              ", CONSTRAINT u UNIQUE (a)"),
    "unique_nulls_not_distinct": changed(", CONSTRAINT u UNIQUE (b)", ", CONSTRAINT u UNIQUE NULLS NOT DISTINCT (b)"),
    "unique_include_added": changed(", CONSTRAINT u UNIQUE (a)", ", CONSTRAINT u UNIQUE (a) INCLUDE (b)"),
    "unique_include_dropped": changed(", CONSTRAINT u UNIQUE (a) INCLUDE (b)", ", CONSTRAINT u UNIQUE (a)"),
    "unique_fillfactor": changed(", CONSTRAINT u UNIQUE (a)", ", CONSTRAINT u UNIQUE (a) WITH (fillfactor=60)"),
    "unique_columns_changed": changed(", CONSTRAINT u UNIQUE (a)", ", CONSTRAINT u UNIQUE (a, b)"),
    # primary keys
    "primary_key_deferrable": Case(a=T.format(pk="", more=", CONSTRAINT t_pkey PRIMARY KEY (id)"),
                                   b=T.format(pk="", more=", CONSTRAINT t_pkey PRIMARY KEY (id) DEFERRABLE")),
    "primary_key_include": Case(a=T.format(pk="", more=", CONSTRAINT t_pkey PRIMARY KEY (id)"),
                                b=T.format(pk="", more=", CONSTRAINT t_pkey PRIMARY KEY (id) INCLUDE (a)")),
    "primary_key_fillfactor": Case(a=T.format(pk="", more=", CONSTRAINT t_pkey PRIMARY KEY (id)"),
                                   b=T.format(pk="", more=", CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor=50)")),
    "primary_key_columns_changed": Case(
        a="CREATE TABLE t (id int, k int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (id));",
        b="CREATE TABLE t (id int NOT NULL, k int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (id, k));"),
    # foreign keys
    "foreign_key_deferrable": changed(", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id)",
                                      ", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED"),
    "foreign_key_on_delete_changed": changed(", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id)",
                                             ", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE"),
    "foreign_key_on_update_changed": changed(", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id) ON UPDATE CASCADE",
                                             ", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id) ON UPDATE SET NULL"),
    "foreign_key_match_full": changed(", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id)",
                                      ", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id) MATCH FULL"),
    "foreign_key_target_changed": changed(", CONSTRAINT f FOREIGN KEY (code) REFERENCES p (code)",
                                          ", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id)"),
    "foreign_key_same_meaning_implicit_columns": changed(", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id)",
                                                         ", CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p"),
    # exclusion constraints
    "exclusion_operator_changed": changed(", CONSTRAINT x EXCLUDE USING gist (r WITH &&)",
                                          ", CONSTRAINT x EXCLUDE USING gist (r WITH =)"),
    "exclusion_deferrable": changed(", CONSTRAINT x EXCLUDE USING gist (r WITH &&)",
                                    ", CONSTRAINT x EXCLUDE USING gist (r WITH &&) DEFERRABLE INITIALLY DEFERRED"),
    "exclusion_predicate_added": changed(", CONSTRAINT x EXCLUDE USING gist (r WITH &&)",
                                         ", CONSTRAINT x EXCLUDE USING gist (r WITH &&) WHERE (a > 0)"),
    "exclusion_missing": changed("", ", CONSTRAINT x EXCLUDE USING gist (r WITH &&)"),
    # keys other tables reference
    "referenced_unique_redefined": Case(
        a="CREATE TABLE p (id int PRIMARY KEY, code text, CONSTRAINT p_code_key UNIQUE (code)); "
          "CREATE TABLE t (id int PRIMARY KEY, code text REFERENCES p (code));",
        b="CREATE TABLE p (id int PRIMARY KEY, code text, CONSTRAINT p_code_key UNIQUE (code) WITH (fillfactor=60)); "
          "CREATE TABLE t (id int PRIMARY KEY, code text REFERENCES p (code));"),
    "referenced_primary_key_redefined": Case(
        a="CREATE TABLE p (id int, id2 int, CONSTRAINT p_pkey PRIMARY KEY (id)); "
          "CREATE TABLE t (id int PRIMARY KEY, p_id int REFERENCES p (id));",
        b="CREATE TABLE p (id int, id2 int, CONSTRAINT p_pkey PRIMARY KEY (id) INCLUDE (id2)); "
          "CREATE TABLE t (id int PRIMARY KEY, p_id int REFERENCES p (id));"),
    # a unique constraint and an index share the schema's namespace of relations: one that holds the name the other
    # needs is replaced by the finding that needs it, without --allow-destructive (ADD CONSTRAINT used to fail
    # with 'relation "u" already exists', the extra one being left as it was)
    "plain_index_to_unique_constraint_dropping_nothing": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX u ON t (a);",
        b="CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT u UNIQUE (a));", destructive=False),
    "unique_constraint_to_plain_index_dropping_nothing": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT u UNIQUE (a));",
        b="CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX u ON t (a);", destructive=False),
    "unique_index_to_unique_constraint_dropping_nothing": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, a int); CREATE UNIQUE INDEX u ON t (a);",
        b="CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT u UNIQUE (a));", destructive=False),
    "referenced_unique_constraint_to_unique_index": Case(
        a="CREATE TABLE p (id int PRIMARY KEY, code text, CONSTRAINT p_code UNIQUE (code)); "
          "CREATE TABLE t (id int PRIMARY KEY, code text REFERENCES p (code));",
        b="CREATE TABLE p (id int PRIMARY KEY, code text); CREATE UNIQUE INDEX p_code ON p (code); "
          "CREATE TABLE t (id int PRIMARY KEY, code text REFERENCES p (code));", destructive=False),
}

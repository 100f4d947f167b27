"""Whole tables: missing, extra, and the table options that change behaviour (engine, charset, collation,
comment, row format)."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))"

CASES = {
    "missing_table": Case(a=f"{T};", b=f"{T};\nCREATE TABLE u (id INT PRIMARY KEY);"),
    "extra_table": Case(a=f"{T};\nCREATE TABLE u (id INT PRIMARY KEY);", b=f"{T};"),
    "extra_table_referenced": Case(a=f"{T};\nCREATE TABLE u (id INT PRIMARY KEY, t_id INT, "
                                     "CONSTRAINT u_t_fk FOREIGN KEY (t_id) REFERENCES t (id));",
                                   b="CREATE TABLE u (id INT PRIMARY KEY, t_id INT);"),
    "two_missing_related": Case(a=f"{T};", b=f"{T};\nCREATE TABLE p (id INT PRIMARY KEY);\n"
                                "CREATE TABLE c (id INT PRIMARY KEY, p_id INT, CONSTRAINT c_p_fk FOREIGN KEY (p_id) "
                                "REFERENCES p (id));"),
    "engine_changed": Case(a=f"{T} ENGINE=MyISAM;", b=f"{T} ENGINE=InnoDB;"),
    "table_charset_changed": Case(a=f"{T} DEFAULT CHARSET=latin1;", b=f"{T} DEFAULT CHARSET=utf8mb4;"),
    "table_charset_changed_one_column_kept": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), code CHAR(2)) DEFAULT CHARSET=latin1;",
        b="CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), code CHAR(2) CHARACTER SET latin1) "
          "DEFAULT CHARSET=utf8mb4;"),
    "engine_and_comment_changed": Case(a=f"{T} ENGINE=MyISAM COMMENT 'old';", b=f"{T} ENGINE=InnoDB COMMENT 'new';"),
    "table_collation_changed": Case(a=f"{T} DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;",
                                    b=f"{T} DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;"),
    "table_comment_added": Case(a=f"{T};", b=f"{T} COMMENT 'people';"),
    "table_comment_changed": Case(a=f"{T} COMMENT 'old';", b=f"{T} COMMENT 'new';"),
    "table_comment_removed": Case(a=f"{T} COMMENT 'old';", b=f"{T};"),
    "row_format_changed": Case(a=f"{T} ROW_FORMAT=DYNAMIC;", b=f"{T} ROW_FORMAT=COMPRESSED;"),
    "no_change_many_tables": Case(a=f"{T};\nCREATE TABLE u (id INT PRIMARY KEY);",
                                  b=f"{T};\nCREATE TABLE u (id INT PRIMARY KEY);"),
}

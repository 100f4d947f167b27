"""Names: mixed case, reserved words and unusual characters round-trip through the dialect's own quoting."""
from tests.conformance.cases import Case

CASES = {
    "reserved_table_and_column": Case(a="", b="CREATE TABLE `order` (`select` INT PRIMARY KEY, `from` VARCHAR(5));"),
    "mixed_case_column_added": Case(a="CREATE TABLE Orders (Id INT PRIMARY KEY);",
                                    b="CREATE TABLE Orders (Id INT PRIMARY KEY, CustomerName VARCHAR(20));"),
    "space_in_names": Case(a="CREATE TABLE `my table` (id INT PRIMARY KEY);",
                           b="CREATE TABLE `my table` (id INT PRIMARY KEY, `my col` INT, KEY `my idx` (`my col`));"),
    "backtick_in_name": Case(a="", b="CREATE TABLE `we``ird` (id INT PRIMARY KEY, `c``1` INT);"),
    "reserved_index_and_check": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, `key` INT);",
        b="CREATE TABLE t (id INT PRIMARY KEY, `key` INT, KEY `index` (`key`), CONSTRAINT `check` CHECK (`key` > 0));"),
    "percent_and_colon_default": Case(a="CREATE TABLE t (id INT PRIMARY KEY);",
                                      b="CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20) DEFAULT '50% :x');"),
    "quote_in_comment": Case(a="CREATE TABLE t (id INT PRIMARY KEY, n INT);",
                             b="CREATE TABLE t (id INT PRIMARY KEY, n INT COMMENT 'it''s n');"),
}

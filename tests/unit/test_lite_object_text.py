"""MariaDB/MySQL and SQLite keep a view's or trigger's text as written (or, for MariaDB's views, as the server
deparsed it): what is compared of it, and what it is taken to read."""
from remedy import dialects
from remedy.sources.objects_mysql import _DEFINER, _unqualified


def test_sqlite_compares_a_view_with_spacing_case_and_quotes_folded_but_strings_kept():
    key = dialects.get("sqlite").definition_key
    assert key('CREATE VIEW v AS SELECT id FROM t WHERE n = \'A\'') == \
        key('create view "v" as\n  select [ID] from `T`  where n=\'A\';')
    assert key("CREATE VIEW v AS SELECT id FROM t WHERE n = 'A'") != key("CREATE VIEW v AS SELECT id FROM t WHERE n = 'a'")


def test_mariadb_keeps_the_case_of_a_quoted_view_column_and_reads_double_quotes_as_strings():
    key = dialects.get("mysql").definition_key
    assert key("select `t`.`n` AS `n` from `t`") != key("select `t`.`n` AS `N` from `t`")
    assert key('SET NEW.n = "A"') != key('SET NEW.n = "a"')
    assert key("SET NEW.n  =  1") == key("set new.n = 1")


def test_the_names_a_text_mentions_are_read_quoted_or_not_and_not_from_strings():
    names = dialects.get("sqlite").names_in("SELECT \"Id\", [n] FROM t WHERE m = 'u'")
    assert {"id", "n", "t", "m"} <= names and "u" not in names


def test_a_routine_loses_its_definer_and_a_view_its_own_database():
    text = "CREATE DEFINER=`root`@`localhost` PROCEDURE `p`()\nSELECT 1"
    assert _DEFINER.sub("CREATE ", text, count=1) == "CREATE PROCEDURE `p`()\nSELECT 1"
    assert _unqualified("select `db`.`t`.`id` AS `id` from `db`.`t`", "db") == "select `t`.`id` AS `id` from `t`"


def test_a_mariadb_body_with_its_own_semicolons_is_written_between_delimiter_lines_and_read_back_whole():
    from remedy.sources.ddl import split_statements

    body = "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; SET NEW.m = ';'; END"
    rules = dialects.get("mysql")
    assert rules.script_statement("DROP TRIGGER t_bi") == "DROP TRIGGER t_bi;"
    script = "CREATE TABLE t (n INT, m TEXT);\n" + rules.script_statement(body) + "\nCREATE VIEW v AS SELECT n FROM t;\n"
    assert script.count("DELIMITER") == 2
    read = split_statements(script, "f.sql", "mysql")
    assert [(s.sql, s.line) for s in read] == [("CREATE TABLE t (n INT, m TEXT)", 1), (body, 3),
                                               ("CREATE VIEW v AS SELECT n FROM t", 5)]

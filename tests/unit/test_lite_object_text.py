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

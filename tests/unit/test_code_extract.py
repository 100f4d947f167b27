"""Finding SQL strings in source files: languages, lines, placeholders, bad input."""
from __future__ import annotations

import pytest

from remedy.errors import SourceError
from remedy.sources.code import extract
from remedy.sources.code.parse import file_result, parse_statement
from remedy.sources.code.sqltext import looks_like_query, rewrite_placeholders, split_statements


def queries(text: str, language: str) -> list[tuple[int, str]]:
    found, _ = extract.find_queries(text, language)
    return [(f.line, " ".join(f.sql.split())) for f in found]


def test_go_raw_string_line_is_the_first_sql_line():
    src = 'package p\n\nfunc f() {\n\tq := `\n\t\tSELECT a, b\n\t\tFROM t WHERE id = $1`\n}\n'
    assert queries(src, "go") == [(5, "SELECT a, b FROM t WHERE id = $1")]


def test_go_interpreted_strings_concatenated():
    src = 'x := "SELECT a " +\n\t"FROM t " +\n\t"WHERE id = $1"\ny := "\\n\\tUPDATE t SET a = 1"\n'
    assert queries(src, "go") == [(1, "SELECT a FROM t WHERE id = $1"), (4, "UPDATE t SET a = 1")]


def test_go_concatenated_variable_and_sprintf_are_holes():
    src = 'q := "SELECT a FROM t" + where + " ORDER BY a"\nr := fmt.Sprintf("SELECT b FROM %s", tbl)\n'
    found, _ = extract.find_queries(src, "go")
    assert [f.holes for f in found] == [True, True]
    assert "__hole_" in found[0].sql and found[0].sql.endswith("ORDER BY a")


def test_comments_and_runes_do_not_confuse_go():
    src = "// SELECT x FROM commented\nr := '\"'\n/* `SELECT y FROM c` */\nq := `SELECT z FROM real`\n"
    assert queries(src, "go") == [(4, "SELECT z FROM real")]


def test_python_triple_quoted_fstring_and_implicit_concatenation():
    src = ('Q = """\n    SELECT a\n    FROM t WHERE x = %(x)s\n"""\n'
           'r = f"SELECT {cols} FROM t WHERE id = %s"\n'
           's = ("SELECT name "\n     "FROM u")\n'
           'b = b"SELECT a FROM bytes_are_not_sql"\n')
    got = queries(src, "python")
    assert got[0] == (2, "SELECT a FROM t WHERE x = %(x)s")
    assert got[1][0] == 5 and got[1][1].startswith("SELECT __hole_1 FROM t")
    assert got[2] == (6, "SELECT name FROM u")
    assert len(got) == 3


def test_python_with_a_syntax_error_is_reported_with_its_line():
    found, skips = extract.find_queries('x = """SELECT a FROM t\n', "python")
    assert found == [] and skips and skips[0].line == 1 and "syntax error" in skips[0].reason


def test_typescript_template_literals_and_regex_literals():
    src = ('const re = /"/g;\nconst q = sql`\n  SELECT n FROM t WHERE id = ${id}`;\n'
           "const s = 'SELECT a ' + 'FROM u';\n")
    got = queries(src, "js")
    assert got[0] == (3, "SELECT n FROM t WHERE id = ?")  # a tagged template's holes are bound parameters
    assert got[1] == (4, "SELECT a FROM u")


def test_java_text_block_and_kotlin_templates():
    java = 'String q = """\n    SELECT a\n    FROM t WHERE id = ?\n    """;\n'
    assert queries(java, "java") == [(2, "SELECT a FROM t WHERE id = ?")]
    kotlin = 'val q = "SELECT a FROM $table WHERE id = :id"\n'
    (line, sql), = queries(kotlin, "kotlin")
    assert line == 1 and "__hole_" in sql and ":id" in sql


def test_sql_file_statements_and_lines_ignoring_ddl_and_comments():
    text = "-- header\nCREATE TABLE x (a int);\n\n-- name: Q1\nSELECT a\nFROM x;\nSELECT ';' AS s FROM y;\n"
    assert queries(text, "sql") == [(5, "SELECT a FROM x"), (7, "SELECT ';' AS s FROM y")]


def test_split_statements_respects_quotes_and_dollar_bodies():
    text = "SELECT 'a;b' FROM t; DO $$ BEGIN; END $$; SELECT \"x;y\" FROM u"
    assert [s.strip() for _, s in split_statements(text)] == [
        "SELECT 'a;b' FROM t", "DO $$ BEGIN; END $$", 'SELECT "x;y" FROM u']


@pytest.mark.parametrize("text, expected", [
    ("SELECT a FROM t", True),
    ("select a\nfrom t", True),
    ("Select a campaign from the list.", False),
    ("SELECT 1", False),
    ("update the settings", False),
    ("UPDATE t SET a = 1", True),
    ("INSERT INTO t VALUES (1)", True),
    ("WITH x AS (SELECT 1) SELECT * FROM x", True),
    ("-- lead comment\nDELETE FROM t", True),
    ("selected from the menu", False),
])
def test_looks_like_query(text, expected):
    assert looks_like_query(text) is expected


def test_placeholders_become_numbered_parameters():
    text, n = rewrite_placeholders("SELECT a FROM t WHERE a = ? AND b = %s AND c = %(c)s AND d = :d "
                                   "AND e = @p1 AND f = :d AND g::int = 1 AND h = '?'", False)
    assert text == ("SELECT a FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = $4 "
                    "AND e = $5 AND f = $4 AND g::int = 1 AND h = '?'")
    assert n == 5


def test_holes_stay_identifiers_unless_asked():
    assert rewrite_placeholders("SELECT a FROM __hole_3 WHERE b = $1", False)[0] == \
        "SELECT a FROM __hole_3 WHERE b = $1"
    assert rewrite_placeholders("SELECT a FROM t WHERE b = __hole_3 AND c = $1", True)[0] == \
        "SELECT a FROM t WHERE b = $1 AND c = $2"
    assert rewrite_placeholders("INSERT INTO t (a, b) VALUES ( __hole_2 , $2)", True) == \
        ("INSERT INTO t (a, b) VALUES ( $1 , $2)", 2)  # no unused $n: PREPARE would fail with 42P18


def test_unparseable_sql_is_skipped_with_its_line_and_prose_is_ignored():
    src = 'a := "SELECT id, FROM t WHERE"\nb := fmt.Errorf("Select job from the queue failed: %w", err)\n'
    result = file_result(src.encode(), "go", "postgresql")
    assert result["q"] == []
    assert [line for line, _ in result["s"]] == [1]
    assert "sqlglot cannot parse" in result["s"][0][1]


def test_half_parsed_template_is_reported_as_dynamic():
    result = file_result(b'q := "SELECT a FROM t WHERE " + cond + " AND AND"\n', "go", "postgresql")
    assert result["s"][0][0] == 1 and result["s"][0][1].startswith("dynamic SQL")


def test_parse_statement_rejects_non_queries():
    tree, reason = parse_statement("SELECT a FROM t", "postgresql")
    assert tree is not None and reason == ""
    tree, reason = parse_statement("x" * 100_001, "postgresql")
    assert tree is None and "longer" in reason


def test_binary_huge_and_undecodable_files_are_skipped(tmp_path, monkeypatch):
    (tmp_path / "blob.go").write_bytes(b"\x7fELF\0\0\0SELECT a FROM t")
    (tmp_path / "latin.sql").write_bytes(b"SELECT caf\xe9 FROM t")
    (tmp_path / "big.sql").write_bytes(b"SELECT a FROM t;\n" * 10)
    monkeypatch.setattr(extract, "MAX_BYTES", 100)
    data, skip = extract.read_bytes(str(tmp_path / "big.sql"))
    assert data is None and "larger than" in skip.reason
    assert extract.decode((tmp_path / "blob.go").read_bytes())[1].reason == "binary file"
    assert "not UTF-8" in extract.decode((tmp_path / "latin.sql").read_bytes())[1].reason
    assert extract.decode("SELECT a FROM t".encode("utf-16"))[0] == "SELECT a FROM t"


def test_source_files_walks_skips_vendor_and_tests_and_rejects_missing(tmp_path):
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "dep.go").write_text("x")
    (tmp_path / "store.go").write_text("x")
    (tmp_path / "store_test.go").write_text("x")
    (tmp_path / "README.md").write_text("x")
    assert [p for _, p in extract.source_files([str(tmp_path)])] == [str(tmp_path / "store.go")]
    assert len(extract.source_files([str(tmp_path / "*.go")])) == 2
    with pytest.raises(SourceError, match="--code path not found"):
        extract.source_files([str(tmp_path / "nope")])


@pytest.mark.parametrize("text", [
    "update keyword set", "insert into pool failed", "delete from pool failed", "Select job from queue",
    "Delete from the list", "Update campaign settings",
])
def test_error_messages_are_not_queries(text):
    assert looks_like_query(text) is False


@pytest.mark.parametrize("text", [
    "DELETE FROM campaigns", "DELETE FROM campaigns WHERE id = $1", "delete from t x using u where x.a = u.a",
    "INSERT INTO t (a) VALUES (1)", "insert into t select * from u", "UPDATE t x SET a = 1",
    "select id from campaigns",
])
def test_short_queries_are_still_queries(text):
    assert looks_like_query(text) is True


def test_minified_bundles_are_skipped():
    bundle = ('var a="SELECT a FROM t";function f(c){return c+1}' * 1000).encode()
    result = file_result(bundle, "js", "postgresql")
    assert result["q"] == [] and result["s"][0][1].startswith("looks minified or generated")


def test_a_data_dump_is_read_up_to_the_per_file_limit(monkeypatch):
    from remedy.sources.code import parse

    monkeypatch.setattr(parse, "MAX_PER_FILE", 3)
    dump = "".join(f"INSERT INTO t (a) VALUES ({i});\n" for i in range(10)).encode()
    result = file_result(dump, "sql", "postgresql")
    assert [q[0] for q in result["q"]] == [1, 2, 3]
    assert result["s"] == [[4, "7 more statements not read (limit 3 per file; a data dump?)"]]


def test_python_percent_and_format_templates_are_holes():
    src = ('a = "SELECT id FROM %s WHERE x = 1" % table\n'
           'b = "SELECT id FROM {} WHERE y = {}".format(t, v)\n'
           'c = cur.execute("SELECT id FROM t WHERE z = %s", (v,))\n')
    found, _ = extract.find_queries(src, "python")
    assert [f.holes for f in found] == [True, True, False]
    assert "FROM  __hole_" in found[0].sql and "FROM  __hole_" in found[1].sql
    assert found[2].sql.endswith("z = %s")

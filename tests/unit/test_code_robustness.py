"""Whatever the input, reading code never raises: it finds queries, or reports what it skipped."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remedy.sources.code.parse import file_result
from remedy.sources.code.resolve import Known, resolve, Analysis

LANGUAGES = ["go", "python", "js", "java", "kotlin", "sql"]
TOKENS = ["SELECT", "a", "b.c", ",", "FROM", "t", "u x", "WHERE", "(", ")", "'", '"', "`", "$1", "?", "%s",
          "%(n)s", ":x", "@p", "JOIN", "ON", "=", ";", "\n", "{", "}", "${", "+", "WITH", "AS", "INSERT", "INTO",
          "VALUES", "UPDATE", "SET", "DELETE", "RETURNING", "ON CONFLICT", "DO", "NOTHING", "--", "/*", "*/",
          "\\", "*", "UNION", "EXISTS", "$$", "::", "__hole_1", "LATERAL", "unnest($1)"]
WRAPPERS = {
    "go": ['q := `{}`\n', 'q := "{}" + x + "{}"\n'], "python": ['q = """{}"""\n', 'q = f"{}"\n'],
    "js": ["const q = `{}`;\n", "const q = '{}' + v;\n"], "java": ['String q = """\n{}""";\n', 'String q = "{}";\n'],
    "kotlin": ['val q = "{}"\n', 'val q = """{}"""\n'], "sql": ["{}\n", "{};\n{}\n"],
}

sqlish = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LANGUAGES), sqlish, sqlish, st.integers(0, 1))
def test_sql_shaped_input_never_raises(language, first, second, which):
    text = WRAPPERS[language][which].replace("{}", first, 1).replace("{}", second, 1)
    result = file_result(text.encode(), language, "postgresql")
    known = Known([], "public")
    for line, _sql, _dynamic, _snippet, analysis in result["q"]:
        assert line >= 1
        resolve(Analysis.from_json(analysis), known)
    assert all(line >= 0 for line, _ in result["s"])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LANGUAGES), st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(language, data):
    file_result(data, language, "postgresql")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LANGUAGES), st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_text_never_raises(language, text):
    file_result(text.encode(), language, "mysql")

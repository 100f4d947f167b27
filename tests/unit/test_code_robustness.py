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


# Exactness: queries that only use what the schema has resolve to nothing outside it.
from remedy.model import Column, Table, build_schema  # noqa: E402
from remedy.sources.code.parse import parse_statement  # noqa: E402
from remedy.sources.code.resolve import analyze  # noqa: E402

COLS = {"a": ("id", "a_name", "a_flag", "owner_id"), "b": ("id", "a_id", "b_note", "created_at"),
        "c": ("id", "b_id", "c_total")}
SCHEMA = build_schema("postgresql", [Table(t, "public", tuple(Column(c, "text") for c in cols))
                                     for t, cols in COLS.items()], schemas=("public",))
TEMPLATES = [
    "SELECT x.{a1}, y.{b1} FROM a x JOIN b y ON y.a_id = x.id WHERE {a2} = $1 AND {b2} IS NOT NULL",
    "WITH k AS (SELECT a_id, count(*) AS n FROM b WHERE {b1} > $1 GROUP BY a_id) "
    "UPDATE a SET {a2} = k.n FROM k WHERE a.id = k.a_id RETURNING a.{a1}",
    "INSERT INTO c (id, {c1}) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET {c1} = EXCLUDED.{c1} RETURNING {c2}",
    "SELECT {a1} FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a_id = a.id AND {b2} = $1) ORDER BY {a1}",
    "DELETE FROM c USING b WHERE c.b_id = b.id AND {b1} < $1 AND c.{c2} IS NULL",
    "SELECT s.{a1} FROM (SELECT * FROM a WHERE {a2} = $1) s",
]
UNIQUE = {"a": ("a_name", "a_flag", "owner_id"), "b": ("b_note", "created_at"), "c": ("c_total", "b_id")}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TEMPLATES), st.data())
def test_queries_over_existing_columns_expect_nothing_else(template, data):
    picks = {f"{t}{i}": data.draw(st.sampled_from(UNIQUE[t])) for t in "abc" for i in (1, 2)}
    tree, why = parse_statement(template.format(**picks), "postgresql")
    assert tree is not None, why
    result = resolve(analyze(tree), Known([SCHEMA], "public"))
    assert result.unresolved == ()
    for schema, table, column in result.columns:
        assert column in COLS[table], (table, column)

"""Java and Kotlin: JDBC, Spring JdbcTemplate, text blocks, StringBuilder, Kotlin templates."""
from tests.unit.code_corpus.common import Case


def java(body: str, top: str = "") -> str:
    return ("import java.sql.*;\nimport java.util.*;\n\npublic class Repo {\n" + top +
            "  public void run(Connection conn, long id, String name, String status, String sort) throws SQLException {\n"
            + body + "\n  }\n}\n")


def kt(body: str, top: str = "") -> str:
    return top + "fun run(conn: Connection, id: Long, name: String, status: String?, sort: String) {\n" + body + "\n}\n"


JAVA = [
    Case("prepare_literal", java('    PreparedStatement ps = conn.prepareStatement("SELECT {a} FROM {t} WHERE id = ?");'),
         ("SELECT {a} FROM {t} WHERE id = ?",), ("full",)),
    Case("text_block", java('    String q = """\n        SELECT {a}, {b}\n        FROM {t}\n        WHERE id = ?\n        """;\n    conn.prepareStatement(q);'),
         ("SELECT {a}, {b} FROM {t} WHERE id = ?",), ("full",)),
    Case("string_builder_chain", java('    StringBuilder sb = new StringBuilder("SELECT {a} FROM {t}");\n    if (status != null) {\n      sb.append(" WHERE {b} = ?");\n    }\n    conn.prepareStatement(sb.toString());'),
         ("SELECT {a} FROM {t}", "SELECT {a} FROM {t} WHERE {b} = ?"), ("full",)),
    Case("string_format", java('    String q = String.format("SELECT %s FROM {t} WHERE id = ?", "{a}, {b}");\n    conn.prepareStatement(q);'),
         ("SELECT {a}, {b} FROM {t} WHERE id = ?",), ("full",)),
    Case("string_join_list_of", java('    List<String> cols = List.of("id", "{a}", "{b}");\n    conn.prepareStatement("SELECT " + String.join(", ", cols) + " FROM {t}");'),
         ("SELECT id, {a}, {b} FROM {t}",), ("full",)),
    Case("static_final_constant", java('    conn.prepareStatement(FIND);', '  private static final String FIND = "SELECT {a} FROM {t} WHERE {b} = ?";\n'),
         ("SELECT {a} FROM {t} WHERE {b} = ?",), ("full",)),
    Case("plus_equals", java('    String q = "UPDATE {t} SET {a} = ?";\n    if (status != null) q += ", {b} = ?";\n    q += " WHERE id = ?";\n    conn.prepareStatement(q);'),
         ("UPDATE {t} SET {a} = ? WHERE id = ?", "UPDATE {t} SET {a} = ?, {b} = ? WHERE id = ?"), ("full",)),
    Case("ternary", java('    String order = "desc".equals(sort) ? "{a} DESC" : "{a}";\n    conn.prepareStatement("SELECT {b} FROM {t} ORDER BY " + order);'),
         ("SELECT {b} FROM {t} ORDER BY {a} DESC", "SELECT {b} FROM {t} ORDER BY {a}"), ("full",)),
    Case("jdbc_template_query", java('    jdbc.queryForList("SELECT {a} FROM {t} WHERE {b} = ?", status);'),
         ("SELECT {a} FROM {t} WHERE {b} = ?",), ("full",)),
    Case("formatted", java('    conn.prepareStatement("DELETE FROM %s WHERE {a} = ?".formatted("{t}"));'),
         ("DELETE FROM {t} WHERE {a} = ?",), ("full",)),
    Case("refuse_map_get", java('    conn.prepareStatement(queries.get(name));'), (), ("unread",), unread=1),
]

KOTLIN = [
    Case("kotlin_literal", kt('    conn.prepareStatement("SELECT {a} FROM {t} WHERE id = ?")'),
         ("SELECT {a} FROM {t} WHERE id = ?",), ("full",)),
    Case("kotlin_raw_string", kt('    val q = """\n        SELECT {a}, {b}\n        FROM {t}\n        WHERE id = ?\n    """.trimIndent()\n    conn.prepareStatement(q)'),
         ("SELECT {a}, {b} FROM {t} WHERE id = ?",), ("full",)),
    Case("kotlin_template_value", kt('    val table = "{t}"\n    conn.prepareStatement("SELECT {a} FROM $table WHERE {b} = ?")'),
         ("SELECT {a} FROM {t} WHERE {b} = ?",), ("full",)),
    Case("kotlin_list_join", kt('    val cols = listOf("id", "{a}", "{b}")\n    conn.prepareStatement("SELECT ${cols.joinToString(", ")} FROM {t}")'),
         ("SELECT id, {a}, {b} FROM {t}",), ("full",)),
    Case("kotlin_string_builder", kt('    val sb = StringBuilder("UPDATE {t} SET {a} = ?")\n    sb.append(" WHERE id = ?")\n    conn.prepareStatement(sb.toString())'),
         ("UPDATE {t} SET {a} = ? WHERE id = ?",), ("full",)),
    Case("kotlin_plus_equals", kt('    var q = "SELECT {a} FROM {t}"\n    if (status != null) {\n        q += " WHERE {b} = ?"\n    }\n    conn.prepareStatement(q)'),
         ("SELECT {a} FROM {t}", "SELECT {a} FROM {t} WHERE {b} = ?"), ("full",)),
    Case("kotlin_const_val", kt('    conn.prepareStatement(FIND)', 'const val FIND = "DELETE FROM {t} WHERE {a} = ?"\n\n'),
         ("DELETE FROM {t} WHERE {a} = ?",), ("full",)),
    Case("kotlin_format", kt('    conn.prepareStatement("SELECT %s FROM {t}".format("{a}, {b}"))'),
         ("SELECT {a}, {b} FROM {t}",), ("full",)),
    Case("kotlin_refuse_parameter_table", kt('    conn.prepareStatement("SELECT {a} FROM $name WHERE id = ?")'),
         ("SELECT {a} FROM __hole_ WHERE id = ?",), ("partial",)),
    Case("kotlin_refuse_map_lookup", kt('    conn.prepareStatement(queries[name])'), (), ("unread",), unread=1),
]

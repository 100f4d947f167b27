"""Python: DB-API cursors, asyncpg, SQLAlchemy text(), in the shapes Python services build SQL."""
from tests.unit.code_corpus.common import Case

H = "from sqlalchemy import text\n\n"


def py(body: str, top: str = "") -> str:
    return H + top + "def run(cur, item_id, name, status, sort, limit):\n" + body + "\n"


CASES = [
    Case("execute_literal", py('    cur.execute("SELECT {a} FROM {t} WHERE id = %s", (item_id,))'),
         ("SELECT {a} FROM {t} WHERE id = %s",), ("full",)),
    Case("triple_quoted", py('    cur.execute("""\n        SELECT {a}, {b}\n        FROM {t}\n        WHERE id = %(id)s\n    """, {"id": item_id})'),
         ("SELECT {a}, {b} FROM {t} WHERE id = %(id)s",), ("full",)),
    Case("fstring_joined_columns", py('    cols = ["id", "{a}", "{b}"]\n    cur.execute(f"SELECT {\', \'.join(cols)} FROM {t} WHERE id = %s", (item_id,))'),
         ("SELECT id, {a}, {b} FROM {t} WHERE id = %s",), ("full",)),
    Case("percent_table_constant", py('    cur.execute("SELECT {a} FROM %s WHERE id = %%s" % TABLE, (item_id,))', 'TABLE = "{t}"\n\n'),
         ("SELECT {a} FROM {t} WHERE id = %s",), ("full",)),
    Case("format_columns", py('    sql = "SELECT {} FROM {t} WHERE {b} = %s".format("{a}")\n    cur.execute(sql, (status,))'),
         ("SELECT {a} FROM {t} WHERE {b} = %s",), ("full",)),
    Case("list_append_join", py('    where = ["1 = 1"]\n    if item_id:\n        where.append("id = %(id)s")\n    if status:\n        where.append("{b} = %(status)s")\n'
                                '    cur.execute("SELECT {a} FROM {t} WHERE " + " AND ".join(where), locals())'),
         ("SELECT {a} FROM {t} WHERE 1 = 1", "SELECT {a} FROM {t} WHERE 1 = 1 AND id = %(id)s", "SELECT {a} FROM {t} WHERE 1 = 1 AND {b} = %(status)s",
          "SELECT {a} FROM {t} WHERE 1 = 1 AND id = %(id)s AND {b} = %(status)s"), ("full",)),
    Case("module_constant", py('    cur.execute(FIND, (item_id,))', 'FIND = "SELECT {a} FROM {t} WHERE id = %s"\n\n'),
         ("SELECT {a} FROM {t} WHERE id = %s",), ("full",)),
    Case("implicit_concatenation", py('    cur.execute(\n        "SELECT {a} "\n        "FROM {t} "\n        "WHERE {b} = %s",\n        (status,),\n    )'),
         ("SELECT {a} FROM {t} WHERE {b} = %s",), ("full",)),
    Case("conditional_plus_equals", py('    sql = "UPDATE {t} SET {a} = %s"\n    if status:\n        sql += ", {b} = %s"\n    sql += " WHERE id = %s"\n    cur.execute(sql, ())'),
         ("UPDATE {t} SET {a} = %s WHERE id = %s", "UPDATE {t} SET {a} = %s, {b} = %s WHERE id = %s"), ("full",)),
    Case("helper_returns_columns", py('    cur.execute(f"SELECT {\', \'.join(columns())} FROM {t}")', 'def columns():\n    return ["id", "{a}", "{b}"]\n\n\n'),
         ("SELECT id, {a}, {b} FROM {t}",), ("full",)),
    Case("sqlalchemy_text", py('    return cur.execute(text("SELECT {a} FROM {t} WHERE {b} = :status"), {"status": status})'),
         ("SELECT {a} FROM {t} WHERE {b} = :status",), ("full",)),
    Case("ternary_order", py('    order = "{a} DESC" if sort == "desc" else "{a}"\n    cur.execute(f"SELECT {b} FROM {t} ORDER BY {order}")'),
         ("SELECT {b} FROM {t} ORDER BY {a} DESC", "SELECT {b} FROM {t} ORDER BY {a}"), ("full",)),
    Case("truthy_list_guard", py('    conds = []\n    if status:\n        conds.append("{b} = %s")\n    sql = "SELECT {a} FROM {t}"\n    if conds:\n        sql += " WHERE " + " AND ".join(conds)\n    cur.execute(sql, ())'),
         ("SELECT {a} FROM {t}", "SELECT {a} FROM {t} WHERE {b} = %s"), ("full",)),
    Case("for_over_known_columns", py('    sets = []\n    for col in ["{a}", "{b}"]:\n        sets.append(f"{col} = NULL")\n    cur.execute("UPDATE {t} SET " + ", ".join(sets + ["id = id"]))'),
         ("UPDATE {t} SET id = id", "UPDATE {t} SET {a} = NULL, id = id", "UPDATE {t} SET {b} = NULL, id = id"), ("full",)),
    Case("asyncpg_fetch", py('    return cur.fetch("SELECT {a}, {b} FROM {t} WHERE id = $1", item_id)'),
         ("SELECT {a}, {b} FROM {t} WHERE id = $1",), ("full",)),
    Case("executemany_insert", py('    cur.executemany("INSERT INTO {t} ({a}, {b}) VALUES (%s, %s)", [(name, status)])'),
         ("INSERT INTO {t} ({a}, {b}) VALUES (%s, %s)",), ("full",)),
    Case("class_method_constant", "class Repo:\n    SQL = \"DELETE FROM {t} WHERE {a} = %s\"\n\n    def delete(self, cur, value):\n        cur.execute(self.SQL, (value,))\n",
         ("DELETE FROM {t} WHERE {a} = %s",), ("full",)),
    Case("walrus_and_return", py('    return "SELECT {a} FROM {t} WHERE {b} IS NULL"'),
         ("SELECT {a} FROM {t} WHERE {b} IS NULL",), ("full",)),
    Case("dict_of_queries", 'QUERIES = {\n    "find": "SELECT {a} FROM {t} WHERE id = %s",\n    "count": "SELECT count(*) FROM {t} WHERE {b} = %s",\n}\n',
         ("SELECT {a} FROM {t} WHERE id = %s", "SELECT count(*) FROM {t} WHERE {b} = %s"), ("full", "full")),
    Case("refuse_dict_lookup", py('    cur.execute(QUERIES[name], (item_id,))'), (), ("unread",), unread=1),
    Case("refuse_generator_join", py('    sets = ", ".join(f"{c} = %s" for c in fields)\n    cur.execute(f"UPDATE {t} SET {sets} WHERE {a} = %s", ())'),
         (), ("unread",), unread=1),
    Case("refuse_table_parameter", py('    cur.execute(f"SELECT {a} FROM {name} WHERE {b} = %s", (status,))'),
         ("SELECT {a} FROM __hole_ WHERE {b} = %s",), ("partial",)),
]

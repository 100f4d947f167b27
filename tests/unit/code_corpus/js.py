"""JavaScript / TypeScript: node-postgres, pg-promise, postgres.js tagged templates, plain strings."""
from tests.unit.code_corpus.common import Case


def ts(body: str, top: str = "") -> str:
    return top + "export async function run(db: Db, id: number, name: string, status?: string, sort?: string) {\n" + body + "\n}\n"


CASES = [
    Case("query_literal", ts("  return db.query('SELECT {a} FROM {t} WHERE id = $1', [id]);"),
         ("SELECT {a} FROM {t} WHERE id = $1",), ("full",)),
    Case("template_joined_columns", ts("  const cols = ['id', '{a}', '{b}'];\n  return db.query(`SELECT ${cols.join(', ')} FROM {t} WHERE id = $1`, [id]);"),
         ("SELECT id, {a}, {b} FROM {t} WHERE id = $1",), ("full",)),
    Case("tagged_template_parameters", ts("  return sql`SELECT {a} FROM {t} WHERE {b} = ${status} AND id = ${id}`;"),
         ("SELECT {a} FROM {t} WHERE {b} = ? AND id = ?",), ("full",)),
    Case("push_and_join", ts("  const where: string[] = ['TRUE'];\n  if (status) where.push('{b} = $2');\n  return db.query('SELECT {a} FROM {t} WHERE ' + where.join(' AND '), [id, status]);"),
         ("SELECT {a} FROM {t} WHERE TRUE", "SELECT {a} FROM {t} WHERE TRUE AND {b} = $2"), ("full",)),
    Case("conditional_plus_equals", ts("  let q = 'UPDATE {t} SET {a} = $1';\n  if (status) {\n    q += ', {b} = $3';\n  }\n  q += ' WHERE id = $2';\n  await db.query(q, [name, id, status]);"),
         ("UPDATE {t} SET {a} = $1 WHERE id = $2", "UPDATE {t} SET {a} = $1, {b} = $3 WHERE id = $2"), ("full",)),
    Case("module_constant", ts("  return db.query(FIND, [id]);", "const FIND = `\n  SELECT {a}, {b}\n  FROM {t}\n  WHERE id = $1`;\n\n"),
         ("SELECT {a}, {b} FROM {t} WHERE id = $1",), ("full",)),
    Case("exported_arrow_function", "export const find = (db: Db, id: number) => db.query('SELECT {a} FROM {t} WHERE id = $1', [id]);\n",
         ("SELECT {a} FROM {t} WHERE id = $1",), ("full",)),
    Case("class_method", "export class Repo {\n  constructor(private db: Db) {}\n  async remove(id: number) {\n    await this.db.query('DELETE FROM {t} WHERE {a} = $1', [id]);\n  }\n}\n",
         ("DELETE FROM {t} WHERE {a} = $1",), ("full",)),
    Case("ternary_order", ts("  const order = sort === 'desc' ? '{a} DESC' : '{a}';\n  return db.query(`SELECT {b} FROM {t} ORDER BY ${order}`);"),
         ("SELECT {b} FROM {t} ORDER BY {a} DESC", "SELECT {b} FROM {t} ORDER BY {a}"), ("full",)),
    Case("typed_const_and_cast", ts("  const q: string = 'SELECT {a} FROM {t}' as string;\n  return db.any(q);"),
         ("SELECT {a} FROM {t}",), ("full",)),
    Case("helper_returns_columns", ts("  return db.query(`SELECT ${columns().join(', ')} FROM {t}`);", "function columns() {\n  return ['id', '{a}', '{b}'];\n}\n\n"),
         ("SELECT id, {a}, {b} FROM {t}",), ("full",)),
    Case("length_guard", ts("  const conds: string[] = [];\n  if (status) conds.push('{b} = $1');\n  let q = 'SELECT {a} FROM {t}';\n  if (conds.length > 0) q += ' WHERE ' + conds.join(' AND ');\n  return db.query(q, [status]);"),
         ("SELECT {a} FROM {t}", "SELECT {a} FROM {t} WHERE {b} = $1"), ("full",)),
    Case("multi_line_concatenation", ts("  const q =\n    'INSERT INTO {t} ({a}, {b}) ' +\n    'VALUES ($1, $2) ' +\n    'RETURNING id';\n  return db.one(q, [name, status]);"),
         ("INSERT INTO {t} ({a}, {b}) VALUES ($1, $2) RETURNING id",), ("full",)),
    Case("for_of_known_columns", ts("  const sets = [];\n  for (const c of ['{a}', '{b}']) sets.push(`${c} = NULL`);\n  return db.none('UPDATE {t} SET ' + sets.concat(['id = id']).join(', '));"),
         ("UPDATE {t} SET id = id", "UPDATE {t} SET {a} = NULL, id = id", "UPDATE {t} SET {b} = NULL, id = id"), ("full",)),
    Case("object_of_queries", "export const queries = {\n  find: 'SELECT {a} FROM {t} WHERE id = $1',\n  count: 'SELECT count(*) FROM {t} WHERE {b} = $1',\n};\n",
         ("SELECT {a} FROM {t} WHERE id = $1", "SELECT count(*) FROM {t} WHERE {b} = $1"), ("full", "full")),
    Case("switch_sort", ts("  let order = 'id';\n  switch (sort) {\n    case 'a': order = '{a}'; break;\n    case 'b': order = '{b}'; break;\n  }\n  return db.query('SELECT {a} FROM {t} ORDER BY ' + order);"),
         ("SELECT {a} FROM {t} ORDER BY id", "SELECT {a} FROM {t} ORDER BY {a}", "SELECT {a} FROM {t} ORDER BY {b}"), ("full",)),
    Case("number_limit", ts("  return db.query('SELECT {a} FROM {t} LIMIT ' + 10);"),
         ("SELECT {a} FROM {t} LIMIT 10",), ("full",)),
    Case("await_in_try", ts("  try {\n    await db.query('UPDATE {t} SET {b} = $1 WHERE id = $2', [status, id]);\n  } catch (e) {\n    throw e;\n  }"),
         ("UPDATE {t} SET {b} = $1 WHERE id = $2",), ("full",)),
    Case("refuse_object_lookup", ts("  return db.query(queries[name], [id]);"), (), ("unread",), unread=1),
    Case("refuse_table_from_argument", ts("  return db.query(`SELECT {a} FROM ${name} WHERE id = $1`, [id]);"),
         ("SELECT {a} FROM __hole_ WHERE id = $1",), ("partial",)),
    Case("refuse_unknown_builder", ts("  return db.query(buildQuery(name), [id]);"), (), ("unread",), unread=1),
]

-- Columns of the tables read, keyed by table oid (ordered by attnum in Python). A DEFAULT cannot
-- refer to columns, so it is deparsed without its table (relid 0 spares opening the relation per
-- row); a generated column's expression does refer to them and gets its table.
SELECT a.attrelid, a.attnum, a.attname,
       format_type(a.atttypid, a.atttypmod),
       a.attnotnull,
       pg_get_expr(d.adbin, CASE WHEN a.attgenerated <> '' THEN d.adrelid ELSE 0 END),
       a.attidentity,
       a.attgenerated,
       ds.description
FROM pg_attribute a
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass
                           AND ds.objsubid = a.attnum
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND a.attrelid IN (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(%(schemas)s))

-- Columns of the tables read, keyed by table oid (ordered by attnum in Python). A DEFAULT cannot
-- refer to columns, so it is deparsed without its table (relid 0 spares opening the relation per
-- row); a generated column's expression does refer to them and gets its table.
-- The collation is named only when it is not the type's own. For an identity column, or a column
-- with a default that may be a serial's nextval, the sequence the column owns (pg_depend 'i' / 'a'):
-- {start, increment, min, max, cache, cycle, type}. PostgreSQL 18: the name of a NOT NULL column's
-- constraint (pg_constraint contype 'n', one per column; no such rows before 18), and whether it is a parent's
-- the table inherits. Last, whether the column is only a parent's (inherited, not the table's own: attislocal).
SELECT a.attrelid, a.attnum, a.attname,
       format_type(a.atttypid, a.atttypmod),
       a.attnotnull,
       pg_get_expr(d.adbin, CASE WHEN a.attgenerated <> '' THEN d.adrelid ELSE 0 END),
       a.attidentity,
       a.attgenerated,
       ds.description,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END,
       CASE WHEN a.attidentity <> '' OR (d.adbin IS NOT NULL AND a.attgenerated = '') THEN
         (SELECT ARRAY[s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text,
                       s.seqcycle::text, format_type(s.seqtypid, NULL)]
          FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid
          WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
            AND dep.classid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i') LIMIT 1)
       END,
       nn.conname, nn.coninhcount > 0, NOT a.attislocal
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass
                           AND ds.objsubid = a.attnum
LEFT JOIN pg_constraint nn ON a.attnotnull AND nn.conrelid = a.attrelid AND nn.contype = 'n'
                          AND nn.conkey[1] = a.attnum
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND a.attrelid IN (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(%(schemas)s))

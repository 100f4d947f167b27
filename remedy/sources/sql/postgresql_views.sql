-- Views and materialized views: PostgreSQL's own deparse (read with search_path = pg_catalog, so every
-- relation is schema-qualified), options, output columns, a materialized view's indexes, and the
-- relations and columns each one reads (pg_depend through its rewrite rule). Extension members are left out.
-- Every object query returns: kind, schema, name, table, definition, properties (json), columns, depends (json).
SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized_view' END,
       n.nspname, c.relname, '',
       pg_get_viewdef(c.oid),
       json_build_object(
         'options', coalesce(array_to_string(c.reloptions, ', '), ''),
         'indexes', coalesce((SELECT string_agg(pg_get_indexdef(i.indexrelid), E';\n' ORDER BY ic.relname)
                              FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                              WHERE i.indrelid = c.oid), '')),
       ARRAY(SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
       coalesce((SELECT json_agg(DISTINCT jsonb_build_array(rn.nspname, rc.relname, coalesce(ra.attname, '')))
                 FROM pg_rewrite rw
                 JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
                                 AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> c.oid
                 JOIN pg_class rc ON rc.oid = d.refobjid
                 JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                 LEFT JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid
                                          AND d.refobjsubid > 0
                 WHERE rw.ev_class = c.oid), '[]')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                  AND e.deptype = 'e')
ORDER BY 2, 3

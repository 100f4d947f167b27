-- Comments on tables, views, sequences, columns, functions and types: the object they are on
-- ("on" = the COMMENT ON word) and the text. An extension's own objects are the extension's, and left out (CREATE
-- EXTENSION comments them).
SELECT 'comment', n.nspname,
       c.relname || coalesce('.' || a.attname, ''),
       CASE WHEN c.relkind IN ('r', 'p') THEN c.relname ELSE '' END,
       d.description,
       json_build_object('on', CASE WHEN d.objsubid > 0 THEN 'COLUMN'
                                    ELSE CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                                        WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                                                        ELSE 'TABLE' END END,
                         'relation', c.relname, 'column', coalesce(a.attname, '')),
       NULL::text[], NULL::json
FROM pg_description d
JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid AND x.deptype = 'e')
UNION ALL
SELECT 'comment', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', '',
       d.description,
       json_build_object('on', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                         'relation', p.proname, 'column', pg_get_function_identity_arguments(p.oid)),
       NULL::text[], NULL::json
FROM pg_description d
JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid AND x.deptype = 'e')
UNION ALL
SELECT 'comment', n.nspname, 'type ' || t.typname, '', d.description,
       json_build_object('on', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                         'relation', t.typname, 'column', ''),
       NULL::text[], NULL::json
FROM pg_description d
JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid AND x.deptype = 'e')
ORDER BY 2, 3

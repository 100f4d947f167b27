-- Composite types (CREATE TYPE ... AS (...)) and range types (CREATE TYPE ... AS RANGE (...)).
SELECT 'type', n.nspname, t.typname, '',
       CASE t.typtype
         WHEN 'c' THEN 'AS (' || (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod),
                                                    ', ' ORDER BY a.attnum)
                                  FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0
                                    AND NOT a.attisdropped) || ')'
         ELSE 'AS RANGE (' || concat_ws(', ', 'SUBTYPE = ' || format_type(r.rngsubtype, NULL),
                                        CASE WHEN r.rngsubdiff <> 0 THEN 'SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text END,
                                        CASE WHEN r.rngcanonical <> 0 THEN 'CANONICAL = ' || r.rngcanonical::regproc::text END) || ')'
       END,
       json_build_object('of', CASE t.typtype WHEN 'c' THEN 'composite' ELSE 'range' END),
       NULL::text[], NULL::json
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class tc ON tc.oid = t.typrelid
LEFT JOIN pg_range r ON r.rngtypid = t.oid
WHERE (t.typtype = 'c' AND tc.relkind = 'c' OR t.typtype = 'r')
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                  AND e.deptype = 'e')
ORDER BY 2, 3

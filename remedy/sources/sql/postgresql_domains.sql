-- Domains: base type, collation, default, NOT NULL and each named constraint, as PostgreSQL deparses them.
SELECT 'domain', n.nspname, t.typname, '',
       concat_ws(' ', 'AS', format_type(t.typbasetype, t.typtypmod),
                 CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
                      THEN 'COLLATE ' || (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                                          FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                                          WHERE co.oid = t.typcollation) END,
                 'DEFAULT ' || t.typdefault,
                 CASE WHEN t.typnotnull THEN 'NOT NULL' END,
                 (SELECT string_agg('CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid),
                                    ' ' ORDER BY con.conname)
                  FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c')),
       json_build_object(), ARRAY[]::text[], '[]'::json
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype = 'd' AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                  AND e.deptype = 'e')
ORDER BY 2, 3

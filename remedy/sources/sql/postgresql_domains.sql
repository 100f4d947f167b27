-- Domains: base type, collation, default, NOT NULL and each named constraint, as PostgreSQL deparses them; the
-- same parts one by one in the properties, which a plan changes with ALTER DOMAIN.
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
       json_build_object('base', format_type(t.typbasetype, t.typtypmod),
                         'collation', CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
                                           THEN t.typcollation::regcollation::text ELSE '' END,
                         'default', coalesce(t.typdefault, ''), 'has_default', t.typdefault IS NOT NULL,
                         'not_null', t.typnotnull,
                         'constraints', (SELECT coalesce(json_object_agg(con.conname, pg_get_constraintdef(con.oid)
                                                                         ORDER BY con.conname), '{}')::text
                                         FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c')),
       NULL::text[], NULL::json
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype = 'd' AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                  AND e.deptype = 'e')
ORDER BY 2, 3

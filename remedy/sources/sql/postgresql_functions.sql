-- Functions and procedures (not aggregates, not extension members): identity = name(input argument types),
-- PostgreSQL's own CREATE OR REPLACE text as the definition, argument names (for CREATE OR REPLACE),
-- and the columns a SQL-standard body (BEGIN ATOMIC) reads.
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
       n.nspname, p.proname || '(' || oidvectortypes(p.proargtypes) || ')', '',
       pg_get_functiondef(p.oid),
       json_build_object('returns', coalesce(pg_get_function_result(p.oid), ''), 'language', l.lanname,
                         'volatility', p.provolatile, 'security_definer', p.prosecdef::text,
                         'config', coalesce(array_to_string(p.proconfig, ', '), '')),
       ARRAY(SELECT coalesce(x, '') FROM unnest(p.proargnames) AS x),
       coalesce((SELECT json_agg(DISTINCT jsonb_build_array(rn.nspname, rc.relname, coalesce(ra.attname, '')))
                 FROM pg_depend d
                 JOIN pg_class rc ON rc.oid = d.refobjid
                 JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                 LEFT JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid
                                          AND d.refobjsubid > 0
                 WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                   AND d.refclassid = 'pg_class'::regclass), '[]')
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p')
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid
                  AND e.deptype IN ('e', 'i'))  -- extension members; a range type's own constructors
ORDER BY 2, 3

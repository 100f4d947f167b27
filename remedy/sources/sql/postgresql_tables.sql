-- Tables (ordinary and partitioned parents) with planner row estimates (-1: never analyzed), and whether
-- the table is UNLOGGED.
SELECT c.oid, n.nspname, c.relname, c.reltuples::bigint, ds.description, c.relpersistence = 'u'
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND n.nspname = ANY(%(schemas)s)

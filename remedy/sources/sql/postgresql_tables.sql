-- Tables (ordinary and partitioned parents) with planner row estimates.
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       c.reltuples::bigint AS reltuples,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND n.nspname = ANY(%(schemas)s)

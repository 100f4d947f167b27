-- Privileges on tables, views, sequences, their columns, functions, procedures and schemas: one row per
-- (object, grantee, privilege), from aclexplode. An object that was never granted on has its default ACL
-- (acldefault: the owner's privileges, and EXECUTE to PUBLIC on a function). Each row names the object's
-- owner, who holds every privilege implicitly: the comparator leaves the owner's own rows out. Names are
-- raw (the renderer quotes them); grantee 0 is PUBLIC. Extension members are the extension's.
WITH ns AS (SELECT oid, nspname, nspowner, nspacl FROM pg_namespace WHERE nspname = ANY(%(schemas)s)),
ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e'),
rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, ns.nspname
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid AND ext.classid = 'pg_class'::regclass)
),
acl (on_, nspname, relation, col, args, tbl, owner, dflt, e) AS (
  SELECT CASE r.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.nspname, r.relname, '', '', r.relname,
         r.relowner, r.relacl IS NULL, aclexplode(coalesce(r.relacl, acldefault(CASE r.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char",
                                                               r.relowner)))
  FROM rel r
  UNION ALL
  SELECT 'COLUMN', r.nspname, r.relname, a.attname, '', r.relname, r.relowner, false, aclexplode(a.attacl)
  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid
  WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, ns.nspname, p.proname, '',
         oidvectortypes(p.proargtypes), p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
         p.proowner, p.proacl IS NULL, aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner)))
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid AND ext.classid = 'pg_proc'::regclass)
  UNION ALL
  SELECT 'SCHEMA', ns.nspname, ns.nspname, '', '', '', ns.nspowner,
         ns.nspacl IS NULL OR EXISTS (SELECT 1 FROM pg_init_privs ip WHERE ip.objoid = ns.oid  -- as initdb made it
                                      AND ip.classoid = 'pg_namespace'::regclass AND ip.initprivs = ns.nspacl),
         aclexplode(coalesce(ns.nspacl, acldefault('n'::"char", ns.nspowner)))
  FROM ns
),
named AS (
  SELECT acl.*, (acl.e).privilege_type AS privilege, (acl.e).is_grantable AS grantable,
         CASE WHEN (acl.e).grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid((acl.e).grantee)::text END AS grantee,
         pg_get_userbyid(acl.owner)::text AS owner_name
  FROM acl
)
SELECT 'grant', nspname,
       CASE WHEN on_ = 'SCHEMA' THEN 'schema ' ELSE tbl || '.' END || privilege
         || CASE WHEN col <> '' THEN ' (' || col || ')' ELSE '' END || ' to ' || grantee,
       tbl,
       privilege || CASE WHEN col <> '' THEN ' (' || col || ')' ELSE '' END || ' TO ' || grantee
         || CASE WHEN grantable THEN ' WITH GRANT OPTION' ELSE '' END,
       json_build_object('on', on_, 'relation', relation, 'column', col, 'args', args, 'privilege', privilege,
                         'grantee', grantee, 'owner', owner_name,
                         'default', CASE WHEN dflt THEN 'yes' ELSE '' END),
       ARRAY[]::text[], '[]'::json
FROM named
ORDER BY 2, 3

-- Privileges on tables, views, sequences, their columns, functions, procedures, types, domains and schemas: one row
-- per (object, grantee, privilege), from aclexplode. An object that was never granted on has its default ACL
-- (acldefault: the owner's privileges, and EXECUTE to PUBLIC on a function, USAGE to PUBLIC on a type). Each row names the object's
-- owner, who holds every privilege implicitly: the owner's own privileges are one OWNER row per object. Names are
-- raw (the renderer quotes them); grantee 0 is PUBLIC. Extension members are the extension's.
WITH ns AS (SELECT oid, nspname, nspowner, nspacl FROM pg_namespace WHERE nspname = ANY(%(schemas)s)),
ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e'),
rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, ns.nspname
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid AND ext.classid = 'pg_class'::regclass)
),
targets (on_, nspname, relation, col, args, tbl, owner, dflt, acl) AS (
  SELECT CASE r.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.nspname, r.relname, '', '', r.relname,
         r.relowner, r.relacl IS NULL, r.relacl  -- NULL: the owner's privileges only
  FROM rel r
  UNION ALL
  SELECT 'COLUMN', r.nspname, r.relname, a.attname, '', r.relname, r.relowner, false, a.attacl
  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid
  WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, ns.nspname, p.proname, '',
         oidvectortypes(p.proargtypes), p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
         p.proowner, p.proacl IS NULL, coalesce(p.proacl, acldefault('f'::"char", p.proowner))
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid AND ext.classid = 'pg_proc'::regclass)
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, ns.nspname, t.typname, '', '', t.typname,
         t.typowner, t.typacl IS NULL, coalesce(t.typacl, acldefault('T'::"char", t.typowner))
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid AND ext.classid = 'pg_type'::regclass)
  UNION ALL
  SELECT 'SCHEMA', ns.nspname, ns.nspname, '', '', '', ns.nspowner,
         ns.nspacl IS NULL OR EXISTS (SELECT 1 FROM pg_init_privs ip WHERE ip.objoid = ns.oid  -- as initdb made it
                                      AND ip.classoid = 'pg_namespace'::regclass AND ip.initprivs = ns.nspacl),
         ns.nspacl
  FROM ns
),
-- every grantee's privilege but the owner's, and one OWNER row per object (what it is on, who owns it); the
-- grantors of a privilege (more than one role may have granted it) are kept: a revoke of a privilege its grantee
-- granted on to others must CASCADE, and the plan grants again what the cascade took
named (on_, nspname, relation, col, args, tbl, dflt, privilege, grantable, grantee, owner_name, grantor) AS (
  SELECT t.on_, t.nspname, t.relation, t.col, t.args, t.tbl, t.dflt, e.privilege_type, e.is_grantable,
         CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(e.grantee)::text END,
         pg_get_userbyid(t.owner)::text, pg_get_userbyid(e.grantor)::text
  FROM targets t CROSS JOIN LATERAL aclexplode(t.acl) AS e
  WHERE e.grantee <> t.owner
  UNION ALL
  SELECT t.on_, t.nspname, t.relation, '', t.args, t.tbl, t.dflt, 'OWNER', false, pg_get_userbyid(t.owner)::text,
         pg_get_userbyid(t.owner)::text, pg_get_userbyid(t.owner)::text
  FROM targets t WHERE t.on_ <> 'COLUMN'
)
SELECT 'grant', nspname,
       CASE WHEN on_ = 'SCHEMA' THEN 'schema ' ELSE tbl || '.' END || privilege
         || CASE WHEN col <> '' THEN ' (' || col || ')' ELSE '' END || ' to ' || grantee,
       tbl,
       privilege || CASE WHEN col <> '' THEN ' (' || col || ')' ELSE '' END || ' TO ' || grantee
         || CASE WHEN bool_or(grantable) THEN ' WITH GRANT OPTION' ELSE '' END,
       json_build_object('on', on_, 'relation', relation, 'column', col, 'args', args, 'privilege', privilege,
                         'grantee', grantee, 'owner', owner_name,
                         'default', CASE WHEN dflt THEN 'yes' ELSE '' END,
                         'grantors', string_agg(DISTINCT grantor, ',' ORDER BY grantor)),
       NULL::text[], NULL::json
FROM named
GROUP BY on_, nspname, relation, col, args, tbl, dflt, privilege, grantee, owner_name
ORDER BY 2, 3

"""The oracle: is database A now the same as database B? Shares no code with remedy's readers.

First choice: ``pg_dump --schema-only --no-owner --no-privileges`` of both, normalised (with the owners or the
privileges where a case compares them), plus the type of each identity's sequence from this module's own query
(``IDENTITY_SEQUENCE_TYPES``: pg_dump writes none). When no pg_dump can dump
the server (or with REMEDY_CONFORMANCE_ORACLE=queries), the facts come from this module's own catalog queries (``CATALOG_FACTS``, written for the oracle
alone, not taken from remedy/sources/sql) run through psql. Either way the result is a sorted list of lines,
and A equals B when the lists are equal.

Normalisation, and so what the oracle does not see: comments, SET lines and psql meta-commands
(``\\restrict``) are dropped; statements are sorted (pg_dump's order is a dependency order, not part of the
schema); the column lines of a CREATE TABLE are sorted, because remedy does not compare the physical column
order (an added column goes last, as ALTER TABLE ADD COLUMN puts it).
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass

from tests.conformance.pgclient import client, libpq_uri


@dataclass(frozen=True)
class Picture:
    how: str                  # "pg_dump 18" or "catalog queries"
    lines: tuple[str, ...]


def picture(url: str, schemas: tuple[str, ...] = (), excluded: tuple[str, ...] = (),
            privileges: bool = False, owners: bool = False) -> Picture:
    """What the oracle sees of the database at ``url`` (only ``schemas`` when given, never ``excluded``); its
    GRANT / REVOKE statements (or ACLs) too with ``privileges`` (the cases run with --with-privileges), its
    ``ALTER ... OWNER TO`` (or owners) with ``owners`` (--with-owners)."""
    pg_dump = None if os.environ.get("REMEDY_CONFORMANCE_ORACLE") == "queries" else client("pg_dump", url)
    if pg_dump is not None:
        dump = _dump(pg_dump, url, schemas, excluded, privileges, owners)
        lines = normalise_dump(dump) + _facts(url, schemas, excluded, queries=(IDENTITY_SEQUENCE_TYPES,))
        return Picture(f"pg_dump ({pg_dump}) and identity sequence types", tuple(sorted(lines)))
    return Picture("catalog queries", tuple(_facts(url, schemas, excluded, privileges, owners)))


def _dump(pg_dump: str, url: str, schemas: tuple[str, ...], excluded: tuple[str, ...], privileges: bool,
          owners: bool = False) -> str:
    scope = [f"--schema={s}" for s in schemas] + [f"--exclude-schema={s}" for s in excluded]
    scope += [] if privileges else ["--no-privileges"]
    scope += [] if owners else ["--no-owner"]
    proc = subprocess.run([pg_dump, "--schema-only", *scope, "-d", libpq_uri(url)],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"pg_dump failed: {proc.stderr.strip()}")
    return proc.stdout


# ---- pg_dump text -> sorted statements ---------------------------------------------------------------------

_NOISE = re.compile(r"^(--|SET |SELECT pg_catalog\.set_config\(|\\)")


def normalise_dump(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines() if line.strip() and not _NOISE.match(line)]
    return sorted(_sorted_columns(stmt) for stmt in _statements(lines))


def _statements(lines: list[str]) -> list[str]:
    """Join lines into statements ending in ';' (outside a dollar-quoted body)."""
    out, buf, quote = [], [], None
    for line in lines:
        buf.append(line)
        for tag in re.findall(r"\$[A-Za-z_0-9]*\$", line):
            quote = None if quote == tag else (quote or tag)
        if quote is None and line.endswith(";"):
            out.append("\n".join(buf))
            buf = []
    return out + (["\n".join(buf)] if buf else [])


def _sorted_columns(stmt: str) -> str:
    """CREATE TABLE x (\\n col ...,\\n col ...\\n) -> the same with its column lines sorted."""
    lines = stmt.split("\n")
    if not lines[0].startswith(("CREATE TABLE", "CREATE UNLOGGED TABLE")) or len(lines) < 3:
        return stmt
    end = next((i for i in range(len(lines) - 1, 0, -1) if lines[i].startswith(")")), len(lines) - 1)
    body = sorted(line.strip().rstrip(",") for line in lines[1:end])
    return "\n".join([lines[0], *body, *lines[end:]])


# ---- the fallback: the oracle's own catalog queries ---------------------------------------------------------

_IN_SCOPE = """n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%%'
  AND n.nspname NOT LIKE 'pg\\_temp%%' AND n.nspname <> 'remedy' {scope}"""

CATALOG_FACTS = (
    # schemas
    "SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE {in_scope}",
    # relations of every kind, with persistence, options, RLS, partition bound and parents
    """SELECT concat_ws(' ', 'relation', n.nspname || '.' || c.relname, c.relkind, c.relpersistence,
         c.reloptions::text, c.relrowsecurity, c.relforcerowsecurity, pg_get_expr(c.relpartbound, c.oid),
         (SELECT string_agg(p.oid::regclass::text, ',' ORDER BY i.inhseqno) FROM pg_inherits i
            JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid))
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r','p','v','m','f','S','c') AND {in_scope}""",
    # columns: type, NOT NULL, default, identity, generated, collation, comment
    """SELECT concat_ws(' ', 'column', n.nspname || '.' || c.relname || '.' || quote_ident(a.attname),
         format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
         a.attidentity, a.attgenerated, co.collname, col_description(c.oid, a.attnum))
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_collation co ON co.oid = a.attcollation AND co.collname <> 'default'
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p','v','m','f','c') AND {in_scope}""",
    # constraints on tables and domains
    """SELECT concat_ws(' ', 'constraint', n.nspname, coalesce(r.relname, t.typname), k.conname,
         pg_get_constraintdef(k.oid, true))
       FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
       LEFT JOIN pg_class r ON r.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid WHERE {in_scope}""",
    # indexes, as the server would recreate them
    """SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {in_scope}""",
    # sequences with their options and owning column
    """SELECT concat_ws(' ', 'sequence', n.nspname || '.' || c.relname, format_type(s.seqtypid, NULL), s.seqstart,
         s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
         (SELECT o.relname || '.' || a.attname FROM pg_depend dp JOIN pg_class o ON o.oid = dp.refobjid
            JOIN pg_attribute a ON a.attrelid = o.oid AND a.attnum = dp.refobjsubid
           WHERE dp.objid = c.oid AND dp.classid = 'pg_class'::regclass AND dp.deptype IN ('a', 'i')))
       FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE {in_scope}""",
    # types: enums (labels in order), domains, composites, ranges
    """SELECT concat_ws(' ', 'type', n.nspname || '.' || t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod),
         t.typnotnull, t.typdefault,
         (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype IN ('e','d','c','r') AND (t.typtype <> 'c' OR
            (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') AND {in_scope}""",
    # views and materialized views
    """SELECT concat_ws(' ', 'view', n.nspname || '.' || c.relname, pg_get_viewdef(c.oid, true))
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND {in_scope}""",
    # functions and procedures
    """SELECT 'routine ' || pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind IN ('f','p') AND {in_scope}
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')""",
    # triggers, rules, policies
    """SELECT 'trigger ' || pg_get_triggerdef(g.oid, true) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT g.tgisinternal AND {in_scope}""",
    """SELECT 'rule ' || pg_get_ruledef(r.oid, true) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE r.rulename <> '_RETURN' AND {in_scope}""",
    """SELECT concat_ws(' ', 'policy', n.nspname || '.' || c.relname, p.polname, p.polcmd, p.polpermissive,
         pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
       FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE {in_scope}""",
    # extensions and table comments
    "SELECT 'extension ' || e.extname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace",
    """SELECT concat_ws(' ', 'comment', n.nspname || '.' || c.relname, obj_description(c.oid, 'pg_class'))
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE obj_description(c.oid, 'pg_class') IS NOT NULL AND {in_scope}""",
)


# privileges, one (grantee, privilege, grant option) list per object, the default ACL where none was set (a
# REVOKE then GRANT of the same privileges is the same), for the cases run with --with-privileges
_EXPLODED = """(SELECT string_agg(x.grantee::regrole::text || '=' || x.privilege_type || CASE WHEN x.is_grantable
                  THEN '*' ELSE '' END, ',' ORDER BY x.grantee::regrole::text, x.privilege_type)
                FROM aclexplode({acl}) x)"""
PRIVILEGE_FACTS = (
    """SELECT concat_ws(' ', 'acl', n.nspname || '.' || c.relname, """ + _EXPLODED.format(
        acl="""coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))""")
    + """) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r','p','v','m','f','S') AND {in_scope}""",
    """SELECT concat_ws(' ', 'acl', n.nspname || '.' || c.relname || '.' || a.attname, """
    + _EXPLODED.format(acl="a.attacl") + """)
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.attacl IS NOT NULL AND {in_scope}""",
    """SELECT concat_ws(' ', 'acl', p.oid::regprocedure::text, """
    + _EXPLODED.format(acl="""coalesce(p.proacl, acldefault('f'::"char", p.proowner))""") + """) FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f','p') AND {in_scope}""",
    """SELECT concat_ws(' ', 'acl schema', n.nspname, """
    + _EXPLODED.format(acl="""coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))""") + """)
       FROM pg_namespace n WHERE {in_scope}""",
    # types and domains (USAGE), the default ACL where none was set
    """SELECT concat_ws(' ', 'acl type', n.nspname || '.' || t.typname, """
    + _EXPLODED.format(acl="""coalesce(t.typacl, acldefault('T'::"char", t.typowner))""") + """)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype IN ('e','d','r','c') AND t.typelem = 0 AND (t.typtype <> 'c' OR
            (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') AND {in_scope}""",
    # default privileges as pg_default_acl holds them: per role, schema (or the whole database) and object type
    """SELECT concat_ws(' ', 'default acl', d.defaclrole::regrole::text, coalesce(n.nspname, '*'), d.defaclobjtype,
         """ + _EXPLODED.format(acl="d.defaclacl") + """)
       FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
      WHERE d.defaclnamespace = 0 OR ({in_scope})""",
)


# owners of schemas, relations, routines and types (for the cases run with --with-owners)
OWNER_FACTS = (
    "SELECT concat_ws(' ', 'owner schema', n.nspname, n.nspowner::regrole::text) FROM pg_namespace n WHERE {in_scope}",
    """SELECT concat_ws(' ', 'owner relation', n.nspname || '.' || c.relname, c.relowner::regrole::text)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r','p','v','m','f','S') AND {in_scope}""",
    """SELECT concat_ws(' ', 'owner routine', p.oid::regprocedure::text, p.proowner::regrole::text) FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f','p') AND {in_scope}""",
    """SELECT concat_ws(' ', 'owner type', n.nspname || '.' || t.typname, t.typowner::regrole::text)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype IN ('e','d','r','c','m') AND {in_scope}""",
)


# pg_dump (15 and 18) writes no AS for an identity's sequence (ADD GENERATED ... AS IDENTITY (SEQUENCE NAME ...)
# takes its column's type), and says its bounds against that type's defaults, so an identity sequence of another
# type than its column is invisible in a dump: the pg_dump oracle adds this fact (CATALOG_FACTS holds it already)
IDENTITY_SEQUENCE_TYPES = """SELECT concat_ws(' ', 'identity sequence of', n.nspname || '.' || o.relname || '.'
         || quote_ident(a.attname), 'as', format_type(s.seqtypid, NULL))
       FROM pg_sequence s JOIN pg_depend dp ON dp.objid = s.seqrelid AND dp.classid = 'pg_class'::regclass
        AND dp.deptype = 'i' JOIN pg_class o ON o.oid = dp.refobjid
       JOIN pg_attribute a ON a.attrelid = o.oid AND a.attnum = dp.refobjsubid AND a.attidentity <> ''
       JOIN pg_namespace n ON n.oid = o.relnamespace WHERE {in_scope}"""


def _facts(url: str, schemas: tuple[str, ...], excluded: tuple[str, ...], privileges: bool = False,
           owners: bool = False, queries: tuple[str, ...] = ()) -> list[str]:
    in_scope = _IN_SCOPE.format(scope=_scope_sql(schemas, excluded)).replace("%%", "%")
    queries = queries or CATALOG_FACTS + (PRIVILEGE_FACTS if privileges else ()) + (OWNER_FACTS if owners else ())
    script = ";\n".join(query.format(in_scope=in_scope) for query in queries) + ";\n"
    psql = client("psql", url)
    proc = subprocess.run([psql, "-X", "-At", "--record-separator-zero", "-v", "ON_ERROR_STOP=1",
                           "-d", libpq_uri(url)], input=script, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"oracle catalog queries failed: {proc.stderr.strip()}")
    return sorted(fact.strip() for fact in proc.stdout.split("\0") if fact.strip())


def _scope_sql(schemas: tuple[str, ...], excluded: tuple[str, ...]) -> str:
    def names(values):
        return ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    only = f" AND n.nspname IN ({names(schemas)})" if schemas else ""
    return only + (f" AND n.nspname NOT IN ({names(excluded)})" if excluded else "")

"""``remedy catalog init --from-db URL -o DIR``: snapshot a known-good schema as a catalog."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from remedy.db import database_url, make_engine, normalize_url
from remedy.errors import ExitCode, RemedyError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("catalog", help="work with catalogs (expected schemas)",
                                   description="Work with catalogs: catalog.toml + DDL files.")
    sub = parser.add_subparsers(dest="catalog_command", metavar="ACTION", parser_class=type(parser))
    init = sub.add_parser("init", help="write a catalog from a live database",
                          description="Snapshot a live (known-good) schema as a catalog directory: "
                                      "DIR/catalog.toml and DIR/schema/schema.sql.")
    init.add_argument("--from-db", "--db", dest="from_db", metavar="URL",
                      help="database to snapshot (default: $REMEDY_DATABASE_URL)")
    init.add_argument("-o", "--output", metavar="DIR", required=True, help="catalog directory to write")
    init.add_argument("--name", help="catalog name (default: the directory name)")
    init.add_argument("--schema", action="append", default=[], metavar="NAME",
                      help="schema(s) to read (default: every non-system schema / the current database)")
    init.add_argument("--exclude-schema", action="append", default=[], metavar="NAME",
                      help="schema(s) to leave out")
    init.add_argument("--force", action="store_true", help="overwrite an existing catalog.toml")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "catalog_command", None) != "init":
        raise RemedyError("catalog needs an action", "use 'remedy catalog init --from-db URL -o DIR'")
    return _init(args)


def _init(args: argparse.Namespace) -> int:
    from remedy.scope import Scope, scoped
    from remedy.sources.live import read_live
    from remedy.sources.snapshot import write_catalog

    out = Path(args.output)
    if (out / "catalog.toml").exists() and not args.force:
        raise RemedyError(f"{out / 'catalog.toml'} already exists", "pass --force to overwrite it")
    url = normalize_url(database_url(args.from_db or getattr(args, "db", None)))
    engine = make_engine(url)
    scope = Scope.of(args.schema, args.exclude_schema)
    try:
        schema = scoped(read_live(engine, args.schema or None), scope)
        left_out = _left_out(engine, schema, scope)
    finally:
        engine.dispose()
    if not schema.tables:
        where = ", ".join(schema.schemas) or "the default schema"
        raise RemedyError(f"no tables in {where} of {schema.source}", "nothing to snapshot; check the URL and --schema")
    write_catalog(schema, out, args.name)
    sys.stderr.write(f"wrote {out / 'catalog.toml'} and {out / 'schema' / 'schema.sql'} "
                     f"({schema.table_count} tables from {schema.source})\n")
    if left_out:
        sys.stderr.write(f"not in the catalog (remedy does not compare them): {left_out}\n")
    return ExitCode.OK


def _left_out(engine, schema, scope) -> str:
    """What the database holds that the snapshot leaves out, as a scan's not_compared counts it."""
    from remedy.render.report.common import kind_count
    from remedy.scan import not_compared, read_on_both_sides
    from remedy.sources.inventory import read_inventory

    with engine.connect() as conn:
        present = read_inventory(conn, schema.schemas)
    counts: dict[str, int] = {}
    for item in not_compared(present, scope, read_on_both_sides(schema, schema)):
        counts[item.kind] = counts.get(item.kind, 0) + item.count
    return ", ".join(kind_count(kind, n) for kind, n in sorted(counts.items()))

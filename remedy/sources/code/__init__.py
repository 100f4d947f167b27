"""Code expectations: what the application's own SQL needs, with file:line evidence.

``read_code(paths, live, catalog)`` finds the queries in Go, Python, TS/JS, Java/Kotlin and
``.sql`` files, resolves the tables and columns each references (``resolve``), and returns a
partial schema whose columns have unknown types (``Column.type == ""``). With an engine on a
PostgreSQL database it also asks the database to PREPARE every statement (``prove``): an
expectation the database disproves is dropped, one it confirms says so in its evidence.
"""
from __future__ import annotations

import os

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from remedy.model import Column, Evidence, Schema, Table
from remedy.sources.code import extract, gorm, link, rowtypes
from remedy.sources.code.cache import Cache, cache_dir, file_key
from remedy.sources.code.merge import CATALOG_DRIFT, expected_with_code
from remedy.sources.code.models import declared_text, go_type, model_expectations
from remedy.sources.metadata import translate_type
from remedy.sources.code.parse import file_result
from remedy.sources.code.prove import probe_columns, prove
from remedy.sources.code.verdicts import apply_verdicts
from remedy.sources.code.resolve import Analysis, Known, resolve
from remedy.sources.code.values import (
    TYPE_FROM_CODE, CodeExpectations, Coverage, Site, Skipped, Statement, Unresolved, Verdict,
)

__all__ = ["read_code", "prove", "expected_with_code", "CodeExpectations", "Statement", "Unresolved",
           "Skipped", "Verdict", "Site", "Coverage", "CATALOG_DRIFT"]

def read_code(paths: Sequence[str], live: Schema | None = None, catalog: Schema | None = None,
              dialect: str = "postgresql", engine=None, cache: str | None = None,
              use_cache: bool = True) -> CodeExpectations:
    """The expectations of the SQL found under ``paths`` (files, directories or globs)."""
    if isinstance(paths, str):
        paths = [paths]
    files = extract.source_files(list(paths))
    known = Known([live, catalog], default_schema(live, catalog, dialect))
    results = _file_results(files, dialect, known, Cache(cache_dir(cache) if use_cache else None))
    said_by = [(shown, r) for (shown, _), r in zip(files, results) if r.keys() & _SAID]  # the few files with any
    naming = gorm.model_names([r for _, r in said_by])
    statements, unresolved, skipped = _collect(files, results, _view_names(engine, live), naming, known)
    models = model_expectations([(shown, r.get("m", [])) for (shown, _), r in zip(files, results)], known)
    models += gorm.expectations(said_by, naming, known)
    ddl = [(shown, entry) for (shown, _), r in zip(files, results) for entry in r.get("d", ())]
    said = CodeTypes(rowtypes.types_for([(shown, r.get("r") or {}) for shown, r in said_by]),
                     [(shown, entry) for shown, r in said_by for entry in r.get("x", ())])
    schema = _schema(statements, models, dialect, paths, ddl, said)
    code = CodeExpectations(schema, tuple(statements), tuple(unresolved), tuple(skipped), files=len(files),
                            sites=_sites(files, results))
    if engine is not None and dialect in ("postgresql", "mysql") and statements:
        verdicts = prove(engine, code.statements)
        code = apply_verdicts(code, verdicts, live, probe_columns(engine, _missing_columns(code.schema, live)))
    return code


_SAID = {"g", "gm", "r", "x"}  # what gorm chains, model structs, row types and casts leave in a file's result


def _missing_columns(schema: Schema, live: Schema | None):
    """What the code needs that live lacks, worth asking the database directly: (schema, table, column)
    for a column of an existing table, (schema, table, "") for a table."""
    for table in schema.iter_tables():
        current = live.table(table.schema, table.name) if live is not None else None
        if current is None:
            yield (table.schema, table.name, "")
        else:
            yield from ((table.schema, table.name, c.name) for c in table.columns
                        if current.column(c.name, live.name_key) is None)


def default_schema(live: Schema | None, catalog: Schema | None, dialect: str) -> str:
    for schema in (live, catalog):
        if schema is not None and schema.schemas:
            return "public" if "public" in schema.schemas else schema.schemas[0]
        if schema is not None and schema.tables:
            return sorted(schema.tables)[0][0]
    return {"postgresql": "public"}.get(dialect, "")


KEEP_FILES = 50_000  # parsed files the code cache keeps at least (four times the tree, if larger)


def _file_results(files: list[tuple[str, str]], dialect: str, known: Known, cache: Cache) -> list[dict]:
    """Each file's resolved queries and skips: cached by content hash and known tables, else parsed."""
    keyed: list[tuple[str, dict]] = []
    for shown, real in files:
        data, skip = extract.read_bytes(real)
        language = extract.language_of(real) or ""
        if skip is not None or not language:
            reason = skip.reason if skip else "not a source file remedy reads"
            keyed.append(("", {"q": [], "s": [[skip.line if skip else 0, reason]], "m": []}))
            continue
        keyed.append((file_key(data, language, dialect), {"data": data, "language": language}))
    tag = known.fingerprint
    resolved = cache.get_many("resolved", [f"{k}:{tag}" for k, _ in keyed if k])
    missing = [(k, item) for k, item in keyed if k and f"{k}:{tag}" not in resolved]
    parsed = cache.get_many("files", [k for k, _ in missing])
    for key, item in missing:
        if key not in parsed:
            parsed[key] = file_result(item["data"], item["language"], dialect)
            cache.put("files", key, parsed[key])
        resolved[f"{key}:{tag}"] = _resolved(parsed[key], known)
        cache.put("resolved", f"{key}:{tag}", resolved[f"{key}:{tag}"])
    results = [resolved[f"{key}:{tag}"] if key else item for key, item in keyed]
    _linked(files, [key for key, _ in keyed], results, dialect, known, cache)
    cache.close(keep_resolved=tag, keep_files=max(KEEP_FILES, 4 * len(keyed)))
    return results


def _linked(files, keys: list[str], results: list[dict], dialect: str, known: Known, cache: Cache) -> None:
    """Files whose SQL needs a name another file defines, read again with that file's definition (``link``),
    in place. Cached under the file's key and the keys of every file it consulted."""
    needing = [i for i, result in enumerate(results) if result.get("n")]
    if not needing:
        return
    linker = link.Linker({os.path.abspath(real): shown for shown, real in files},
                         {os.path.abspath(real): key for (_, real), key in zip(files, keys)})
    entry_keys = {i: link.link_key(keys[i], files[i][1]) for i in needing}
    entries = cache.get_many("files", list(entry_keys.values()))
    parsed: dict[str, dict] = {}
    for i in needing:
        entry = entries.get(entry_keys[i])
        if entry is None or not linker.valid(entry["deps"]):
            entry = entries[entry_keys[i]] = _link_entry(linker, files[i][1], keys[i], dialect, cache, parsed)
            cache.put("files", entry_keys[i], entry)
    wanted = {i: entries[entry_keys[i]]["k"] for i in needing if entries[entry_keys[i]]["k"]}
    tag = known.fingerprint
    resolved = cache.get_many("resolved", [f"{k}:{tag}" for k in wanted.values()])
    stored = cache.get_many("files", [k for k in wanted.values() if f"{k}:{tag}" not in resolved and k not in parsed])
    for i, key in wanted.items():
        if f"{key}:{tag}" not in resolved:
            result = parsed.get(key) or stored.get(key) or linker.read(files[i][1], _language(files[i][1]), dialect)[0]
            resolved[f"{key}:{tag}"] = _resolved(result, known) if result is not None else results[i]
            cache.put("resolved", f"{key}:{tag}", resolved[f"{key}:{tag}"])
        results[i] = resolved[f"{key}:{tag}"]


def _link_entry(linker: link.Linker, real: str, key: str, dialect: str, cache: Cache, parsed: dict) -> dict:
    """Read ``real`` with other files' definitions: {"deps": what it consulted, "k": its result's key, "" when
    no other file defined anything it needs (its own reading stands)}."""
    result, deps = linker.read(real, _language(real), dialect)
    if result is None:
        return {"deps": deps, "k": ""}
    linked = link.linked_key(key, deps)
    parsed[linked] = result
    cache.put("files", linked, result)
    return {"deps": deps, "k": linked}


def _language(real: str) -> str:
    return extract.language_of(real) or ""


def _resolved(result: dict, known: Known) -> dict:
    """A parsed file result with each statement's analysis replaced by its resolved references."""
    queries, casts = [], []
    for line, sql, dynamic, snippet, analysis in result["q"]:
        refs = resolve(Analysis.from_json(analysis), known)
        queries.append([line, sql, dynamic, snippet, [list(t) for t in refs.tables],
                        [list(c) for c in refs.columns], [list(u) for u in refs.unresolved]]
                       + ([analysis["o"]] if analysis.get("o") else []))  # names another file wrote
        casts += _cast_columns(analysis.get("x", ()), refs.columns, line)
    out = {"q": queries, "s": result["s"], "m": result.get("m", []), "t": result.get("t", []),
           "c": result.get("c", []), "u": result.get("u", []), "k": result.get("k", []), "d": result.get("d", [])}
    extra = {"g": result.get("g"), "gm": result.get("gm"), "r": result.get("r"), "x": casts, "n": result.get("n")}
    out.update((key, value) for key, value in extra.items() if value)  # builders and row types: most files have none
    return out


def _cast_columns(hints, columns, line: int) -> list[list]:
    """[schema, table, column, type, line, cast] for each cast hint whose column the statement resolves to
    one table (a name on two tables of a join types neither)."""
    out = []
    for name, qualifier, sql_type, spelled in hints:
        owners = {(c[0], c[1]) for c in columns if c[2].lower() == name}
        if len(owners) == 1:
            schema, table = owners.pop()
            out.append([schema, table, name, sql_type, line, spelled])
    return out


def _view_names(engine, live: Schema | None) -> set[str]:
    """Views (and materialized views) of the live database: queries on them need no table."""
    if engine is None:
        return set()
    try:
        import sqlalchemy as sa

        inspector = sa.inspect(engine)
        names: set[str] = set()
        for schema in (live.schemas if live is not None and live.schemas else (None,)):
            names.update(n.lower() for n in inspector.get_view_names(schema=schema))
            if hasattr(inspector, "get_materialized_view_names") and engine.dialect.name == "postgresql":
                names.update(n.lower() for n in inspector.get_materialized_view_names(schema=schema))
        return names
    except Exception:  # no privilege, odd server: the views stay expectations, PREPARE still judges them
        return set()


def _collect(files, results, views: set[str] = frozenset(), naming: gorm.Naming | None = None,
             known: Known | None = None) -> tuple[list[Statement], list[Unresolved], list[Skipped]]:
    statements, unresolved, skipped = [], [], []
    temps = {name for result in results for name in result.get("t", ())} | views
    for (shown, _), result in zip(files, results):
        skipped.extend(Skipped(shown, line, reason) for line, reason in result["s"])
        uses = result.get("g") if naming is not None else None
        for line, sql, dynamic, snippet, tables, columns, problems, *origins in result["q"]:
            tables = tuple(tuple(t) for t in tables if t[1].lower() not in temps)
            columns = tuple(tuple(c) for c in columns if c[1].lower() not in temps)
            stmt = Statement(shown, line, sql, snippet, dynamic, tables, columns,
                             tuple(tuple(o) for o in origins[0]) if origins else ())
            if uses:
                stmt = gorm.renamed(stmt, uses, naming, known)
            statements.append(stmt)
            unresolved.extend(Unresolved(ref, reason, stmt.evidence) for ref, reason in problems)
    return statements, unresolved, skipped


def _sites(files, results) -> tuple[Site, ...]:
    """Every SQL site, and every database call whose SQL could not be read. A call whose SQL is a
    parameter of a function the code calls with SQL elsewhere (a wrapper) is read at those calls."""
    wrappers = {name for result in results for name in result.get("k", ())}
    out: list[Site] = []
    for (shown, _), result in zip(files, results):
        lines = {line for line, *_ in result.get("c", ())}
        out.extend(Site(shown, line, status, variants, reason) for line, status, variants, _, reason in result.get("c", ()))
        out.extend(Site(shown, line, "unread", 0, f"the SQL is {reason}") for line, reason, function in result.get("u", ())
                   if line not in lines and not (function and function in wrappers))
    return tuple(sorted(out, key=lambda s: (s.file, s.line)))


def _column(table: tuple[str, str], name: str, evidence, types) -> Column:
    """A column the code needs; the type a model of the code declares goes in ``raw_type`` (what a plan
    creates it as), never in ``type``: the code's word is not compared against the database's."""
    sql_type, source = types.get((*table, name), ("", ""))
    return Column(name, "", raw_type=sql_type, evidence=tuple(evidence),
                  comment=f"{TYPE_FROM_CODE}{source}" if source else None)


def _checked_type(text: str, dialect: str, spelled_for: str = "postgresql") -> str:
    """``text`` when it parses as a data type of ``dialect`` (the code's own words), else "" (untyped)."""
    from remedy.decided_types import data_type
    from remedy.errors import RemedyError

    try:
        data_type(translate_type(text, spelled_for, dialect) if spelled_for != dialect else text, dialect)
    except RemedyError:
        return ""
    return text


@dataclass(frozen=True)
class CodeTypes:
    """Types the code says for columns its SQL needs: row types (table, column, type, source) and casts."""

    rows: list = field(default_factory=list)
    casts: list = field(default_factory=list)  # (file, [schema, table, column, type, line, cast])


def _said_types(types: dict, tables, columns, said: CodeTypes, dialect: str) -> None:
    """Types from row classes / interfaces, then from casts, for the columns the code needs and nothing
    typed yet (never adds a column)."""
    for table, column, sql_type, source in said.rows:
        for key in tables:
            if key[1].lower() == table and column in columns.get(key, {}):
                if _checked_type(sql_type, dialect):
                    types.setdefault((*key, column), (translate_type(sql_type, "postgresql", dialect), source))
    for shown, (schema, table, column, sql_type, line, spelled) in said.casts:
        if column in columns.get((schema, table), {}) and _checked_type(sql_type, dialect, dialect):
            types.setdefault((schema, table, column), (sql_type, f"{shown}:{line} (cast {spelled})"))


def _written_elsewhere(stmt: Statement, tables: dict, columns: dict) -> None:
    """Evidence where another file spells a name the statement needs (a column list, a table constant)."""
    for word, file, line, snippet in stmt.origins:
        evidence = Evidence(file, line, snippet)
        for key in stmt.tables:
            if key[1].lower() == word:
                tables[key][evidence] = None
        for schema, table, column in stmt.columns:
            if column.lower() == word:
                columns[(schema, table)][column][evidence] = None


def _schema(statements: Iterable[Statement], models, dialect: str, paths, ddl=(), said: CodeTypes | None = None) -> Schema:
    """Tables and columns the statements reference, each with every file:line that needs it."""
    tables: dict[tuple[str, str], dict[Evidence, None]] = {}
    columns: dict[tuple[str, str], dict[str, dict[Evidence, None]]] = {}
    for stmt in statements:
        evidence = stmt.evidence
        for key in stmt.tables:
            tables.setdefault(key, {})[evidence] = None
            columns.setdefault(key, {})
        for schema, table, column in stmt.columns:
            tables.setdefault((schema, table), {})
            columns.setdefault((schema, table), {}).setdefault(column, {})[evidence] = None
        if stmt.origins:
            _written_elsewhere(stmt, tables, columns)
    types: dict[tuple[str, str, str], tuple[str, str]] = {}
    for shown, (table, column, sql_type, line) in ddl:  # the repository's own schema files come first
        for key in tables:
            if key[1].lower() == table:
                types.setdefault((*key, column), (sql_type, f"{shown}:{line} (schema file)"))
    for (schema, table, column), evidence, declared in models:
        if (schema, table) in tables:
            columns[(schema, table)].setdefault(column, {})[evidence] = None
            sql_type = go_type(declared) if evidence.file.endswith(".go") else ""
            if sql_type and declared.startswith("sql:"):  # a type a tag spells: only one the dialect parses
                sql_type = _checked_type(sql_type, dialect)
            if sql_type:
                sql_type = translate_type(sql_type, "postgresql", dialect)  # Go types are spelled for PostgreSQL
                types.setdefault((schema, table, column),
                                 (sql_type, f"{evidence.file}:{evidence.line} ({declared_text(declared)})"))
    if said is not None:
        _said_types(types, tables, columns, said, dialect)
    built = {key: Table(key[1], key[0], tuple(_column(key, name, ev, types) for name, ev in cols.items()),
                        evidence=tuple(tables[key]))
             for key, cols in columns.items()}
    namespaces = tuple(sorted({k[0] for k in built}))
    return Schema(dialect, built, schemas=namespaces, source="code " + ", ".join(paths), partial=True)

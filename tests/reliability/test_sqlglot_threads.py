"""The expected side is read in a thread of its own while the live side is read. sqlglot registers a dialect's class
before it has given the class its parser, so a thread that asked for the dialect meanwhile parsed with the generic
parser: now and then, under load, a catalog's `CREATE TYPE ... AS ENUM` was an "unsupported statement" (exit 2) in
CI. The scan loads the dialect before it starts that thread."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import run_sql

PROBE = textwrap.dedent("""
    import sys
    from concurrent.futures import ThreadPoolExecutor
    from sqlglot.dialects.dialect import Dialect
    from sqlglot.parser import Parser

    submit, seen = ThreadPoolExecutor.submit, []

    def watched(self, fn, *args, **kwargs):
        loaded = Dialect._classes.get("postgres")
        seen.append(loaded is not None and loaded.parser_class is not Parser)
        return submit(self, fn, *args, **kwargs)

    ThreadPoolExecutor.submit = watched
    from remedy.scan import scan
    result = scan(sys.argv[1], sys.argv[2])
    print(seen, len(result.findings))
""")


def test_the_dialect_is_whole_before_the_expected_side_is_read_in_its_thread(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    ddl = "CREATE TYPE mood AS ENUM ('sad', 'happy');\nCREATE TABLE t (id int PRIMARY KEY, m mood);\n"
    run_sql(pg_url, ddl)
    catalog = tmp_path / "catalog"
    (catalog / "schema").mkdir(parents=True)
    (catalog / "catalog.toml").write_text('[catalog]\nname = "moods"\nddl = ["schema/*.sql"]\n')
    (catalog / "schema" / "00_types.sql").write_text(ddl)
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    ran = subprocess.run([sys.executable, str(probe), pg_url, str(catalog)], capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 0, ran.stderr
    seen, findings = ran.stdout.split("] ")
    assert seen == "[True, True"  # the catalog's read and the live inventory's count, each in a thread
    assert findings.strip() == "0"

"""A user who runs `pip install .` (not editable) gets a `remedy demo` with its catalog: it ships in the wheel."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_wheel_carries_the_demo_catalog_and_its_sample_backend(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
                    str(REPO), "-w", str(tmp_path)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("remedy-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n.removeprefix("remedy/_demo_catalog/") for n in names if n.startswith("remedy/_demo_catalog/")}
    source = {str(p.relative_to(REPO / "catalog" / "domainflow")) for p in (REPO / "catalog" / "domainflow").rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert source and shipped == source
    assert "remedy/sql/postgresql_columns.sql" in names or any(n.endswith("postgresql_columns.sql") for n in names)


def test_an_installed_remedy_finds_its_demo_catalog_without_the_checkout(tmp_path, monkeypatch):
    import remedy.demo as demo

    packaged = tmp_path / "remedy" / "_demo_catalog"
    packaged.mkdir(parents=True)
    (packaged / "catalog.toml").write_text("[catalog]\nname = 'domainflow'\n")
    monkeypatch.setattr(demo, "CATALOG_DIRS", (packaged, tmp_path / "no-checkout" / "catalog" / "domainflow"))
    assert demo.demo_catalog_dir() == packaged


def test_no_checkout_and_no_packaged_catalog_is_a_sentence(tmp_path, monkeypatch):
    import pytest

    import remedy.demo as demo
    from remedy.errors import RemedyError

    monkeypatch.setattr(demo, "CATALOG_DIRS", (tmp_path / "a", tmp_path / "b"))
    with pytest.raises(RemedyError, match="demo catalog is missing"):
        demo.demo_catalog_dir()

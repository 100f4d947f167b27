"""The wheel carries the demo catalog: catalog/domainflow is copied to remedy/_demo_catalog at build time.

catalog/ stays at the top level as the project's catalog source; an editable install reads it there.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DEMO_SOURCE = Path(__file__).resolve().parent / "catalog" / "domainflow"


class BuildPyWithDemoCatalog(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not DEMO_SOURCE.is_dir():
            return
        target = Path(self.build_lib) / "remedy" / "_demo_catalog"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(DEMO_SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", ".remedy-cache"))


setup(cmdclass={"build_py": BuildPyWithDemoCatalog})

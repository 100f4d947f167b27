"""Roles of a conformance case, made for one test run and dropped after it.

Roles are server-wide and parallel tests share the server, so a case that names roles (``Case.roles``) gets its
own: ``remedy_cr_app`` becomes ``remedy_cr_app_<token>`` in the case's SQL and args, is created before the
databases are loaded, and is dropped at the end (``DROP OWNED BY`` in each database the test loaded first, so
nothing the role holds keeps it alive).
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace

import sqlalchemy as sa

from tests.conformance.cases import Case


@dataclass
class CaseRoles:
    server_url: str
    names: dict[str, str] = field(default_factory=dict)  # as the case writes it -> this run's name
    databases: list[str] = field(default_factory=list)

    def make(self, case: Case) -> Case:
        """The case with this run's role names, the roles created."""
        token = uuid.uuid4().hex[:8]
        self.names = {role: f"{role}_{token}" for role in case.roles}
        for name in self.names.values():
            _run(self.server_url, [f'CREATE ROLE "{name}"'])
        return replace(case, a=self.rename(case.a), b=self.rename(case.b), catalog=self.rename(case.catalog),
                       args=tuple(self.rename(arg) for arg in case.args))

    def rename(self, text: str) -> str:
        for role, name in self.names.items():
            text = re.sub(rf"\b{re.escape(role)}\b", name, text)
        return text

    def drop(self) -> None:
        if not self.names:
            return
        quoted = ", ".join(f'"{name}"' for name in self.names.values())
        for url in self.databases:
            try:
                _run(url, [f"DROP OWNED BY {quoted} CASCADE"])
            except sa.exc.OperationalError:
                pass  # the database is gone already, and what the roles held in it with it
        _run(self.server_url, [f"DROP ROLE IF EXISTS {quoted}"])


def _run(url: str, statements: list[str]) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for sql in statements:
                conn.exec_driver_sql(sql)
    finally:
        engine.dispose()

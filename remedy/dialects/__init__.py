"""One home per dialect: ``get("postgresql")``, ``get("mysql")`` (MariaDB and MySQL), ``get("sqlite")``.

Each module holds what its database does differently: name folding and quoting, type
spellings, default and CHECK spellings, DESC support, transactional DDL, and so on.
"""
from remedy.dialects.base import Dialect, get, names, register, strict_quoting
from remedy.dialects import mysql, postgresql, sqlite  # noqa: F401  (each registers itself)

__all__ = ["Dialect", "get", "names", "register", "strict_quoting"]

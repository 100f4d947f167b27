"""remedy: a terminal remediation assistant for database schema drift."""

__version__ = "0.1.0"

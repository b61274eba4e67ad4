"""The store: where articles and their records rest. ``open_store(url)`` picks the backend by URL."""

from __future__ import annotations

from eventwire.errors import BAD_STORE_URL, EventwireError
from eventwire.store.base import Store
from eventwire.store.sqlite import SQLiteStore

__all__ = ["Store", "is_postgres", "open_store"]


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str) -> Store:
    """``path/to/file.db``, ``sqlite:///path/to/file.db`` or ``postgresql://user@host:port/dbname``."""
    if is_postgres(url):
        from eventwire.store.postgres import PostgresStore

        return PostgresStore(url)
    scheme, sep, rest = url.partition("://")
    if not sep:
        return SQLiteStore(url)
    if scheme == "sqlite":
        return SQLiteStore(rest.removeprefix("/") if rest.startswith("//") else rest)
    raise EventwireError(
        BAD_STORE_URL, f"unsupported store scheme {scheme!r}; use a SQLite path or postgresql://", url
    )

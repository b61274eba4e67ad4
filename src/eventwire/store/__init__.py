"""The store: where articles and their records rest. ``open_store(url)`` picks the backend by URL."""

from __future__ import annotations

from eventwire.errors import BAD_STORE_URL, EventwireError
from eventwire.store.base import Store
from eventwire.store.sqlite import SQLiteStore

__all__ = ["Store", "open_store"]


def open_store(url: str) -> Store:
    """``path/to/file.db`` or ``sqlite:///path/to/file.db``."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return SQLiteStore(url)
    if scheme == "sqlite":
        return SQLiteStore(rest.removeprefix("/") if rest.startswith("//") else rest)
    raise EventwireError(BAD_STORE_URL, f"unsupported store scheme {scheme!r}; use a SQLite path", url)

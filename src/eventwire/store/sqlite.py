"""SQLite backend: one file, WAL journal, busy timeout, FTS5 over titles and bodies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import BAD_STORE_URL, EventwireError
from eventwire.store.base import Store

# An external-content FTS5 index kept in step with articles by triggers.
_FULL_TEXT = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles')",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text); END""",
]


class SQLiteStore(Store):
    autoid = "INTEGER PRIMARY KEY"
    create_view = "CREATE VIEW IF NOT EXISTS"

    def __init__(self, path: str) -> None:
        self.url = path
        if path != ":memory:" and not Path(path).parent.exists():
            raise EventwireError(BAD_STORE_URL, "its folder does not exist", path)
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA busy_timeout=10000")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(
                "PRAGMA cache_size=-65536"
            )  # 64 MB of pages: indexes of a big store stay in memory
            self.db.execute("PRAGMA foreign_keys=ON")
            fresh_fts = not self.columns("articles_fts")
            self.migrate()
            if fresh_fts and self._count("articles"):  # a store made before full-text search
                self.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        except sqlite3.DatabaseError as err:
            raise EventwireError(BAD_STORE_URL, f"not a usable SQLite database ({err})", path) from err

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def columns(self, table: str) -> set[str]:
        return {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 1000) -> Iterator[dict[str, Any]]:
        # A connection of its own, so that writes on the main one may go on while rows are read.
        reader = sqlite3.connect(self.url, check_same_thread=False) if self.url != ":memory:" else self.db
        reader.row_factory = sqlite3.Row
        try:
            cursor = reader.execute(sql, params)
            while rows := cursor.fetchmany(batch):
                yield from (dict(r) for r in rows)
        finally:
            if reader is not self.db:
                reader.close()

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        # The query is taken as words, each quoted, so FTS5 syntax in user input is not interpreted.
        terms = " ".join('"{}"'.format(word.replace('"', '""')) for word in query.split())
        if not terms:
            return []
        rows = self.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (terms, limit),
        )
        return [dict(r) for r in rows]

    def _full_text_schema(self) -> list[str]:
        return _FULL_TEXT

    def close(self) -> None:
        self.db.close()

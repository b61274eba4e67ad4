"""SQLite backend: one file, WAL journal, one transaction per article."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.errors import BAD_STORE_URL, EventwireError
from eventwire.records import ANNOTATION_TYPES, COLLECTIONS, SCHEMA_VERSION, Article, Mention, Rejection

_ARTICLE_COLUMNS = (
    "annotated",
    "id",
    "text",
    "url",
    "title",
    "published",
    "language",
    "source",
    "author",
    "origin",
    "schema_version",
)
# Record fields that hold lists, stored as JSON text.
_JSON_FIELDS = frozenset(
    f.name for t in ANNOTATION_TYPES for f in dataclasses.fields(t) if f.default_factory is list
)

_COLUMN_TYPES = {"bool": "INTEGER NOT NULL DEFAULT 0", "int | None": "INTEGER", "float | None": "REAL"}
_BOOL_FIELDS = frozenset(f.name for t in ANNOTATION_TYPES for f in dataclasses.fields(t) if f.type == "bool")


class SQLiteStore:
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
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise EventwireError(BAD_STORE_URL, f"not a usable SQLite database ({err})", path) from err

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and int(row["value"]) > SCHEMA_VERSION:
            raise EventwireError(
                BAD_STORE_URL,
                f"store schema {row['value']} is newer than this eventwire's {SCHEMA_VERSION}; upgrade",
                self.url,
            )
        schema = resources.files("eventwire.store").joinpath("schema.sql").read_text(encoding="utf-8")
        with self._transaction():
            for statement in schema.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self._add_columns()
            self.db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    def _add_columns(self) -> None:
        """Record fields added since a store was made become columns of its tables (schema 1 → 2: events'
        context, role spans and flags)."""
        for mention_type in ANNOTATION_TYPES:
            table = mention_type.collection
            have = {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for f in dataclasses.fields(mention_type):
                if f.name not in have:
                    column = _COLUMN_TYPES.get(str(f.type), "TEXT")
                    self.db.execute(f'ALTER TABLE {table} ADD COLUMN "{f.name}" {column}')

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_article(self, article: Article, run_id: int | None = None) -> bool:
        row = {name: getattr(article, name) for name in _ARTICLE_COLUMNS}
        row.update(run_id=run_id, ingested_at=_now())
        with self._transaction():
            if self.has_article(article.id):
                return False
            _insert(self.db, "articles", row)
            for name, records in article.annotations().items():
                for record in records:
                    _insert(self.db, name, _row(record))
        return True

    def add_rejection(self, rejection: Rejection, run_id: int | None = None) -> None:
        with self._transaction():
            _insert(self.db, "rejections", {**rejection.as_dict(), "run_id": run_id})

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = {name: row[name] for name in _ARTICLE_COLUMNS}
        data["annotated"] = None if row["annotated"] is None else bool(row["annotated"])
        for mention_type in ANNOTATION_TYPES:
            rows = self.db.execute(
                f"SELECT * FROM {mention_type.collection} WHERE article_id = ? ORDER BY start, id",
                (article_id,),
            )
            data[mention_type.collection] = [_record(dict(r)) for r in rows]
        return Article.from_dict(data)

    def start_run(self, command: str, settings: dict[str, Any], versions: dict[str, str]) -> int:
        with self._transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (command, started_at, settings, versions) VALUES (?, ?, ?, ?)",
                (command, _now(), json.dumps(settings), json.dumps(versions)),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, articles: int, skipped: int, rejected: int) -> None:
        with self._transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, articles = ?, skipped = ?, rejected = ? WHERE id = ?",
                (_now(), articles, skipped, rejected, run_id),
            )

    def stats(self) -> dict[str, Any]:
        counts = {name: self._count(name) for name in ("articles", *COLLECTIONS, "rejections", "runs")}
        first, last = self.db.execute("SELECT min(published), max(published) FROM articles").fetchone()
        languages = dict(
            self.db.execute(
                "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        return {"store": self.url, "counts": counts, "published": [first, last], "languages": languages}

    def _count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def close(self) -> None:
        self.db.close()


def _insert(db: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def _row(record: Mention) -> dict[str, Any]:
    return {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in record.as_dict().items()}


def _record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        k: json.loads(v) if k in _JSON_FIELDS else bool(v) if k in _BOOL_FIELDS else v for k, v in row.items()
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

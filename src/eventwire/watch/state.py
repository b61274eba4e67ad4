"""What a watch remembers in the store: each source's schedule, failures and HTTP validators, and the keys
(URLs, files) already read, so that a restart refetches nothing and loses nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from eventwire.sources.fetch import Validators

if TYPE_CHECKING:
    from eventwire.store import Store


@dataclass(frozen=True, slots=True)
class SourceState:
    next_at: float = 0.0  # seconds since the epoch when it is due
    failures: int = 0  # in a row
    validators: Validators = field(default_factory=Validators)


class WatchState:
    def __init__(self, store: Store) -> None:
        self.store = store

    def source(self, source: str) -> SourceState:
        row = self.store.execute("SELECT * FROM watch_sources WHERE source = ?", (source,)).fetchone()
        if row is None:
            return SourceState()
        return SourceState(row["next_at"], row["failures"], Validators(row["etag"], row["last_modified"]))

    def checked(self, source: str, state: SourceState, status: str, articles: int = 0) -> None:
        with self.store.transaction():
            self.store.execute(
                "INSERT INTO watch_sources (source, etag, last_modified, checked_at, next_at, failures, "
                "status, articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, "
                "checked_at = excluded.checked_at, next_at = excluded.next_at, failures = excluded.failures, "
                "status = excluded.status, articles = watch_sources.articles + excluded.articles",
                (
                    source,
                    state.validators.etag,
                    state.validators.last_modified,
                    _now(),
                    state.next_at,
                    state.failures,
                    status,
                    articles,
                ),
            )

    def seen(self, key: str) -> bool:
        return self.store.execute("SELECT 1 FROM watch_seen WHERE key = ?", (key,)).fetchone() is not None

    def mark(self, keys: Iterable[str], source: str) -> None:
        rows = [(key, source, _now()) for key in dict.fromkeys(keys)]
        if rows:
            with self.store.transaction():
                self.store.executemany(
                    "INSERT INTO watch_seen (key, source, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    rows,
                )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

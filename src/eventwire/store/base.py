"""The interface every store backend implements."""

from __future__ import annotations

from typing import Any, Protocol

from eventwire.records import Article, Rejection


class Store(Protocol):
    url: str

    def has_article(self, article_id: str) -> bool: ...

    def add_article(self, article: Article, run_id: int | None = None) -> bool:
        """Store an article with all its records in one transaction; False when it was already there."""
        ...

    def add_rejection(self, rejection: Rejection, run_id: int | None = None) -> None: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def start_run(self, command: str, settings: dict[str, Any], versions: dict[str, str]) -> int: ...

    def finish_run(self, run_id: int, articles: int, skipped: int, rejected: int) -> None: ...

    def stats(self) -> dict[str, Any]: ...

    def close(self) -> None: ...

"""What the store's helper modules share: the part of a store they use (``Database``, so that they need not
import the store that calls them), rows by a list of ids asked in batches, and union-find roots."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class Database(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 1000) -> Iterator[dict[str, Any]]: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def lock(self, key: str) -> None: ...


BATCH = 500  # ids per IN (…) list


def rows_in(
    store: Database, sql: str, column: str, values: Iterable[str], joiner: str = "WHERE"
) -> list[dict[str, Any]]:
    """``sql`` restricted to rows whose ``column`` is one of ``values``, asked in batches."""
    values = list(dict.fromkeys(values))
    found: list[dict[str, Any]] = []
    for start in range(0, len(values), BATCH):
        batch = values[start : start + BATCH]
        marks = ", ".join("?" for _ in batch)
        found += [dict(r) for r in store.execute(f"{sql} {joiner} {column} IN ({marks})", batch)]
    return found


def root(parent: dict[str, str], node: str) -> str:
    """The root of a node in a union-find forest, halving the path on the way."""
    parent.setdefault(node, node)
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node

"""Lookups the store's modules share: rows by a list of ids, asked in batches, and union-find roots."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.store.base import Store

BATCH = 500  # ids per IN (…) list


def rows_in(
    store: Store, sql: str, column: str, values: Iterable[str], joiner: str = "WHERE"
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

"""Copy families: an article and the articles that copy it (``article_links``), each naming in
``articles.family`` the family's original, the earliest published (then the least id). The happenings' count
of independent outlets counts a family once."""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.store.lookup import Database, root, rows_in


def join_families(store: Database, article_id: str, linked: Sequence[str]) -> set[str]:
    """Put a new article and the stored ones it is linked to into one copy family, whose original is the
    earliest published of their originals (then the least id). Returns the stored articles whose family
    changed."""
    if not linked:
        return set()
    families = {
        r["family"] or r["id"] for r in rows_in(store, "SELECT id, family FROM articles", "id", linked)
    }
    families.add(article_id)
    heads = rows_in(store, "SELECT id, published FROM articles", "id", families)
    head = min(heads, key=lambda r: (r["published"] or "9999", r["id"]))["id"]
    changed = {
        r["id"]
        for r in rows_in(store, "SELECT id, family FROM articles", "family", families)
        if r["family"] != head
    }
    marks = ", ".join("?" for _ in families)
    store.execute(f"UPDATE articles SET family = ? WHERE family IN ({marks})", (head, *families))
    return changed - {article_id}


def refamily(store: Database) -> None:
    """Every article's copy family again, from the links."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        return root(parent, node)

    for link in store.stream("SELECT article_id, original_id FROM article_links"):
        parent[find(link["article_id"])] = find(link["original_id"])
    rows = {r["id"]: r for r in store.stream("SELECT id, published, family FROM articles")}
    heads: dict[str, str] = {}
    for node in parent:
        top, candidate = find(node), rows[node]
        best = heads.get(top)
        if best is None or (candidate["published"] or "9999", node) < (
            rows[best]["published"] or "9999",
            best,
        ):
            heads[top] = node
    updates = [
        (heads[find(i)] if i in parent else i, i)
        for i, r in rows.items()
        if r["family"] != (heads[find(i)] if i in parent else i)
    ]
    store.executemany("UPDATE articles SET family = ? WHERE id = ?", updates)

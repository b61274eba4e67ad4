"""What every annotator shares."""

from __future__ import annotations

from spacy.tokens import Doc


def mention_id(doc: Doc, tag: str, index: int) -> str:
    """Stable record id: the article id, the record tag and its index in the article."""
    return f"{doc._.article_id}-{tag}{index}"

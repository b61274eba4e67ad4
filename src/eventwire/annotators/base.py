"""What every annotator shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from spacy.tokens import Doc, Token

from eventwire.records import Actor, Mention

M = TypeVar("M", bound=Mention)


def mention_id(doc: Doc, tag: str, index: int) -> str:
    """Stable record id: the article id, the record tag and its index in the article."""
    return f"{doc._.article_id}-{tag}{index}"


_TEXT = "eventwire_text"  # doc.user_data key


def text_of(doc: Doc) -> str:
    """``doc.text``, which spaCy joins anew from the tokens on every access, kept once per document."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def located(doc: Doc, tag: str, index: int, start: int, end: int) -> dict[str, Any]:
    """The fields every record taken from the text starts with: its id, article and span."""
    return {
        "id": mention_id(doc, tag, index),
        "article_id": doc._.article_id,
        "start": start,
        "end": end,
        "text": text_of(doc)[start:end],
    }


def clause_span(head: Token) -> tuple[int, int]:
    """The characters of the clause headed by ``head``: its subtree."""
    subtree = list(head.subtree)
    return subtree[0].idx, subtree[-1].idx + len(subtree[-1])


def for_clause(records: Sequence[M], head: Token, rank: Callable[[M], int] = lambda _: 0) -> M | None:
    """The record governing the clause headed by ``head`` (an event's verb): the best-ranked one inside the
    clause, nearest the head; else the same in its sentence; else None."""
    for start, end in (clause_span(head), (head.sent.start_char, head.sent.end_char)):
        inside = [r for r in records if start <= r.start and r.end <= end]
        if inside:
            return min(inside, key=lambda r: (rank(r), abs(r.start - head.idx)))
    return None


def actor_over(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The first actor with a mention overlapping ``start``-``end``."""
    return next((a for a in actors for s, e in a.mentions if s < end and start < e), None)


def latest_actor(actors: Sequence[Actor], before: int, keep: Callable[[Actor], bool]) -> Actor | None:
    """Of the actors ``keep`` accepts, the one named last before ``before``: what "he" or "they" is."""
    earlier = [(s, a) for a in actors if keep(a) for s, _ in a.mentions if s < before]
    return max(earlier, key=lambda pair: pair[0])[1] if earlier else None

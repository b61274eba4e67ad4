"""Named entities as the model found them, with their character spans."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.annotators.base import mention_id
from eventwire.records import Entity


class EntityAnnotator:
    """Copies ``doc.ents`` to ``doc._.entities`` as Entity records, except those crossing a line break."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = [
            Entity(
                id=mention_id(doc, "ent", i),
                article_id=doc._.article_id,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=ent.label_,
            )
            for i, ent in enumerate(e for e in doc.ents if "\n" not in e.text)
        ]
        return doc

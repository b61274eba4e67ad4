"""Named entities as the model found them, with their character spans."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.annotators.base import located
from eventwire.records import Entity


class EntityAnnotator:
    """Copies ``doc.ents`` to ``doc._.entities`` as Entity records, except those crossing a line break."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = [
            Entity(
                **located(doc, "ent", i, ent.start_char, ent.end_char),
                label=ent.label_,
            )
            for i, ent in enumerate(e for e in doc.ents if "\n" not in e.text)
        ]
        return doc

"""Paragraph breaks are sentence breaks: set before the parser, which respects preset boundaries."""

from __future__ import annotations

from spacy.tokens import Doc


class ParagraphBoundaries:
    """Marks the token after any whitespace token holding a newline as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return doc

"""Time expressions: dates, periods and durations, normalised against the publication date.

Expressions are the model's DATE and TIME entities (with a "since" or "from" before them), and years,
months and weekdays after a preposition that the model misses. ``normalize.dates.resolve`` gives each an
interval; "the next year" is read from the previous date of the story, and a clause about the future
("will resume in February") turns weekdays and months forward.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.annotators.base import for_clause, located, text_of
from eventwire.normalize.dates import MONTHS, WEEKDAYS, resolve
from eventwire.records import TimeExpression

_AGE = re.compile(r"years?[\s-]old|year-old", re.IGNORECASE)
_NAMES = "|".join(name for name in [*MONTHS, *WEEKDAYS] if len(name) > 3)
_MISSED = re.compile(
    r"\b(?:in|on|since|by|from|until|before|after)\s+"
    rf"((?:19|20)\d{{2}}|(?:{_NAMES})\b(?:\s+\d{{1,2}})?(?:,?\s+(?:19|20)\d{{2}})?)",
    re.IGNORECASE,
)
_FUTURE = frozenset({"will", "shall", "'ll", "would"})


def published_date(doc: Doc) -> date | None:
    value = doc._.published
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def time_for_clause(doc: Doc, head: Token) -> TimeExpression | None:
    """The resolved time expression governing the clause headed by ``head`` (None: the publication date)."""
    resolved = [t for t in doc._.times or [] if t.value and t.granularity not in ("duration", "unresolved")]
    return for_clause(resolved, head)


class TimeAnnotator:
    """Writes ``doc._.times``: TimeExpression records with their intervals."""

    def __call__(self, doc: Doc) -> Doc:
        published = published_date(doc)
        previous: date | None = None
        times: list[TimeExpression] = []
        for span in self.expressions(doc):
            future = any(t.lower_ in _FUTURE and t.tag_ == "MD" for t in span.sent)
            resolved = resolve(span.text, published, previous, future)
            if resolved.start is not None and resolved.anchor != "previous":
                previous = resolved.start
            times.append(
                TimeExpression(
                    **located(doc, "tim", len(times), span.start_char, span.end_char),
                    value=resolved.value,
                    granularity=resolved.granularity,
                    start_date=resolved.start.isoformat() if resolved.start else None,
                    end_date=resolved.end.isoformat() if resolved.end else None,
                    anchor=resolved.anchor,
                    modifier=resolved.modifier,
                    confidence=resolved.confidence,
                )
            )
        doc._.times = times
        return doc

    @staticmethod
    def expressions(doc: Doc) -> list[Span]:
        spans = [_widen(e) for e in doc.ents if e.label_ in ("DATE", "TIME") and not _AGE.search(e.text)]
        for match in _MISSED.finditer(text_of(doc)):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if span is not None and not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
        return sorted(spans, key=lambda s: s.start)


def _widen(span: Span) -> Span:
    """ "since 2012": the model leaves the "since" out of a year, and it makes the year an interval."""
    if span.text.isdigit() and span.start > 0 and span.doc[span.start - 1].lower_ in ("since", "from"):
        return span.doc[span.start - 1 : span.end]
    return span

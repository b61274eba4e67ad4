"""Places: which stretches of text name places, and which GeoNames place each one is.

Recognition takes the model's GPE, LOC and FAC entities, and also, when the words around them say they are
places ("in Minbij", "Raqqa in Syria", "the town of al-Bab", a list with other places), entities of other
labels and untagged proper nouns that the gazetteer knows. Demonyms ("Syrian") are not places here: actors
link them to countries. Resolution is ``geo.resolve``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from eventwire.annotators.base import mention_id
from eventwire.geo.gazetteer import Gazetteer, gazetteer
from eventwire.geo.recognize import demonyms, link_containment, mention, trim
from eventwire.geo.resolve import PlaceMention, resolve
from eventwire.records import Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP"})
# Words before a name that make it a place.
LOCATIVES = frozenset({"in", "into", "from", "near", "outside", "toward", "towards", "across", "through", "via",
                       "around", "between", "inside", "at"})  # fmt: skip
_MIN_POPULATION = 1000  # for names only the gazetteer, not the model, says are places


class PlaceAnnotator:
    """Writes ``doc._.places``: resolved Place records with their spans."""

    def __init__(self, index: Gazetteer | None = None) -> None:
        self.gazetteer = index or gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(self.mentions(doc))
        link_containment(doc.text, mentions)
        places = []
        for m, resolution in zip(mentions, resolve(mentions), strict=True):
            if resolution is None:
                continue
            c = resolution.candidate
            places.append(
                Place(
                    id=mention_id(doc, "pla", len(places)),
                    article_id=doc._.article_id,
                    start=m.start,
                    end=m.end,
                    text=doc.text[m.start : m.end],
                    name=c.name,
                    geonameid=c.geonameid,
                    lat=c.lat,
                    lon=c.lon,
                    country=c.country,
                    iso3=self.gazetteer.iso3.get(c.country or ""),
                    admin1=c.admin1,
                    feature=c.feature,
                    confidence=resolution.confidence,
                )
            )
        doc._.places = places
        return doc

    def mentions(self, doc: Doc) -> Iterator[PlaceMention]:
        accepted: list[PlaceMention] = []
        for span, sure in self._spans(doc):
            start, end = trim(doc.text, span.start_char, span.end_char)
            if end <= start:
                continue
            m = mention(doc.text, start, end, self.gazetteer)
            if not m.candidates or m.key in demonyms():
                continue
            if sure or self._place_like(doc, span, m, accepted):
                accepted.append(m)
                yield m

    @staticmethod
    def _spans(doc: Doc) -> Iterator[tuple[Span, bool]]:
        """Entities (sure when the model says place), then runs of untagged proper nouns, in text order."""
        covered = {t.i for ent in doc.ents for t in ent}
        spans: list[tuple[Span, bool]] = [
            (ent, ent.label_ in PLACE_LABELS) for ent in doc.ents if ent.label_ in PLACE_LABELS | OTHER_LABELS
        ]
        run: list[int] = []
        for token in [*doc, None]:
            if token is not None and token.pos_ == "PROPN" and token.i not in covered and token.text[:1].isupper():
                run.append(token.i)
                continue
            if run:
                spans.append((doc[run[0] : run[-1] + 1], False))
                run = []
        return iter(sorted(spans, key=lambda s: s[0].start))

    @staticmethod
    def _place_like(doc: Doc, span: Span, m: PlaceMention, accepted: list[PlaceMention]) -> bool:
        """Whether the words around a name the model did not call a place make it one."""
        if not any(c.population >= _MIN_POPULATION or c.feature in ("ADM1", "PCLI") for c in m.candidates):
            return False
        if m.hint is not None:
            return True
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in LOCATIVES:
            return True
        if accepted and doc.text[accepted[-1].end : m.start].strip() in (",", "and", ", and", "or"):
            return True  # a list of places
        after = doc.text[m.end : m.end + 40]
        return any(
            after.lstrip().lower().startswith(f"in {ent.text.lower()}")
            for ent in doc.ents
            if ent.label_ == "GPE" and ent.start_char > m.end
        )

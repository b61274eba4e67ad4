"""Places: which stretches of text name places, and which GeoNames place each one is.

Recognition takes the model's GPE, LOC and FAC entities, and also, when the words around them say they are
places ("in Minbij", "Raqqa in Syria", "the town of al-Bab", a list with other places), entities of other
labels and untagged proper nouns that the gazetteer knows. Demonyms ("Syrian") are not places here: actors
link them to countries. Resolution is ``geo.resolve``, helped by the outlet's home (``doc._.home``,
``geo.homes``) when the store knows where the outlet's other stories are.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from eventwire.annotators.base import for_clause, located, mention_id, text_of
from eventwire.geo.gazetteer import Gazetteer, gazetteer
from eventwire.geo.recognize import demonyms, link_containment, mention, trim
from eventwire.geo.resolve import PlaceMention, resolve
from eventwire.records import Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP"})
# Words before a name that make it a place.
LOCATIVES = frozenset(
    {
        "in",
        "into",
        "from",
        "near",
        "outside",
        "toward",
        "towards",
        "across",
        "through",
        "via",
        "around",
        "between",
        "inside",
        "at",
    }
)
_MIN_POPULATION = 1000  # for names only the gazetteer, not the model, says are places
# A street or road: capitalised words and a street word, or a numbered road.
_STREET = re.compile(
    r"\b(?:County Road|State Highway|Highway|Interstate|Route|I-)\s?\d+\b"
    r"|\b(?:(?:[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th)?)\s){1,4}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|"
    r"Blvd\.|Drive|Lane|Highway|Parkway|Pike|Trail|Court|Circle|Square|Bridge)(?!\w)"
)
_MISLABELLED = frozenset({"ORG", "NORP"})  # labels the model gives towns it does not know ("Kasserine")
# A capitalised name of up to four words, with an Arabic article if it has one: "Deir Azzour", "al-Bab".
_NAME = re.compile(r"\b(?:(?:al|el|ad|ar|as|at|az|an|ash|ed|es|ez)-)?[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3}")
# Most specific first: where an event happened is the town rather than the country named beside it.
_SPECIFIC = {"STRT": 0, "BLDG": 0, "PPL": 0, "PPLC": 0, "ADM2": 1, "ISL": 2, "ADM1": 3, "RGN": 4, "SEA": 4,
             "PCLI": 5, "CONT": 6}  # fmt: skip


def _of_country(m: PlaceMention, countries: set[str | None]) -> bool:
    known = (c for c in m.candidates if c.population >= _MIN_POPULATION or c.feature == "ADM1")
    return any(c.country in countries for c in known)


def place_for_clause(doc: Doc, head: Token) -> Place | None:
    """The place governing the clause headed by ``head`` (e.g. an event's verb): the most specific place
    inside the clause, nearest the head; else the same in its sentence; else None. Needs ``doc._.places``."""
    return for_clause(doc._.places or [], head, lambda p: _SPECIFIC.get(p.feature or "", 9))


class PlaceAnnotator:
    """Writes ``doc._.places``: resolved Place records with their spans."""

    def __init__(self, index: Gazetteer | None = None) -> None:
        self.gazetteer = index or gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(self.mentions(doc))
        link_containment(text_of(doc), mentions)
        places: list[Place] = []
        resolutions = resolve(mentions, self.gazetteer.neighbours, doc._.home or (), doc._.ranker)
        for m, resolution in zip(mentions, resolutions, strict=True):
            if resolution is None:
                continue
            c = resolution.candidate
            places.append(
                Place(
                    **located(doc, "pla", len(places), m.start, m.end),
                    name=c.name,
                    geonameid=c.geonameid,
                    lat=c.lat,
                    lon=c.lon,
                    country=c.country,
                    iso3=self.gazetteer.iso3.get(c.country or ""),
                    admin1=c.admin1,
                    feature=c.feature,
                    precision=c.precision,
                    region=c.region,
                    west=c.box[0] if c.box else None,
                    south=c.box[1] if c.box else None,
                    east=c.box[2] if c.box else None,
                    north=c.box[3] if c.box else None,
                    confidence=resolution.confidence,
                )
            )
        places += self.landmarks(doc, places)
        doc._.places = sorted(places, key=lambda p: p.start)
        for i, place in enumerate(doc._.places):
            place.id = mention_id(doc, "pla", i)
        return doc

    def landmarks(self, doc: Doc, places: list[Place]) -> list[Place]:
        """Streets, roads and buildings the gazetteer does not know ("Shamrock Street", "County Road 43",
        the model's other FAC entities), placed at the town the sentence names, else the town the story names
        most: with that town's coordinates and so its precision, ``city``; none where the story names no
        town."""
        towns = [p for p in places if (p.feature or "").startswith("PPL") or p.feature == "ADM2"]
        if not towns:
            return []
        text = text_of(doc)
        taken = [(p.start, p.end) for p in places]
        spans = [(e.start_char, e.end_char, "BLDG") for e in doc.ents if e.label_ == "FAC"]
        spans += [(m.start(), m.end(), "STRT") for m in _STREET.finditer(text)]
        most = max(towns, key=lambda t: sum(p.geonameid == t.geonameid for p in towns))
        out: list[Place] = []
        for start, end, feature in sorted(spans, key=lambda s: (s[0], s[2] != "STRT")):
            start, end = trim(text, start, end)
            if end <= start or any(a < end and start < b for a, b in taken):
                continue
            taken.append((start, end))
            sentence = doc.char_span(start, end, alignment_mode="expand")
            bounds = (sentence.sent.start_char, sentence.sent.end_char) if sentence is not None else (0, 0)
            near = [t for t in towns if bounds[0] <= t.start < bounds[1]]
            town = min(near, key=lambda t: abs(t.start - start)) if near else most
            out.append(
                dataclasses.replace(
                    town,
                    **located(doc, "pla", 0, start, end),
                    name=text[start:end],
                    geonameid=None,
                    feature=feature,
                    precision="city",
                    region=None,
                    confidence=0.5,
                )
            )
        return out

    def mentions(self, doc: Doc) -> list[PlaceMention]:
        """Place mentions in text order. A name taken for a place once is a place wherever the article
        repeats it, with or without words around it that say so ("Idlib is the last rebel stronghold"); so is
        a name the model calls an organisation or a group when it is a town or province of a country the
        story names ("Kasserine residents protested in Tunisia")."""
        accepted: list[PlaceMention] = []
        others: list[tuple[PlaceMention, str]] = []
        countries = [e for e in doc.ents if e.label_ == "GPE"]  # doc.ents is built anew on every access
        text = text_of(doc)
        for span, sure in self._spans(doc):
            while len(span) > 1 and (span[-1].is_punct or span[-1].lower_ in ("and", "or", "of")):
                span = span[:-1]  # the model sometimes takes in the "and" of "al-Bab and Minbij"
            start, end = trim(text, span.start_char, span.end_char)
            if end <= start:
                continue
            m = mention(text, start, end, self.gazetteer)
            if not m.candidates or m.key in demonyms():
                continue
            if sure or self._place_like(doc, span, m, accepted, countries):
                accepted.append(m)
            else:
                others.append((m, span.label_))
        names = {m.key for m in accepted}
        named = {c.country for m in accepted for c in m.candidates if c.feature == "PCLI"}
        also = [
            m for m, label in others if m.key in names or (label in _MISLABELLED and _of_country(m, named))
        ]
        return sorted(accepted + also, key=lambda m: m.start)

    @staticmethod
    def _spans(doc: Doc) -> Iterator[tuple[Span, bool]]:
        """Entities (sure when the model says place), then untagged capitalised names, in text order."""
        covered = {t.i for ent in doc.ents for t in ent}
        spans: list[tuple[Span, bool]] = [
            (ent, ent.label_ in PLACE_LABELS) for ent in doc.ents if ent.label_ in PLACE_LABELS | OTHER_LABELS
        ]
        for match in _NAME.finditer(text_of(doc)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and not any(t.i in covered for t in span):
                spans.append((span, False))
        return iter(sorted(spans, key=lambda s: s[0].start))

    @staticmethod
    def _place_like(
        doc: Doc, span: Span, m: PlaceMention, accepted: list[PlaceMention], countries: list[Span]
    ) -> bool:
        """Whether the words around a name the model did not call a place make it one."""
        if not any(c.population >= _MIN_POPULATION or c.feature in ("ADM1", "PCLI") for c in m.candidates):
            return False
        if m.hint is not None:
            return True
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in LOCATIVES:
            return True
        if accepted and text_of(doc)[accepted[-1].end : m.start].strip() in (",", "and", ", and", "or"):
            return True  # a list of places
        after = text_of(doc)[m.end : m.end + 40]
        return any(
            after.lstrip().lower().startswith(f"in {ent.text.lower()}")
            for ent in countries
            if ent.start_char > m.end
        )

"""The records every stage exchanges: plain dataclasses, serialisable with ``as_dict``/``from_dict``.

Offsets (``start``/``end``) are character offsets into ``Article.text`` (the headline when there is one, a
blank line, the clean body), so that ``article.text[r.start:r.end] == r.text`` holds for every record taken
from the text.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

SCHEMA_VERSION = 2
LANDMARKS = frozenset({"STRT", "BLDG"})  # place features of streets, roads and buildings

T = TypeVar("T", bound="Record")


@dataclass(slots=True, kw_only=True)
class Record:
    """Base of every record: serialisation shared by all kinds."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(slots=True, kw_only=True)
class Mention(Record):
    """Anything taken from a span of the article text."""

    collection: ClassVar[str]

    id: str
    article_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True, kw_only=True)
class Entity(Mention):
    """A named entity as the NLP model found it (spaCy label set)."""

    collection: ClassVar[str] = "entities"
    label: str


@dataclass(slots=True, kw_only=True)
class Actor(Mention):
    """Who acts or is acted on; ``start``/``end`` is the first mention, ``mentions`` lists all."""

    collection: ClassVar[str] = "actors"
    name: str
    country: str | None = None  # ISO-3166 alpha-3 or an IGO code
    sector: str | None = None
    kind: str | None = None  # person, organisation, group, state
    aliases: list[str] = field(default_factory=list)
    mentions: list[list[int]] = field(default_factory=list)
    confidence: float | None = None


@dataclass(slots=True, kw_only=True)
class Place(Mention):
    collection: ClassVar[str] = "places"
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO-3166 alpha-2
    iso3: str | None = None  # ISO-3166 alpha-3 of the country
    admin1: str | None = None
    feature: str | None = None  # PCLI country, ADM1, PPL place, PPLC capital, CONT continent, RGN region
    precision: str | None = None  # what the coordinates stand for: point, city, adm2, adm1, country, region
    region: str | None = None  # a world region's, sea's or island's stable id (geo/data/regions.tsv)
    # An areal place's bounding box, in degrees (west > east across the antimeridian).
    west: float | None = None
    south: float | None = None
    east: float | None = None
    north: float | None = None
    confidence: float | None = None

    @property
    def landmark(self) -> bool:
        """A street, road or building, placed at its town: never a name that stands for people."""
        return self.feature in LANDMARKS


@dataclass(slots=True, kw_only=True)
class TimeExpression(Mention):
    collection: ClassVar[str] = "times"
    value: str | None = None  # ISO 8601 date, month, year, interval a/b or duration P2D; None when unresolved
    granularity: str | None = (
        None  # day, week, month, part-of-month, season, part-of-year, year, since, duration
    )
    start_date: str | None = None  # the interval, as ISO dates
    end_date: str | None = None
    anchor: str | None = (
        None  # absolute, published (relative to publication), previous (to the story's last date)
    )
    modifier: str | None = None  # early, mid, late, spring…, since, earlier, later, past
    confidence: float | None = None


@dataclass(slots=True, kw_only=True)
class Quantity(Mention):
    collection: ClassVar[str] = "quantities"
    kind: str | None = None  # killed, wounded, arrested, displaced, crowd, people, money, age, other
    value: float | None = None  # the number, when the text gives one
    min: float | None = None  # the range it stands for: "hundreds" is 200-999, "at least 12" is 12-
    max: float | None = None
    unit: str | None = None  # currency code, "%" or "years"
    approx: bool | None = None  # "around 300", "dozens"
    counted: str | None = None  # the noun counted: "fighters"
    actor: str | None = None  # the actor counted, when the noun is one's mention


@dataclass(slots=True, kw_only=True)
class Quote(Mention):
    """A quotation: ``start``/``end`` is its content span."""

    collection: ClassVar[str] = "quotes"
    speaker: str | None = None  # actor id
    speaker_text: str | None = None  # the speaker as written next to the quote: "the 26-year-old", "he"
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # the speech verb: "said"
    cue_start: int | None = None
    cue_end: int | None = None
    kind: str | None = None  # direct, indirect, mixed (reported, with quoted words inside)
    confidence: float | None = None


@dataclass(slots=True, kw_only=True)
class Event(Mention):
    """An event: ``start``/``end`` is its trigger; ``sentence_*`` the evidence sentence."""

    collection: ClassVar[str] = "events"
    type: str  # PLOVER event type
    mode: str | None = None  # PLOVER mode: "explosives", "demo", "arrest" …
    context: str | None = None  # PLOVER contexts, ";"-separated: "military", "legal;military"
    cameo: str | None = None  # CAMEO code; its first two digits are the root
    source: str | None = None  # actor id
    source_start: int | None = None  # the source's words in this event's sentence
    source_end: int | None = None
    target: str | None = None  # actor id
    target_start: int | None = None
    target_end: int | None = None
    place: str | None = None  # place id
    date: str | None = (
        None  # ISO date, month or year: the clause's, else the sentence's, else the publication's
    )
    negated: bool = False  # "did not attack", "refused to release"
    hypothetical: bool = False  # "could attack", "threatened to attack", "agreed to release"
    future: bool = False  # "will meet"
    historical: bool = False  # dated more than a year before publication
    sentence_start: int | None = None
    sentence_end: int | None = None
    killed: int | None = None  # people killed, the lowest figure the event's clause reports (ACLED's rule)
    injured: int | None = None
    confidence: float | None = None  # the probability that the event is one, of this type


ANNOTATION_TYPES: tuple[type[Mention], ...] = (Entity, Actor, Place, TimeExpression, Quantity, Quote, Event)
"""Every annotation type; ``collection`` names its list on Article, its doc._ attribute and its table."""

COLLECTIONS: tuple[str, ...] = tuple(t.collection for t in ANNOTATION_TYPES)


@dataclass(slots=True, kw_only=True)
class Article(Record):
    """One news article: headline and clean body (``text``) plus metadata and every annotation made on it."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO-8601 date
    language: str | None = None
    source: str | None = None  # outlet or site name
    author: str | None = None
    origin: str | None = None  # the input it came from: path, URL, or "-" for stdin
    annotated: bool | None = None  # False: not in the model's language, so only extracted
    schema_version: int = SCHEMA_VERSION
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def outlet(self) -> str | None:
        return outlet_of(self.source, self.url)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        for mention_type in ANNOTATION_TYPES:
            name = mention_type.collection
            data[name] = [mention_type.from_dict(d) for d in data.get(name) or []]
        return super(Article, cls).from_dict(data)

    def annotations(self) -> dict[str, list[Mention]]:
        return {name: getattr(self, name) for name in COLLECTIONS}


@dataclass(slots=True, kw_only=True)
class RawDocument(Record):
    """One input item before extraction: the contract between sources and extraction."""

    origin: str  # path, path:line, URL or "-"
    content: str
    format: str  # "text" or "html"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None  # the outlet, when the input names it


@dataclass(slots=True, kw_only=True)
class Rejection(Record):
    """An input or article that a stage could not use, with the reason."""

    origin: str
    stage: str  # source, extract, nlp
    code: str
    message: str


def article_id(text: str, url: str | None = None) -> str:
    """Content hash of the article: the same text from the same URL is the same article."""
    digest = hashlib.sha256(f"{url or ''}\x00{text}".encode())
    return digest.hexdigest()[:16]


def outlet_of(source: str | None, url: str | None) -> str | None:
    """Who published an article: its source's name, else its URL's host."""
    return source or (urlsplit(url).hostname if url else None)

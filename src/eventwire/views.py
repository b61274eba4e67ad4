"""The store's flat views (events with their article, actors and place; happenings) and the filters every
reader of them takes: ``export``, the API and the page. Filters are strict: an unknown type or country or an
impossible date is an error naming the valid choices, never a silent empty answer."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from eventwire.errors import BAD_EXPORT, BAD_FILTER, EventwireError
from eventwire.knowledge.events import PLOVER_TYPES

if TYPE_CHECKING:
    from eventwire.store import Store

BATCH = 2000  # rows read (and written) at a time
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

# An event with its article, actors and place: the aliases every filter of the events view refers to.
EVENT_JOINS = """FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.id = e.source
LEFT JOIN actors t ON t.id = e.target
LEFT JOIN places p ON p.id = e.place"""
# One row per event, flat: the event, its roles, place, evidence sentence, article and happening.
EVENTS = f"""
SELECT e.id AS event_id, coalesce(e.date, a.published) AS date, e.type, e.mode, e.context, e.cameo,
       e.text AS trigger, e.start AS trigger_start, e."end" AS trigger_end,
       e.source AS source_id, s.name AS source_name, s.country AS source_country, s.sector AS source_sector,
       e.source_start, e.source_end,
       substr(a.text, e.source_start + 1, e.source_end - e.source_start) AS source_words,
       e.target AS target_id, t.name AS target_name, t.country AS target_country, t.sector AS target_sector,
       e.target_start, e.target_end,
       substr(a.text, e.target_start + 1, e.target_end - e.target_start) AS target_words,
       e.place AS place_id, p.name AS place_name, p.geonameid, p.lat, p.lon, p.iso3 AS place_country,
       p.admin1, p.precision AS place_precision, p.region AS place_region, p.west AS place_west,
       p.south AS place_south, p.east AS place_east, p.north AS place_north,
       e.negated, e.hypothetical, e.future, e.historical, e.killed, e.injured, e.confidence,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.sentence_start, e.sentence_end, he.happening_id, hr.articles AS happening_articles,
       hr.sources AS happening_sources, hr.independent AS happening_independent,
       e.article_id, a.published, a.url, a.source AS outlet, a.title
{EVENT_JOINS}
LEFT JOIN happening_events he ON he.event_id = e.id
LEFT JOIN happening_rows hr ON hr.id = he.happening_id
"""
HAPPENINGS = "SELECT * FROM happenings h"
# What each filter compares, per view.
_FIELDS = {
    EVENTS: {
        "date": "coalesce(e.date, a.published)",
        "type": "e.type",
        "lat": "p.lat",
        "lon": "p.lon",
        "countries": ("p.iso3", "s.country", "t.country"),
        "actors": ("s.name", "t.name"),
        "article": "e.article_id",
        "confidence": "e.confidence",
        "order": "e.article_id, e.start, e.id",
    },
    HAPPENINGS: {
        "date": "h.first_date",
        "type": "h.type",
        "lat": "h.lat",
        "lon": "h.lon",
        "countries": ("h.place_country", "h.source_country", "h.target_country"),
        "actors": ("h.source_name", "h.target_name"),
        "article": "h.first_article",
        "order": "h.first_date, h.id",
    },
}
BOOLS = {"negated", "hypothetical", "future", "historical"}


@dataclass(frozen=True, slots=True)
class Filters:
    since: str | None = None  # ISO date; an event dated only "2014" is in a range that touches 2014
    until: str | None = None
    countries: tuple[str, ...] = ()  # ISO3 of the place or of either actor
    types: tuple[str, ...] = ()  # PLOVER types
    actor: str | None = None  # words in the source's or the target's name
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    articles: tuple[str, ...] | None = None  # only events of these articles (a full-text search's hits)
    min_confidence: float | None = None  # only events at least this likely to be right
    undated: bool = False  # with since/until: keep the events that have no date at all

    @classmethod
    def parse(
        cls,
        since: str | None = None,
        until: str | None = None,
        countries: str | None = None,
        types: str | None = None,
        actor: str | None = None,
        bbox: str | None = None,
        articles: tuple[str, ...] | None = None,
        min_confidence: float | None = None,
    ) -> Filters:
        """Filters from their text forms: comma-separated codes, "west,south,east,north"."""
        box = None
        if bbox:
            try:
                west, south, east, north = (float(v) for v in bbox.split(","))
            except ValueError as err:
                raise EventwireError(BAD_EXPORT, "give four numbers: west,south,east,north", bbox) from err
            box = (west, south, east, north)
        if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
            raise EventwireError(BAD_EXPORT, "give a probability from 0 to 1", str(min_confidence))
        return cls(
            _date(since, "since"),
            _date(until, "until"),
            tuple(_country(c) for c in _codes(countries)),
            tuple(_type(t) for t in _codes(types)),
            actor,
            box,
            articles,
            min_confidence,
        )

    def where(self, view: str) -> tuple[str, list[Any]]:
        fields = _FIELDS[view]
        clauses: list[str] = []
        params: list[Any] = []
        date = fields["date"]
        dated: list[str] = []
        if self.since:
            # "2014" and "2014-05" begin with the prefix of a since date inside them.
            dated.append(f"({date} >= ? OR substr(?, 1, length({date})) = {date})")
            params += [self.since, self.since]
        if self.until:
            dated.append(f"{date} <= ?")
            params.append(self.until)
        if dated:
            within = " AND ".join(dated)
            clauses.append(f"(({within}) OR {date} IS NULL)" if self.undated else within)
        if self.types:
            clauses.append(f"{fields['type']} IN ({', '.join('?' for _ in self.types)})")
            params += [t.upper() for t in self.types]
        if self.countries:
            marks = ", ".join("?" for _ in self.countries)
            clauses.append("(" + " OR ".join(f"{c} IN ({marks})" for c in fields["countries"]) + ")")
            params += [c.upper() for c in self.countries] * len(fields["countries"])
        if self.actor:
            clauses.append("(" + " OR ".join(f"lower({c}) LIKE ?" for c in fields["actors"]) + ")")
            params += [f"%{self.actor.lower()}%"] * len(fields["actors"])
        if self.bbox:
            west, south, east, north = self.bbox
            lon = fields["lon"]
            within_lon = f"{lon} BETWEEN ? AND ?" if west <= east else f"({lon} >= ? OR {lon} <= ?)"
            clauses.append(f"{fields['lat']} BETWEEN ? AND ? AND {within_lon}")
            params += [south, north, west, east]
        if self.min_confidence is not None:
            if "confidence" not in fields:
                raise EventwireError(
                    BAD_EXPORT, "a confidence filters events, not happenings", "--min-confidence"
                )
            clauses.append(f"coalesce({fields['confidence']}, 0) >= ?")
            params.append(self.min_confidence)
        if self.articles is not None:
            clauses.append(
                f"{fields['article']} IN ({', '.join('?' for _ in self.articles)})"
                if self.articles
                else "1 = 0"
            )
            params += self.articles
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _type(value: str) -> str:
    """A PLOVER type in any case, or an error naming the types (and the nearest one)."""
    if value.upper() in PLOVER_TYPES:
        return value.upper()
    near = difflib.get_close_matches(value.upper(), PLOVER_TYPES, n=1)
    hint = f" (did you mean {near[0]}?)" if near else ""
    raise EventwireError(
        BAD_FILTER, f"unknown event type {value!r}{hint}; choose from {', '.join(PLOVER_TYPES)}", "type"
    )


def _country(value: str) -> str:
    """ISO alpha-3 of a country given by its alpha-3 or alpha-2 code or its name, or an error."""
    from eventwire.geo.gazetteer import gazetteer
    from eventwire.knowledge.countries import country_named

    codes = gazetteer().iso3
    upper = value.upper()
    if len(upper) == 3 and upper in set(codes.values()):
        return upper
    if len(upper) == 2 and upper in codes:
        return codes[upper]
    named = country_named(value) if len(value) > 3 else None
    if named is not None:
        return named
    raise EventwireError(
        BAD_FILTER,
        f"unknown country {value!r}; give a country's name (Kenya), ISO alpha-2 (KE) or alpha-3 (KEN) code",
        "country",
    )


def _date(value: str | None, name: str) -> str | None:
    """A date as YYYY-MM-DD, YYYY-MM or YYYY that exists, or an error."""
    if value is None or not value.strip():
        return None
    found = _PARTIAL_DATE.match(value.strip())
    try:
        if found is None:
            raise ValueError(value)
        year, month, day = found.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise EventwireError(
            BAD_FILTER, f"not a date: {value!r}; give YYYY-MM-DD, YYYY-MM or YYYY", name
        ) from err
    return value.strip()


def undated_left_out(store: Store, filters: Filters, happenings: bool = False) -> int:
    """How many rows the date range of ``filters`` leaves out only because they have no date."""
    if not (filters.since or filters.until) or filters.undated:
        return 0
    view = HAPPENINGS if happenings else EVENTS
    where, params = replace(filters, since=None, until=None).where(view)
    missing = f"{_FIELDS[view]['date']} IS NULL"
    where = f"{where} AND {missing}" if where else f" WHERE {missing}"
    row = store.execute(f"SELECT count(*) AS n FROM ({view}{where}) AS undated", params).fetchone()
    return int(row["n"])


def rows(store: Store, filters: Filters, happenings: bool = False) -> Iterator[dict[str, Any]]:
    """The rows an export writes, streamed from the store."""
    view = HAPPENINGS if happenings else EVENTS
    where, params = filters.where(view)
    for row in store.stream(f"{view}{where} ORDER BY {_FIELDS[view]['order']}", params, batch=BATCH):
        yield {k: bool(v) if k in BOOLS else v for k, v in row.items()}

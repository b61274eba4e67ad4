"""Story clusters: the events of many articles that report one happening, grouped. The rule, pure.

Two events are one happening when they have the same type, dates within a window, no conflicting actors, and
something positive in common: places within a distance (the same country where one place is a country or a
province), a matching actor, or the same sentence (a syndicated copy). Groups are the connected components,
so the grouping does not depend on the order events arrive in: ``group`` makes it over a whole store at once,
``store/grouping.py`` keeps it current one article at a time through the keys below.

Negated, hypothetical and future events report no happening and join none. An undated event, or one dated
only to a year, is a happening of its own: a year overlaps every day of it and would glue a year together.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from eventwire.geo.distance import km

EVENT_QUERY = """
SELECT e.id, e.article_id, e.type, coalesce(e.date, a.published) AS date, a.published,
       coalesce(a.outlet, a.id) AS outlet, coalesce(r.outlet, r.id, a.outlet, a.id) AS original_outlet,
       p.lat, p.lon, p.iso3 AS place_country, p.feature,
       s.name AS source_name, s.country AS source_country, t.name AS target_name, t.country AS target_country,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN articles r ON r.id = a.family
LEFT JOIN places p ON p.id = e.place
LEFT JOIN actors s ON s.id = e.source
LEFT JOIN actors t ON t.id = e.target
WHERE e.negated = 0 AND e.hypothetical = 0 AND e.future = 0
"""
_FINE = ("PPL", "ADM2", "ADM3", "ADM4")  # features precise enough to compare by distance
LONGEST_DATE = 31  # days: a date coarser than a month groups with nothing
_CELL = 1.0  # degrees: the grid of fine places in the index
_NEVER, _SPAN = 9_999_999, 10_000_000  # a missing date's day number, and the factor of a rank


@dataclass(frozen=True, slots=True)
class HappeningSettings:
    window_days: int = 3
    distance_km: float = 50.0


@dataclass(frozen=True, slots=True)
class Role:
    name: str | None
    country: str | None

    def matches(self, other: Role) -> bool | None:
        """True when the names or the countries agree, False when the countries differ, None when it
        cannot be told."""
        if not (self.name or self.country) or not (other.name or other.country):
            return None
        if self.name and other.name and self.name.casefold() == other.name.casefold():
            return True
        if self.country and other.country:
            return self.country == other.country
        return None  # other names, a country unknown: "rebels" and "rebel forces" may be one

    def keys(self, role: str) -> list[str]:
        """Index keys under which a matching role is found: its name, its country."""
        found = [f"{role}n:{self.name.casefold()}"] if self.name else []
        return found + ([f"{role}c:{self.country}"] if self.country else [])


@dataclass(frozen=True, slots=True)
class EventPoint:
    """What grouping needs of one stored event."""

    id: str
    article_id: str
    type: str
    first: date | None  # the event's date as an interval: "2014-05" is the whole month
    last: date | None
    published: str | None
    outlet: str  # the article's outlet (its site), else the article itself
    original_outlet: str  # the outlet of the original of the article's copy family
    lat: float | None
    lon: float | None
    place_country: str | None
    fine_place: bool
    source: Role
    target: Role
    sentence: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> EventPoint:
        first, last = _interval(row["date"])
        return cls(
            id=row["id"],
            article_id=row["article_id"],
            type=row["type"],
            first=first,
            last=last,
            published=row["published"],
            outlet=row["outlet"],
            original_outlet=row["original_outlet"],
            lat=row["lat"],
            lon=row["lon"],
            place_country=row["place_country"],
            fine_place=(row["feature"] or "").startswith(_FINE),
            source=Role(row["source_name"], row["source_country"]),
            target=Role(row["target_name"], row["target_country"]),
            sentence=" ".join((row["sentence"] or "").split()).casefold(),
        )

    @property
    def rank(self) -> int:
        """Its place among its happening's reports, the earliest published first, then by date: a number,
        so that the store can keep the first with an index."""
        published = _interval(self.published)[0]
        return (day(published) if published else _NEVER) * _SPAN + (day(self.first) if self.first else _NEVER)

    @property
    def groupable(self) -> bool:
        return (
            self.first is not None and self.last is not None and (self.last - self.first).days < LONGEST_DATE
        )

    def _shared_keys(self) -> list[str]:
        """Keys an event is both filed and looked up under: its sentence, its actors' names and countries."""
        keys = [f"s:{_digest(self.sentence)}"] if self.sentence else []
        return keys + self.source.keys("s") + self.target.keys("t")

    def keys(self) -> list[str]:
        """What the index files this event under: any event that can be its happening's shares one."""
        keys = self._shared_keys()
        if self.lat is None or self.lon is None:
            return keys
        country = [self.place_country] if self.place_country else []
        if self.fine_place:
            return keys + [f"g:{_cell(self.lat)}:{_lon_cell(_cell(self.lon))}"] + [f"fc:{c}" for c in country]
        return keys + [f"cc:{c}" for c in country]

    def probes(self, settings: HappeningSettings) -> list[str]:
        """The keys to look up for this event's possible partners (see ``same_happening``)."""
        probes = self._shared_keys()
        if self.lat is None or self.lon is None:
            return probes
        if self.place_country:  # a coarse place compares by country with any place
            probes += [f"cc:{self.place_country}"] + ([] if self.fine_place else [f"fc:{self.place_country}"])
        if not self.fine_place:
            return probes
        # fine places compare by distance: every grid cell the distance reaches
        rows = math.ceil(settings.distance_km / 111.0 / _CELL)
        lat_cell, lon_cell = _cell(self.lat), _cell(self.lon)
        for lat in range(lat_cell - rows, lat_cell + rows + 1):
            band = max(abs(lat), abs(lat + 1)) * _CELL  # the band's edge nearest a pole, where cells narrow
            width = 111.0 * math.cos(math.radians(min(band, 89.0)))
            cols = min(math.ceil(settings.distance_km / width / _CELL), int(180 / _CELL))
            for lon in range(lon_cell - cols, lon_cell + cols + 1):
                probes.append(f"g:{lat}:{_lon_cell(lon)}")
        return probes


@dataclass(slots=True)
class Happening:
    id: str
    members: list[EventPoint]

    @property
    def first(self) -> EventPoint:
        return min(self.members, key=lambda e: (e.rank, e.id))

    def row(self) -> dict[str, Any]:
        """The happening's row: its first report, dates and corroboration counts (GDELT's NumArticles,
        NumSources, and the outlets left when each copy family counts once)."""
        first = self.first
        dated = [e for e in self.members if e.first and e.last]
        return {
            "id": self.id,
            "type": first.type,
            "first_event": first.id,
            "first_article": first.article_id,
            "first_source": first.outlet,
            "first_date": min(e.first for e in dated if e.first).isoformat() if dated else None,
            "last_date": max(e.last for e in dated if e.last).isoformat() if dated else None,
            "events": len(self.members),
            "articles": len({e.article_id for e in self.members}),
            "sources": len({e.outlet for e in self.members}),
            "independent": len({e.original_outlet for e in self.members}),
        }


def same_happening(a: EventPoint, b: EventPoint, settings: HappeningSettings) -> bool:
    if (
        a.type != b.type
        or not (a.groupable and b.groupable)
        or not _close_in_time(a, b, settings.window_days)
    ):
        return False
    if a.sentence and a.sentence == b.sentence:
        return True
    roles = [a.source.matches(b.source), a.target.matches(b.target)]
    if False in roles:
        return False
    place = _same_place(a, b, settings.distance_km)
    if place is False:
        return False
    return place is True or True in roles


def group(events: list[EventPoint], settings: HappeningSettings) -> list[list[EventPoint]]:
    """Connected components of ``same_happening``, compared within a sliding date window per type."""
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(events)), key=lambda i: (events[i].type, events[i].first or date.min))
    window = timedelta(days=settings.window_days)
    active: list[int] = []
    for i in order:
        event = events[i]
        if event.first is None or not event.groupable:
            continue  # its own happening
        start = event.first
        active = [
            j
            for j in active
            if events[j].type == event.type and (events[j].last or date.min) + window >= start
        ]
        for j in active:
            if root(i) != root(j) and same_happening(event, events[j], settings):
                parent[root(i)] = root(j)
        active.append(i)
    groups: dict[int, list[EventPoint]] = {}
    for i, event in enumerate(events):
        groups.setdefault(root(i), []).append(event)
    return list(groups.values())


def day(value: date) -> int:
    """A date as a day number, as the index stores it."""
    return value.toordinal()


def _close_in_time(a: EventPoint, b: EventPoint, days: int) -> bool:
    if not (a.first and a.last and b.first and b.last):
        return False
    gap = max(a.first, b.first) - min(a.last, b.last)
    return gap <= timedelta(days=days)


def _same_place(a: EventPoint, b: EventPoint, limit_km: float) -> bool | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    if a.fine_place and b.fine_place:
        return km(a.lat, a.lon, (b.lat, b.lon)) <= limit_km
    return a.place_country is not None and a.place_country == b.place_country


def _cell(degrees: float) -> int:
    return math.floor(degrees / _CELL)


def _lon_cell(cell: int) -> int:
    """A longitude cell brought into [-180°, 180°): the grid wraps at the antimeridian."""
    turn = int(360 / _CELL)
    return (cell + turn // 2) % turn - turn // 2


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _interval(value: str | None) -> tuple[date | None, date | None]:
    """An ISO date, month or year as its first and last day."""
    if not value:
        return None, None
    try:
        if len(value) >= 10:
            day_ = date.fromisoformat(value[:10])
            return day_, day_
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, following - timedelta(days=1)
        if len(value) == 4:
            year = int(value)
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        pass
    return None, None

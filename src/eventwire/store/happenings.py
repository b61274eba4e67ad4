"""Story clusters: the events of many articles that report one happening, grouped.

Two events are one happening when they have the same type, dates within a window, no conflicting actors, and
something positive in common: places within a distance (the same country where one place is a country or a
province), a matching actor, or the same sentence (a syndicated copy). Groups are the connected components.
Negated, hypothetical and future events report no happening and join no cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from eventwire.geo.distance import km

EVENT_QUERY = """
SELECT e.id, e.article_id, e.type, coalesce(e.date, a.published) AS date, a.published, a.source, a.url,
       p.lat, p.lon, p.iso3 AS place_country, p.feature,
       s.name AS source_name, s.country AS source_country, t.name AS target_name, t.country AS target_country,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.id = e.place
LEFT JOIN actors s ON s.id = e.source
LEFT JOIN actors t ON t.id = e.target
WHERE e.negated = 0 AND e.hypothetical = 0 AND e.future = 0
"""
_FINE = ("PPL", "ADM2", "ADM3", "ADM4")  # features precise enough to compare by distance


@dataclass(frozen=True, slots=True)
class HappeningSettings:
    window_days: int = 3
    distance_km: float = 50.0


@dataclass(frozen=True, slots=True)
class Role:
    name: str | None
    country: str | None

    def matches(self, other: Role) -> bool | None:
        """True or False when both are known, None when either is not."""
        if not (self.name or self.country) or not (other.name or other.country):
            return None
        if self.name and other.name and self.name.casefold() == other.name.casefold():
            return True
        return self.country is not None and self.country == other.country


@dataclass(frozen=True, slots=True)
class EventPoint:
    """What clustering needs of one stored event."""

    id: str
    article_id: str
    type: str
    first: date | None  # the event's date as an interval: "2014" is the whole year
    last: date | None
    published: str | None
    outlet: str | None
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
            outlet=row["source"] or (urlsplit(row["url"]).hostname if row["url"] else None),
            lat=row["lat"],
            lon=row["lon"],
            place_country=row["place_country"],
            fine_place=(row["feature"] or "").startswith(_FINE),
            source=Role(row["source_name"], row["source_country"]),
            target=Role(row["target_name"], row["target_country"]),
            sentence=" ".join((row["sentence"] or "").split()).casefold(),
        )


@dataclass(slots=True)
class Happening:
    members: list[EventPoint]

    @property
    def first(self) -> EventPoint:
        return min(self.members, key=lambda e: (e.published or "9999", e.first or date.max, e.id))

    @property
    def id(self) -> str:
        return f"c-{self.first.id}"

    def row(self) -> dict[str, Any]:
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
            "sources": len({e.outlet or e.article_id for e in self.members}),
        }

    def member_rows(self) -> list[dict[str, Any]]:
        cluster_id = self.id
        return [{"event_id": e.id, "cluster_id": cluster_id} for e in self.members]


def same_happening(a: EventPoint, b: EventPoint, settings: HappeningSettings) -> bool:
    if a.type != b.type or not _close_in_time(a, b, settings.window_days):
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


def group(events: list[EventPoint], settings: HappeningSettings | None = None) -> list[Happening]:
    """Connected components of ``same_happening``, compared within a sliding date window per type."""
    settings = settings or HappeningSettings()
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
        if event.first is None:
            continue  # undated: its own happening
        active = [
            j
            for j in active
            if events[j].type == event.type and (events[j].last or date.min) + window >= event.first
        ]
        for j in active:
            if root(i) != root(j) and same_happening(event, events[j], settings):
                parent[root(i)] = root(j)
        active.append(i)
    groups: dict[int, list[EventPoint]] = {}
    for i, event in enumerate(events):
        groups.setdefault(root(i), []).append(event)
    return [Happening(members) for members in groups.values()]


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


def _interval(value: str | None) -> tuple[date | None, date | None]:
    """An ISO date, month or year as its first and last day."""
    if not value:
        return None, None
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
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

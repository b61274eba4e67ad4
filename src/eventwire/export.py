"""Export events (or happenings: one row per story cluster) from a store as CSV, JSON Lines, Parquet, GeoJSON
or PLOVER JSON, streaming: rows are read and written a batch at a time, so memory stays flat for any store.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import IO, Any

from eventwire.atomic import completed
from eventwire.errors import BAD_EXPORT, EventwireError
from eventwire.store import Store

FORMATS = ("csv", "jsonl", "parquet", "geojson", "plover")
_BATCH = 2000

# An event with its article, actors and place: the aliases every filter of the events view refers to.
EVENT_JOINS = """FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.id = e.source
LEFT JOIN actors t ON t.id = e.target
LEFT JOIN places p ON p.id = e.place"""
# One row per event, flat: the event, its roles, place, evidence sentence, article and cluster.
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
       p.admin1,
       e.negated, e.hypothetical, e.future, e.historical, e.killed, e.injured, e.confidence,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.sentence_start, e.sentence_end, ce.cluster_id,
       e.article_id, a.published, a.url, a.source AS outlet, a.title
{EVENT_JOINS}
LEFT JOIN cluster_events ce ON ce.event_id = e.id
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
_FLOATS = {"lat", "lon", "confidence"}
_INTS = {"trigger_start", "trigger_end", "source_start", "source_end", "target_start", "target_end",
         "geonameid", "sentence_start", "sentence_end", "events", "articles", "sources",
         "killed", "injured"}  # fmt: skip
_BOOLS = {"negated", "hypothetical", "future", "historical"}


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
        return cls(since, until, _codes(countries), _codes(types), actor, box, articles, min_confidence)

    def where(self, view: str) -> tuple[str, list[Any]]:
        fields = _FIELDS[view]
        clauses: list[str] = []
        params: list[Any] = []
        date = fields["date"]
        if self.since:
            # "2014" and "2014-05" begin with the prefix of a since date inside them.
            clauses.append(f"({date} >= ? OR substr(?, 1, length({date})) = {date})")
            params += [self.since, self.since]
        if self.until:
            clauses.append(f"{date} <= ?")
            params.append(self.until)
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


def rows(store: Store, filters: Filters, happenings: bool = False) -> Iterator[dict[str, Any]]:
    """The rows an export writes, streamed from the store."""
    view = HAPPENINGS if happenings else EVENTS
    where, params = filters.where(view)
    for row in store.stream(f"{view}{where} ORDER BY {_FIELDS[view]['order']}", params, batch=_BATCH):
        yield {k: bool(v) if k in _BOOLS else v for k, v in row.items()}


def export(store: Store, fmt: str, out: str, filters: Filters | None = None, happenings: bool = False) -> int:
    """Write the store's events (or happenings) to ``out`` (a path, or ``-`` for standard output) in ``fmt``;
    returns the number of rows written."""
    if fmt not in FORMATS:
        raise EventwireError(BAD_EXPORT, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", fmt)
    if fmt == "plover" and happenings:
        raise EventwireError(BAD_EXPORT, "PLOVER JSON holds events; export happenings as another format", fmt)
    if fmt == "parquet" and out == "-":
        raise EventwireError(BAD_EXPORT, "Parquet is a binary file format; give --out FILE", fmt)
    records = rows(store, filters or Filters(), happenings)
    if fmt == "parquet":
        return _parquet(records, Path(out))
    writer = {"csv": _csv, "jsonl": _jsonl, "geojson": _geojson, "plover": _plover}[fmt]
    with _text_output(out) as stream:
        return writer(records, stream)


@contextmanager
def _text_output(out: str) -> Iterator[IO[str]]:
    """Standard output, or a file that appears only when complete."""
    if out == "-":
        yield sys.stdout
        return
    with completed(Path(out)) as partial, partial.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def _csv(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for count, row in enumerate(records, 1):  # noqa: B007 - count is the total after the loop
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
    return count


def _json_lines(
    records: Iterable[dict[str, Any]], stream: IO[str], shape: Callable[[dict[str, Any]], Any]
) -> int:
    count = 0
    for count, row in enumerate(records, 1):  # noqa: B007
        stream.write(json.dumps(shape(row), ensure_ascii=False) + "\n")
    return count


def _jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    return _json_lines(records, stream, lambda row: row)


def _plover(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    coder = f"eventwire {version('eventwire')}"
    return _json_lines(records, stream, lambda row: plover_record(row, coder))


def plover_record(row: dict[str, Any], coder: str) -> dict[str, Any]:
    """An exported event in the shape of PLOVER's JSON records (openeventdata/PLOVER gold standard)."""

    def actors(role: str) -> list[dict[str, Any]]:
        if not (row[f"{role}_name"] or row[f"{role}_words"]):
            return []
        return [
            {
                "actorText": row[f"{role}_name"] or row[f"{role}_words"],
                "code": row[f"{role}_country"],
                "sector": row[f"{role}_sector"],
            }
        ]

    record: dict[str, Any] = {
        "id": row["event_id"],
        "date": row["date"],
        "event": row["type"],
        "mode": row["mode"],
        "context": row["context"],
        "source": actors("source"),
        "target": actors("target"),
        "eventText": row["trigger"],
        "text": row["sentence"],
        "cameo": row["cameo"],
        "language": "en",
        "publication": row["outlet"],
        "url": row["url"],
        "storyDate": row["published"],
        "coder": coder,
        "version": "PLOVER 2021",
        "confidence": row["confidence"],
        "dead": row["killed"],
        "injured": row["injured"],
        "flags": {k: row[k] for k in sorted(_BOOLS)},
    }
    if row["lat"] is not None:
        record["geolocation"] = {
            "placeName": row["place_name"],
            "geonameid": row["geonameid"],
            "lat": row["lat"],
            "lon": row["lon"],
            "countryCode": row["place_country"],
            "admin1": row["admin1"],
        }
    return record


def _geojson(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """A FeatureCollection of the rows that have a place with coordinates, written feature by feature."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in records:
        if row["lat"] is None or row["lon"] is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
        }
        stream.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def _parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def column_type(name: str) -> pa.DataType:
        if name in _FLOATS:
            return pa.float64()
        if name in _INTS:
            return pa.int64()
        return pa.bool_() if name in _BOOLS else pa.string()

    count = 0
    with completed(path) as partial:
        writer = None
        rows = iter(records)
        while batch := list(islice(rows, _BATCH)):
            if writer is None:
                writer = pq.ParquetWriter(
                    partial, pa.schema([(name, column_type(name)) for name in batch[0]])
                )
            writer.write_table(pa.Table.from_pylist(batch, schema=writer.schema))
            count += len(batch)
        if writer is None:  # nothing matched: an empty table
            writer = pq.ParquetWriter(partial, pa.schema([("event_id", pa.string())]))
            writer.write_table(pa.Table.from_pylist([], schema=writer.schema))
        writer.close()
    return count

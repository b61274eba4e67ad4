"""Export events (or happenings, one row per story cluster) from a store as CSV, JSON Lines, Parquet, GeoJSON
or PLOVER JSON, streaming: rows are read and written a batch at a time, so memory stays flat for any store.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from eventwire.atomic import completed
from eventwire.errors import BAD_EXPORT, EventwireError
from eventwire.views import BATCH, BOOLS, Filters, rows

if TYPE_CHECKING:
    from eventwire.store import Store

_FLOATS = {"lat", "lon", "confidence", "place_west", "place_south", "place_east", "place_north"}
_BOX = ("place_west", "place_south", "place_east", "place_north")
_AREAL = frozenset({"adm2", "adm1", "country", "region"})
_INTS = {"trigger_start", "trigger_end", "source_start", "source_end", "target_start", "target_end",
         "geonameid", "sentence_start", "sentence_end", "events", "articles", "sources", "independent",
         "happening_articles", "happening_sources", "happening_independent", "killed", "injured"}  # fmt: skip

FORMATS = ("csv", "jsonl", "parquet", "geojson", "plover")
_SQLITE_MAGIC = b"SQLite format 3\x00"


def export(
    store: Store,
    fmt: str,
    out: str,
    filters: Filters | None = None,
    happenings: bool = False,
    points_only: bool = False,
) -> int:
    """Write the store's events (or happenings) to ``out`` (a path, or ``-`` for standard output) in ``fmt``;
    returns the number of rows written. ``points_only``: in GeoJSON, areal places (divisions, countries,
    regions) get no geometry rather than their box."""
    if fmt not in FORMATS:
        raise EventwireError(BAD_EXPORT, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", fmt)
    if fmt == "plover" and happenings:
        raise EventwireError(BAD_EXPORT, "PLOVER JSON holds events; export happenings as another format", fmt)
    if fmt == "parquet" and out == "-":
        raise EventwireError(BAD_EXPORT, "Parquet is a binary file format; give --out FILE", fmt)
    if out != "-":
        check_output(Path(out))
    records = rows(store, filters or Filters(), happenings)
    if fmt == "parquet":
        return _parquet(records, Path(out))
    writer = {"csv": _csv, "jsonl": _jsonl, "geojson": _geojson, "plover": _plover}[fmt]
    with _text_output(out) as stream:
        return _geojson(records, stream, points_only) if fmt == "geojson" else writer(records, stream)


def check_output(path: Path) -> None:
    """Refuse a file the export must not replace (a SQLite database: the store itself, or another) or a
    place it cannot write, before anything is read."""
    if path.is_dir():
        raise EventwireError(BAD_EXPORT, "is a folder; give a file name", str(path))
    if not path.parent.is_dir():
        raise EventwireError(BAD_EXPORT, f"no such folder: {path.parent}; create it first", str(path))
    if path.is_file():
        with path.open("rb") as existing:
            if existing.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC:
                raise EventwireError(
                    BAD_EXPORT, "is a SQLite database (a store?); an export never replaces one", str(path)
                )
    if not os.access(path.parent, os.W_OK):
        raise EventwireError(BAD_EXPORT, f"cannot write in {path.parent}", str(path))


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
        "flags": {k: row[k] for k in sorted(BOOLS)},
    }
    if row["lat"] is not None:
        record["geolocation"] = {
            "placeName": row["place_name"],
            "geonameid": row["geonameid"],
            "lat": row["lat"],
            "lon": row["lon"],
            "countryCode": row["place_country"],
            "admin1": row["admin1"],
            "precision": row["place_precision"],
        }
        if row["place_west"] is not None:
            record["geolocation"]["bbox"] = [row[k] for k in _BOX]
        if row["place_region"]:
            record["geolocation"]["region"] = row["place_region"]
    return record


def _geojson(records: Iterable[dict[str, Any]], stream: IO[str], points_only: bool = False) -> int:
    """A FeatureCollection of the rows that have a place with coordinates, written feature by feature.

    A town or a point is a Point; an areal place (a division, a country, a region) is its bounding box as a
    Polygon (two across the antimeridian), or no geometry with ``points_only`` or when it has no box: never
    a point at its centre, which would claim a precision the place does not have."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in records:
        if row["lat"] is None or row["lon"] is None:
            continue
        feature: dict[str, Any] = {"type": "Feature"}
        if row.get("place_precision") not in _AREAL:
            feature["geometry"] = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
            feature["properties"] = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        else:
            box = [row.get(k) for k in _BOX]
            has_box = None not in box and not points_only
            feature["geometry"] = _box_geometry(*box) if has_box else None  # type: ignore[arg-type]
            if has_box:
                feature["bbox"] = box
            feature["properties"] = row
        stream.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def _box_geometry(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    def ring(w: float, e: float) -> list[list[list[float]]]:
        return [[[w, south], [e, south], [e, north], [w, north], [w, south]]]

    if west <= east:
        return {"type": "Polygon", "coordinates": ring(west, east)}
    return {"type": "MultiPolygon", "coordinates": [ring(west, 180.0), ring(-180.0, east)]}


def _parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def column_type(name: str) -> pa.DataType:
        if name in _FLOATS:
            return pa.float64()
        if name in _INTS:
            return pa.int64()
        return pa.bool_() if name in BOOLS else pa.string()

    count = 0
    with completed(path) as partial:
        writer = None
        rows = iter(records)
        while batch := list(islice(rows, BATCH)):
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

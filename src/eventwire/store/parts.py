"""Partitioned Parquet: what a cluster run writes instead of a store, one file per partition of the inputs.

Each ``part-<index>-<key>.parquet`` holds a partition's articles and rejections, one row each: a few flat
columns to query with any Parquet reader, and the whole record as JSON for ``eventwire load`` to bring into
a store unchanged. A file appears only when its partition is complete, so its presence marks it done.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.atomic import completed
from eventwire.records import Article, Rejection

_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),  # article or rejection
        ("id", pa.string()),
        ("origin", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("events", pa.int32()),
        ("record", pa.string()),  # the Article or Rejection as JSON
    ]
)


@dataclass(frozen=True, slots=True)
class Part:
    path: Path
    key: str
    description: str

    def items(self) -> Iterator[Article | Rejection]:
        table = pq.read_table(self.path, columns=["kind", "record"])
        for kind, record in zip(table["kind"].to_pylist(), table["record"].to_pylist(), strict=True):
            data = json.loads(record)
            yield Article.from_dict(data) if kind == "article" else Rejection.from_dict(data)


def write_part(
    folder: Path, index: int, key: str, description: str, items: Iterable[Article | Rejection]
) -> Path:
    rows = [_row(item) for item in items]
    table = pa.Table.from_pylist(rows, schema=_SCHEMA).replace_schema_metadata(
        {"eventwire.partition": key, "eventwire.description": description}
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{index:06d}-{key}.parquet"
    with completed(path) as partial:
        pq.write_table(table, partial, compression="zstd")
    return path


def done_keys(folder: Path) -> set[str]:
    """The keys of the partitions with a complete file in ``folder``."""
    return {path.stem.rsplit("-", 1)[1] for path in folder.glob("part-*.parquet")}


def read_parts(folder: Path) -> list[Part]:
    """The folder's parts in the order they were planned."""
    parts = []
    for path in sorted(folder.glob("part-*.parquet")):
        metadata = pq.read_schema(path).metadata or {}
        description = metadata.get(b"eventwire.description", path.name.encode()).decode()
        parts.append(Part(path, path.stem.rsplit("-", 1)[1], description))
    return parts


def _row(item: Article | Rejection) -> dict[str, object]:
    record = json.dumps(item.as_dict(), ensure_ascii=False)
    if isinstance(item, Rejection):
        return {"kind": "rejection", "origin": item.origin, "record": record}
    return {
        "kind": "article",
        "id": item.id,
        "origin": item.origin,
        "url": item.url,
        "title": item.title,
        "published": item.published,
        "language": item.language,
        "events": len(item.events),
        "record": record,
    }

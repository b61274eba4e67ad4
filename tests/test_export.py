"""Exports: every format from one small store, with filters, as files and through the command line."""

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.export import export
from eventwire.store import open_store
from eventwire.views import Filters
from test_store import three_reports


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    path = str(tmp_path / "store.db")
    store = open_store(path)
    for article in three_reports():
        store.add_article(article)
    store.close()
    return path


def exported(
    path: str,
    fmt: str,
    tmp_path: Path,
    filters: Filters | None = None,
    happenings: bool = False,
    points_only: bool = False,
) -> str:
    out = tmp_path / f"out.{fmt}"
    store = open_store(path)
    export(store, fmt, str(out), filters, happenings, points_only)
    store.close()
    return out.read_text(encoding="utf-8") if fmt != "parquet" else str(out)


def test_export_csv_has_one_row_per_event_with_its_evidence(store_path: str, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(store_path, "csv", tmp_path))))
    assert sorted((r["type"], r["place_name"], r["source_name"], r["outlet"]) for r in rows) == [
        ("ASSAULT", "Manbij", "Turkish troops", "a.example"),
        ("ASSAULT", "Manbij", "Turkish troops", "b.example"),
        ("CONSULT", "Afrin", "Turkish troops", "c.example"),
    ]
    assert {r["sentence"] for r in rows} >= {"Turkish troops shelled Manbij on Monday."}
    assert len({r["happening_id"] for r in rows if r["type"] == "ASSAULT"}) == 1


@pytest.mark.parametrize(
    ("filters", "outlets"),
    [
        (Filters(since="2017-01-01"), {"a.example", "b.example"}),
        (Filters(until="2017-03-06"), {"a.example", "c.example"}),
        (Filters(since="2017-03"), {"a.example", "b.example"}),  # a month or a year works too
        (Filters(types=("consult",)), {"c.example"}),
        (Filters(countries=("syr",)), {"a.example", "b.example", "c.example"}),
        (Filters(countries=("IRQ",)), set()),
        (Filters(actor="turkish"), {"a.example", "b.example", "c.example"}),
        (Filters(bbox=(37.5, 36.0, 38.5, 37.0)), {"a.example", "b.example"}),
    ],
)
def test_export_filters(store_path: str, tmp_path: Path, filters: Filters, outlets: set[str]) -> None:
    lines = exported(store_path, "jsonl", tmp_path, filters).splitlines()
    assert {json.loads(line)["outlet"] for line in lines} == outlets


def test_export_happenings_geojson_and_plover(store_path: str, tmp_path: Path) -> None:
    collection = json.loads(exported(store_path, "geojson", tmp_path, happenings=True))
    assert sorted((f["properties"]["type"], f["properties"]["articles"], f["properties"]["sources"])
                  for f in collection["features"]) == [("ASSAULT", 2, 2), ("CONSULT", 1, 1)]  # fmt: skip
    assert collection["features"][0]["geometry"]["type"] == "Point"
    records = [json.loads(line) for line in exported(store_path, "plover", tmp_path).splitlines()]
    assault = next(r for r in records if r["event"] == "ASSAULT")
    assert assault["source"] == [{"actorText": "Turkish troops", "code": "TUR", "sector": "military"}]
    assert assault["geolocation"]["placeName"] == "Manbij"


def test_export_carries_each_places_precision(tmp_path: Path) -> None:
    path = str(tmp_path / "store.db")
    store = open_store(path)
    town, country = three_reports()[0], three_reports()[2]
    syria = country.places[0]
    syria.name, syria.feature, syria.precision = "Syria", "PCLI", "country"
    syria.west, syria.south, syria.east, syria.north = 35.76, 32.39, 42.14, 37.18
    for article in (town, country):
        store.add_article(article)
    store.close()
    rows = list(csv.DictReader(io.StringIO(exported(path, "csv", tmp_path))))
    assert sorted((r["place_name"], r["place_precision"]) for r in rows) == [
        ("Manbij", "city"),
        ("Syria", "country"),
    ]
    assert [r["place_west"] for r in rows if r["place_name"] == "Syria"] == ["35.76"]
    features = json.loads(exported(path, "geojson", tmp_path))["features"]
    assert sorted(f["properties"]["place_precision"] for f in features) == ["city", "country"]
    # A town is a point; a country is its box, never a point at its centre.
    geometries = {f["properties"]["place_name"]: f["geometry"] for f in features}
    assert geometries["Manbij"] == {"type": "Point", "coordinates": [37.95, 36.53]}
    assert geometries["Syria"] == {
        "type": "Polygon",
        "coordinates": [[[35.76, 32.39], [42.14, 32.39], [42.14, 37.18], [35.76, 37.18], [35.76, 32.39]]],
    }
    points = json.loads(exported(path, "geojson", tmp_path, points_only=True))["features"]
    assert {f["properties"]["place_name"]: f["geometry"] is None for f in points} == {
        "Manbij": False,
        "Syria": True,
    }
    records = [json.loads(line) for line in exported(path, "plover", tmp_path).splitlines()]
    assert sorted(r["geolocation"]["precision"] for r in records) == ["city", "country"]
    assert [r["geolocation"].get("bbox") for r in records if r["geolocation"]["placeName"] == "Syria"] == [
        [35.76, 32.39, 42.14, 37.18]
    ]
    happenings = json.loads(exported(path, "geojson", tmp_path, happenings=True))["features"]
    assert sorted(f["properties"]["place_precision"] for f in happenings) == ["city", "country"]
    assert {f["properties"]["place_name"]: f["geometry"]["type"] for f in happenings} == {
        "Manbij": "Point",
        "Syria": "Polygon",
    }


def test_export_parquet_keeps_types(store_path: str, tmp_path: Path) -> None:
    table = pq.read_table(exported(store_path, "parquet", tmp_path))
    assert table.num_rows == 3
    assert str(table.schema.field("lat").type) == "double"
    assert str(table.schema.field("negated").type) == "bool"


def test_export_cli_errors_are_one_line(store_path: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", store_path, "--format", "parquet"])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "eventwire: error: parquet: Parquet is a binary file format; give --out FILE [EW402]"
    )
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store here yet" in result.stderr
    result = CliRunner().invoke(
        main, ["export", "--db", store_path, "--type", "assault", "--format", "jsonl"]
    )
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert "2 events written to -" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        (
            "--type",
            "ASSULT",
            "unknown event type 'ASSULT' (did you mean ASSAULT?); choose from AGREE, CONSULT",
        ),
        ("--country", "Narnia", "unknown country 'Narnia'; give a country's name (Kenya)"),
        ("--since", "yesterday", "not a date: 'yesterday'; give YYYY-MM-DD, YYYY-MM or YYYY"),
        ("--since", "2024-13-01", "not a date: '2024-13-01'"),
        ("--since", "2024/06/01", "not a date: '2024/06/01'"),
        ("--until", "2024-02-30", "not a date: '2024-02-30'"),
    ],
)
def test_export_bad_filters_exit_2_with_one_line(store_path: str, option: str, value: str, says: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", store_path, option, value])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert says in line and "[EW403]" in line


def test_export_countries_by_name_or_code(store_path: str) -> None:
    assert Filters.parse(countries="Syria,tr,IRQ").countries == ("SYR", "TUR", "IRQ")


def test_export_refuses_to_overwrite_the_store_or_write_nowhere(store_path: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", store_path, "--out", store_path])
    assert result.exit_code == 2 and "is a SQLite database" in result.stderr
    store = open_store(store_path)  # still a store
    assert store.stats()["counts"]["events"] > 0
    store.close()
    missing = tmp_path / "nowhere" / "out.csv"
    result = CliRunner().invoke(main, ["export", "--db", store_path, "--out", str(missing)])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "no such folder" in line and "Traceback" not in result.output


def test_export_since_reports_the_undated_it_leaves_out(store_path: str, tmp_path: Path) -> None:
    store = open_store(store_path)
    with store.transaction():
        store.execute("UPDATE articles SET published = NULL WHERE id = (SELECT min(id) FROM articles)")
        store.execute("UPDATE events SET date = NULL WHERE article_id = (SELECT min(id) FROM articles)")
    undated = store.execute("SELECT count(*) AS n FROM events WHERE date IS NULL").fetchone()["n"]
    store.close()
    assert undated > 0
    result = CliRunner().invoke(main, ["export", "--db", store_path, "--since", "2000", "--format", "jsonl"])
    assert f"{undated} undated left out by the date range" in result.stderr
    kept = CliRunner().invoke(
        main, ["export", "--db", store_path, "--since", "2000", "--format", "jsonl", "--undated", "include"]
    )
    assert len(kept.stdout.splitlines()) == len(result.stdout.splitlines()) + undated

"""Exports: every format from one small store, with filters, as files and through the command line."""

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.export import Filters, export
from eventwire.store import open_store
from test_store import three_reports


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    path = str(tmp_path / "store.db")
    store = open_store(path)
    for article in three_reports():
        store.add_article(article)
    store.cluster_events()
    store.close()
    return path


def exported(
    path: str, fmt: str, tmp_path: Path, filters: Filters | None = None, happenings: bool = False
) -> str:
    out = tmp_path / f"out.{fmt}"
    store = open_store(path)
    export(store, fmt, str(out), filters, happenings)
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
    assert len({r["cluster_id"] for r in rows if r["type"] == "ASSAULT"}) == 1


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

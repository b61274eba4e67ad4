"""Happenings kept current per article: the same grouping as a full regroup, whatever the order of arrival."""

import json
import random
from pathlib import Path
from typing import Any

from conftest import corpus
from eventwire.config import load_config
from eventwire.ingest import ingest
from eventwire.records import Actor, Article, Event, Place, article_id
from eventwire.store import Store, open_store
from eventwire.store.grouping import settings_of
from eventwire.store.happenings import EventPoint, HappeningSettings, Role

TYPES = ("ASSAULT", "PROTEST", "CONSULT")
PLACES = [  # name, lat, lon, iso3, feature: towns near each other, across a border, over the antimeridian
    ("Manbij", 36.53, 37.95, "SYR", "PPL"),
    ("Jarabulus", 36.82, 38.01, "SYR", "PPL"),
    ("Kilis", 36.72, 37.12, "TUR", "PPL"),
    ("Syria", 35.0, 38.0, "SYR", "PCLI"),
    ("Aleppo Governorate", 36.2, 37.2, "SYR", "ADM1"),
    ("Suva", -18.14, 178.44, "FJI", "PPLC"),
    ("Taveuni", -16.85, -179.97, "FJI", "PPL"),
    ("Vaitupu", -7.48, 178.68, "TUV", "PPL"),
]
ACTORS = [("Turkish troops", "TUR"), ("Kurdish fighters", "SYR"), ("Fiji police", "FJI"), (None, None)]
DATES = [f"2017-{month:02}-{day:02}" for month in (3, 5, 7) for day in range(1, 29, 3)]
DATES += ["2017-05", "2017", None]


def synthetic(n: int, seed: int) -> list[Article]:
    """Articles of one or two events each, drawn so that every kind of key and date decides some pairs."""
    rng = random.Random(seed)
    articles = []
    for number in range(n):
        outlet = f"outlet{rng.randrange(6)}.example"
        words, events, actors, places = [], [], [], []
        aid = article_id(f"{number}", f"https://{outlet}/{number}")
        for k in range(rng.choice((1, 1, 2))):
            sentence = rng.choice((f"Shells fell on {rng.randrange(9)}.", f"Report {number}-{k}."))
            start = sum(len(w) + 1 for w in words)
            words.append(sentence)
            source = rng.choice(ACTORS)
            name, lat, lon, iso3, feature = rng.choice(PLACES)
            place = Place(
                id=f"{aid}-p{k}",
                article_id=aid,
                start=start,
                end=start + 1,
                text=sentence[0],
                name=name,
                lat=lat + rng.uniform(-0.1, 0.1),
                lon=lon,
                iso3=iso3,
                feature=feature,
            )
            places.append(place)
            actor = None
            if source[0]:
                actor = Actor(
                    id=f"{aid}-a{k}",
                    article_id=aid,
                    start=start,
                    end=start + 1,
                    text=sentence[0],
                    name=source[0],
                    country=source[1],
                )
                actors.append(actor)
            events.append(
                Event(
                    id=f"{aid}-e{k}",
                    article_id=aid,
                    start=start,
                    end=start + 1,
                    text=sentence[0],
                    type=rng.choice(TYPES),
                    source=actor.id if actor else None,
                    place=place.id,
                    date=rng.choice(DATES),
                    sentence_start=start,
                    sentence_end=start + len(sentence),
                    negated=rng.random() < 0.05,
                )
            )
        articles.append(
            Article(
                id=aid,
                text=" ".join(words),
                url=f"https://{outlet}/{number}",
                published=rng.choice(DATES[:-3]),
                actors=actors,
                places=places,
                events=events,
            )
        )
    return articles  # fmt: skip


def happenings(store: Store) -> set[tuple[Any, ...]]:
    """Each happening as its members and counts, without its id."""
    members: dict[str, list[str]] = {}
    for row in store.stream("SELECT event_id, happening_id FROM happening_events"):
        members.setdefault(row["happening_id"], []).append(row["event_id"])
    rows = store.stream("SELECT * FROM happening_rows")
    counted = (
        "type",
        "first_event",
        "first_date",
        "last_date",
        "events",
        "articles",
        "sources",
        "independent",
    )
    return {(frozenset(members[r["id"]]), *(r[k] for k in counted)) for r in rows}


def test_incremental_grouping_equals_a_rebuild_in_any_order(tmp_path: Path) -> None:
    articles = synthetic(240, seed=7)
    stores = []
    for seed in (1, 2):
        random.Random(seed).shuffle(articles)
        store = open_store(str(tmp_path / f"{seed}.db"))
        for article in articles:
            assert store.add_article(article)
        stores.append(store)
    incremental = happenings(stores[0])
    assert incremental == happenings(stores[1])
    ids_before = {r["id"] for r in stores[0].stream("SELECT id FROM happening_rows")}
    stores[0].regroup_happenings()
    assert happenings(stores[0]) == incremental
    assert {r["id"] for r in stores[0].stream("SELECT id FROM happening_rows")} == ids_before
    grouped = [h for h in incremental if len(h[0]) > 1]
    assert len(grouped) >= 10 and len(incremental) < 300, "the draw should make happenings of many kinds"
    for store in stores:
        store.close()


def test_ingesting_in_five_shuffled_runs_gives_the_happenings_of_one_run(
    store_url: str, tmp_path: Path
) -> None:
    lines = [  # each edition from one of three outlets: copies of one story across outlets
        json.dumps({**doc, "url": doc["url"].replace("en.wikinews.org", f"outlet{n % 3}.example")})
        for n, doc in enumerate(json.loads(line) for line in corpus(tmp_path).read_text().splitlines())
    ]
    one = str(tmp_path / "one.db")
    whole = tmp_path / "whole.jsonl"
    whole.write_text("\n".join(lines) + "\n")
    ingest([str(whole)], load_config(overrides={"store.url": one}))
    random.Random(5).shuffle(lines)
    for n in range(5):
        fifth = tmp_path / f"fifth{n}.jsonl"
        fifth.write_text("\n".join(lines[n::5]) + "\n")
        ingest([str(fifth)], load_config(overrides={"store.url": store_url}))
    first, fifths = open_store(one), open_store(store_url)
    grouped = happenings(first)
    assert grouped == happenings(fifths)
    assert any(h[8] < h[7] for h in grouped), (
        "the editions are copies: fewer independent outlets than outlets"
    )
    fifths.regroup_happenings()
    assert happenings(fifths) == grouped
    first.close()
    fifths.close()


def test_merging_happenings_keeps_the_older_id_and_records_the_alias(tmp_path: Path) -> None:
    def report(text: str, place: tuple[str, float, float]) -> Article:
        aid = article_id(text)
        name, lat, lon = place
        return Article(
            id=aid, text=text, published="2017-03-06", url=f"https://{aid[:6]}.example/",
            places=[Place(id=f"{aid}-p", article_id=aid, start=0, end=1, text=text[0], name=name, lat=lat,
                          lon=lon, iso3="SYR", feature="PPL")],
            events=[Event(id=f"{aid}-e", article_id=aid, start=0, end=1, text=text[0], type="ASSAULT",
                          place=f"{aid}-p", date="2017-03-06", sentence_start=0, sentence_end=len(text))],
        )  # fmt: skip

    store = open_store(str(tmp_path / "s.db"))
    west, east = report("Shelling west.", ("A", 36.5, 37.0)), report("Shelling east.", ("B", 36.5, 37.8))
    store.add_article(west)
    store.add_article(east)  # 72 km apart: two happenings
    assert store.stats()["counts"]["happenings"] == 2
    store.add_article(report("Shelling between.", ("C", 36.5, 37.4)))  # within 50 km of both: one
    rows = store.execute("SELECT id, events FROM happening_rows").fetchall()
    assert [(r["id"], r["events"]) for r in rows] == [(f"h-{west.id}-e", 3)]
    aliases = store.execute("SELECT alias, happening_id FROM happening_aliases").fetchall()
    assert [tuple(r) for r in aliases] == [(f"h-{east.id}-e", f"h-{west.id}-e")]
    store.close()


def point(lat: float, lon: float, fine: bool = True, country: str = "FJI") -> EventPoint:
    return EventPoint(
        id="x", article_id="a", type="ASSAULT", first=None, last=None, published=None, outlet="o",
        original_outlet="o", lat=lat, lon=lon, place_country=country, fine_place=fine,
        source=Role(None, None), target=Role(None, None), sentence="",
    )  # fmt: skip


def test_the_index_finds_fine_places_within_the_distance_across_cells_and_the_antimeridian() -> None:
    settings = HappeningSettings(distance_km=50)
    near_line = point(-16.85, 179.99)
    assert set(point(-16.85, -179.8).keys()) & set(near_line.probes(settings))  # 23 km over the antimeridian
    assert set(point(69.9, 20.9).keys()) & set(point(69.9, 19.95).probes(settings))  # 36 km, narrow cells
    assert not set(point(36.5, 40.5).keys()) & set(point(36.5, 37.4).probes(settings))  # 280 km
    coarse = point(-17.0, 178.0, fine=False)
    assert set(coarse.keys()) & set(near_line.probes(settings))  # a country compares by country
    assert json.dumps(sorted(coarse.keys())) == '["cc:FJI"]'


def test_a_schema_5_store_is_regrouped_when_opened(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    store = open_store(path)
    for article in synthetic(40, seed=3):
        store.add_article(article)
    grouped = happenings(store)
    for statement in (  # schema 5: clusters regrouped after each run, no outlets or families on articles
        "DROP VIEW happenings",
        *(
            f"DROP TABLE {t}"
            for t in ("happening_keys", "happening_events", "happening_rows", "happening_aliases")
        ),
        "CREATE TABLE clusters (id TEXT PRIMARY KEY)",
        "CREATE TABLE cluster_events (event_id TEXT PRIMARY KEY, cluster_id TEXT)",
        "CREATE VIEW happenings AS SELECT * FROM clusters",
        "DROP INDEX articles_family",
        "DROP INDEX articles_outlet",
        "ALTER TABLE articles DROP COLUMN outlet",
        "ALTER TABLE articles DROP COLUMN family",
        "UPDATE meta SET value = '5' WHERE key = 'schema_version'",
    ):
        store.execute(statement)
    store.close()
    store = open_store(path)
    assert happenings(store) == grouped
    assert "clusters" not in {r["name"] for r in store.execute("SELECT name FROM sqlite_master")}
    store.close()


def test_cli_lists_and_rebuilds_happenings(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    path = str(tmp_path / "s.db")
    store = open_store(path)
    for article in synthetic(60, seed=4):
        store.add_article(article)
    store.close()
    runner = CliRunner()
    listed = runner.invoke(main, ["happenings", "--db", path, "--limit", "3"])
    assert listed.exit_code == 0 and len(listed.output.splitlines()) == 4
    assert listed.output.split()[:6] == ["happening", "type", "dates", "arts", "outl", "indep"]
    wrong = runner.invoke(main, ["happenings", "--db", path, "--window", "5"])
    assert wrong.exit_code == 2 and "--window and --km take effect with --rebuild" in wrong.output
    wider = runner.invoke(main, ["happenings", "--db", path, "--rebuild", "--window", "30"])
    assert wider.exit_code == 0
    store = open_store(path)
    assert settings_of(store) == HappeningSettings(window_days=30, distance_km=50.0)
    assert store.stats()["counts"]["happenings"] == int(wider.stderr.split()[1].replace(",", ""))
    store.close()

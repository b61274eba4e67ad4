import dataclasses
import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.records import ANNOTATION_TYPES, Actor, Article, Entity, Event, Place, Rejection, article_id
from eventwire.store import open_store


def make_article(text: str = "Iraqi troops entered Mosul.") -> Article:
    aid = article_id(text)
    return Article(
        id=aid,
        text=text,
        title="T",
        published="2017-07-10",
        entities=[Entity(id=f"{aid}-ent0", article_id=aid, start=0, end=5, text="Iraqi", label="NORP")],
        actors=[
            Actor(
                id=f"{aid}-act0",
                article_id=aid,
                start=0,
                end=12,
                text="Iraqi troops",
                name="Iraqi troops",
                country="IRQ",
                sector="military",
                aliases=["Iraqi forces"],
                mentions=[[0, 12]],
            )
        ],
    )


def test_store_has_a_column_for_every_record_field(store_url: str) -> None:
    store = open_store(store_url)
    for record_type in ANNOTATION_TYPES:
        assert store.columns(record_type.collection) == {f.name for f in dataclasses.fields(record_type)}


def test_store_round_trip_and_idempotence(store_url: str) -> None:
    store = open_store(store_url)
    article = make_article()
    assert store.add_article(article) is True
    assert store.add_article(article) is False
    assert store.get_article(article.id) == article
    assert store.stats()["counts"] == {
        "articles": 1,
        "entities": 1,
        "actors": 1,
        "places": 0,
        "times": 0,
        "quantities": 0,
        "quotes": 0,
        "events": 0,
        "article_links": 0,
        "happenings": 0,
        "rejections": 0,
        "runs": 0,
    }
    store.close()


def test_store_uses_wal(tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path / 's.db'}").close()
    assert sqlite3.connect(tmp_path / "s.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_article_is_all_or_nothing(store_url: str) -> None:
    store = open_store(store_url)
    article = make_article()
    article.entities.append(dataclasses.replace(article.entities[0]))  # same id twice: the insert fails
    with pytest.raises(Exception, match=r"(?i)unique"):
        store.add_article(article)
    assert store.has_article(article.id) is False
    assert store.stats()["counts"]["entities"] == 0
    store.close()


def test_store_runs_and_rejections(store_url: str) -> None:
    store = open_store(store_url)
    run_id = store.start_run("ingest", {"model": "m"}, {"eventwire": "0.1.0"})
    assert store.start_run("ingest", {}, {}) == run_id + 1
    store.add_rejection(Rejection(origin="x.bin", stage="source", code="EW103", message="binary"), run_id)
    store.finish_run(run_id, articles=0, skipped=0, rejected=1)
    assert store.stats()["counts"]["rejections"] == 1
    store.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://db/x", "unsupported store scheme 'mysql'"),
        ("/no/such/folder/x.db", "its folder does not exist"),
    ],
)
def test_store_bad_url(url: str, message: str) -> None:
    with pytest.raises(EventwireError, match=message):
        open_store(url)


def test_store_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database " * 100)
    with pytest.raises(EventwireError, match="not a usable SQLite database"):
        open_store(str(path))


STORY = (
    "Hundreds of former fighters crossed from Idlib into southern Turkey this week, residents said. "
    "The men paid smugglers up to $2,000 each to reach the border town of Reyhanli before dawn. "
    "Turkish border guards detained dozens of them near the crossing and sent others back into Syria. "
    "One defector said he had left the group after commanders ordered the execution of prisoners. "
    "Aid workers in the camps said they expected more arrivals as fighting spread across the province."
)


def plain(text: str, published: str | None, url: str) -> Article:
    return Article(id=article_id(text, url), text=text, url=url, published=published)


def test_store_links_copies_excerpts_and_rewrites_to_the_earliest(store_url: str) -> None:
    store = open_store(store_url)
    original = plain(STORY, "2016-05-02", "https://a.example/story")
    syndicated = plain(
        "Advertisement. " + STORY + " More in World: markets slide.", "2016-05-03", "https://b.example/1"
    )
    exact = plain(STORY.upper(), "2016-05-04", "https://c.example/1")  # other case: same words, same hash
    excerpt = plain(STORY[: len(STORY) // 2], "2016-05-03", "https://d.example/1")
    rewrite = plain(
        STORY.replace("this week", "on Tuesday")
        .replace("dozens", "scores")
        .replace("Aid workers", "Officials"),
        "2016-05-05",
        "https://e.example/1",
    )
    unrelated = plain(
        "The central bank raised interest rates by half a point on Thursday, citing inflation that has "
        "stayed above its target for a year. Shares in banks rose while the currency strengthened against "
        "the dollar and economists said another rise was likely before the end of the summer.",
        "2016-05-02",
        "https://f.example/1",
    )
    # The copy arrives first: the original, published earlier, still becomes the original.
    for article in (syndicated, original, exact, excerpt, rewrite, unrelated):
        assert store.add_article(article)
    kinds = {
        (link["article_id"], link["kind"])
        for link in store.links(original.id)
        if link["original_id"] == original.id
    }
    assert kinds == {
        (syndicated.id, "copy"),
        (exact.id, "exact"),
        (excerpt.id, "excerpt"),
        (rewrite.id, "rewrite"),
    }
    assert store.links(unrelated.id) == []
    store.close()


def test_store_migrates_a_schema_2_store(store_url: str) -> None:
    store = open_store(store_url)
    first, copy = (
        plain(STORY, "2016-05-02", "https://a.example/1"),
        plain(STORY, "2016-05-03", "https://b.example/1"),
    )
    store.add_article(first)
    store.add_article(copy)
    for statement in (  # what schema 2 did not have
        "DROP INDEX articles_content_hash",
        "ALTER TABLE articles DROP COLUMN content_hash",
        "DELETE FROM article_bands",
        "DELETE FROM article_links",
        "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
    ):
        store.execute(statement)
    store.close()
    store = open_store(store_url)
    assert "content_hash" in store.columns("articles")
    assert [(r["article_id"], r["kind"]) for r in store.links(first.id)] == [(copy.id, "exact")]
    store.close()


def test_store_full_text_search(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(plain(STORY, "2016-05-02", "https://a.example/1"))
    found = store.search("smugglers Reyhanli")
    assert [r["id"] for r in found] == [article_id(STORY, "https://a.example/1")]
    assert "[smugglers]" in found[0]["snippet"]
    assert store.search('"; DROP TABLE articles; --') == []
    store.close()


def reported(
    text: str, source: str, published: str, event_type: str, place: tuple[str, float, float]
) -> Article:
    """An article whose one sentence reports one event by Turkish troops at a place."""
    aid = article_id(text, f"https://{source}/x")
    name, lat, lon = place
    at = text.index(name)
    return Article(
        id=aid, text=text, url=f"https://{source}/x", source=source, published=published,
        actors=[Actor(id=f"{aid}-a", article_id=aid, start=0, end=14, text=text[:14], name="Turkish troops",
                      country="TUR", sector="military")],
        places=[Place(id=f"{aid}-p", article_id=aid, start=at, end=at + len(name), text=name, name=name,
                      lat=lat, lon=lon, country="SY", iso3="SYR", feature="PPL", precision="city")],
        events=[Event(id=f"{aid}-e", article_id=aid, start=15, end=22, text=text[15:22], type=event_type,
                      source=f"{aid}-a", place=f"{aid}-p", date=published, sentence_start=0,
                      sentence_end=len(text))],
    )  # fmt: skip


def three_reports() -> list[Article]:
    """Two outlets' reports of one shelling near Manbij, and a third outlet's meeting in Afrin."""
    return [
        reported("Turkish troops shelled Manbij on Monday.", "a.example", "2017-03-06", "ASSAULT",
                 ("Manbij", 36.53, 37.95)),
        reported("Turkish troops pounded villages near Manbij.", "b.example", "2017-03-07", "ASSAULT",
                 ("Manbij", 36.52, 37.96)),
        reported("Turkish troops met elders in <b>Afrin</b>.", "c.example", "2016-12-30", "CONSULT",
                 ("Afrin", 36.51, 36.87)),
    ]  # fmt: skip


def test_store_groups_events_into_happenings_across_outlets(store_url: str) -> None:
    store = open_store(store_url)
    first = reported("Turkish troops shelled Manbij on Monday.", "a.example", "2017-03-06", "ASSAULT",
                     ("Manbij", 36.53, 37.95))  # fmt: skip
    again = reported("Turkish troops pounded villages near Manbij.", "b.example", "2017-03-07", "ASSAULT",
                     ("Manbij", 36.52, 37.96))  # fmt: skip
    elsewhere = reported("Turkish troops shelled Afrin on Monday.", "c.example", "2017-03-06", "ASSAULT",
                         ("Afrin", 36.51, 36.87))  # fmt: skip
    later = reported("Turkish troops shelled Manbij again.", "d.example", "2017-04-20", "ASSAULT",
                     ("Manbij", 36.53, 37.95))  # fmt: skip
    talks = reported("Turkish troops met elders in Manbij.", "e.example", "2017-03-06", "CONSULT",
                     ("Manbij", 36.53, 37.95))  # fmt: skip
    for article in (again, first, elsewhere, later, talks):
        store.add_article(article)
    assert store.stats()["counts"]["happenings"] == 4  # grouped as each article was stored
    rows = {r["first_article"]: r for r in store.stream("SELECT * FROM happenings")}
    assert rows[first.id]["articles"] == 2
    assert rows[first.id]["sources"] == 2
    assert rows[first.id]["first_source"] == "a.example"
    assert rows[first.id]["place_name"] == "Manbij"
    assert rows[first.id]["sentence"] == first.text
    assert {rows[a.id]["articles"] for a in (elsewhere, later, talks)} == {1}
    store.close()


def test_store_knows_where_each_outlets_stories_are(store_url: str) -> None:
    store = open_store(store_url)
    for article in [
        reported("Turkish troops shelled Manbij on Monday.", "a.example", "2017-03-06", "ASSAULT",
                 ("Manbij", 36.53, 37.95)),
        reported("Turkish troops shelled Manbij again.", "a.example", "2017-03-08", "ASSAULT",
                 ("Manbij", 36.53, 37.95)),
        reported("Turkish troops met elders in Afrin.", "a.example", "2016-12-30", "CONSULT",
                 ("Afrin", 36.51, 36.87)),
        reported("Turkish troops met elders in Afrin again.", "b.example", "2016-12-31", "CONSULT",
                 ("Afrin", 36.51, 36.87)),
    ]:  # fmt: skip
        store.add_article(article)
    homes = store.outlet_homes()
    store.close()
    assert {
        outlet: [(c.name, c.country, round(w, 3)) for c, w in home] for outlet, home in homes.items()
    } == {
        "a.example": [("Manbij", "SY", 0.667), ("Afrin", "SY", 0.333)],
        "b.example": [("Afrin", "SY", 1.0)],
    }


def test_store_reads_one_outlets_home_as_it_was_before_the_run(store_url: str) -> None:
    store = open_store(store_url)
    earlier = store.start_run("ingest", {}, {})
    shelled = reported("Turkish troops shelled Manbij on Monday.", "a.example", "2017-03-06", "ASSAULT",
                       ("Manbij", 36.53, 37.95))  # fmt: skip
    store.add_article(shelled, earlier)
    run = store.start_run("ingest", {}, {})
    met = reported("Turkish troops met elders in Afrin.", "a.example", "2016-12-30", "CONSULT",
                   ("Afrin", 36.51, 36.87))  # fmt: skip
    store.add_article(met, run)
    home_of = store.home_reader(run)
    assert [(c.name, w) for c, w in home_of("a.example")] == [("Manbij", 1.0)]
    assert home_of("b.example") == ()
    store.close()


def test_store_migrates_a_schema_6_store_to_places_with_boxes(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(three_reports()[0])
    for statement in (  # what schema 6 did not have
        "DROP VIEW happenings",  # it shows the columns
        *(
            f"ALTER TABLE places DROP COLUMN {column}"
            for column in ("region", "west", "south", "east", "north")
        ),
        "UPDATE meta SET value = '6' WHERE key = 'schema_version'",
    ):
        store.execute(statement)
    store.close()
    store = open_store(store_url)
    assert {"region", "west", "south", "east", "north"} <= store.columns("places")
    later = three_reports()[2]
    later.places[0].region, later.places[0].west, later.places[0].north = "levant", 34.0, 37.0
    store.add_article(later)
    row = store.execute("SELECT region, west, north FROM places WHERE article_id = ?", (later.id,)).fetchone()
    assert (row["region"], row["west"], row["north"]) == ("levant", 34.0, 37.0)
    store.close()


def test_store_adds_columns_for_record_fields_new_without_a_new_schema_number(store_url: str) -> None:
    store = open_store(store_url)
    store.execute("DROP VIEW happenings")  # it shows the column
    store.execute("ALTER TABLE places DROP COLUMN region")
    store.execute("UPDATE meta SET value = 'older' WHERE key = 'record_fields'")
    store.close()
    store = open_store(store_url)
    assert "region" in store.columns("places")
    store.close()

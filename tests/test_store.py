import dataclasses
import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.records import ANNOTATION_TYPES, Actor, Article, Entity, Rejection, article_id
from eventwire.store import open_store
from eventwire.store.sqlite import SQLiteStore


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


def test_store_has_a_column_for_every_record_field(tmp_path: Path) -> None:
    store = SQLiteStore(str(tmp_path / "s.db"))
    for record_type in ANNOTATION_TYPES:
        columns = {row[1] for row in store.db.execute(f"PRAGMA table_info({record_type.collection})")}
        assert columns == {f.name for f in dataclasses.fields(record_type)}, record_type.__name__


def test_store_round_trip_and_idempotence(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    article = make_article()
    assert store.add_article(article) is True
    assert store.add_article(article) is False
    assert store.get_article(article.id) == article
    assert store.stats()["counts"] | {} == {
        "articles": 1,
        "entities": 1,
        "actors": 1,
        "places": 0,
        "times": 0,
        "quantities": 0,
        "quotes": 0,
        "events": 0,
        "rejections": 0,
        "runs": 0,
    }


def test_store_uses_wal(tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path / 's.db'}").close()
    assert sqlite3.connect(tmp_path / "s.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_article_is_all_or_nothing(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    article = make_article()
    article.entities.append(dataclasses.replace(article.entities[0]))  # same id twice: the insert fails
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(article)
    assert store.has_article(article.id) is False
    assert store.stats()["counts"]["entities"] == 0


def test_store_runs_and_rejections(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run_id = store.start_run("ingest", {"model": "m"}, {"eventwire": "0.1.0"})
    store.add_rejection(Rejection(origin="x.bin", stage="source", code="EW103", message="binary"), run_id)
    store.finish_run(run_id, articles=0, skipped=0, rejected=1)
    assert store.stats()["counts"]["rejections"] == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://db/x", "unsupported store scheme 'postgresql'"),
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

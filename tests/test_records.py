from eventwire.records import SCHEMA_VERSION, Article, Entity, Event, article_id


def make_article() -> Article:
    text = "Turkish troops entered Idlib."
    aid = article_id(text, "https://example.org/a")
    return Article(
        id=aid,
        text=text,
        url="https://example.org/a",
        entities=[Entity(id=f"{aid}-ent0", article_id=aid, start=23, end=28, text="Idlib", label="GPE")],
        events=[Event(id=f"{aid}-evt0", article_id=aid, start=15, end=22, text="entered", type="MOBILIZE")],
    )


def test_records_round_trip_through_dicts() -> None:
    article = make_article()
    data = article.as_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["entities"][0] == {
        "id": f"{article.id}-ent0",
        "article_id": article.id,
        "start": 23,
        "end": 28,
        "text": "Idlib",
        "label": "GPE",
    }
    assert Article.from_dict(data) == article


def test_records_from_dict_ignores_unknown_fields() -> None:
    data = make_article().as_dict() | {"added_by_a_later_version": 1}
    assert Article.from_dict(data) == make_article()


def test_records_article_id_depends_on_text_and_url() -> None:
    assert article_id("a") == article_id("a")
    assert article_id("a") != article_id("b")
    assert article_id("a", "https://x.org/1") != article_id("a", "https://x.org/2")
    assert len(article_id("a")) == 16

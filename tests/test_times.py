"""The times annotator: expressions found in text and resolved against publication (model needed)."""

import pytest

import eventwire
from conftest import parsed, shared_file
from eventwire.annotators.times import time_for_clause
from eventwire.config import Settings
from eventwire.records import Article


def times(text: str, published: str | None = "2017-11-22") -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.value, t.anchor) for t in eventwire.process(text, published=published).times]


def test_times_relative_to_publication_and_to_the_story() -> None:
    found = times(
        "He went to Syria in 2012. It wasn't until early the next year that he joined. He left on Tuesday."
    )
    assert found == [
        ("2012", "2012", "absolute"),
        ("early the next year", "2013-01-01/2013-04-30", "previous"),
        ("Tuesday", "2017-11-21", "published"),
    ]


def test_times_since_and_future() -> None:
    assert times("Fighting has continued since 2012.") == [
        ("since 2012", "2012-01-01/2017-11-22", "absolute")
    ]
    assert times("Talks will resume on Tuesday.") == [("Tuesday", "2017-11-28", "published")]


def test_times_without_publication_date_stay_unresolved() -> None:
    assert times("Troops attacked last week.", published=None) == [("last week", None, None)]


def test_times_clause_time_for_events() -> None:
    doc = parsed(
        "Rebels seized the town in February. Talks resumed.", ("entities", "times"), published="2017-11-22"
    )
    by_verb = {t.text: time_for_clause(doc, t) for t in doc if t.pos_ == "VERB"}
    assert by_verb["seized"] is not None and by_verb["seized"].value == "2017-02"
    assert by_verb["resumed"] is None


@pytest.mark.shared
def test_times_example_story(settings: Settings) -> None:
    path = shared_file("examples/idlib-defectors.txt")
    [article] = eventwire.run([str(path)], settings)
    assert isinstance(article, Article)
    article = eventwire.process(article.text, published="2017-11-22")
    by_text = {t.text: t for t in article.times}
    early = by_text["early 2014"]
    assert (early.value, early.modifier, early.granularity) == (
        "2014-01-01/2014-04-30",
        "early",
        "part-of-year",
    )
    assert by_text["mid-2014"].value == "2014-05-01/2014-08-31"
    assert by_text["2012"].value == "2012"
    assert by_text["late August"].value == "2017-08-21/2017-08-31"
    assert by_text["early the next year"].value == "2013-01-01/2013-04-30"  # the year after 2012

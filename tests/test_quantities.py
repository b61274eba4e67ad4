"""The quantities annotator: what a number counts, in sentences we wrote (model needed)."""

import pytest

import eventwire
from conftest import shared_file
from eventwire.config import Settings
from eventwire.records import Article


def counts(text: str) -> list[tuple[str, str | None, float | None, float | None]]:
    return [(q.text, q.kind, q.min, q.max) for q in eventwire.process(text).quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government troops clashed with rebels, killing at least 12 fighters.",
            ("at least 12", "killed", 12, None),
        ),
        ("Police said 12 people were killed in the blast.", ("12", "killed", 12, 12)),
        ("Dozens were killed when the roof collapsed.", ("Dozens", "killed", 24, 99)),
        ("The attack wounded two others.", ("two", "wounded", 2, 2)),
        ("Security forces arrested 45 men overnight.", ("45", "arrested", 45, 45)),
        ("Thousands of residents fled across the border.", ("Thousands", "displaced", 2000, 9999)),
        ("Hundreds of protesters gathered outside parliament.", ("Hundreds", "crowd", 200, 999)),
        ("The agency registered 4,500 new arrivals since Sunday.", ("4,500", "displaced", 4500, 4500)),
        ("The death toll rose to 40.", ("40", "killed", 40, 40)),
        ("Four Saudi-Arabian extremists paid smugglers $2,000.", ("Four", "people", 4, 4)),
        ("The company sold 300 trucks.", ("300", "other", 300, 300)),
        # who kills is no victim: the subject of a verb with an object acts
        ("Two gunmen killed 23 people in the market.", ("Two", "people", 2, 2)),
        ("Two gunmen killed 23 people in the market.", ("23", "killed", 23, 23)),
        ("Two soldiers died in the attack.", ("Two", "killed", 2, 2)),
    ],
)
def test_quantities_kind(text: str, expected: tuple[str, str, float, float | None]) -> None:
    assert expected in counts(text)


def test_quantities_dates_are_not_counts_and_money_ages_are() -> None:
    found = counts("On 15 August, a 26-year-old paid $2,000 for two days of travel.")
    assert found == [("26-year-old", "age", 26, 26), ("$2,000", "money", 2000, 2000)]


def test_quantities_link_to_the_actor_counted() -> None:
    article = eventwire.process("Iraqi troops killed 12 Isis fighters near Mosul.")
    [quantity] = article.quantities
    [actor] = [a for a in article.actors if a.id == quantity.actor]
    assert (quantity.counted, quantity.kind, actor.name) == ("fighters", "killed", "Islamic State")


@pytest.mark.shared
def test_quantities_example_story(settings: Settings) -> None:
    [article] = eventwire.run([str(shared_file("examples/idlib-defectors.txt"))], settings)
    assert isinstance(article, Article)
    by_text = {(q.text, q.counted): q for q in article.quantities}
    hundreds = by_text["Hundreds", "fighters"]
    assert (hundreds.kind, hundreds.min, hundreds.max) == ("people", 200, 999)
    assert (by_text["Four", "extremists"].value, by_text["Four", "extremists"].kind) == (4, "people")
    assert (by_text["$2,000", None].value, by_text["$2,000", None].unit) == (2000, "USD")
    as_many = by_text["as many as 300", "members"]
    assert (as_many.min, as_many.max) == (None, 300)
    around = by_text["around 300", "people"]
    assert (around.value, around.approx, around.kind) == (300, True, "people")


def test_quantities_and_times_are_deterministic() -> None:
    text = "Early last year, as many as 300 fighters fled; dozens were killed and $2,000 was paid on Tuesday."
    first = eventwire.process(text, published="2017-11-22")
    second = eventwire.process(text, published="2017-11-22")
    assert first.as_dict() == second.as_dict()
    assert first.quantities and first.times


def test_quantities_in_a_sentence_without_a_verb() -> None:
    assert counts("Floods in Pakistan: at least 1600 dead, thousands homeless") == [
        ("at least 1600", "killed", 1600, None),
        ("thousands", "other", 2000, 9999),
    ]

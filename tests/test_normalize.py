"""Dates and numbers as written: exact normalisations, no model."""

from datetime import date

import pytest

from eventwire.normalize.dates import resolve
from eventwire.normalize.numbers import find_numbers, parse_number

PUBLISHED = date(2017, 11, 22)  # a Wednesday
PREVIOUS = date(2014, 3, 1)  # the story's last date before the expression


@pytest.mark.parametrize(
    ("text", "value", "granularity", "anchor"),
    [
        ("on Tuesday", "2017-11-21", "day", "published"),
        ("Wednesday", "2017-11-22", "day", "published"),
        ("last week", "2017-11-13/2017-11-19", "week", "published"),
        ("this week", "2017-11-20/2017-11-26", "week", "published"),
        ("earlier this month", "2017-11-01/2017-11-21", "month", "published"),
        ("later this month", "2017-11-23/2017-11-30", "month", "published"),
        ("last month", "2017-10", "month", "published"),
        ("late August", "2017-08-21/2017-08-31", "part-of-month", "published"),
        ("mid-March", "2017-03-11/2017-03-20", "part-of-month", "published"),
        ("in February", "2017-02", "month", "published"),
        ("February 2014", "2014-02", "month", "absolute"),
        ("early 2014", "2014-01-01/2014-04-30", "part-of-year", "absolute"),
        ("mid-2014", "2014-05-01/2014-08-31", "part-of-year", "absolute"),
        ("late 2014", "2014-09-01/2014-12-31", "part-of-year", "absolute"),
        ("the end of 2014", "2014-10-01/2014-12-31", "part-of-year", "absolute"),
        ("summer 2015", "2015-06-01/2015-08-31", "season", "absolute"),
        ("winter 2014", "2014-12-01/2015-02-28", "season", "absolute"),
        ("since 2012", "2012-01-01/2017-11-22", "since", "absolute"),
        ("in 2012", "2012", "year", "absolute"),
        ("15 August 2021", "2021-08-15", "day", "absolute"),
        ("August 15, 2021", "2021-08-15", "day", "absolute"),
        ("March 7", "2017-03-07", "day", "published"),
        ("2014-02-11", "2014-02-11", "day", "absolute"),
        ("yesterday", "2017-11-21", "day", "published"),
        ("two years ago", "2015", "year", "published"),
        ("three days ago", "2017-11-19", "day", "published"),
        ("last year", "2016", "year", "published"),
        ("late last year", "2016-09-01/2016-12-31", "part-of-year", "published"),
        ("earlier this year", "2017-01-01/2017-11-21", "year", "published"),
        ("the past year", "2016-11-22/2017-11-22", "since", "published"),
        ("the next year", "2015", "year", "previous"),
        ("early the next year", "2015-01-01/2015-04-30", "part-of-year", "previous"),
        ("the following month", "2014-04", "month", "previous"),
        ("four years later", "2018", "year", "previous"),
        ("two days", "P2D", "duration", None),
        ("six months", "P6M", "duration", None),
    ],
)
def test_normalize_dates(text: str, value: str, granularity: str, anchor: str | None) -> None:
    resolved = resolve(text, PUBLISHED, PREVIOUS)
    assert (resolved.value, resolved.granularity, resolved.anchor) == (value, granularity, anchor)


def test_normalize_dates_future_and_unanchored() -> None:
    assert resolve("on Tuesday", PUBLISHED, future=True).value == "2017-11-28"
    assert resolve("in February", PUBLISHED, future=True).value == "2018-02"
    unanchored = resolve("last week", None)
    assert (unanchored.value, unanchored.granularity) == (None, "unresolved")
    assert resolve("the next year", PUBLISHED).value is None  # no earlier date in the story
    assert resolve("the first few months", PUBLISHED).granularity == "unresolved"
    assert resolve("early 2014", None).value == "2014-01-01/2014-04-30"  # absolute needs no anchor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("four", 4),
        ("Twenty-one", 21),
        ("three hundred and five", 305),
        ("1,200", 1200),
        ("1.5 million", 1_500_000),
        ("a hundred", 100),
        ("two thousand five hundred", 2500),
        ("a dozen", 12),
        ("3.2", 3.2),
    ],
)
def test_normalize_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hundreds of fighters", ("Hundreds", None, 200, 999, None, True, "vague")),
        ("dozens were hurt", ("dozens", None, 24, 99, None, True, "vague")),
        ("thousands fled", ("thousands", None, 2000, 9999, None, True, "vague")),
        ("tens of thousands marched", ("tens of thousands", None, 20_000, 99_999, None, True, "vague")),
        ("several soldiers", ("several", None, 3, 9, None, True, "vague")),
        ("Four Saudi-Arabian extremists", ("Four", 4, 4, 4, None, False, "number")),
        ("twenty-one soldiers", ("twenty-one", 21, 21, 21, None, False, "number")),
        ("1.5 million people", ("1.5 million", 1_500_000, 1_500_000, 1_500_000, None, False, "number")),
        ("as many as 300 members", ("as many as 300", 300, None, 300, None, False, "number")),
        ("up to 50 boats", ("up to 50", 50, None, 50, None, False, "number")),
        ("at least 12 fighters", ("at least 12", 12, 12, None, None, False, "number")),
        ("more than 10,000 people", ("more than 10,000", 10_000, 10_000, None, None, False, "number")),
        ("around 300 people", ("around 300", 300, 300, 300, None, True, "number")),
        ("nearly 40 dead", ("nearly 40", 40, 40, 40, None, True, "number")),
        ("between 10 and 20 arrested", ("between 10 and 20", None, 10, 20, None, False, "range")),
        ("10-15 hurt", ("10-15", None, 10, 15, None, False, "range")),
        ("paid $2,000", ("$2,000", 2000, 2000, 2000, "USD", False, "money")),
        ("£3m in aid", ("£3m", 3_000_000, 3_000_000, 3_000_000, "GBP", False, "money")),
        ("€20 million pledged", ("€20 million", 20_000_000, 20_000_000, 20_000_000, "EUR", False, "money")),
        ("500 dollars", ("500 dollars", 500, 500, 500, "USD", False, "money")),
        ("60% of voters", ("60%", 60, 60, 60, "%", False, "percent")),
        ("a 26-year-old", ("26-year-old", 26, 26, 26, "years", False, "age")),
        ("aged 34", ("aged 34", 34, 34, 34, "years", False, "age")),
    ],
)
def test_normalize_find_numbers(text: str, found: tuple[object, ...]) -> None:
    [number] = find_numbers(text)
    assert (
        number.text,
        number.value,
        number.min,
        number.max,
        number.unit,
        number.approx,
        number.form,
    ) == found
    assert text[number.start : number.end] == number.text


def test_normalize_years_are_not_counts() -> None:
    assert [n.text for n in find_numbers("In 2014, 12 people died; in 1999 there were 3.")] == ["12", "3"]

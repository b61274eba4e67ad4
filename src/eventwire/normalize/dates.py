"""Time expressions to intervals: "early 2014", "last week", "in February", "the next year", "two years ago".

``resolve(text, published, previous, future)`` is pure: the publication date anchors relative expressions,
the previous date of the story anchors "the next year", and ``future`` (the clause speaks of what will
happen) turns "on Tuesday" and "in February" forward instead of back.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.normalize.numbers import ONES, TENS

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
# Parts of a year and of a month, as months or days: early, mid, late; seasons in the northern hemisphere.
YEAR_PARTS = {
    "early": (1, 4),
    "beginning": (1, 3),
    "start": (1, 3),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "end": (10, 12),
    "first half": (1, 6),
    "second half": (7, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
MONTH_PARTS = {
    "early": (1, 10),
    "beginning": (1, 7),
    "start": (1, 7),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (24, 31),
}
NUMBER_WORDS = {**ONES, "twenty": TENS["twenty"], "a": 1, "an": 1, "a couple of": 2, "several": 3, "a few": 3}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}


@dataclass(frozen=True, slots=True)
class Resolved:
    """An interval of days, or a duration, and how it was found."""

    value: str | None  # ISO 8601: 2014, 2014-02, 2014-02-11, an interval a/b, or a duration P2D
    start: date | None
    end: date | None
    granularity: (
        str  # day, week, month, part-of-month, season, part-of-year, year, since, duration, unresolved
    )
    anchor: str | None = None  # absolute, published, previous
    modifier: str | None = None  # early, mid, late, spring … ; since
    confidence: float = 0.9


UNRESOLVED = Resolved(None, None, None, "unresolved", confidence=0.2)

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_PART = (
    r"(?P<part>early|beginning|start|mid|middle|late|end|first half|second half"
    r"|spring|summer|autumn|fall|winter)"
)
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_NUMBER = r"(?P<n>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_RULES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("iso", r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
        (
            "day_month_year",
            rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\.?,?\s+{_YEAR}$",
        ),
        ("month_day_year", rf"^(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}$"),
        ("day_month", rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\.?$"),
        ("month_day", rf"^(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?$"),
        ("part_month_year", rf"^{_PART}[\s-]+(?:of\s+)?(?P<month>{_MONTH})\.?,?\s+{_YEAR}$"),
        ("part_month", rf"^{_PART}[\s-]+(?:of\s+)?(?P<month>{_MONTH})\.?$"),
        ("month_year", rf"^(?P<month>{_MONTH})\.?,?\s+(?:of\s+)?{_YEAR}$"),
        ("month", rf"^(?P<month>{_MONTH})$"),
        ("part_year", rf"^{_PART}[\s-]+(?:of\s+)?{_YEAR}$"),
        ("since_year", rf"^(?:since|from)\s+{_YEAR}$"),
        ("year", rf"^{_YEAR}$"),
        (
            "weekday",
            r"^(?P<which>last|this|next|past)?\s*(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
        ),
        (
            "today",
            r"^(?P<word>today|tonight|this morning|this afternoon|this evening|overnight|yesterday"
            r"|tomorrow|last night)$",
        ),
        (
            "this_unit",
            r"^(?P<which>earlier|later)?\s*(?P<rel>last|this|next|past|previous|coming)\s+(?P<unit>week|month|year)$",
        ),
        ("part_this_unit", rf"^{_PART}(?:\s+of)?\s+(?P<rel>last|this|next)\s+(?P<unit>week|month|year)$"),
        ("ago", rf"^{_NUMBER}\s+{_UNIT}\s+ago$"),
        (
            "story_relative",
            r"^(?:(?P<part>early|late|mid)[\s-]+(?:in\s+)?)?the\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit>year|month|week|day)$",
        ),
        ("past_unit", r"^the\s+(?:past|last)\s+(?P<unit>week|month|year|decade)$"),
        ("later", rf"^{_NUMBER}\s+{_UNIT}\s+(?P<rel>later|earlier|before|after)$"),
        ("duration", rf"^(?:the\s+(?:past|last)\s+)?{_NUMBER}\s+{_UNIT}$"),
    ]
]
# Words before an expression that do not change it; "the" does in "the next year" and "the past year".
_LEADING = re.compile(
    r"^(?:in|on|at|during|throughout|over|within|by|since(?=\s+\D)|of|from(?=\s+\D)|this past|some time in|"
    r"the(?!\s+(?:next|following|previous|preceding|past|last)\b))\s+",
    re.IGNORECASE,
)


def resolve(
    text: str, published: date | None, previous: date | None = None, future: bool = False
) -> Resolved:
    """The interval a time expression names, or UNRESOLVED (no anchor, or a form not known)."""
    expression = " ".join(text.replace("–", "-").split()).strip(" .,")
    while (stripped := _LEADING.sub("", expression)) != expression:
        expression = stripped
    expression = re.sub(
        r"^(?:the\s+)?(early|late|mid|middle|end|beginning|start)\s+of\s+", r"\1 ", expression, flags=re.I
    )
    for name, pattern in _RULES:
        match = pattern.match(expression)
        if match:
            found = _HANDLERS[name](match.groupdict(), published, previous, future)
            if found is not None:
                return found
    return UNRESOLVED


def _int(value: str) -> int:
    return int(value) if value.isdigit() else NUMBER_WORDS[value.lower()]


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """Months first..last of a year; last may run into the next year (winter: 12-14)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), _month_interval(end_year, end_month)[1]


def _interval(
    start: date,
    end: date,
    granularity: str,
    anchor: str,
    modifier: str | None = None,
    confidence: float = 0.9,
) -> Resolved:
    if start == end:
        value = start.isoformat()
    elif (start.day, end) == (1, _month_interval(start.year, start.month)[1]):
        value = f"{start.year:04d}-{start.month:02d}"
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        value = f"{start.year:04d}"
    else:
        value = f"{start.isoformat()}/{end.isoformat()}"
    return Resolved(value, start, end, granularity, anchor, modifier, confidence)


def _year_of(month: int, published: date, future: bool) -> int:
    """The year of a month named without one: the latest not after publication, or the next when future."""
    if future:
        return published.year + (month < published.month)
    return published.year - (month > published.month)


def _year_anchor(
    groups: dict[str, str], month: int, published: date | None, future: bool
) -> tuple[int, str] | None:
    """The year a month stands in: written, else from publication; None when neither is known."""
    if groups.get("year"):
        return int(groups["year"]), "absolute"
    if published is not None:
        return _year_of(month, published, future), "published"
    return None


def _date(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved | None:
    month = MONTHS.get((groups.get("month") or "").lower()) or int(groups.get("month") or 0)
    day = int(groups["day"])
    found = _year_anchor(groups, month, published, future)
    if found is None:
        return UNRESOLVED
    year, anchor = found
    try:
        day_date = date(year, month, day)
    except ValueError:
        return None
    return _interval(day_date, day_date, "day", anchor)


def _part_month(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved:
    month = MONTHS[groups["month"].lower()]
    found = _year_anchor(groups, month, published, future)
    if found is None:
        return UNRESOLVED
    year, anchor = found
    first, last = MONTH_PARTS[groups["part"].lower()]
    last = min(last, calendar.monthrange(year, month)[1])
    return _interval(
        date(year, month, first), date(year, month, last), "part-of-month", anchor, groups["part"].lower()
    )


def _month(groups: dict[str, str], published: date | None, previous: date | None, future: bool) -> Resolved:
    month = MONTHS[groups["month"].lower()]
    found = _year_anchor(groups, month, published, future)
    if found is None:
        return UNRESOLVED
    year, anchor = found
    return _interval(
        *_month_interval(year, month), "month", anchor, confidence=0.9 if groups.get("year") else 0.75
    )


def _part_year(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved:
    part = groups["part"].lower()
    first, last = YEAR_PARTS[part]
    granularity = "season" if part in ("spring", "summer", "autumn", "fall", "winter") else "part-of-year"
    return _interval(*_months(int(groups["year"]), first, last), granularity, "absolute", part)


def _since(groups: dict[str, str], published: date | None, previous: date | None, future: bool) -> Resolved:
    start = date(int(groups["year"]), 1, 1)
    end = published if published is not None and published >= start else date(int(groups["year"]), 12, 31)
    return Resolved(f"{start.isoformat()}/{end.isoformat()}", start, end, "since", "absolute", "since", 0.85)


def _year(groups: dict[str, str], published: date | None, previous: date | None, future: bool) -> Resolved:
    year = int(groups["year"])
    return _interval(date(year, 1, 1), date(year, 12, 31), "year", "absolute")


def _weekday(groups: dict[str, str], published: date | None, previous: date | None, future: bool) -> Resolved:
    if published is None:
        return UNRESOLVED
    wanted = WEEKDAYS[groups["weekday"].lower()]
    which = (groups.get("which") or "").lower()
    if future or which == "next":
        shift = (wanted - published.weekday()) % 7 or 7
    else:  # "on Tuesday" in news is the last Tuesday up to the day of publication
        shift = -((published.weekday() - wanted) % 7)
        shift -= 7 if which == "last" and shift == 0 else 0
    day = published + timedelta(days=shift)
    return _interval(day, day, "day", "published", confidence=0.8)


def _today(groups: dict[str, str], published: date | None, previous: date | None, future: bool) -> Resolved:
    if published is None:
        return UNRESOLVED
    word = groups["word"].lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    day = published + timedelta(days=shift)
    return _interval(day, day, "day", "published", confidence=0.85)


def _this_unit(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved:
    if published is None:
        return UNRESOLVED
    rel, unit = groups["rel"].lower(), groups["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
    start, end = _unit_interval(published, unit, step)
    which = (groups.get("which") or "").lower()
    if which == "earlier" and step == 0:  # "earlier this month": from its start to the day before publication
        end = max(start, published - timedelta(days=1))
    elif which == "later" and step == 0:
        start = min(end, published + timedelta(days=1))
    return _interval(start, end, unit, "published", which or None, confidence=0.8)


def _part_this_unit(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved:
    if published is None:
        return UNRESOLVED
    step = {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
    unit, part = groups["unit"].lower(), groups["part"].lower()
    start, end = _unit_interval(published, unit, step)
    if unit == "year":
        first, last = YEAR_PARTS[part]
        start, end = _months(start.year, first, last)
    elif unit == "month":
        first, last = MONTH_PARTS[part]
        start, end = start.replace(day=first), start.replace(day=min(last, end.day))
    return _interval(
        start, end, "part-of-year" if unit == "year" else "part-of-month", "published", part, 0.8
    )


def _unit_interval(day: date, unit: str, step: int) -> tuple[date, date]:
    """The week (Monday to Sunday), month or year ``step`` units from the one holding ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        index = day.year * 12 + day.month - 1 + step
        return _month_interval(index // 12, index % 12 + 1)
    return date(day.year + step, 1, 1), date(day.year + step, 12, 31)


def _shifted(day: date, unit: str, amount: int) -> tuple[date, date, str]:
    if unit == "day":
        shifted = day + timedelta(days=amount)
        return shifted, shifted, "day"
    if unit == "week":
        start, end = _unit_interval(day + timedelta(weeks=amount), "week", 0)
        return start, end, "week"
    if unit == "month":
        start, end = _unit_interval(day, "month", amount)
        return start, end, "month"
    years = amount * (10 if unit == "decade" else 1)
    return date(day.year + years, 1, 1), date(day.year + years, 12, 31), "year"


def _ago(groups: dict[str, str], published: date | None, previous: date | None, future: bool) -> Resolved:
    if published is None:
        return UNRESOLVED
    start, end, granularity = _shifted(published, groups["unit"].lower(), -_int(groups["n"]))
    return _interval(start, end, granularity, "published", confidence=0.75)


def _story_relative(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved:
    """ "the next year": relative to the story's previous date, not to publication."""
    if previous is None:
        return UNRESOLVED
    step = 1 if groups["rel"].lower() in ("next", "following") else -1
    start, end, granularity = _shifted(previous, groups["unit"].lower(), step)
    part = (groups.get("part") or "").lower()
    if part and granularity == "year":
        first, last = YEAR_PARTS[part]
        start, end = _months(start.year, first, last)
        granularity = "part-of-year"
    return _interval(start, end, granularity, "previous", part or None, confidence=0.7)


def _later(groups: dict[str, str], published: date | None, previous: date | None, future: bool) -> Resolved:
    if previous is None:
        return UNRESOLVED
    sign = 1 if groups["rel"].lower() in ("later", "after") else -1
    start, end, granularity = _shifted(previous, groups["unit"].lower(), sign * _int(groups["n"]))
    return _interval(start, end, granularity, "previous", confidence=0.7)


def _past_unit(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved:
    """ "the past year": the twelve months up to publication."""
    if published is None:
        return UNRESOLVED
    days = {"week": 7, "month": 30, "year": 365, "decade": 3652}[groups["unit"].lower()]
    start = published - timedelta(days=days)
    return Resolved(
        f"{start.isoformat()}/{published.isoformat()}", start, published, "since", "published", "past", 0.8
    )


def _duration(
    groups: dict[str, str], published: date | None, previous: date | None, future: bool
) -> Resolved:
    unit = groups["unit"].lower()
    amount = _int(groups["n"]) * (10 if unit == "decade" else 1)
    return Resolved(f"P{amount}{UNITS[unit]}", None, None, "duration", None, None, 0.8)


_HANDLERS = {
    "iso": _date,
    "day_month_year": _date,
    "month_day_year": _date,
    "day_month": _date,
    "month_day": _date,
    "part_month_year": _part_month,
    "part_month": _part_month,
    "month_year": _month,
    "month": _month,
    "part_year": _part_year,
    "since_year": _since,
    "year": _year,
    "weekday": _weekday,
    "today": _today,
    "this_unit": _this_unit,
    "part_this_unit": _part_this_unit,
    "ago": _ago,
    "story_relative": _story_relative,
    "later": _later,
    "duration": _duration,
    "past_unit": _past_unit,
}

"""Numbers as news writes them, to values and ranges: "four", "twenty-one", "1.5 million", "dozens",
"as many as 300", "between 10 and 20", "$2,000", "£3m", "60%", "a 26-year-old".

``find_numbers(text)`` is pure: it finds every such expression with its span and normalises it. What is
counted (killed, wounded, crowd…) is for the quantities annotator, which reads the sentence around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ONES = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
}
# Vague quantities as ranges: "dozens" is 24-99, "hundreds" 200-999, "thousands" 2,000-9,999.
VAGUE = {
    "a couple of": (2, 2),
    "a couple": (2, 2),
    "a few": (2, 5),
    "a handful of": (2, 5),
    "several": (3, 9),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
    "tens of millions": (20_000_000, 99_999_999),
}
# Bounds before a number: which end of the range the number is, or that it is approximate.
BOUNDS = {
    "as many as": "max",
    "up to": "max",
    "at most": "max",
    "no more than": "max",
    "not more than": "max",
    "fewer than": "max",
    "less than": "max",
    "under": "max",
    "just under": "max",
    "nearly": "approx",
    "almost": "approx",
    "at least": "min",
    "more than": "min",
    "over": "min",
    "upwards of": "min",
    "in excess of": "min",
    "no fewer than": "min",
    "not less than": "min",
    "just over": "min",
    "some": "approx",
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "close to": "approx",
    "nearly all": "approx",
}
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "¥": "JPY",
    "yen": "JPY",
    "yuan": "CNY",
    "₹": "INR",
    "rupees": "INR",
    "rs": "INR",
    "shekels": "ILS",
    "rubles": "RUB",
    "roubles": "RUB",
    "a$": "AUD",
    "c$": "CAD",
}

_WORD = "|".join(sorted([*ONES, *TENS], key=len, reverse=True))
_WRITTEN = (
    rf"(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}|hundred|thousand|million|billion))*"
    r"|(?:a|an|one)\s+(?:hundred|thousand|million|billion|dozen))\b"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn)\b)"
_NUMBER = rf"(?:(?:{_DIGITS}){_SCALE}?|{_WRITTEN})"
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_BOUND = "|".join(re.escape(b) for b in sorted(BOUNDS, key=len, reverse=True))
_PREFIX = r"(?:US\$|A\$|C\$|\$|£|€|¥|₹|USD\s?|EUR\s?|GBP\s?|Rs\.?\s?)"
_SUFFIX = r"(?:\s(?:dollars|dollar|euros|euro|pounds(?: sterling)?|yen|yuan|rupees|shekels|rubles|roubles)\b)"
_PATTERN = re.compile(
    rf"""(?<![\w$£€.])(?:
        (?P<age>{_NUMBER})[\s-]years?[\s-]old\b
      | aged\s+(?P<aged>{_NUMBER})\b
      | between\s+(?P<low>{_NUMBER})\s+and\s+(?P<high>{_NUMBER})\b
      | (?:(?P<bound>{_BOUND})\s+)?(?:
            (?P<currency>{_PREFIX})\s?(?P<money>{_NUMBER})
          | (?P<from>{_DIGITS})\s*(?:-|–|to)\s*(?P<to>{_DIGITS})(?!\d)
          | (?P<vague>{_VAGUE})\b
          | (?P<number>{_NUMBER})(?P<percent>\s?(?:%|percent\b|per\s?cent\b))?(?P<unit>{_SUFFIX})?
        )
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    text: str
    value: float | None  # the number, when there is one
    min: float | None
    max: float | None
    unit: str | None = None  # a currency code, "%" or "years"
    approx: bool = False
    form: str = "number"  # number, vague, range, money, percent, age


def parse_number(text: str) -> float | None:
    """ "1,200" → 1200; "1.5 million" → 1500000; "twenty-one" → 21; "three hundred and five" → 305."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    try:
        total, current = 0.0, float(words[0])
        words = words[1:]
    except ValueError:
        total, current = 0.0, 0.0
    for word in words if current else text.lower().replace("-", " ").replace(",", "").split():
        if word in ("a", "an", "and"):
            current = current or (1.0 if word != "and" else current)
        elif word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in ("hundred",):
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            try:
                current += float(word)
            except ValueError:
                return None
    value = total + current
    return int(value) if value == int(value) else value


def _split_scale(text: str) -> float | None:
    """ "3m", "2bn", "1.5 million": digits with a scale written against or after them."""
    match = re.match(
        r"^([\d.,]+)\s*(k|m|mn|bn|hundred|thousand|million|billion|trillion)$", text.strip(), re.I
    )
    if match:
        base = float(match.group(1).replace(",", ""))
        value = base * SCALES[match.group(2).lower()]
        return int(value) if value == int(value) else value
    return parse_number(text)


def find_numbers(text: str) -> list[Number]:
    """Every number, range, amount of money, percentage and age in the text, in order."""
    found = []
    for match in _PATTERN.finditer(text):
        number = _number(match)
        if number is not None:
            found.append(number)
    return found


def _number(match: re.Match[str]) -> Number | None:
    groups = match.groupdict()
    start, end, text = match.start(), match.end(), match.group(0)
    if groups["age"] or groups["aged"]:
        age = parse_number(groups["age"] or groups["aged"])
        return Number(start, end, text, age, age, age, "years", form="age") if age is not None else None
    if groups["low"]:
        low, high = _split_scale(groups["low"]), _split_scale(groups["high"])
        return Number(start, end, text, None, low, high, form="range")
    bound = (groups["bound"] or "").lower()
    kind = BOUNDS.get(bound)
    if groups["from"]:
        low, high = _split_scale(groups["from"]), _split_scale(groups["to"])
        if low is None or high is None or low >= high or _YEAR.match(groups["from"]):
            return None
        return Number(start, end, text, None, low, high, form="range")
    if groups["vague"]:
        low, high = VAGUE[groups["vague"].lower()]
        if kind == "min":
            high = None
        return Number(start, end, text, None, low, high, approx=True, form="vague")
    raw = groups["money"] or groups["number"]
    value = _split_scale(raw)
    if value is None or (not groups["money"] and not groups["percent"] and _YEAR.match(raw.strip())):
        return None  # a year is a date, not a count
    unit, form = None, "number"
    if groups["money"]:
        unit, form = CURRENCIES.get(groups["currency"].strip().lower().rstrip("."), "USD"), "money"
    elif groups["unit"]:
        unit, form = CURRENCIES.get(groups["unit"].split()[0].lower()), "money"
    elif groups["percent"]:
        unit, form = "%", "percent"
    low = value if kind in (None, "min", "approx") else None
    high = value if kind in (None, "max", "approx") else None
    return Number(start, end, text, value, low, high, unit, approx=kind == "approx", form=form)

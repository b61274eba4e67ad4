"""From spans of text to place mentions: name keys, candidates, what the words around say, containment."""

from __future__ import annotations

import csv
import functools
import itertools
import re
from importlib import resources

from eventwire.geo.gazetteer import Candidate, Gazetteer
from eventwire.geo.names import ADMIN_WORDS, key, split_kind
from eventwire.geo.resolve import PlaceMention

_AFTER = re.compile(rf"^\s+({'|'.join(ADMIN_WORDS)})\b", re.IGNORECASE)
_BEFORE = re.compile(rf"\b({'|'.join(ADMIN_WORDS)})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CONTAINED = re.compile(r"^(?:,\s*|\s+in\s+(?:the\s+)?)$")
_LISTED = re.compile(r"^(?:,\s*|,?\s+and\s+|,?\s+or\s+)$")
_TRIM = re.compile(r"^(?:the\s+)", re.IGNORECASE)


@functools.cache
def demonyms() -> dict[str, str]:
    """Name key of a demonym or nationality adjective → ISO 3166-1 alpha-2 country."""
    text = resources.files("eventwire.geo").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    rows = csv.reader(
        (line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"
    )
    return {key(word): country for word, country in rows}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without a leading "the" or a trailing possessive: "the Middle East's" → "Middle East"."""
    span = text[start:end]
    lead = _TRIM.match(span)
    if lead:
        start += lead.end()
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


def mention(text: str, start: int, end: int, gazetteer: Gazetteer, *, demonym: bool = False) -> PlaceMention:
    """The place mention for ``text[start:end]``; with ``demonym``, "Syrian" stands for Syria."""
    full = key(text[start:end])
    name_key, hint = split_kind(full)
    candidates: tuple[Candidate, ...] = gazetteer.lookup(name_key)
    whole = gazetteer.lookup(full) if name_key != full else ()
    if whole:  # "Kansas City", "Mexico City" and "Henry County" are names, not kinds of Kansas or Mexico
        name_key, candidates = full, whole
        hint = hint if any(c.feature.startswith(hint or "-") for c in whole) else None
    after = _AFTER.match(text[end : end + 30])
    before = _BEFORE.search(text[max(0, start - 30) : start])
    hint = hint or (ADMIN_WORDS[after.group(1).lower()] if after else None)
    hint = hint or (ADMIN_WORDS[before.group(1).lower()] if before else None)
    kind = tuple(c for c in candidates if c.feature.startswith(hint or "-"))
    candidates = kind or candidates  # "Henry County" is a county when there is one by that name
    country = demonyms().get(name_key) if demonym else None
    if country and country in gazetteer.countries:
        candidates = (gazetteer.countries[country],)
    return PlaceMention(start=start, end=end, key=name_key, candidates=candidates, hint=hint)


def link_containment(text: str, mentions: list[PlaceMention]) -> None:
    """ "Mosul in Iraq", "Athens, Georgia": record that a mention lies within the next one. Names in a list
    of three or more ("Minbij, Tabqa, Raqqah and Deir Azzour") are siblings, not containers."""
    ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    gaps = [text[mentions[a].end : mentions[b].start] for a, b in itertools.pairwise(ordered)]
    for n, (here, there) in enumerate(itertools.pairwise(ordered)):
        listed = [0 <= m < len(gaps) and bool(_LISTED.match(gaps[m])) for m in (n - 1, n + 1)]
        if _CONTAINED.match(gaps[n]) and not (gaps[n].startswith(",") and any(listed)):
            mentions[here].within.append(there)

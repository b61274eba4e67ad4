"""An outlet's home: the places its stories are about. A local paper writes mostly about its own area, so
"Paris" in the Paris Beacon is Paris, Tennessee, and "Palestine" in the Palestine Herald is in Texas (the
"local lexicon" of Lieberman et al., for whom the LGL corpus was made).

A home is learned without gold from the places resolved in the outlet's other articles, and weighs in the
resolver as a few more mentions of the story would: by country, by first-level division and by nearness.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventwire.geo.gazetteer import Candidate

# (place, weight) pairs; the weights sum to HOME_WEIGHT, a story's worth of one mention.
Home = tuple[tuple[Candidate, float], ...]

HOME_PLACES = 10  # the outlet's most reported places
HOME_WEIGHT = 1.0
_AREAS = frozenset({"PCLI", "CONT", "RGN", "SEA"})  # too wide to say where an outlet is


def home(counts: Mapping[Candidate, int]) -> Home:
    """The home of an outlet whose articles name each place ``counts[place]`` times."""
    named = Counter({p: n for p, n in counts.items() if p.feature not in _AREAS and n > 0})
    total = named.total()
    return tuple((p, HOME_WEIGHT * n / total) for p, n in named.most_common(HOME_PLACES)) if total else ()


def homes_leaving_out(outlets: Sequence[str | None], places: Sequence[Iterable[Candidate]]) -> list[Home]:
    """For each article, its outlet's home learned from the outlet's other articles only: what a store that
    already holds those articles would give it."""
    by_outlet: defaultdict[str, Counter[Candidate]] = defaultdict(Counter)
    own = [Counter(article) for article in places]
    for outlet, counts in zip(outlets, own, strict=True):
        if outlet:
            by_outlet[outlet].update(counts)
    return [
        home(by_outlet[outlet] - counts) if outlet else ()
        for outlet, counts in zip(outlets, own, strict=True)
    ]


def place_candidate(place: Mapping[str, Any]) -> Candidate:
    """A place as stored or annotated (its fields by name) as the resolver's candidate, for a home."""
    corners = tuple(place[side] for side in ("west", "south", "east", "north"))
    box = None if None in corners else corners
    return Candidate(0, place["geonameid"], place["name"], place["lat"] or 0.0, place["lon"] or 0.0,
                     place["country"], place["admin1"], place["feature"] or "", 0, 0, place["region"],
                     box)  # fmt: skip

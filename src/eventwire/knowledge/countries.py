"""Countries by name, misspelt name or nationality word: the ISO 3166-1 alpha-3 codes actors carry."""

from __future__ import annotations

import functools

from rapidfuzz import fuzz, process

from eventwire.geo.gazetteer import gazetteer
from eventwire.geo.names import key
from eventwire.geo.recognize import demonyms

MISSPELT = 88  # rapidfuzz ratio for a name one or two letters off


@functools.cache
def country_named(name: str, capitals: bool = False) -> str | None:
    """ISO alpha-3 of the country a name names (or, with ``capitals``, whose capital it is)."""
    features = ("PCLI", "PPLC") if capitals else ("PCLI",)
    found = [c for c in gazetteer().lookup(key(name)) if c.feature in features and c.name_kind != 3]
    best = max(found, key=lambda c: (c.feature == "PCLI", c.population), default=None)
    if best is None:
        return _misspelt(key(name), _country_keys())
    return gazetteer().iso3.get(best.country or "")


@functools.cache
def _country_keys() -> dict[str, str]:
    return {key(c.name): iso2 for iso2, c in gazetteer().countries.items()}


def _misspelt(name_key: str, keys: dict[str, str]) -> str | None:
    """ "Afganistan", "Ethopia", "Ghanians": a country name or nationality one or two letters off."""
    if len(name_key) < 6 or name_key in demonyms():
        return None
    match = process.extractOne(name_key, keys.keys(), scorer=fuzz.ratio, score_cutoff=MISSPELT)
    return gazetteer().iso3.get(keys[match[0]]) if match else None


def country_name(iso3: str) -> str:
    """The gazetteer's name of a country by its alpha-3 code."""
    return next(
        (c.name for iso2, c in gazetteer().countries.items() if gazetteer().iso3.get(iso2) == iso3), iso3
    )


def nationality(word: str) -> str | None:
    """ISO 3166-1 alpha-3 country of a nationality word: "Iraqi" → "IRQ"."""
    iso2 = demonyms().get(key(word))
    if iso2:
        return gazetteer().iso3.get(iso2)
    return _misspelt(key(word), demonyms()) if word[:1].isupper() else None

"""Gold corpora of resolved toponyms: LGL/TR-News-style (``toponym/gaztag``) and GeoVirus-style
(``location``) XML, for training the resolver's ranker and for ``eval geo``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import BAD_EVAL_DATA, EventwireError


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    point: tuple[float, float] | None


@dataclass(slots=True)
class GoldArticle:
    text: str
    toponyms: list[Toponym]
    outlet: str | None  # the publisher's site (LGL's <domain>), for its home


def load_corpus(path: Path) -> list[GoldArticle]:
    """Articles and their gold toponyms from an LGL (``toponym/gaztag``) or GeoVirus (``location``) file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise EventwireError(BAD_EVAL_DATA, f"cannot read the corpus: {err}", str(path)) from err
    corpus = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for item in [*article.iter("toponym"), *article.iter("location")]:
            place = item.find("gaztag")
            lat = (place if place is not None else item).findtext("lat")
            lon = (place if place is not None else item).findtext("lon")
            point = (float(lat), float(lon)) if lat and lon else None
            start, end = _aligned(text, item)
            toponyms.append(Toponym(start, end, point))
        corpus.append(GoldArticle(text, toponyms, article.findtext("domain")))
    if not corpus:
        raise EventwireError(BAD_EVAL_DATA, "no <article> elements", str(path))
    return corpus


def _aligned(text: str, item: ET.Element) -> tuple[int, int]:
    """The gold offsets, moved onto the gold name where they are a few characters off (GeoVirus is by one)."""
    start, end = int(item.findtext("start") or 0), int(item.findtext("end") or 0)
    name = item.findtext("phrase") or item.findtext("name") or ""
    if not name or text[start:end] == name:
        return start, end
    found = text.find(name, max(0, start - 5), end + 5)
    return (found, found + len(name)) if found >= 0 else (start, end)

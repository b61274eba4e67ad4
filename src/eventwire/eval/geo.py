"""Geoparsing on LGL/TR-News-style and GeoVirus-style XML corpora.

End to end: the pipeline finds and resolves places; recognition is scored against the gold toponyms by span
overlap, and resolution by the distance between each matched toponym's gold and predicted coordinates.
With ``--gold-spans``, the gold toponyms themselves are resolved (demonyms in the gold stand for their
country). Figures as in Gritta et al.: accuracy within 161 km, mean and median error, and the AUC of the
curve of log errors (0 is perfect).
"""

from __future__ import annotations

import itertools
import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult, prf
from eventwire.geo.distance import km
from eventwire.geo.gazetteer import gazetteer
from eventwire.geo.recognize import link_containment, mention
from eventwire.geo.resolve import resolve
from eventwire.pipeline import annotate_texts

_MAX_KM = 20039.0  # half the Earth's circumference: the largest possible error


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    point: tuple[float, float] | None


def load_corpus(path: Path) -> list[tuple[str, list[Toponym]]]:
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
        corpus.append((text, toponyms))
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


def auc(errors: list[float]) -> float:
    """Area under the curve of sorted log errors, scaled to [0, 1] (Gritta et al.)."""
    if not errors:
        return 0.0
    scaled = sorted(math.log(e + 1) / math.log(_MAX_KM) for e in errors)
    if len(scaled) == 1:
        return scaled[0]
    return sum((a + b) / 2 for a, b in itertools.pairwise(scaled)) / (len(scaled) - 1)


def evaluate(
    data: Path | None, settings: Settings, gold_spans: bool = False, **options: object
) -> EvalResult:
    if data is None:
        raise EventwireError(BAD_EVAL_DATA, "give the corpus: --data ../shared/data/geo/lgl.xml", "eval geo")
    corpus = load_corpus(data)
    errors: list[float] = []
    found = hits = gold_total = 0
    index = gazetteer()
    if gold_spans:
        for text, toponyms in tqdm(corpus, desc="geo", unit=" articles", leave=False, disable=None):
            mentions = [mention(text, t.start, t.end, index, demonym=True) for t in toponyms]
            link_containment(text, mentions)
            for toponym, resolution in zip(toponyms, resolve(mentions, index.neighbours), strict=True):
                if toponym.point is not None:
                    errors.append(
                        _MAX_KM if resolution is None else km(*resolution.candidate.point, toponym.point)
                    )
    else:
        annotated = tqdm(
            annotate_texts([text for text, _ in corpus], settings, ("places",)),
            total=len(corpus),
            desc="geo",
            leave=False,
            disable=None,
        )
        for article, (_, toponyms) in zip(annotated, corpus, strict=True):
            found += len(article.places)
            gold_total += len(toponyms)
            for toponym in toponyms:
                match = next(
                    (p for p in article.places if p.start < toponym.end and toponym.start < p.end), None
                )
                hits += match is not None
                if match is not None and toponym.point is not None and match.lat is not None:
                    errors.append(km(match.lat, match.lon or 0.0, toponym.point))
    within = sum(e <= 161 for e in errors)
    result = EvalResult(name="geo" + (" (gold spans)" if gold_spans else ""), data=str(data))
    result.figures = {
        "articles": len(corpus),
        "resolved": len(errors),
        "acc_161km": round(within / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.mean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(auc(errors), 4),
    }
    if not gold_spans:
        precision, recall, f1 = prf(hits, found, gold_total)
        result.figures |= {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    result.headers = list(result.figures)
    result.rows = [[str(v) for v in result.figures.values()]]
    return result

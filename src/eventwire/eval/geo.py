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
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult, prf
from eventwire.geo import train
from eventwire.geo.boxes import contains
from eventwire.geo.corpus import GoldArticle, load_corpus
from eventwire.geo.distance import km
from eventwire.geo.gazetteer import Candidate, gazetteer
from eventwire.geo.homes import Home, homes_leaving_out, place_candidate
from eventwire.geo.ranker import Ranker, default_ranker
from eventwire.geo.resolve import resolve
from eventwire.pipeline import annotate_texts

_MAX_KM = 20039.0  # half the Earth's circumference: the largest possible error


def auc(errors: list[float]) -> float:
    """Area under the curve of sorted log errors, scaled to [0, 1] (Gritta et al.)."""
    if not errors:
        return 0.0
    scaled = sorted(math.log(e + 1) / math.log(_MAX_KM) for e in errors)
    if len(scaled) == 1:
        return scaled[0]
    return sum((a + b) / 2 for a, b in itertools.pairwise(scaled)) / (len(scaled) - 1)


def evaluate(
    data: Path | None, settings: Settings, gold_spans: bool = False, cv: int = 0, **options: object
) -> EvalResult:
    """Figures with each outlet's home learned from its other articles in the corpus (``geo.homes``), and
    (``*_alone``) without. With ``cv``, each article is resolved by a ranker fitted on the other folds of
    the corpus (``geo.train``); with 0, by the shipped weights."""
    if data is None:
        raise EventwireError(BAD_EVAL_DATA, "give the corpus: --data ../shared/data/geo/lgl.xml", "eval geo")
    corpus = load_corpus(data)
    stories = train.stories(corpus, gazetteer())
    rankers = _rankers(stories, cv)
    if gold_spans:
        alone = _resolve_gold(stories, [()] * len(corpus), rankers)
        helped = _resolve_gold(stories, [story.home for story in stories], rankers)
    else:  # the homes from the pipeline's own places, not from the gold spans
        alone = _annotate(corpus, settings, None, rankers)
        outlets = [article.outlet for article in corpus]
        helped = _annotate(corpus, settings, homes_leaving_out(outlets, _places(alone)), rankers)
    name = "geo" + (" (gold spans)" if gold_spans else "")
    result = EvalResult(name=f"{name}, {f'{cv}-fold ranker' if cv else 'shipped ranker'}", data=str(data))
    result.figures = {"articles": len(corpus), **_figures(corpus, helped, gold_spans)}
    result.figures |= {f"{k}_alone": v for k, v in _figures(corpus, alone, gold_spans).items() if k in _ALONE}
    if not gold_spans:
        result.figures |= _recognition(corpus, helped)
    result.headers = list(result.figures)
    result.rows = [[str(v) for v in result.figures.values()]]
    return result


def _rankers(stories: list[train.Story], cv: int) -> list[Ranker]:
    """Each article's ranker: fitted on the other folds, or the packaged one."""
    if not cv:
        return [default_ranker()] * len(stories)
    return train.cross_validate(stories, gazetteer().neighbours, cv)


_ALONE = ("acc_161km", "auc")
_AREAL = frozenset({"adm2", "adm1", "country", "region"})


@dataclass(slots=True)
class Predicted:
    places: list[Candidate | None]  # per gold toponym, what it resolved to (None: not found or not resolved)
    found: int  # places the pipeline found in the article, gold or not


def _resolve_gold(stories: list[train.Story], homes: list[Home], rankers: list[Ranker]) -> list[Predicted]:
    """The gold toponyms resolved."""
    neighbours = gazetteer().neighbours
    predicted = []
    for story, home, ranker in zip(stories, homes, rankers, strict=True):
        resolutions = resolve(story.mentions, neighbours, home, ranker)
        predicted.append(Predicted([r.candidate if r else None for r in resolutions], len(story.mentions)))
    return predicted


def _annotate(
    corpus: list[GoldArticle], settings: Settings, homes: list[Home] | None, rankers: list[Ranker]
) -> list[Predicted]:
    """The pipeline's places, each matched to the gold toponym it overlaps."""
    texts = [story.text for story in corpus]
    articles = annotate_texts(texts, settings, ("places",), homes, rankers)
    predicted = []
    for article, story in zip(
        tqdm(articles, total=len(corpus), desc="geo", leave=False, disable=None), corpus, strict=True
    ):
        found = [
            next((p for p in article.places if p.start < t.end and t.start < p.end), None)
            for t in story.toponyms
        ]
        predicted.append(
            Predicted([place_candidate(p.as_dict()) if p else None for p in found], len(article.places))
        )
    return predicted


def _places(predicted: list[Predicted]) -> list[list[Candidate]]:
    return [[c for c in article.places if c is not None] for article in predicted]


def _figures(
    corpus: list[GoldArticle], predicted: list[Predicted], gold_spans: bool
) -> dict[str, float | int]:
    """Resolution of the gold toponyms with coordinates: within 161 km, mean and median error, AUC. On gold
    spans a toponym left unresolved counts as the largest error; end to end, only those found are scored."""
    errors = [
        _MAX_KM if c is None else km(*c.point, t.point)
        for story, article in zip(corpus, predicted, strict=True)
        for t, c in zip(story.toponyms, article.places, strict=True)
        if t.point is not None and (c is not None or gold_spans)
    ]
    within = sum(e <= 161 for e in errors)
    # The areal convention: a country, division or region is right when it holds the gold point, wherever
    # the corpus puts that area's centre (GeoVirus takes Wikipedia's).
    held = sum(
        c is not None and km(*c.point, t.point) > 161 and _holds(c, t.point)
        for story, article in zip(corpus, predicted, strict=True)
        for t, c in zip(story.toponyms, article.places, strict=True)
        if t.point is not None
    )
    return {
        "resolved": len(errors),
        "acc_161km": round(within / len(errors), 4) if errors else 0.0,
        "acc_areal": round((within + held) / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.mean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(auc(errors), 4),
    }


def _holds(place: Candidate, point: tuple[float, float]) -> bool:
    return place.box is not None and place.precision in _AREAL and contains(place.box, *point)


def _recognition(corpus: list[GoldArticle], predicted: list[Predicted]) -> dict[str, float]:
    hits = sum(c is not None for article in predicted for c in article.places)
    found = sum(article.found for article in predicted)
    gold = sum(len(story.toponyms) for story in corpus)
    precision, recall, f1 = prf(hits, found, gold)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

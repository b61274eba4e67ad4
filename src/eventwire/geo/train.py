"""Fitting the resolver's weights (``geo.ranker``) on a corpus of resolved toponyms (LGL).

Each name of each article is one example: its candidates' features in the story, as the resolver sees them
in its last round, and which candidates lie within 161 km of the gold point. The weights maximise the
likelihood of the right candidates under a softmax over each name's candidates (a conditional logit), with
an L2 penalty that pulls them towards the hand-set weights, so that a feature the corpus says little about
keeps its hand value. ``cross_validate`` fits one ranker per fold of articles.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.folds import folds
from eventwire.geo.corpus import GoldArticle, load_corpus
from eventwire.geo.distance import km
from eventwire.geo.gazetteer import Gazetteer, gazetteer
from eventwire.geo.homes import Home, homes_leaving_out
from eventwire.geo.ranker import FEATURES, HAND, Ranker
from eventwire.geo.recognize import link_containment, mention
from eventwire.geo.resolve import PlaceMention, name_of, resolve, score_candidates

L2 = 10.0  # penalty on the distance from the hand weights (of 0.1, 1 and 10, the best under 5-fold on LGL)
NEAR_KM = 161.0


@dataclass(slots=True)
class Example:
    features: np.ndarray  # one row per candidate, one column per feature (FEATURES)
    right: np.ndarray  # candidates: within NEAR_KM of the gold point


@dataclass(slots=True)
class Story:
    """One article's place mentions, each one's gold point (None when the gold has none) and its home."""

    mentions: list[PlaceMention]
    points: list[tuple[float, float] | None]
    home: Home = ()


def stories(corpus: Sequence[GoldArticle], index: Gazetteer) -> list[Story]:
    """The gold toponyms as place mentions (demonyms in the gold stand for their country), with their points
    and their outlet's home, learned from a first pass over the outlet's other articles with the hand-set
    weights (which saw no gold)."""
    out = []
    for article in corpus:
        mentions = [mention(article.text, t.start, t.end, index, demonym=True) for t in article.toponyms]
        link_containment(article.text, mentions)
        out.append(Story(mentions, [t.point for t in article.toponyms]))
    hand = Ranker(HAND)
    places = [[r.candidate for r in resolve(s.mentions, index.neighbours, (), hand) if r] for s in out]
    homes = homes_leaving_out([article.outlet for article in corpus], places)
    return [dataclasses.replace(story, home=home) for story, home in zip(out, homes, strict=True)]


def examples(story: Story, neighbours: Mapping[str, frozenset[str]], ranker: Ranker) -> list[Example]:
    """The story's names that have a right candidate and a wrong one, with its home and without (as the
    outlet's first articles in a store are read), so that the weights serve both."""
    out = _examples(story, neighbours, ranker)
    if story.home:
        out += _examples(dataclasses.replace(story, home=()), neighbours, ranker)
    return out


def _examples(story: Story, neighbours: Mapping[str, frozenset[str]], ranker: Ranker) -> list[Example]:
    scores, _ = score_candidates(story.mentions, neighbours, story.home, ranker)
    gold: dict[str, tuple[float, float]] = {}
    for one, point in zip(story.mentions, story.points, strict=True):
        if point is not None:
            gold.setdefault(name_of(one), point)
    out = []
    for name, point in gold.items():
        scored = scores.get(name) or []
        right = np.array([km(*c.point, point) <= NEAR_KM for _, c, _ in scored])
        if right.any() and not right.all():
            matrix = np.array([[feats.get(f, 0.0) for f in FEATURES] for _, _, feats in scored])
            out.append(Example(matrix, right))
    return out


def fit(data: Sequence[Example], l2: float = L2) -> Ranker:
    """Weights of the conditional logit, starting from and pulled towards the hand-set ones."""
    from scipy.optimize import minimize  # type: ignore[import-untyped]

    prior = np.array([HAND.get(f, 0.0) for f in FEATURES])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros_like(w)
        for ex in data:
            s = ex.features @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mass = p[ex.right].sum()
            total -= np.log(mass + 1e-12)
            # gradient of -log(sum of p over the right ones) = E_p[x] - E_{p | right}[x]
            grad += p @ ex.features - (p[ex.right] / (mass + 1e-12)) @ ex.features[ex.right]
        diff = w - prior
        return total + l2 * float(diff @ diff), grad + 2 * l2 * diff

    found = minimize(loss, prior, jac=True, method="L-BFGS-B")
    return Ranker(dict(zip(FEATURES, (float(v) for v in found.x), strict=True)))


def cross_validate(
    stories: Sequence[Story], neighbours: Mapping[str, frozenset[str]], k: int
) -> list[Ranker]:
    """For each article, a ranker fitted on the other folds' articles."""
    data = _per_story(stories, neighbours)
    rankers: list[Ranker | None] = [None] * len(stories)
    for test in folds(len(stories), k, seed=7):
        held = set(test)
        ranker = fit([ex for i, story in enumerate(data) if i not in held for ex in story])
        for i in test:
            rankers[i] = ranker
    return [r for r in rankers if r is not None]


def train_on(path: Path, out: Path) -> int:
    """Fit a ranker on every article of the corpus at ``path`` and write it to ``out``; returns the number
    of names it learnt from."""
    index = gazetteer()
    data = [ex for story in _per_story(stories(load_corpus(path), index), index.neighbours) for ex in story]
    fit(data).save(out, {"data": path.name, "names": len(data), "l2": L2})
    return len(data)


def _per_story(stories: Sequence[Story], neighbours: Mapping[str, frozenset[str]]) -> list[list[Example]]:
    """Each story's examples, its features as the hand-set weights' rounds see them."""
    teacher = Ranker(HAND)
    return [examples(story, neighbours, teacher) for story in stories]

"""Toponym resolution: for each place mention of an article, the gazetteer candidate the story means.

Each candidate gets a prior (population, feature type, how well the name matches, the kind of place the
text says it is) and then, over a few rounds, support from the rest of the story: the countries and
first-level divisions the other mentions resolve to, and how near it lies to them. Mentions with the same
name in one article share one resolution.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from eventwire.geo.distance import km
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.ranker import Ranker, default_ranker

_ROUNDS = 3
_NEAR_KM = 200.0
_NEIGHBOUR_SHARE = 0.5  # a mention in a bordering country counts half as much as one in the same country
_NAMED_COUNTRY = 0.5  # least share of the country support when the story names the country itself
_MAX_CANDIDATES = 40
_JUDGES = 2.0  # how many other mentions (or a home) it takes to call a town implausible
_STANDALONE = 100_000  # people: a town this large may be named in a story about another part of the world
_SHARPNESS = 2.0  # how much round one trusts the priors when weighing a name's senses


@dataclass(slots=True)
class PlaceMention:
    """A stretch of text that names a place, and what the text around it says about it."""

    start: int
    end: int
    key: str  # name key (geo.names.key), without "province", "city of" and the like
    candidates: tuple[Candidate, ...]
    hint: str | None = None  # ADM1, ADM2 or PPL when the text says so
    within: list[int] = field(default_factory=list)  # mentions this one is said to lie in ("X, Y", "X in Y")


@dataclass(frozen=True, slots=True)
class Resolution:
    candidate: Candidate
    confidence: float


def prior_features(
    candidate: Candidate, hint: str | None, namesakes: frozenset[tuple[str | None, str | None]] = frozenset()
) -> dict[str, float]:
    """What is known of a candidate before the story's context: ``namesakes`` are (country, division) pairs
    of same-named towns, so that a bare "Raqqa" is the town rather than the province named after it."""
    feats = {
        "population": math.log10(candidate.population + 10) / 8,
        f"feature={candidate.feature}": 1.0,
        f"name={candidate.name_kind}": 1.0,
    }
    if hint == "ADM1":
        feats["hint_adm1" if candidate.feature == "ADM1" else "hint_adm1_other"] = 1.0
    elif hint == "PPL":
        feats["hint_ppl" if candidate.feature.startswith("PPL") else "hint_ppl_other"] = 1.0
    elif hint == "ADM2":
        feats["hint_adm2" if candidate.feature == "ADM2" else "hint_adm2_other"] = 1.0
    elif candidate.feature == "ADM1" and (candidate.country, candidate.admin1) in namesakes:
        feats["namesake"] = 1.0
    return feats


def _standing(candidate: Candidate, pool: list[Candidate]) -> dict[str, float]:
    """How a candidate's population compares with its namesakes': the largest, and its share of them all."""
    total = sum(c.population for c in pool)
    feats = {"share": candidate.population / total} if total else {}
    if candidate.population and candidate.population == max(c.population for c in pool):
        feats["largest"] = 1.0
    return feats


def _namesakes(candidates: list[Candidate]) -> frozenset[tuple[str | None, str | None]]:
    return frozenset((c.country, c.admin1) for c in candidates if c.feature.startswith("PPL"))


Scored = list[tuple[float, Candidate, dict[str, float]]]  # a name's candidates, best first, with features


def resolve(
    mentions: list[PlaceMention],
    neighbours: Mapping[str, frozenset[str]] | None = None,
    home: Sequence[tuple[Candidate, float]] = (),
    ranker: Ranker | None = None,
) -> list[Resolution | None]:
    """One resolution per mention (None where the gazetteer has no candidate, or none is plausible).

    ``neighbours`` (country → bordering countries) lets a story about Israel support Gaza in Palestine.
    ``home``: where the outlet's other stories are (``geo.homes``), weighed as more mentions of this one.
    ``ranker``: the weights of the features (``geo.ranker``; the packaged ones by default)."""
    scores, contexts = score_candidates(mentions, neighbours or {}, home, ranker or default_ranker())
    results: list[Resolution | None] = []
    for mention in mentions:
        scored = scores.get(name_of(mention)) or []
        if not scored or not contexts[name_of(mention)].plausible(scored[0][1]):
            results.append(None)
            continue
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 1.0
        results.append(Resolution(scored[0][1], round(min(1.0, 0.5 + margin), 3)))
    return results


def score_candidates(
    mentions: list[PlaceMention],
    neighbours: Mapping[str, frozenset[str]],
    home: Sequence[tuple[Candidate, float]],
    ranker: Ranker,
) -> tuple[dict[str, Scored], dict[str, _Context]]:
    """Each name's candidates scored in the last round, by name (``name_of``), and the story as each name
    saw it then."""
    # One sense per name and kind: "Idlib province" and "Idlib city" are two places, every bare "Idlib" one.
    groups: dict[str, list[int]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        groups[name_of(mention)].append(i)
    hints = {
        name: next((mentions[i].hint for i in members if mentions[i].hint), None)
        for name, members in groups.items()
    }
    pools = {
        name: list({c for i in members for c in mentions[i].candidates}) for name, members in groups.items()
    }
    towns = {name: _namesakes(pool) for name, pool in pools.items()}
    priors = {
        name: {c: prior_features(c, hints[name], towns[name]) | _standing(c, pool) for c in pool}
        for name, pool in pools.items()
    }
    options = {
        name: sorted(pool, key=lambda c: -ranker.score(priors[name][c]))[:_MAX_CANDIDATES]
        for name, pool in pools.items()
    }
    # The names said to lie in each name ("Atlanta" for the "Georgia" of "Atlanta, Georgia").
    contents: defaultdict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        for j in mention.within:
            contents[name_of(mentions[j])].add(name_of(mention))
    # Round one weighs every sense of the other names by its prior, so that names which share a division
    # ("Paris and Henry County", both in Tennessee) find each other; later rounds use the senses chosen.
    senses = {name: _weighted(cands, priors[name], ranker) for name, cands in options.items()}
    homely = [(c, 1.0, w) for c, w in home]  # the home's places, as mentions of the story
    local = _Context(homely, neighbours)
    scores: dict[str, Scored] = {}
    contexts: dict[str, _Context] = {}
    for _ in range(_ROUNDS):
        chosen = {name: scored[0][1] for name, scored in scores.items() if scored}
        for name, cands in options.items():
            same = name.split("|")[0]  # a name is no evidence for itself, whatever its kind
            others = [o for o in options if o.split("|")[0] != same]
            weighted: list[tuple[Candidate, float, float]]
            if chosen:
                weighted = [(chosen[o], 1.0, len(groups[o])) for o in others if o in chosen]
            else:
                weighted = [(c, w, len(groups[o])) for o in others for c, w in senses[o]]
            weighted += homely
            context = _Context(weighted, neighbours)
            inside = [chosen.get(name_of(mentions[j])) for i in groups[name] for j in mentions[i].within]
            holds = [options[g] for g in contents.get(name, ())]
            scored = []
            for c in cands:
                feats = priors[name][c] | context.features(c) | local.features(c, "home_")
                feats |= {"contained": _containment(c, inside), "holding": _holding(c, holds)}
                scored.append((ranker.score(feats), c, feats))
            scored.sort(key=lambda sc: -sc[0])
            scores[name] = scored
            contexts[name] = context
    return scores, contexts


def name_of(mention: PlaceMention) -> str:
    """The name a mention shares its sense with: mentions of one name share a sense, unless the text calls
    one a division ("Idlib province")."""
    return f"{mention.key}|{mention.hint if mention.hint in ('ADM1', 'ADM2') else ''}"


def _weighted(
    candidates: list[Candidate], features: Mapping[Candidate, dict[str, float]], ranker: Ranker
) -> list[tuple[Candidate, float]]:
    """The senses of a name with weights that sum to 1, by prior (a softmax)."""
    if not candidates:
        return []
    priors = [ranker.score(features[c]) for c in candidates]
    top = max(priors)
    exps = [math.exp(_SHARPNESS * (p - top)) for p in priors]
    total = sum(exps)
    return [(c, e / total) for c, e in zip(candidates, exps, strict=True) if e / total > 0.01]


class _Context:
    """What the other mentions of the story resolve to: their countries, divisions and points."""

    def __init__(
        self, others: list[tuple[Candidate, float, float]], neighbours: Mapping[str, frozenset[str]]
    ) -> None:
        """``others``: (sense, its share of its name's weight, how often that name is mentioned)."""
        self.neighbours = neighbours
        self.total = sum(share * count for _, share, count in others) or 1.0
        self.countries: defaultdict[str, float] = defaultdict(float)
        self.divisions: defaultdict[tuple[str, str], float] = defaultdict(float)
        self.states: defaultdict[str, float] = defaultdict(float)  # first-level divisions named, by country
        self.points = [(c.point, share) for c, share, _ in others if c.feature not in ("CONT", "RGN", "PCLI")]
        for candidate, share, count in others:
            weight = share * count
            if candidate.country:
                self.countries[candidate.country] += weight
                if candidate.admin1 and candidate.feature != "PCLI":
                    self.divisions[candidate.country, candidate.admin1] += weight
                if candidate.feature == "ADM1":
                    self.states[candidate.country] += weight

    def plausible(self, candidate: Candidate) -> bool:
        """Whether a small town could be meant at all: a story whose places all lie in other, non-bordering
        countries does not mean a homonym across the world ("Piccadilly" in a London story is not the
        Western Australian town), and it is better left unresolved than put there."""
        if candidate.population >= _STANDALONE or candidate.feature != "PPL" or self.total < _JUDGES:
            return True
        region = {candidate.country, *self.neighbours.get(candidate.country or "", ())}
        return any(self.countries[c] > 0 for c in region if c)

    def features(self, candidate: Candidate, prefix: str = "") -> dict[str, float]:
        """How the story (or, with ``prefix`` "home_", the outlet's home) bears on a candidate."""
        feats: dict[str, float] = {}
        if candidate.country:
            near = sum(self.countries[n] for n in self.neighbours.get(candidate.country, ()))
            own = self.countries[candidate.country]
            share = min(1.0, 2 * (own + _NEIGHBOUR_SHARE * near) / self.total)
            # A country the story names is evidence however long the story is about another one.
            feats[f"{prefix}country"] = max(share, _NAMED_COUNTRY) if own >= 0.5 else share
            if candidate.admin1 and candidate.feature != "PCLI":
                division = self.divisions[candidate.country, candidate.admin1]
                feats[f"{prefix}division"] = min(1.0, 2 * division / self.total)
            if candidate.feature == "ADM1" and not prefix:
                feats["sibling"] = min(1.0, 2 * self.states[candidate.country] / self.total)
        if self.points and candidate.feature not in ("CONT", "RGN", "PCLI"):
            feats[f"{prefix}near"] = max(
                share * math.exp(-km(candidate.lat, candidate.lon, p) / _NEAR_KM) for p, share in self.points
            )
        return feats


def _containment(candidate: Candidate, containers: list[Candidate | None]) -> float:
    """ "Mosul in Iraq", "Athens, Georgia": the place lies in what the text says it lies in."""
    return sum(1.0 for container in containers if container is not None and _contains(container, candidate))


def _holding(candidate: Candidate, contents: list[list[Candidate]]) -> float:
    """The other way round: "Georgia" in "Atlanta, Georgia" is the sense that holds some Atlanta."""
    return sum(1.0 for senses in contents if any(_contains(candidate, s) for s in senses))


def _contains(container: Candidate, place: Candidate) -> bool:
    if container is place or container.country != place.country or place.feature == "PCLI":
        return False
    return container.feature == "PCLI" or (container.feature == "ADM1" and container.admin1 == place.admin1)

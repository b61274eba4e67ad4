"""How the resolver weighs what it knows of a candidate: a linear score over named features.

The features (``FEATURES``) are the candidate's own (population, feature code, how its name matched, the kind
the text says it is) and the story's (its countries, divisions and places, containment, the outlet's home).
``HAND`` are weights set by hand, and the ones eventwire ships. ``eventwire train places`` fits weights on a
gold corpus (``geo/train.py``) and writes them to ``geo/ranker.json``, which the resolver then uses instead:
fitted on LGL they did no better than the hand-set ones on GeoVirus and read a bare "Raqqa" as the province
(US local news names states more than towns of the same name), so none is shipped; fit them on gold of the
region and kind of news you code.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FEATURE_CODES = ("PCLI", "CONT", "SEA", "RGN", "ISL", "ADM1", "PPLC", "PPL", "ADM2")
PRIOR_FEATURES = (
    "population",  # log10(people + 10) / 8
    *(f"feature={code}" for code in FEATURE_CODES),
    *(f"name={kind}" for kind in range(4)),  # own name, alternate, alias, without its article
    "hint_adm1", "hint_adm1_other", "hint_ppl", "hint_ppl_other", "hint_adm2", "hint_adm2_other",
    "namesake",  # a division named like a town of its own, the text saying neither
    "largest",  # the most populous of the name's candidates
    "share",  # its share of the people of all the name's candidates
)  # fmt: skip
STORY_FEATURES = (
    "country",  # share of the story's other mentions in its country (and, at half, bordering ones)
    "division",  # share in its first-level division
    "sibling",  # for a division: share of the story's mentions that are divisions of its country
    "near",  # nearness to the story's places (1 on top of one, 1/e at 200 km)
    "contained",  # the text puts it in a container it lies in ("Mosul in Iraq")
    "holding",  # it holds what the text puts in it ("Georgia" of "Atlanta, Georgia")
    "home_country",  # share of the outlet's home in its country
    "home_division",  # share in its division
    "home_near",  # nearness to the home's places
)
FEATURES = PRIOR_FEATURES + STORY_FEATURES

# Countries, continents, seas and regions are seldom meant when a town shares their name.
HAND: dict[str, float] = {
    "population": 1.0,
    "feature=PCLI": 1.5, "feature=CONT": 1.2, "feature=SEA": 1.0, "feature=RGN": 0.8, "feature=ISL": 0.6,
    "feature=ADM1": 0.35, "feature=PPLC": 0.3, "feature=ADM2": -0.3,
    "name=0": 0.15, "name=2": 0.15, "name=3": -0.25,
    "hint_adm1": 1.0, "hint_adm1_other": -0.3, "hint_ppl": 0.6, "hint_ppl_other": -0.3, "hint_adm2": 1.2,
    "hint_adm2_other": -0.3, "namesake": -0.8,
    "country": 0.8, "division": 0.6, "sibling": 0.6, "near": 0.5, "contained": 1.5, "holding": 1.5,
}  # fmt: skip
MODEL_FILE = "ranker.json"


@dataclass(frozen=True, slots=True)
class Ranker:
    weights: Mapping[str, float]

    def score(self, features: Mapping[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def save(self, path: Path, about: Mapping[str, object]) -> None:
        weights = {name: round(self.weights.get(name, 0.0), 6) for name in FEATURES}
        path.write_text(json.dumps({"weights": weights, **about}, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Ranker:
        return cls(json.loads(path.read_text(encoding="utf-8"))["weights"])


def packaged_path() -> Path:
    return Path(str(resources.files("eventwire.geo").joinpath(MODEL_FILE)))


@functools.cache
def default_ranker() -> Ranker:
    """The trained weights when the package has them, else the hand-set ones."""
    packaged = packaged_path()
    return Ranker.load(packaged) if packaged.is_file() else Ranker(HAND)

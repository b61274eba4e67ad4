"""A TF-IDF logistic-regression model over a sentence's words and lexicon triggers, kept as plain arrays.

Training uses scikit-learn (``classify.train``); prediction here needs only numpy: the vocabulary, the idf
weights and one weight matrix per head (PLOVER type, CAMEO pentaclass), stored in ``data/events.npz``.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np
from spacy.tokens import Span

MODEL_FILE = "events.npz"


class Found(Protocol):
    """What the classifier reads of a trigger the lexicon found (``annotators.events.Match``)."""

    @property
    def plover(self) -> str: ...
    @property
    def cameo(self) -> str: ...
    @property
    def pattern(self) -> str: ...
    @property
    def depth(self) -> int: ...


def features(sent: Span, found: Sequence[Found]) -> list[str]:
    """Lower-cased words and word pairs, the lemma of the sentence's root, and each trigger's type, CAMEO
    root and pattern, with the highest one in the parse marked as the main one."""
    words = [t.lower_ for t in sent if not (t.is_punct or t.is_space)]
    out = [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]
    out.append(f"root={sent.root.lemma_.lower()}")
    for match in found:
        out += [f"type={match.plover}", f"cameo={match.cameo[:2]}", f"trigger={match.pattern}"]
    if found:
        main = min(found, key=lambda m: m.depth)
        out += [f"main={main.plover}", f"maincameo={main.cameo[:2]}"]
    return out


@dataclass(slots=True)
class Head:
    classes: list[str]
    coef: np.ndarray  # classes x features
    intercept: np.ndarray

    def probabilities(self, vector: dict[int, float]) -> dict[str, float]:
        if not vector:
            scores = self.intercept.astype(np.float64)
        else:
            index = np.fromiter(vector.keys(), dtype=np.int64)
            values = np.fromiter(vector.values(), dtype=np.float64)
            scores = self.coef[:, index].astype(np.float64) @ values + self.intercept
        if len(self.classes) == 2:  # scikit-learn keeps one row for two classes
            scores = np.array([-scores[0], scores[0]])
        exp = np.exp(scores - scores.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))


@dataclass(slots=True)
class Classifier:
    vocabulary: dict[str, int]
    idf: np.ndarray
    heads: dict[str, Head]  # "type", "pentaclass"
    normalised: bool = True  # L2-normalised vectors; indicator features (the decision model) are not

    def vector(self, feats: list[str]) -> dict[int, float]:
        """Sublinear TF-IDF, L2-normalised unless ``normalised`` is false, as scikit-learn's TfidfVectorizer
        computes it."""
        counts = Counter(self.vocabulary[f] for f in feats if f in self.vocabulary)
        weights = {i: (1.0 + np.log(n)) * float(self.idf[i]) for i, n in counts.items()}
        if not self.normalised:
            return weights
        norm = float(np.sqrt(sum(w * w for w in weights.values()))) or 1.0
        return {i: w / norm for i, w in weights.items()}

    def predict(self, head: str, feats: list[str]) -> dict[str, float]:
        """Class → probability for one sentence's features."""
        return self.heads[head].probabilities(self.vector(feats))

    def predict_heads(
        self, heads: tuple[str, ...], feats: list[str], dense: np.ndarray | None = None
    ) -> list[dict[str, float]]:
        """``predict`` for several heads, the features vectorised once; ``dense``: values of the columns
        after the vocabulary's (a word's vector), when the heads were trained with them."""
        vector = self.vector(feats)
        columns = next(iter(self.heads.values())).coef.shape[1] - len(self.vocabulary)
        if dense is not None and len(dense) == columns:  # another model's vectors are left out
            vector.update({len(self.vocabulary) + k: float(v) for k, v in enumerate(dense)})
        return [self.heads[head].probabilities(vector) for head in heads]

    def save(self, path: Path, **extra: np.ndarray) -> None:
        """The arrays to ``path`` (npz), with ``extra`` ones beside them."""
        arrays: dict[str, np.ndarray] = {
            **extra,
            "vocabulary": np.array(sorted(self.vocabulary, key=self.vocabulary.__getitem__)),
            "idf": self.idf.astype(np.float32),
            "normalised": np.array(self.normalised),
        }
        for name, head in self.heads.items():
            arrays[f"{name}_classes"] = np.array(head.classes)
            arrays[f"{name}_coef"] = head.coef.astype(np.float16)
            arrays[f"{name}_intercept"] = head.intercept.astype(np.float32)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> Classifier:
        with np.load(path) as data:
            vocabulary = {str(word): i for i, word in enumerate(data["vocabulary"])}
            names = [key.removesuffix("_classes") for key in data.files if key.endswith("_classes")]
            heads = {
                name: Head(
                    [str(c) for c in data[f"{name}_classes"]],
                    data[f"{name}_coef"].astype(np.float32),
                    data[f"{name}_intercept"].astype(np.float64),
                )
                for name in names
            }
            normalised = bool(data["normalised"]) if "normalised" in data.files else True
            return cls(vocabulary, data["idf"].astype(np.float64), heads, normalised)


def packaged_path() -> Path:
    return Path(str(resources.files("eventwire.classify").joinpath(f"data/{MODEL_FILE}")))


@functools.cache
def load_classifier() -> Classifier:
    """The packaged model (rebuilt by ``eventwire train events``)."""
    return Classifier.load(packaged_path())

"""Training data readers and the training of the event classifier (``eventwire train events``).

The type head learns from PLOVER GSR sentences and the first sentence of each NGEC synthetic story; the
pentaclass head from ConfliBERT's cameo_class sentences plus the others with the pentaclass of their type
(REQUEST is left out there: appeals are verbal cooperation and demands verbal conflict).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from tqdm import tqdm

from eventwire.annotators.events import find_triggers
from eventwire.classify.model import Classifier, Head, features
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.folds import folds
from eventwire.knowledge.events import TYPE_CAMEO, pentaclass

GSR = "plover_gsr/plover_gsr.jsonl"
SYNTHETIC = "ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip"
CAMEO_CLASS = "conflibert_cameo_train/cameo_class/train.tsv"
# Appeals (CAMEO 02) are verbal cooperation and demands (10) verbal conflict, so REQUEST has no one class.
TYPE_PENTACLASS = {t: str(pentaclass(cameo)) for t, cameo in TYPE_CAMEO.items() if t != "REQUEST"}
_FIRST_SENTENCE = re.compile(r"^(.{40,}?[.!?])[\"\u201d\u2019]?\s+(?=[A-Z\"\u201c])", re.DOTALL)
_C = 4.0  # inverse regularisation (not tuned)
_MAX_FEATURES = 15_000  # the most frequent; keeps the packaged model under 1 MB


@dataclass(slots=True)
class Sample:
    text: str
    label: str
    origin: str  # "gsr", "synthetic", "cameo"


def read_gsr(path: Path) -> list[Sample]:
    rows = [json.loads(line) for line in _read(path).splitlines() if line.strip()]
    return [Sample(r["text"], r["event_current"], "gsr") for r in rows]


def find(text: str, surface: str) -> tuple[int, int] | None:
    """Where a gold actor's text stands in its sentence ("U.S. ... negotiators": its first part)."""
    part = " ".join((surface.split("...")[0].strip() or surface).split())
    start = text.find(part)
    if start < 0:
        start = text.lower().find(part.lower())
    return (start, start + len(part)) if start >= 0 else None


def read_synthetic(path: Path) -> list[Sample]:
    """The first sentence of each story with the story's label."""
    try:
        with zipfile.ZipFile(path) as archive:
            name = archive.namelist()[0]
            rows = list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
    except (OSError, zipfile.BadZipFile, KeyError, IndexError) as err:
        raise EventwireError(BAD_EVAL_DATA, f"cannot read the synthetic stories: {err}", str(path)) from err
    samples = []
    for row in rows:
        text = " ".join(row["text"].split())
        match = _FIRST_SENTENCE.match(text)
        samples.append(Sample(match.group(1) if match else text[:400], row["label"], "synthetic"))
    return samples


def read_cameo(path: Path) -> list[Sample]:
    """``sentence<TAB>label`` lines, label 0-4 (ConfliBERT's cameo_class format)."""
    samples = []
    for number, line in enumerate(_read(path).splitlines(), 1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if label.strip() not in ("0", "1", "2", "3", "4") or not text.strip():
            raise EventwireError(BAD_EVAL_DATA, f"line {number} is not sentence<TAB>label 0-4", str(path))
        samples.append(Sample(text.strip(), label.strip(), "cameo"))
    return samples


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise EventwireError(BAD_EVAL_DATA, f"cannot read: {err.strerror}", str(path)) from err


def featurize(texts: Sequence[str], nlp: Language, progress: str | None = None) -> list[list[str]]:
    """Each text parsed as one span, with its triggers, into classifier features."""
    out = []
    docs = nlp.pipe(texts, batch_size=64)
    for doc in tqdm(docs, total=len(texts), desc=progress, disable=progress is None, unit="sent"):
        span = doc[:]
        out.append(features(span, find_triggers(span)))
    return out


def fit(
    type_data: Iterable[tuple[list[str], str]], penta_data: Iterable[tuple[list[str], str]]
) -> Classifier:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    type_rows, penta_rows = list(type_data), list(penta_data)
    vectorizer = TfidfVectorizer(
        analyzer=lambda feats: feats, sublinear_tf=True, min_df=3, max_features=_MAX_FEATURES
    )
    vectorizer.fit([f for f, _ in [*type_rows, *penta_rows]])
    heads = {}
    for name, rows in (("type", type_rows), ("pentaclass", penta_rows)):
        model = LogisticRegression(C=_C, max_iter=3000, class_weight="balanced")
        model.fit(vectorizer.transform([f for f, _ in rows]), [label for _, label in rows])
        heads[name] = Head([str(c) for c in model.classes_], model.coef_, model.intercept_)
    vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
    return Classifier(vocabulary, np.asarray(vectorizer.idf_), heads)


def training_rows(
    samples: Sequence[Sample], feats: Sequence[list[str]]
) -> tuple[list[tuple[list[str], str]], list[tuple[list[str], str]]]:
    """The type head's rows and the pentaclass head's rows of parsed samples."""
    type_rows, penta_rows = [], []
    for sample, f in zip(samples, feats, strict=True):
        if sample.origin == "cameo":
            penta_rows.append((f, sample.label))
            continue
        type_rows.append((f, sample.label))
        if sample.label in TYPE_PENTACLASS:
            penta_rows.append((f, TYPE_PENTACLASS[sample.label]))
    return type_rows, penta_rows


def load_training(data: Path) -> list[Sample]:
    """All three training sets under ``data`` (../shared/data/events)."""
    return [*read_gsr(data / GSR), *read_synthetic(data / SYNTHETIC), *read_cameo(data / CAMEO_CLASS)]


def train(data: Path, out: Path, nlp: Language) -> tuple[Classifier, int]:
    samples = load_training(data)
    feats = featurize([s.text for s in samples], nlp, progress="parsing")
    classifier = fit(*training_rows(samples, feats))
    out.parent.mkdir(parents=True, exist_ok=True)
    classifier.save(out)
    return classifier, len(samples)


def cross_validate(
    samples: Sequence[Sample], feats: Sequence[list[str]], data: Path, nlp: Language, k: int
) -> list[Classifier]:
    """For each sample, the model trained without its fold: on the other folds plus the training sets of
    other origins found above ``data`` (less any sentence of ``samples``)."""
    folder = training_dir(data)
    if folder is None:
        raise EventwireError(BAD_EVAL_DATA, "cross-validation needs ngec_synthetic/ above it", str(data))
    texts, origins = {s.text for s in samples}, {s.origin for s in samples}
    others = [s for s in load_training(folder) if s.origin not in origins and s.text not in texts]
    other_feats = featurize([s.text for s in others], nlp, "parsing training data")
    models: dict[int, Classifier] = {}
    for test in folds(len(samples), k, seed=13):
        held = set(test)
        train = [i for i in range(len(samples)) if i not in held]
        rows = training_rows(
            [*(samples[i] for i in train), *others], [*(feats[i] for i in train), *other_feats]
        )
        models.update(dict.fromkeys(test, fit(*rows)))
    return [models[i] for i in range(len(samples))]


def training_dir(data: Path) -> Path | None:
    """The events folder (with ngec_synthetic/) above a gold file, where cross-validation finds the rest."""
    for folder in data.resolve().parents:
        if (folder / SYNTHETIC).is_file():
            return folder
    return None

"""CAMEO pentaclass: macro-F1 over ConfliBERT's five classes (0 statement, 1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) on ``sentence<TAB>label`` lines.

``--data FILE.tsv`` scores the packaged model; ``--cv 5`` instead trains fold by fold on the file's other
folds plus the PLOVER GSR sentences and synthetic stories found above it, and scores each held-out fold.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eventwire.classify.model import load_classifier
from eventwire.classify.train import cross_validate, featurize, read_cameo
from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult, prf
from eventwire.knowledge.events import PENTACLASSES
from eventwire.nlp import load_pipeline


def evaluate(data: Path | None, settings: Settings, cv: int = 0, **options: object) -> EvalResult:
    if data is None or not data.is_file():
        raise EventwireError(BAD_EVAL_DATA, "give a sentence<TAB>label file with --data", str(data))
    samples = read_cameo(data)
    nlp = load_pipeline(settings.model, (), ())
    feats = featurize([s.text for s in samples], nlp)
    models = cross_validate(samples, feats, data, nlp, cv) if cv else [load_classifier()] * len(samples)
    counts: Counter[str] = Counter()
    for sample, f, model in zip(samples, feats, models, strict=True):
        scores = model.predict("pentaclass", f)
        predicted = max(scores, key=scores.__getitem__)
        counts[f"gold:{sample.label}"] += 1
        counts[f"pred:{predicted}"] += 1
        counts[f"hit:{sample.label}"] += predicted == sample.label
    per_class = {
        label: prf(counts[f"hit:{label}"], counts[f"pred:{label}"], counts[f"gold:{label}"])[2]
        for label in map(str, range(5))
    }
    accuracy = sum(counts[f"hit:{label}"] for label in per_class) / len(samples)
    result = EvalResult(
        name=f"cameo pentaclass ({f'{cv}-fold' if cv else 'packaged model'})",
        data=str(data),
        headers=["class", "F1", "gold"],
    )
    result.figures = {
        "sentences": len(samples),
        "macro_f1": round(sum(per_class.values()) / 5, 4),
        "accuracy": round(accuracy, 4),
        **{f"f1_{label}": round(f1, 4) for label, f1 in per_class.items()},
    }
    result.rows = [
        [f"{label} {PENTACLASSES[int(label)]}", f"{f1:.3f}", str(counts[f"gold:{label}"])]
        for label, f1 in per_class.items()
    ]
    result.rows += [["macro-F1", f"{result.figures['macro_f1']:.3f}", str(len(samples))]]
    result.rows += [["accuracy", f"{accuracy:.3f}", str(len(samples))]]
    return result

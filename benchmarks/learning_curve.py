"""Learning curve of the event decision: would more hand-coded articles of the same kind help?

Each fold of articles is scored (as ``eventwire eval events`` does, 5-fold, with the PLOVER gold sentences in
every training set) by a model trained on a share of the other folds' articles, drawn at random twice for
each share below all. Printed per share: the area under the type-level and full-row precision-recall curves
over confidence bars 0.05 to 0.95, and the figures at the default bar.

    python benchmarks/learning_curve.py --data ../shared/data/events/realnews/dev.jsonl

``--set events.encoder=minilm`` draws the curve of the model that reads the encoder's vectors.
"""

from __future__ import annotations

import argparse
import itertools
import random
from pathlib import Path
from typing import Any

from eventwire.annotators.events import EventAnnotator
from eventwire.classify.decision import THRESHOLD, article_rows, fit, other_training, parse, read_realnews
from eventwire.classify.train import training_dir
from eventwire.config import load_config, parse_override
from eventwire.eval.realnews import ANNOTATORS, above, predict, score
from eventwire.folds import folds
from eventwire.nlp import settings_pipeline

_SHARES = (0.25, 0.5, 0.75, 1.0)
_DRAWS = 2
_BARS = [round(0.05 * k, 2) for k in range(1, 20)]


def areas(gold: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> tuple[float, float]:
    """The areas under the type-level and the full-row precision-recall curves (a step over the bars)."""
    points = [score(gold, [above(p, bar) for p in predictions]) for bar in _BARS]
    out = []
    for level in ("type", "full_row"):
        pairs = [(f[level]["precision"], f[level]["recall"]) for f in points] + [(0.0, 0.0)]
        out.append(sum((r - r_next) * p for (p, r), (_, r_next) in itertools.pairwise(pairs)))
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, required=True, help="the hand-coded articles (realnews/dev.jsonl)"
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a setting (events.encoder=minilm)"
    )
    args = parser.parse_args()
    settings = load_config(overrides=dict(parse_override(item) for item in args.set))
    encoder = settings.event_encoder
    gold = read_realnews(args.data)
    nlp = settings_pipeline(settings, ANNOTATORS)
    docs = parse(gold, nlp)
    reader = EventAnnotator(encoder=encoder)
    rows = [article_rows(doc, record, reader) for doc, record in zip(docs, gold, strict=True)]
    folder = training_dir(args.data)
    if folder is None:
        raise SystemExit(f"{args.data}: no plover_gsr/ beside it")
    others = other_training(folder, nlp, reader)
    print(f"{len(gold)} articles, encoder {encoder or 'none'}")
    for share in _SHARES:
        figures = []
        for draw in range(_DRAWS if share < 1 else 1):
            rng = random.Random(100 + draw)
            annotators: dict[int, EventAnnotator] = {}
            for test in folds(len(rows), 5, seed=7):
                held = set(test)
                train = [i for i in range(len(rows)) if i not in held]
                rng.shuffle(train)
                chosen = train[: max(1, round(share * len(train)))]
                model = fit([*(rows[i] for i in chosen), others], encoder)
                annotators.update(dict.fromkeys(test, EventAnnotator(reader.classifier, model)))
            predictions = [
                predict(doc, record, annotators[i])
                for i, (doc, record) in enumerate(zip(docs, gold, strict=True))
            ]
            at_bar = score(gold, [above(p, THRESHOLD) for p in predictions])
            figures.append(
                (
                    *areas(gold, predictions),
                    at_bar["type"]["precision"],
                    at_bar["type"]["recall"],
                    at_bar["full_row"]["precision"],
                )
            )
        mean = [sum(column) / len(figures) for column in zip(*figures, strict=True)]
        print(
            f"share {share:.2f} (~{round(share * len(gold) * 0.8)} articles): area type {mean[0]:.3f}, "
            f"full row {mean[1]:.3f} | at {THRESHOLD}: type P {mean[2]:.3f} R {mean[3]:.3f}, "
            f"full-row P {mean[4]:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()

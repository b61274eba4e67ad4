"""The event lexicon and its rules on sentences the PLOVER GSR evaluation does not hold: the first sentence of
each NGEC synthetic story, coded without the classifier (which learns from these sentences). A check that
changes to the lexicon, found by reading GSR errors, carry over to other text.

    python benchmarks/events_synthetic.py --data ../shared/data/events

Prints the type accuracy of each sentence's main event (the highest in the parse; none counts as wrong),
overall and per gold type.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from eventwire.annotators.events import find_triggers, modality, reading
from eventwire.classify.train import SYNTHETIC, read_synthetic
from eventwire.config import load_config
from eventwire.nlp import load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the events folder (ngec_synthetic/ in it)")
    args = parser.parse_args()
    samples = read_synthetic(args.data / SYNTHETIC)
    settings = load_config()
    nlp = load_pipeline(settings.model, ("entities", "places", "actors", "times"), settings.actor_files)
    gold, right = Counter[str](), Counter[str]()
    docs = nlp.pipe([s.text for s in samples], batch_size=64)
    for sample, doc in tqdm(zip(samples, docs, strict=True), total=len(samples), unit="sent"):
        matches = find_triggers(doc[:])
        gold[sample.label] += 1
        if matches:
            main = min(matches, key=lambda m: (m.depth, m.head.i))
            right[sample.label] += reading(main, modality(main), {})[0] == sample.label
    total = sum(gold.values())
    print(f"lexicon and rules, no classifier: type accuracy {sum(right.values()) / total:.3f} of {total}")
    for label in sorted(gold):
        print(f"  {label:<10} {right[label] / gold[label]:.3f} of {gold[label]}")


if __name__ == "__main__":
    main()

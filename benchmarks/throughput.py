"""Throughput: the full eventwire pipeline against bare ``nlp.pipe`` of the same model on the same articles.

    python benchmarks/throughput.py [--n 300] [--model NAME] [--data FILE.jsonl|GeoVirus.xml] [--json]

Prints words per second for each and their ratio (eventwire / bare spaCy; 1.0 means no overhead), then
what each annotator adds to the time per article: its own time within the full run, against the rest of
that run (the model, extraction and records). Both come from one run, so a machine whose speed drifts
between runs does not skew the shares. By default the articles are the Wikinews stories of
../shared/data/geo/GeoVirus.xml, else samples/.
"""

from __future__ import annotations

import argparse
import json
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import cycle, islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import process_many
from eventwire.config import load_config, parse_override
from eventwire.nlp import settings_pipeline

ROOT = Path(__file__).resolve().parents[1]
GEOVIRUS = ROOT.parent / "shared" / "data" / "geo" / "GeoVirus.xml"


def load_texts(path: Path | None, n: int) -> list[str]:
    if path is None:
        path = GEOVIRUS if GEOVIRUS.exists() else ROOT / "samples" / "wikinews.jsonl"
    if path.suffix == ".xml":
        texts = [a.findtext("text") or "" for a in ET.parse(path).getroot().iter("article")]
    else:
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return list(islice(cycle(t for t in texts if t.strip()), n))


def words_per_second(
    run: Callable[[list[str]], Iterable[object]], texts: list[str], warmed: Callable[[], object] = dict
) -> float:
    for _ in run(texts[:8]):  # warm up
        pass
    warmed()
    started = time.perf_counter()
    for _ in run(texts):
        pass
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=300, help="articles to process (cycled from the data)")
    parser.add_argument("--model", help="spaCy pipeline (default: eventwire's configured model)")
    parser.add_argument("--data", type=Path, help="JSONL with a 'text' field, or a GeoVirus/LGL-style XML")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a setting (events.encoder=minilm)"
    )
    args = parser.parse_args()

    overrides = dict(parse_override(item) for item in args.set)
    settings = load_config(overrides={**overrides, "nlp.model": args.model} if args.model else overrides)
    texts = load_texts(args.data, args.n)
    bare = spacy.load(settings.model)
    bare_wps = words_per_second(lambda ts: bare.pipe(ts, batch_size=settings.batch_size), texts)
    nlp = settings_pipeline(settings)
    spent = _time_annotators(nlp)  # the very pipeline process_many takes from the cache
    full_wps = words_per_second(lambda ts: process_many(ts, settings), texts, spent.clear)
    words = sum(len(t.split()) for t in texts)
    rest = words / full_wps - sum(spent.values())  # the model, extraction and records, in the same run
    added = {name[len("eventwire_") :]: round(100 * seconds / rest, 1) for name, seconds in spent.items()}
    figures = {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "model": settings.model,
        "spacy_words_per_s": round(bare_wps),
        "eventwire_words_per_s": round(full_wps),
        "ratio": round(full_wps / bare_wps, 3),
        "added_percent": added,
    }
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{figures['articles']} articles, {figures['words']:,} words, model {settings.model}")
    print(f"bare nlp.pipe      {bare_wps:>10,.0f} words/s")
    print(f"eventwire pipeline {full_wps:>10,.0f} words/s")
    print(f"ratio              {figures['ratio']:>10.3f}")
    print("added time per article, by annotator (its time / the rest of the same run):")
    for name, percent in added.items():
        print(f"  {name:<16} {percent:>+6.1f}%")


def _time_annotators(nlp: Language) -> defaultdict[str, float]:
    """Wrap each eventwire component of the cached pipeline in a timer: seconds spent, by component, in the
    runs that follow (the warm-up excluded)."""
    spent: defaultdict[str, float] = defaultdict(float)
    for index, (name, component) in enumerate(nlp.pipeline):
        if name.startswith("eventwire_") and name != "eventwire_paragraphs":

            def timed(doc: Doc, component: Callable[[Doc], Doc] = component, name: str = name) -> Doc:
                started = time.perf_counter()
                doc = component(doc)
                spent[name] += time.perf_counter() - started
                return doc

            nlp._components[index] = (name, timed)  # the same component, timed; spaCy has no public hook
    return spent


if __name__ == "__main__":
    main()

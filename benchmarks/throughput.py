"""Throughput: the full eventwire pipeline against bare ``nlp.pipe`` of the same model on the same articles.

    python benchmarks/throughput.py [--n 300] [--model NAME] [--data FILE.jsonl|GeoVirus.xml] [--json]

Prints words per second for each and their ratio (eventwire / bare spaCy; 1.0 means no overhead), then
what each annotator adds to the time per article: the pipeline is timed with the first annotator, the first
two, and so on, in the configured order. By default the articles are the Wikinews stories of
../shared/data/geo/GeoVirus.xml, else samples/.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from itertools import cycle, islice
from pathlib import Path

import spacy

from eventwire import process_many
from eventwire.config import load_config

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


def words_per_second(run: Callable[[list[str]], Iterable[object]], texts: list[str]) -> float:
    for _ in run(texts[:8]):  # warm up
        pass
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
    args = parser.parse_args()

    settings = load_config(overrides={"nlp.model": args.model} if args.model else {})
    texts = load_texts(args.data, args.n)
    bare = spacy.load(settings.model)
    bare_wps = words_per_second(lambda ts: bare.pipe(ts, batch_size=settings.batch_size), texts)
    # Each prefix of the annotator list: what the last one in it adds to the time per article.
    added: dict[str, float] = {}
    previous = bare_wps
    for i, name in enumerate(settings.annotators, 1):
        partial = dataclasses.replace(settings, annotators=settings.annotators[:i])
        wps = words_per_second(lambda ts, s=partial: process_many(ts, s), texts)  # type: ignore[misc]
        added[name] = round(100 * (previous / wps - 1), 1)
        previous = wps
    full_wps = previous
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
    print("added time per article, by stage (the first includes extraction and records):")
    for name, percent in added.items():
        print(f"  {name:<16} {percent:>+6.1f}%")


if __name__ == "__main__":
    main()

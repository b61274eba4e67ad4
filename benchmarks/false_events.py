"""False-event rate: sentences of sport, business, technology and lifestyle pages that eventwire codes an
event in. Pages are taken from the Zyte article-extraction benchmark by their URL's section, and their gold
article bodies are read, so extraction does not count. Few such sentences report a political event, so the
rate is an upper bound on false events.

    python benchmarks/false_events.py --data ../shared/data/extract/article-extraction-benchmark
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from eventwire.config import load_config
from eventwire.nlp import settings_pipeline

_SECTIONS = re.compile(
    r"/(sports?|football|soccer|cricket|tennis|golf|business|money|markets?|finance|tech|technology|"
    r"science|lifestyle|life|travel|entertainment|culture|arts?|music|movies|film|food|health|style|"
    r"fashion|motoring|cars|autos)[/.-]",
    re.IGNORECASE,
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the benchmark folder (ground-truth.json)")
    args = parser.parse_args()
    gold = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [page for page in gold.values() if _SECTIONS.search(page["url"] or "")]
    settings = load_config()
    nlp = settings_pipeline(settings)
    counts: Counter[str] = Counter()
    examples: list[str] = []
    for number, page in enumerate(pages):
        doc = nlp.make_doc(page["articleBody"])
        doc._.article_id = str(number)
        doc = nlp(doc)
        events = doc._.events or []
        for sent in doc.sents:
            inside = [e for e in events if sent.start_char <= e.start < sent.end_char]
            counts["sentences"] += 1
            counts["with_event"] += bool(inside)
            counts["events"] += len(inside)
            for event in inside:
                counts[event.type] += 1
                if len(examples) < 15:
                    examples.append(f"  {event.type:9} {event.text!r:28} {sent.text.strip()[:90]!r}")
    rate = counts["with_event"] / max(1, counts["sentences"])
    print(f"pages: {len(pages)}  sentences: {counts['sentences']}  with an event: {counts['with_event']}")
    print(f"false-event rate (sentences with an event): {rate:.3f}")
    types = ", ".join(f"{t} {n}" for t, n in counts.most_common() if t.isupper())
    print(f"events: {counts['events']} ({types})")
    print("examples:", *examples, sep="\n")


if __name__ == "__main__":
    main()

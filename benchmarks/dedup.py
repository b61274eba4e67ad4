"""Copy detection: recall per kind of copy and the false-pair rate, on copies made from real news texts.

Bases are the gold bodies of the Zyte benchmark pages and the LGL and GeoVirus articles (80 words or more).
From each base it makes, with a fixed seed:
- a syndicated copy: boilerplate lines and other stories' headlines (10 words) added before and after;
- a truncated copy: its first half, cut at a sentence end;
- a rewrite: a quarter of its sentences dropped and 8% of its words replaced by other words of the corpus.
Every base and copy is added to a fresh SQLite store in a shuffled order, as ingest adds articles, and the
store's links are read back. Recall of a kind is the share of its copies linked to their base. False pairs are
links between texts of different bases; the hard negatives are, for each base, the other base most like it by
TF-IDF cosine (the same topic, often the same outlet), compared directly.

    python benchmarks/dedup.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

from eventwire.geo.corpus import load_corpus
from eventwire.records import Article, article_id
from eventwire.store import open_store
from eventwire.store.dedup import similarity

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_BOILERPLATE = [
    "Advertisement",
    "Share this article on Facebook, Twitter or by email",
    "Sign up for our daily newsletter and get the top stories in your inbox",
    "More in World",
    "Related coverage",
    "© 2024 The Daily Courier. All rights reserved. This material may not be published or redistributed.",
    "Follow us on Instagram",
    "Read more:",
    "Most popular",
    "Photo: Reuters",
]
_KINDS = ("syndicated", "truncated", "rewrite")


def bases(data: Path) -> list[str]:
    """Distinct real article texts of 80 words or more."""
    gold = json.loads(
        (data / "extract/article-extraction-benchmark/ground-truth.json").read_text(encoding="utf-8")
    )
    texts = [page["articleBody"] for page in gold.values()]
    for corpus in ("geo/lgl.xml", "geo/GeoVirus.xml"):
        texts += [story.text for story in load_corpus(data / corpus)]
    return list(dict.fromkeys(t.strip() for t in texts if len(t.split()) >= 80))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(" ".join(text.split())) if s]


def syndicated(text: str, others: list[str], rng: random.Random) -> str:
    headlines = [" ".join(other.split()[:10]) for other in rng.sample(others, 3)]
    before = rng.sample(_BOILERPLATE, 2)
    after = rng.sample(_BOILERPLATE, 3) + headlines
    return "\n".join([*before, text, *after])


def truncated(text: str) -> str:
    """The sentences that start in the first half of the text."""
    parts = sentences(text)
    half, length = len(" ".join(parts)) / 2, 0
    kept: list[str] = []
    for part in parts:
        if kept and length >= half:
            break
        kept.append(part)
        length += len(part) + 1
    return " ".join(kept)


def rewrite(text: str, vocabulary: list[str], rng: random.Random) -> str:
    parts = sentences(text)
    kept = [s for s in parts if rng.random() >= 0.25] or parts[:1]
    words = " ".join(kept).split()
    for i in rng.sample(range(len(words)), round(0.08 * len(words))):
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def hard_negatives(texts: list[str]) -> list[tuple[int, int]]:
    """For each text, the other text most like it by TF-IDF cosine."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    cosine = (matrix @ matrix.T).toarray()
    pairs = set()
    for i, row in enumerate(cosine):
        row[i] = -1
        pairs.add(tuple(sorted((i, int(row.argmax())))))
    return sorted(pairs)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="../shared/data")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = bases(args.data)
    vocabulary = sorted({w for t in texts for w in t.split() if w.isalpha()})
    # (family, kind, text): family is the base's index.
    items = [(i, "base", t) for i, t in enumerate(texts)]
    for i, text in enumerate(texts):
        others = texts[:i] + texts[i + 1 :]
        items += [
            (i, "syndicated", syndicated(text, others, rng)),
            (i, "truncated", truncated(text)),
            (i, "rewrite", rewrite(text, vocabulary, rng)),
        ]
    rng.shuffle(items)
    family: dict[str, tuple[int, str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "dedup.db"))
        started = time.perf_counter()
        for n, (base, kind, text) in enumerate(items):
            url = f"https://example.org/{base}/{kind}"
            aid = article_id(text, url)
            family[aid] = (base, kind)
            store.add_article(Article(id=aid, text=text, url=url, published=f"2020-01-{1 + n % 28:02d}"))
        seconds = time.perf_counter() - started
        links = list(store.stream("SELECT article_id, original_id, kind FROM article_links"))
        store.close()
    found: Counter[str] = Counter()
    false_links: Counter[tuple[int, int]] = Counter()
    for link in links:
        (a, kind_a), (b, kind_b) = family[link["article_id"]], family[link["original_id"]]
        if a != b:
            false_links[min(a, b), max(a, b)] += 1
        elif "base" in (kind_a, kind_b):
            found[kind_b if kind_a == "base" else kind_a] += 1
    per_article = 1000 * seconds / len(items)
    print(f"{len(texts)} base texts, {len(items)} articles stored in {seconds:.1f} s "
          f"({per_article:.1f} ms per article: fingerprint, candidates, comparison)")  # fmt: skip
    print("kind        recall")
    for kind in _KINDS:
        print(f"{kind:<11} {found[kind] / len(texts):.3f}  ({found[kind]} of {len(texts)})")
    pairs = len(texts) * (len(texts) - 1) // 2
    print(f"links between different bases: {false_links.total()} of {len(links)} links, "
          f"from {len(false_links)} of {pairs:,} base pairs:")  # fmt: skip
    for a, b in false_links:  # read them: the corpora hold a few real rewrites of one another
        print(f"  {similarity(texts[a], texts[b])}\n    {texts[a][:90]!r}\n    {texts[b][:90]!r}")
    negatives = hard_negatives(texts)
    judged = sum(similarity(texts[i], texts[j]).kind is not None for i, j in negatives)
    print(f"hard negatives (same-topic pairs) judged copies: {judged} of {len(negatives)} "
          f"= {judged / len(negatives):.4f}")  # fmt: skip


if __name__ == "__main__":
    main()

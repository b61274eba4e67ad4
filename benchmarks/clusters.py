"""Happenings at scale: the cost of adding articles to stores of 2,000 and of 50,000 articles.

    python benchmarks/clusters.py [--sizes 2000,50000] [--add 200] [--pool N] [--json]

Real events first: the pool's articles (the Wikinews stories of ../shared/data/geo/GeoVirus.xml and the
real news of ../shared/data/events/realnews/dev.jsonl) go through the full pipeline once, and are cached in
benchmarks/.cache/. Then, per size, a synthetic store is built from them: each article a copy of a pool
article with its own id, its own outlet, a date that keeps 25 articles a day (so a bigger store covers more
days at the same density, as a longer-watched feed does), its places moved by up to 3 degrees and its
sentences made distinct (the last characters of each sentence carry the copy's number), so copies are
neither duplicates nor one story. The store's happenings are grouped all at once (``full_regroup_s``); then
``--add`` more such articles, dated within the store's days, are stored one by one through the writer
(``Store.add_article``: records, copy links and happenings in one transaction), and the time per article is
reported. With ``--json`` the last line is
``{"per_article_ms": {"2000": …, "50000": …}, "ratio": …, "full_regroup_s": …}`` (the regroup of the largest).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eventwire import process_many
from eventwire.records import Article
from eventwire.store import Store, open_store
from eventwire.store.base import _row
from eventwire.store.grouping import rebuild

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CACHE = ROOT / "benchmarks" / ".cache" / "clusters-pool.jsonl"
PER_DAY = 25
START = date(2024, 1, 1)


def pool(n: int) -> list[dict[str, Any]]:
    """Annotated real articles with events, as record dicts; made once and cached."""
    if CACHE.exists():
        cached = [json.loads(line) for line in CACHE.read_text().splitlines()]
        if len(cached) >= n:
            return cached[:n]
    texts = [
        a.findtext("text") or "" for a in ET.parse(SHARED / "geo" / "GeoVirus.xml").getroot().iter("article")
    ]
    realnews = SHARED / "events" / "realnews" / "dev.jsonl"
    texts += [json.loads(line)["text"] for line in realnews.read_text().splitlines() if line.strip()]
    items = [{"text": t, "url": f"https://pool.example/{i}"} for i, t in enumerate(texts) if t.strip()][:n]
    articles = [
        a.as_dict() for a in tqdm(process_many(items), total=len(items), desc="pool", file=sys.stderr)
    ]
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text("".join(json.dumps(a) + "\n" for a in articles))
    return articles


def copy(template: dict[str, Any], number: int, day: date, rng: random.Random) -> Article:
    """A copy of a pool article: its own ids and outlet, the date, places moved, sentences made distinct."""
    new_id = f"{number:016x}"
    data = json.loads(json.dumps(template).replace(template["id"], new_id))
    text = list(data["text"])
    mark = f"{number:x}"
    for event in data["events"]:  # overwrite the end of the event's sentence, keeping every span
        end, start = event["sentence_end"] or 0, event["sentence_start"] or 0
        if end - start > len(mark) + 1:
            text[end - 1 - len(mark) : end - 1] = mark
        event["date"] = None
    data["text"] = "".join(text)
    data.update(url=f"https://outlet{number % 500}.example/{number}", source=None, published=day.isoformat())
    dlat, dlon = rng.uniform(-3, 3), rng.uniform(-3, 3)
    for place in data["places"]:
        if place.get("lat") is not None:
            place["lat"] = max(-89.0, min(89.0, place["lat"] + dlat))
            place["lon"] = (place["lon"] + dlon + 180) % 360 - 180
    return Article.from_dict(data)


def build(store: Store, templates: list[dict[str, Any]], size: int, rng: random.Random) -> None:
    """``size`` copies written straight into the tables, without copy links or happenings."""
    batch: list[Article] = []
    for number in tqdm(range(size), desc=f"store of {size:,}", file=sys.stderr, leave=False):
        batch.append(
            copy(templates[number % len(templates)], number, START + timedelta(days=number // PER_DAY), rng)
        )
        if len(batch) == 1000 or number == size - 1:
            with store.transaction():
                for article in batch:
                    row = {
                        name: getattr(article, name)
                        for name in ("id", "text", "url", "published", "schema_version")
                    }
                    store._insert(
                        "articles",
                        [
                            {
                                **row,
                                "ingested_at": "now",
                                "outlet": (article.url or "").split("/")[2],
                                "family": article.id,
                            }
                        ],
                    )
                    for name, records in article.annotations().items():
                        if records:
                            store._insert(name, [_row(r) for r in records])
            batch = []


def measure(
    size: int, add: int, templates: list[dict[str, Any]], folder: Path, keep: Path | None
) -> tuple[float, float]:
    """Milliseconds per added article, and the seconds of the full regroup of the store."""
    rng = random.Random(size)
    path = folder / f"store-{size}.db"
    base = keep / f"base-{size}.db" if keep else None
    if base is not None and base.exists():
        shutil.copyfile(base, path)
    else:
        store = open_store(str(path))
        build(store, templates, size, rng)
        store.close()
        if base is not None:
            shutil.copyfile(path, base)
    store = open_store(str(path))
    started = time.perf_counter()
    rebuild(store)
    regroup = time.perf_counter() - started
    days = size // PER_DAY
    rng = random.Random(size + 1)  # the same additions whether the store was built now or kept
    times = []
    for k in range(add):
        number = size + k
        day = START + timedelta(days=rng.randrange(min(35, days // 3), max(days - 35, days * 2 // 3)))
        article = copy(templates[rng.randrange(len(templates))], number, day, rng)
        started = time.perf_counter()
        store.add_article(article)
        times.append(time.perf_counter() - started)
    happenings = store.stats()["counts"]["happenings"]
    largest = store.execute("SELECT max(events) AS n FROM happening_rows").fetchone()["n"]
    store.close()
    per_article = statistics.mean(times) * 1000
    print(
        f"{size:>7,} articles: {per_article:6.1f} ms per added article "
        f"(median {statistics.median(times) * 1000:.1f}), "
        f"full regroup {regroup:6.1f} s, {happenings:,} happenings, the largest {largest} events",
        file=sys.stderr,
    )
    return per_article, regroup


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000,50000", help="Store sizes in articles, comma-separated.")
    parser.add_argument("--add", type=int, default=200, help="Articles added to each store and timed.")
    parser.add_argument("--pool", type=int, default=300, help="Real articles to copy from.")
    parser.add_argument("--json", action="store_true", help="End with one JSON line of the figures.")
    parser.add_argument("--keep", type=Path, help="Folder to keep the built stores in and reuse them from.")
    args = parser.parse_args()
    templates = [t for t in pool(args.pool) if t["events"]]
    print(f"pool: {len(templates)} articles with events", file=sys.stderr)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            results[size] = measure(size, args.add, templates, Path(folder), args.keep)
    per_article = {str(size): round(ms, 2) for size, (ms, _) in results.items()}
    ratio = results[sizes[-1]][0] / results[sizes[0]][0]
    print(f"ratio {sizes[-1]:,} / {sizes[0]:,}: {ratio:.2f}", file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                {
                    "per_article_ms": per_article,
                    "ratio": round(ratio, 3),
                    "full_regroup_s": round(results[sizes[-1]][1], 2),
                }
            )
        )


if __name__ == "__main__":
    main()

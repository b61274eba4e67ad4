"""WARC reading speed: records per second from a gzipped archive of real news pages.

    python benchmarks/warc.py [--records 5000] [--extract 200] [--json]

Builds a temporary WARC.gz (one gzip member per record, as Common Crawl writes them) from the Zyte
benchmark's pages in ../shared/data/extract/article-extraction-benchmark (else samples/), then times
eventwire's WARC source: read, parse, decode to raw documents. With --extract N it also times full
article extraction on the first N records.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from eventwire.extract import extract_article
from eventwire.records import RawDocument
from eventwire.sources import read_inputs
from eventwire.sources.readers.warc import warc_record

ROOT = Path(__file__).resolve().parents[1]
ZYTE = ROOT.parent / "shared" / "data" / "extract" / "article-extraction-benchmark" / "html"


def pages() -> list[bytes]:
    if ZYTE.exists():
        return [gzip.decompress(p.read_bytes()) for p in sorted(ZYTE.glob("*.html.gz"))]
    samples = (ROOT / "samples" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    return [f"<html><body><p>{json.loads(line)['text']}</p></body></html>".encode() for line in samples]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=5000, help="records in the archive")
    parser.add_argument("--extract", type=int, default=0, help="also time extraction of this many records")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.warc.gz"
        html = islice(cycle(pages()), args.records)
        with path.open("wb") as out:
            for i, page in enumerate(html):
                out.write(gzip.compress(warc_record(f"https://news.example.org/{i}", page), compresslevel=6))
        # Streamed as the pipeline reads it: each record is counted and dropped, the first few kept.
        records = characters = 0
        kept: list[RawDocument] = []
        started = time.perf_counter()
        for item in read_inputs([str(path)]):
            if isinstance(item, RawDocument):
                records, characters = records + 1, characters + len(item.content)
                if len(kept) < args.extract:
                    kept.append(item)
        read_seconds = time.perf_counter() - started
        figures = {
            "records": records,
            "archive_mb": round(path.stat().st_size / 1e6, 1),
            "records_per_s": round(records / read_seconds),
            "mb_per_s": round(characters / 1e6 / read_seconds, 1),
        }
        if args.extract:
            started = time.perf_counter()
            for document in kept:
                extract_article(document)
            figures["extracted_per_s"] = round(len(kept) / (time.perf_counter() - started), 1)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{figures['records']:,} HTML records, {figures['archive_mb']} MB gzipped")
    print(f"read + decode   {figures['records_per_s']:>8,} records/s  ({figures['mb_per_s']} MB/s of text)")
    if args.extract:
        print(f"extraction      {figures['extracted_per_s']:>8} records/s")


if __name__ == "__main__":
    main()

"""Export memory and time: every format from a store of 10,000+ events, each export in a fresh process whose
peak resident memory (max RSS) is read from the kernel when it ends.

The store is made once (about 5 minutes) by ingesting the real article texts of ../shared/data (Zyte gold
bodies, LGL and GeoVirus) with publication dates spread over 2020, and a rewrite of each by another outlet a
day later (as benchmarks/dedup.py makes them), into --store; later runs reuse it. Peak memory is measured by
/usr/bin/time around each export, so the benchmark's own size does not count.

    python benchmarks/export.py --data ../shared/data --store /tmp/eventwire-bench.db
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.export import FORMATS
from eventwire.store import open_store

sys.path.insert(0, str(Path(__file__).parent))
from dedup import bases, rewrite

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")


def build(data: Path, store: str) -> None:
    rng = random.Random(13)
    texts = bases(data)
    vocabulary = sorted({w for t in texts for w in t.split() if w.isalpha()})
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with corpus.open("w") as out:
            for n, text in enumerate(texts):
                month, day = 1 + n % 12, 1 + n % 27
                for outlet, body, published in (
                    ("a.example", text, f"2020-{month:02d}-{day:02d}"),
                    ("b.example", rewrite(text, vocabulary, rng), f"2020-{month:02d}-{day + 1:02d}"),
                ):
                    url = f"https://{outlet}/{n}"
                    out.write(json.dumps({"text": body, "url": url, "published": published}) + "\n")
        subprocess.run([EVENTWIRE, "ingest", str(corpus), "--db", store], check=True)


def measured(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak resident memory (MB) and the last line on stderr of a command run to its end."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    *said, peak_kb = done.stderr.strip().splitlines()
    return seconds, int(peak_kb) / 1024, said[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="../shared/data")
    parser.add_argument("--store", default="/tmp/eventwire-bench.db", help="SQLite path or postgresql:// URL")
    args = parser.parse_args()
    store = open_store(args.store)
    events = store.stats()["counts"]["events"]
    store.close()
    if events < 10_000:
        build(args.data, args.store)
    store = open_store(args.store)
    counts = store.stats()["counts"]
    store.close()
    print(f"store {args.store}: {counts['articles']:,} articles, {counts['events']:,} events, "
          f"{counts['happenings']:,} happenings")  # fmt: skip
    print("format                     rows  seconds  peak MB  file MB")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            for happenings in (False, True) if fmt != "plover" else (False,):
                out = Path(folder) / f"out.{fmt}"
                command = [EVENTWIRE, "export", "--db", args.store, "--format", fmt, "--out", str(out)]
                seconds, peak, said = measured(command + (["--happenings"] if happenings else []))
                rows = int(re.sub(r"\D", "", said.split(" written")[0]))
                name = fmt + (" (happenings)" if happenings else "")
                print(f"{name:<22} {rows:8,} {seconds:8.1f} {peak:8.0f} {out.stat().st_size / 1e6:8.1f}")


if __name__ == "__main__":
    main()

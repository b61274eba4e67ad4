"""Scaling: the same 2,000 articles through the local process pool and a Dask LocalCluster, with 1 and 2
workers, each run a fresh `eventwire` process timed from start to exit (model loading included).

Two jobs are timed: `process --out DIR` (workers write Parquet parts: the cluster path, no single writer) and
`ingest` (workers return records to one writer that stores them, then story clustering). The articles are the
real texts of ../shared/data (Zyte gold bodies, LGL, GeoVirus) and rewrites of them (as benchmarks/dedup.py
makes them), as many as --n asks.

    python benchmarks/scale.py --data ../shared/data --n 2000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dedup import bases, rewrite

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
ENGINES = (("local", 1), ("local", 2), ("dask", 1), ("dask", 2))


def corpus(data: Path, n: int, path: Path) -> None:
    rng = random.Random(11)
    texts = bases(data)
    vocabulary = sorted({w for t in texts for w in t.split() if w.isalpha()})
    with path.open("w") as out:
        for i in range(n):
            text = texts[i % len(texts)]
            body = text if i < len(texts) else rewrite(text, vocabulary, rng)
            out.write(
                json.dumps({"text": body, "url": f"https://outlet{i // len(texts)}.example/{i}"}) + "\n"
            )


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--jobs", default="process,ingest", help="Which jobs to time, comma-separated.")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, {args.n} articles")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        corpus(args.data, args.n, path)
        for job in args.jobs.split(","):
            seconds = {}
            for engine, workers in ENGINES:
                out = Path(folder) / f"{job}-{engine}-{workers}"
                target = ["--out", str(out)] if job == "process" else ["--db", f"{out}.db"]
                command = [EVENTWIRE, job, str(path), *target, "--engine", engine, "--workers", str(workers)]
                seconds[engine, workers] = timed(command)
                took = seconds[engine, workers]
                print(f"{job:<8} {engine:<6} {workers} workers {took:7.1f} s {args.n / took:6.1f} art/s")
            for engine in ("local", "dask"):
                print(f"{job:<8} {engine:<6} 2 vs 1 worker: {seconds[engine, 1] / seconds[engine, 2]:.2f}x")
            print(
                f"{job:<8} dask / local with 2 workers: {seconds['dask', 2] / seconds['local', 2]:.3f} (time)"
            )


if __name__ == "__main__":
    main()

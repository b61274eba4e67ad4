"""API latency: p50 and p95 of the main endpoints over a store of 10,000+ events, through a real server on
loopback (uvicorn, one process), requests one after another, each endpoint with and without filters.

The store is the one benchmarks/export.py makes (real texts from ../shared/data; build it with that first).

    python benchmarks/api.py --store /tmp/eventwire-bench.db --n 200
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from eventwire.store import open_store

ENDPOINTS = {
    "event list": ["/api/events", "/api/events?type=ASSAULT", "/api/events?since=2020-03-01&until=2020-06-30",
                   "/api/events?offset=5000", "/api/events?country=USA"],
    "map": ["/api/map", "/api/map?type=PROTEST", "/api/map?bbox=-10,35,40,60"],
    "search": ["/api/search?q=police", "/api/events?q=election", "/api/search?q=flood+victims"],
    "timeline": ["/api/timeline", "/api/timeline?type=ASSAULT"],
    "facets": ["/api/facets", "/api/facets?country=GBR"],
    "happenings": ["/api/happenings", "/api/happenings?type=ASSAULT"],
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", default="/tmp/eventwire-bench.db")
    parser.add_argument("--n", type=int, default=200, help="requests per endpoint")
    args = parser.parse_args()
    store = open_store(args.store)
    counts = store.stats()["counts"]
    store.close()
    if counts["events"] < 10_000:
        raise SystemExit(f"{args.store} has {counts['events']} events; run benchmarks/export.py first")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    eventwire = str(Path(sys.executable).parent / "eventwire")
    server = subprocess.Popen(
        [eventwire, "serve", "--db", args.store, "--port", str(port)], stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/stats").read()
                break
            except OSError:
                time.sleep(0.1)
        print(f"{counts['events']:,} events, {counts['articles']:,} articles; {args.n} requests per endpoint")
        print("endpoint      p50 ms   p95 ms   max ms")
        for name, paths in ENDPOINTS.items():
            times = []
            for n in range(args.n):
                started = time.perf_counter()
                urllib.request.urlopen(base + paths[n % len(paths)]).read()
                times.append(1000 * (time.perf_counter() - started))
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{name:<12} {statistics.median(times):7.1f}  {p95:7.1f}  {max(times):7.1f}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

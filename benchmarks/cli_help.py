"""How fast `eventwire --help` answers, and whether it loads the model: the median of N runs in fresh
processes, and the heavy modules the command line imported for it (none should be spaCy or the store).

    python benchmarks/cli_help.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

_PROBE = "import sys; from eventwire.cli import main; print(' '.join(sorted(sys.modules)))"
_HEAVY = ("spacy", "datasketch", "fastwarc", "trafilatura", "pyarrow")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "from eventwire.cli import main; main()", "--help"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    modules = subprocess.run([sys.executable, "-c", _PROBE], check=True, capture_output=True, text=True)
    loaded = sorted({m.split(".")[0] for m in modules.stdout.split()} & set(_HEAVY))
    figures = {"help_seconds": round(statistics.median(times), 3), "heavy_modules": loaded}
    if args.json:
        print(json.dumps(figures))
        return
    print(f"eventwire --help   {figures['help_seconds']:.3f} s (median of {args.runs})")
    print(f"heavy modules      {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()

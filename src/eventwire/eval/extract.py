"""Article-body extraction on the Zyte article-extraction benchmark: F1 over 4-word shingles.

The metric follows that benchmark: per page, shingle counts give true/false positives and negatives,
normalised so that every page weighs the same; precision and recall are averaged over pages, and F1 is
computed from the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult
from eventwire.extract import extract_article
from eventwire.records import RawDocument
from eventwire.sources.decode import decode

_WORD = re.compile(r"\w+")
Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def shingle_counts(gold: str, predicted: str) -> Counts:
    """True positives, false positives and false negatives over shingles, normalised to sum to 1."""
    expected, found = shingles(gold), shingles(predicted)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn) if tp + fn else 0.0


def scores(pages: list[Counts]) -> tuple[float, float, float]:
    precision = statistics.mean(_precision(*c) for c in pages if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in pages if c[0] + c[2] > 0)
    return precision, recall, 2 * precision * recall / (precision + recall)


def evaluate(data: Path | None, settings: Settings, **options: object) -> EvalResult:
    if data is None or not (data / "ground-truth.json").exists():
        raise EventwireError(
            BAD_EVAL_DATA, "expected a folder with ground-truth.json and html/*.html.gz", str(data)
        )
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[Counts] = []
    crashes = 0
    started = time.perf_counter()
    for key, item in tqdm(sorted(gold.items()), desc="extract", unit=" pages", leave=False, disable=None):
        html = decode(gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()))
        try:
            text = extract_article(
                RawDocument(origin=key, content=html, format="html", url=item.get("url"))
            ).text
        except EventwireError:
            text = ""
        except Exception:  # a crash is the figure being measured here
            crashes, text = crashes + 1, ""
        pages.append(shingle_counts(item.get("articleBody", ""), text))
    elapsed = time.perf_counter() - started
    precision, recall, f1 = scores(pages)
    result = EvalResult(
        name="extract", data=str(data), headers=["pages", "precision", "recall", "f1", "crashes", "ms/page"]
    )
    result.figures = {
        "pages": len(pages),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "crashes": crashes,
        "ms_per_page": round(1000 * elapsed / len(pages), 1),
    }
    result.rows = [[str(v) for v in result.figures.values()]]
    return result

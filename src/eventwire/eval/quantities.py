"""Quantities: counts of dead, injured and crowd size against PLOVER GSR, or our own written cases.

``--data PLOVER_GSR_CAMEO.json``: for each record with ``dead``, ``injured`` or ``size``, right when the
sentence yields a quantity of the matching kind (killed; wounded; crowd or people) whose range overlaps the
gold value ("Thousands" is 2,000-9,999). Without ``--data``: the bundled cases (sentence, number as written,
kind, min, max), right when that number is found with that kind and range.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from importlib import resources
from pathlib import Path

from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult
from eventwire.normalize.numbers import find_numbers
from eventwire.pipeline import annotate_texts
from eventwire.records import Quantity

# PLOVER's size is the number in the acting or targeted group: any count of people.
_GOLD_KINDS = {
    "dead": {"killed"},
    "injured": {"wounded"},
    "size": {"crowd", "people", "arrested", "displaced"},
}


def evaluate(data: Path | None, settings: Settings, **options: object) -> EvalResult:
    if data is None:
        return _cases(settings)
    try:
        records = json.loads(data.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise EventwireError(BAD_EVAL_DATA, f"cannot read: {err}", str(data)) from err
    gold = [
        (r["text"], field, r[field])
        for r in records
        if isinstance(r, dict)
        for field in _GOLD_KINDS
        if field in r
    ]
    if not gold:
        raise EventwireError(BAD_EVAL_DATA, "no records with dead, injured or size", str(data))
    quantities = _quantities([text for text, _, _ in gold], settings)
    counts: Counter[str] = Counter()
    for (_, field, value), found in zip(gold, quantities, strict=True):
        numbers = find_numbers(str(value))
        if not numbers:  # "group": no number to compare
            counts["skipped"] += 1
            continue
        low, high = numbers[0].min, numbers[0].max
        counts[field] += 1
        counts[f"{field}_right"] += any(
            q.kind in _GOLD_KINDS[field] and _overlaps(q, low, high) for q in found
        )
        counts[f"{field}_number"] += any(_overlaps(q, low, high) for q in found)
    result = EvalResult(
        name="quantities", data=str(data), headers=["field", "gold", "kind and value", "value"]
    )
    for field in _GOLD_KINDS:
        n = counts[field]
        result.rows.append([field, str(n), f"{counts[f'{field}_right'] / max(1, n):.3f}",
                            f"{counts[f'{field}_number'] / max(1, n):.3f}"])  # fmt: skip
    total = sum(counts[f] for f in _GOLD_KINDS)
    result.figures = {
        "gold": total,
        "skipped": counts["skipped"],
        "kind_and_value": round(sum(counts[f"{f}_right"] for f in _GOLD_KINDS) / max(1, total), 4),
        "value": round(sum(counts[f"{f}_number"] for f in _GOLD_KINDS) / max(1, total), 4),
    }
    return result


def _quantities(texts: list[str], settings: Settings) -> list[list[Quantity]]:
    articles = annotate_texts(texts, settings, ("entities", "places", "actors", "quantities"))
    return [a.quantities for a in articles]


def _overlaps(quantity: Quantity, low: float | None, high: float | None) -> bool:
    q_low = quantity.min if quantity.min is not None else float("-inf")
    q_high = quantity.max if quantity.max is not None else float("inf")
    g_low = low if low is not None else float("-inf")
    g_high = high if high is not None else float("inf")
    return q_low <= g_high and g_low <= q_high


def _cases(settings: Settings) -> EvalResult:
    text = resources.files("eventwire.eval").joinpath("data/quantities.tsv").read_text(encoding="utf-8")
    rows = [r for r in csv.reader(text.splitlines(), delimiter="\t") if r and not r[0].startswith("#")]
    found = _quantities([r[0] for r in rows], settings)
    right = 0
    for (_, surface, kind, low, high), quantities in zip(rows, found, strict=True):
        expected = (kind, float(low) if low else None, float(high) if high else None)
        right += any((q.kind, q.min, q.max) == expected for q in quantities if q.text == surface)
    result = EvalResult(name="quantities", data="bundled cases", headers=["cases", "right", "accuracy"])
    result.figures = {"cases": len(rows), "right": right, "accuracy": round(right / len(rows), 4)}
    result.rows = [[str(len(rows)), str(right), f"{right / len(rows):.3f}"]]
    return result

"""Named-entity spans and labels against sentences marked up as ``[surface|LABEL]``."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from pathlib import Path

from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult, prf
from eventwire.pipeline import annotate_texts

_MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z_]+)\]")
Span = tuple[int, int, str]


def parse_markup(line: str) -> tuple[str, list[Span]]:
    """``"[Ankara|GPE] said"`` → ``("Ankara said", [(0, 6, "GPE")])``."""
    text, spans, last = [], [], 0
    length = 0
    for match in _MARK.finditer(line):
        before = line[last : match.start()]
        text.append(before)
        length += len(before)
        surface, label = match.group(1), match.group(2)
        spans.append((length, length + len(surface), label))
        text.append(surface)
        length += len(surface)
        last = match.end()
    text.append(line[last:])
    return "".join(text), spans


def load_gold(path: Path | None) -> tuple[str, list[tuple[str, list[Span]]]]:
    if path is None:
        source = resources.files("eventwire.eval").joinpath("data/entities.txt")
        name, content = "bundled entities.txt", source.read_text(encoding="utf-8")
    else:
        try:
            name, content = str(path), path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise EventwireError(BAD_EVAL_DATA, f"cannot read: {err}", str(path)) from err
    lines = [line.strip() for line in content.splitlines()]
    gold = [parse_markup(line) for line in lines if line and not line.startswith("#")]
    if not gold:
        raise EventwireError(BAD_EVAL_DATA, "no marked-up sentences ([surface|LABEL])", name)
    return name, gold


def evaluate(data: Path | None, settings: Settings, **options: object) -> EvalResult:
    name, gold = load_gold(data)
    tp = tp_span = n_pred = n_gold = 0
    per_label: Counter[tuple[str, str]] = Counter()
    for article, (_, spans) in zip(
        annotate_texts([t for t, _ in gold], settings, ("entities",)), gold, strict=True
    ):
        predicted = {(e.start, e.end, e.label) for e in article.entities}
        expected = set(spans)
        tp += len(predicted & expected)
        tp_span += len({s[:2] for s in predicted} & {s[:2] for s in expected})
        n_pred, n_gold = n_pred + len(predicted), n_gold + len(expected)
        for _, _, label in predicted & expected:
            per_label[label, "tp"] += 1
        for _, _, label in predicted:
            per_label[label, "pred"] += 1
        for _, _, label in expected:
            per_label[label, "gold"] += 1
    result = EvalResult(name="entities", data=name, headers=["scope", "precision", "recall", "f1", "gold"])
    scopes = [("span+label", tp, n_pred, n_gold), ("span only", tp_span, n_pred, n_gold)]
    labels = sorted({label for label, _ in per_label})
    scopes += [
        (label, per_label[label, "tp"], per_label[label, "pred"], per_label[label, "gold"])
        for label in labels
    ]
    for scope, hits, predicted_count, gold_count in scopes:
        p, r, f = prf(hits, predicted_count, gold_count)
        result.rows.append([scope, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(gold_count)])
    p, r, f = prf(tp, n_pred, n_gold)
    ps, rs, fs = prf(tp_span, n_pred, n_gold)
    result.figures = {
        "sentences": len(gold),
        "gold": n_gold,
        "predicted": n_pred,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "span_precision": round(ps, 4),
        "span_recall": round(rs, 4),
        "span_f1": round(fs, 4),
    }
    return result

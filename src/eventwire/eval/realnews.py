"""Events on hand-coded real news (``realnews/dev.jsonl``): the reference scorer's figures, k-fold by article.

Each fold's articles are coded by a decision model trained on the other folds (``--cv``, default 5; ``--cv
0`` uses the packaged model, which has seen them). The scoring is ``shared/tools/score_events.py``'s, line
for line: one-to-one matches per article (trigger overlap and type, then same sentence and type, then
overlap alone for detection); a role is right when both are empty, when the gold actor is named only outside
the sentence and the prediction is empty, when the spans overlap, or when a name of the predicted actor
contains the gold text or name (or the reverse); CONSULT, COOPERATE and AGREE accept swapped roles. Also
printed: precision and recall at other confidence bars, and the expected calibration error of the events'
confidence against whether the event is right (type level).
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.annotators.events import EventAnnotator
from eventwire.classify.decision import (
    Rows,
    article_rows,
    cross_validate,
    other_training,
    parse,
    read_realnews,
)
from eventwire.classify.train import GSR, training_dir
from eventwire.config import Settings
from eventwire.eval.metrics import EvalResult
from eventwire.knowledge.events import RECIPROCAL
from eventwire.nlp import settings_pipeline

ANNOTATORS = ("entities", "places", "actors", "times", "quantities")
_BARS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
_BINS = 10


def evaluate(data: Path, settings: Settings, cv: int = 5, **options: object) -> EvalResult:
    gold = read_realnews(data)
    nlp = settings_pipeline(settings, ANNOTATORS)
    docs = parse(gold, nlp)
    annotators = _annotators(docs, gold, cv, data, nlp, settings.event_encoder)
    predictions = [
        predict(doc, record, annotator) for doc, record, annotator in zip(docs, gold, annotators, strict=True)
    ]
    bar = annotators[0].keep
    figures = score(gold, [above(p, bar) for p in predictions])
    curve = {b: score(gold, [above(p, b) for p in predictions]) for b in _BARS}
    figures["calibration_error"] = calibration_error(gold, predictions)
    figures["evaluation"] = f"{cv}-fold by article" if cv else "packaged model (trained on these articles)"
    return _result(data, figures, curve, bar)


def _annotators(
    docs: Sequence[Doc], gold: Sequence[dict[str, Any]], cv: int, data: Path, nlp: Language, encoder: str
) -> list[EventAnnotator]:
    """One annotator per article: its fold's model, trained on the other folds and on the PLOVER gold
    sentences found beside the data (``plover_gsr/``), or the packaged one; ``encoder``: whose word
    vectors the models read (``events.encoder``)."""
    if not cv:
        return [EventAnnotator(encoder=encoder)] * len(docs)
    reader = EventAnnotator(encoder=encoder)
    rows: list[Rows] = [article_rows(doc, record, reader) for doc, record in zip(docs, gold, strict=True)]
    folder = training_dir(data)
    others = other_training(folder, nlp, reader) if folder is not None and (folder / GSR).is_file() else None
    annotators: dict[int, EventAnnotator] = {}
    for test, model in cross_validate(rows, cv, others, encoder):
        annotators.update(dict.fromkeys(test, EventAnnotator(reader.classifier, model)))
    return [annotators[i] for i in range(len(docs))]


def predict(doc: Doc, record: dict[str, Any], annotator: EventAnnotator) -> dict[str, Any]:
    """What ``eventwire process`` prints of the article, with every candidate's event (``above`` filters)."""
    low = EventAnnotator(annotator.classifier, annotator.decision, keep=0.0)
    low(doc)
    return {
        "url": record["id"],
        "text": record["text"],
        "events": [dataclasses.asdict(e) for e in doc._.events],
        "actors": [
            {"id": a.id, "name": a.name, "text": a.text, "aliases": a.aliases} for a in doc._.actors or []
        ],
    }


def above(prediction: dict[str, Any], bar: float) -> dict[str, Any]:
    """The prediction with only its events of confidence ``bar`` or more."""
    return {**prediction, "events": [e for e in prediction["events"] if (e.get("confidence") or 0.0) >= bar]}


def calibration_error(gold: Sequence[dict[str, Any]], predictions: Sequence[dict[str, Any]]) -> float:
    """Expected calibration error (10 equal-width bins) of the confidence of every candidate event with a
    confidence of at least 0.05, against whether it matches a gold event of its type."""
    kept = [above(p, 0.05) for p in predictions]
    right: list[tuple[float, bool]] = []
    score(gold, kept, right)
    if not right:
        return 0.0
    bins: dict[int, list[tuple[float, bool]]] = {}
    for confidence, ok in right:
        bins.setdefault(min(_BINS - 1, int(confidence * _BINS)), []).append((confidence, ok))
    return round(
        sum(
            len(b) / len(right) * abs(sum(c for c, _ in b) / len(b) - sum(ok for _, ok in b) / len(b))
            for b in bins.values()
        ),
        3,
    )


def _wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return ((c - h) / d, (c + h) / d)


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _offset_map(src: str, dst: str) -> Callable[[int], int | None]:
    if src == dst:
        return lambda i: i
    blocks = difflib.SequenceMatcher(None, src, dst, autojunk=False).get_matching_blocks()

    def mapped(i: int) -> int | None:
        for a, b, n in blocks:
            if a <= i < a + n:
                return b + (i - a)
        return None

    return mapped


def _overlap(a0: int | None, a1: int | None, b0: int | None, b1: int | None) -> bool:
    return a0 is not None and b0 is not None and a0 < b1 and b0 < a1  # type: ignore[operator]


def score(
    gold: Sequence[dict[str, Any]],
    predictions: Sequence[dict[str, Any]],
    right: list[tuple[float, bool]] | None = None,
) -> dict[str, Any]:
    """The reference scorer's figures; ``right`` collects (confidence, typed match) per predicted event."""
    by_url = {p.get("url"): p for p in predictions}
    tot: Counter[str] = Counter()
    per_type: Counter[str] = Counter()
    flags_ok = nonpol_pred = nonpol_articles = 0
    for g in gold:
        p = by_url.get(g["url"]) or by_url.get(g["id"]) or by_url.get(f"urn:{g['id']}")
        gev = g["events"]
        tot["gold"] += len(gev)
        for e in gev:
            per_type["gold:" + e["type"]] += 1
        if p is None:
            tot["missing_articles"] += 1
            continue
        pev = _mapped_events(p, g["text"])
        tot["pred"] += len(pev)
        for e in pev:
            per_type["pred:" + e["type"]] += 1
        if not g.get("political"):
            nonpol_articles += 1
            nonpol_pred += len(pev)
        pairs = []
        for i, pe in enumerate(pev):
            for j, ge in enumerate(gev):
                ov = _overlap(pe["start"], pe["end"], ge["trigger_start"], ge["trigger_end"])
                insent = ge["sentence_start"] <= pe["start"] < ge["sentence_end"]
                same = pe["type"] == ge["type"]
                if ov and same:
                    pairs.append((0, i, j))
                elif insent and same:
                    pairs.append((1, i, j))
                elif ov:
                    pairs.append((2, i, j))
        used_p: set[int] = set()
        used_g: set[int] = set()
        typed: set[int] = set()
        for rank, i, j in sorted(pairs):
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            tot["detected"] += 1
            if rank == 2:
                continue
            pe, ge = pev[i], gev[j]
            typed.add(i)
            tot["typed"] += 1
            per_type["hit:" + ge["type"]] += 1
            s_ok, t_ok = _role_ok(pe, ge, "source", "source"), _role_ok(pe, ge, "target", "target")
            swapped = _role_ok(pe, ge, "source", "target") and _role_ok(pe, ge, "target", "source")
            if not (s_ok and t_ok) and ge["type"] in RECIPROCAL and swapped:
                s_ok = t_ok = True
            tot["source_ok"] += s_ok
            tot["target_ok"] += t_ok
            if s_ok and t_ok:
                tot["full"] += 1
            if all(bool(pe.get(k)) == bool(ge.get(k)) for k in ("negated", "hypothetical", "future")):
                flags_ok += 1
        if right is not None:
            right.extend((pe.get("confidence") or 0.0, i in typed) for i, pe in enumerate(pev))
    return _figures(len(gold), tot, per_type, flags_ok, nonpol_pred, nonpol_articles)


def _mapped_events(prediction: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The predicted events with offsets on the gold text and the names of their actors."""
    f = _offset_map(prediction.get("text", ""), text)
    actors = {a["id"]: a for a in prediction.get("actors", [])}
    out = []
    for e in prediction.get("events", []):
        s, t = f(e["start"]), f(e["end"] - 1)
        if s is None or t is None:
            continue
        ne = dict(e, start=s, end=t + 1)
        for r in ("source", "target"):
            a0, a1 = e.get(f"{r}_start"), e.get(f"{r}_end")
            m0 = f(a0) if a0 is not None else None
            m1 = f(a1 - 1) if a1 is not None else None
            ne[f"{r}_start"], ne[f"{r}_end"] = m0, (m1 + 1 if m1 is not None else None)
            act = actors.get(e.get(r)) or {}
            names = [act.get("name"), act.get("text"), *(act.get("aliases") or [])]
            ne[f"{r}_names"] = {_norm(x) for x in names if x}
            if m0 is not None:
                ne[f"{r}_names"].add(_norm(text[m0 : ne[f"{r}_end"]]))
        out.append(ne)
    return out


def _role_ok(pe: dict[str, Any], ge: dict[str, Any], pr: str, gr: str) -> bool:
    gg = ge[gr]
    if gg is None:
        return pe.get(f"{pr}_start") is None and not pe.get(pr)
    if pe.get(f"{pr}_start") is None and not pe.get(pr):
        return gg.get("text") is None  # named elsewhere
    if gg.get("start") is not None and _overlap(
        pe.get(f"{pr}_start"), pe.get(f"{pr}_end"), gg["start"], gg["end"]
    ):
        return True
    gnames = {_norm(gg.get("text")), _norm(gg.get("name"))} - {""}
    return any(
        a and b and (a == b or (len(b) > 3 and b in a) or (len(a) > 3 and a in b))
        for a in pe[f"{pr}_names"]
        for b in gnames
    )


def _figures(
    articles: int,
    tot: Counter[str],
    per_type: Counter[str],
    flags_ok: int,
    nonpol_pred: int,
    nonpol_articles: int,
) -> dict[str, Any]:
    def precision(k: str) -> float:
        return tot[k] / tot["pred"] if tot["pred"] else 0.0

    def recall(k: str) -> float:
        return tot[k] / tot["gold"] if tot["gold"] else 0.0

    def f1(k: str) -> float:
        return 2 * precision(k) * recall(k) / (precision(k) + recall(k)) if precision(k) + recall(k) else 0.0

    out: dict[str, Any] = {
        "articles": articles,
        "gold_events": tot["gold"],
        "pred_events": tot["pred"],
        "missing_articles": tot["missing_articles"],
    }
    for k, name in (("detected", "detection"), ("typed", "type"), ("full", "full_row")):
        out[name] = {
            "precision": round(precision(k), 3),
            "recall": round(recall(k), 3),
            "f1": round(f1(k), 3),
            "precision_ci95": [round(x, 3) for x in _wilson(tot[k], tot["pred"])],
        }
    typed = tot["typed"]
    out["roles_given_type"] = {
        "source": round(tot["source_ok"] / typed, 3) if typed else 0.0,
        "target": round(tot["target_ok"] / typed, 3) if typed else 0.0,
        "flags": round(flags_ok / typed, 3) if typed else 0.0,
    }
    out["non_political"] = {
        "articles": nonpol_articles,
        "pred_events": nonpol_pred,
        "events_per_article": round(nonpol_pred / nonpol_articles, 2) if nonpol_articles else 0.0,
    }
    types = sorted({k.split(":", 1)[1] for k in per_type})
    out["per_type"] = {
        t: {
            "gold": per_type["gold:" + t],
            "pred": per_type["pred:" + t],
            "precision": round(per_type["hit:" + t] / per_type["pred:" + t], 3)
            if per_type["pred:" + t]
            else None,
            "recall": round(per_type["hit:" + t] / per_type["gold:" + t], 3)
            if per_type["gold:" + t]
            else None,
        }
        for t in types
    }
    return out


def _result(
    data: Path, figures: dict[str, Any], curve: dict[float, dict[str, Any]], bar: float
) -> EvalResult:
    result = EvalResult(
        name=f"events on real news ({figures['evaluation']})",
        data=str(data),
        headers=["measure", "precision", "recall", "F1", "precision 95% CI"],
    )
    result.figures = figures
    for name in ("detection", "type", "full_row"):
        o = figures[name]
        ci = "[{:.3f}, {:.3f}]".format(*o["precision_ci95"])
        result.rows.append([name, f"{o['precision']:.3f}", f"{o['recall']:.3f}", f"{o['f1']:.3f}", ci])
    roles, nonpol = figures["roles_given_type"], figures["non_political"]
    result.rows += [
        ["roles given a typed match", f"source {roles['source']:.3f}", f"target {roles['target']:.3f}",
         f"flags {roles['flags']:.3f}", ""],
        ["events per non-political article", f"{nonpol['events_per_article']:.2f}",
         f"of {nonpol['articles']} articles", "", ""],
        ["confidence: expected calibration error", f"{figures['calibration_error']:.3f}", "", "", ""],
        ["events (gold / predicted)", str(figures["gold_events"]), str(figures["pred_events"]), "", ""],
    ]  # fmt: skip
    for b, o in curve.items():
        mark = " (default)" if abs(b - bar) < 1e-9 else ""
        result.rows.append(
            [f"type level at confidence >= {b:.1f}{mark}", f"{o['type']['precision']:.3f}",
             f"{o['type']['recall']:.3f}", f"full row P {o['full_row']['precision']:.3f}", ""]
        )  # fmt: skip
    for t, o in figures["per_type"].items():
        p = "-" if o["precision"] is None else f"{o['precision']:.3f}"
        r = "-" if o["recall"] is None else f"{o['recall']:.3f}"
        result.rows.append([f"  {t} (gold {o['gold']}, predicted {o['pred']})", p, r, "", ""])
    return result

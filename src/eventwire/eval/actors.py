"""Actors: country and sector of the gold actors of PLOVER GSR, or actor spans against ConfliBERT's.

``--data plover_gsr.jsonl``: each gold actor and recipient is found in its sentence and matched to the
eventwire actor with a mention overlapping it; country accuracy is over gold actors that have a code,
sector accuracy over those with a sector (its first three letters: "CVLalb" is CVL). An unmatched gold actor
counts as wrong. ``--data cameo_ner/train.txt`` (BIO, S source / T target): precision, recall and F1 of
actor mentions against the gold source and target spans, by overlap, whatever the role.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eventwire.classify.train import find
from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult, prf
from eventwire.pipeline import annotate_texts
from eventwire.records import Actor, Article

_ANNOTATORS = ("entities", "places", "actors")


def evaluate(data: Path | None, settings: Settings, **options: object) -> EvalResult:
    if data is None or not data.is_file():
        raise EventwireError(
            BAD_EVAL_DATA, "give plover_gsr.jsonl or cameo_ner/train.txt with --data", str(data)
        )
    if data.suffix == ".jsonl":
        return _plover(data, settings)
    return _spans(data, settings)


def _articles(texts: list[str], settings: Settings) -> list[Article]:
    return list(annotate_texts(texts, settings, _ANNOTATORS))


def matching_actor(actors: list[Actor], span: tuple[int, int]) -> Actor | None:
    """The actor with the mention overlapping ``span`` the most."""
    best, overlap = None, 0
    for actor in actors:
        for start, end in actor.mentions:
            shared = min(end, span[1]) - max(start, span[0])
            if shared > overlap:
                best, overlap = actor, shared
    return best


def _plover(path: Path, settings: Settings) -> EvalResult:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = _articles([r["text"] for r in records], settings)
    counts: Counter[str] = Counter()
    for record, article in zip(records, articles, strict=True):
        for gold in [*record.get("actor", []), *record.get("recipient", [])]:
            span = find(record["text"], gold["text"])
            actor = matching_actor(article.actors, span) if span else None
            counts["matched"] += actor is not None
            counts["gold"] += 1
            if gold.get("country"):
                counts["with_country"] += 1
                counts["country_right"] += actor is not None and actor.country == gold["country"]
            sector = (gold.get("sector") or "")[:3]
            if sector and sector != "***":
                counts["with_sector"] += 1
                counts["sector_right"] += actor is not None and actor.sector == sector
    result = EvalResult(name="actors", data=str(path), headers=["measure", "value", "of"])
    result.figures = {
        "sentences": len(records),
        "gold_actors": counts["gold"],
        "matched": round(counts["matched"] / counts["gold"], 4),
        "country_accuracy": round(counts["country_right"] / max(1, counts["with_country"]), 4),
        "sector_accuracy": round(counts["sector_right"] / max(1, counts["with_sector"]), 4),
    }
    result.rows = [
        ["gold actors found", f"{result.figures['matched']:.3f}", str(counts["gold"])],
        ["country accuracy", f"{result.figures['country_accuracy']:.3f}", str(counts["with_country"])],
        ["sector accuracy", f"{result.figures['sector_accuracy']:.3f}", str(counts["with_sector"])],
    ]
    return result


def read_bio(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences (tokens joined by spaces) and their gold spans as character offsets with their tag."""
    sentences: list[tuple[str, list[tuple[int, int, str]]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            token, _, tag = line.rpartition(" ")
            tokens.append(token)
            tags.append(tag)
            continue
        if tokens:
            text, offset = " ".join(tokens), 0
            spans: list[list[int | str]] = []
            current: list[int | str] | None = None
            for token, tag in zip(tokens, tags, strict=True):
                if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                    current = [offset, offset + len(token), tag[2:]]
                    spans.append(current)
                elif tag.startswith("I-") and current is not None:
                    current[1] = offset + len(token)
                else:
                    current = None
                offset += len(token) + 1
            sentences.append((text, [(int(s), int(e), str(t)) for s, e, t in spans]))
            tokens, tags = [], []
    return sentences


def _spans(path: Path, settings: Settings) -> EvalResult:
    sentences = read_bio(path)
    if not sentences:
        raise EventwireError(BAD_EVAL_DATA, "no BIO-tagged sentences", str(path))
    articles = _articles([text for text, _ in sentences], settings)
    found = hits = gold = gold_found = 0
    for (_, spans), article in zip(sentences, articles, strict=True):
        targets = [(s, e) for s, e, tag in spans if tag in ("S", "T")]
        mentions = [(s, e) for actor in article.actors for s, e in actor.mentions]
        found += len(mentions)
        gold += len(targets)
        hits += sum(any(s < te and ts < e for ts, te in targets) for s, e in mentions)
        gold_found += sum(any(s < te and ts < e for s, e in mentions) for ts, te in targets)
    precision, _, _ = prf(hits, found, gold)
    _, recall, _ = prf(gold_found, found, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = EvalResult(name="actors (spans)", data=str(path), headers=["precision", "recall", "f1", "gold"])
    result.figures = {
        "sentences": len(sentences),
        "gold_spans": gold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }
    result.rows = [[f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", str(gold)]]
    return result

"""Quotes against PolNeAR (brat standoff: Source, Cue and Content spans linked by an Attribution event).

A gold attribution is direct when its content (or a fragment of a discontinuous one) opens with a quotation
mark. Direct quotes are matched exactly (same span, quotation marks and surrounding spaces aside) and by
overlap (shared tokens are at least half of each). By overlap, a direct quote of ours that lies mostly
within another gold attribution is a partial quotation of an attributed statement ("called them “lone
wolves”"), which the issue asks for: it counts as right for precision; "direct overlap, strict" counts it
wrong. Speaker accuracy is over matched direct quotes: right when our speaker's span overlaps the gold
source. Reported speech (our indirect and mixed quotes against the other gold attributions) is matched by
overlap.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval.metrics import EvalResult, prf
from eventwire.pipeline import annotate_texts
from eventwire.records import Quote

Span = tuple[int, int]
_TOKENS = re.compile(r"\w+")
_TRIM = ' \t\n“”"‘’,.;:'


def load_polnear(folder: Path) -> list[tuple[str, list[tuple[Span, Span | None]]]]:
    """Texts and their attributions (content span, source span) from a PolNeAR split folder; each
    fragment of a discontinuous content is an attribution of its own."""
    texts = {p.stem: p for p in (folder / "text").glob("*.txt")}
    documents = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        text_path = texts.get(re.sub(r"_[0-9a-f]{4}$", "", ann.stem))
        if text_path is None:
            continue
        spans: dict[str, list[Span]] = {}
        events = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("T") and len(fields) > 1:
                # "Content 852 944;954 1048": a discontinuous span, as where "he said" splits a quote
                offsets = fields[1].split(" ", 1)[1]
                spans[fields[0]] = [_span(fragment) for fragment in offsets.split(";")]
            elif line.startswith("E") and len(fields) > 1:
                events.append(dict(part.split(":", 1) for part in fields[1].split()))
        attributions = [
            (fragment, _outer(spans.get(e.get("Source", ""))))
            for e in events
            for fragment in spans.get(e.get("Content", ""), [])
        ]
        documents.append((text_path.read_text(encoding="utf-8"), attributions))
    return documents


def _span(offsets: str) -> Span:
    start, end = offsets.split()
    return int(start), int(end)


def _outer(fragments: list[Span] | None) -> Span | None:
    return (fragments[0][0], fragments[-1][1]) if fragments else None


def _trimmed(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _tokens(text: str, span: Span) -> set[int]:
    return {m.start() + span[0] for m in _TOKENS.finditer(text[span[0] : span[1]])}


def overlapping(text: str, a: Span, b: Span) -> bool:
    """Shared tokens are at least half of each span's."""
    ta, tb = _tokens(text, a), _tokens(text, b)
    shared = len(ta & tb)
    return bool(ta and tb) and shared >= 0.5 * len(ta) and shared >= 0.5 * len(tb)


def _within(text: str, span: Span, container: Span) -> bool:
    """At least half of the span's tokens lie in the container."""
    tokens = _tokens(text, span)
    return bool(tokens) and len(tokens & _tokens(text, container)) >= 0.5 * len(tokens)


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def evaluate(data: Path | None, settings: Settings, **options: object) -> EvalResult:
    if data is None or not (data / "attributions").is_dir():
        raise EventwireError(BAD_EVAL_DATA, "give a PolNeAR split folder (attributions/, text/)", str(data))
    documents = load_polnear(data)
    articles = annotate_texts([t for t, _ in documents], settings, ("entities", "places", "actors", "quotes"))
    counts: Counter[str] = Counter()
    for article, (text, gold) in zip(articles, documents, strict=True):
        direct = [(c, s) for c, s in gold if text[c[0] : c[1]].lstrip()[:1] in ("“", '"')]
        reported = [(c, s) for c, s in gold if (c, s) not in direct]
        ours = [q for q in article.quotes if q.kind == "direct"]
        contents = [_trimmed(text, c) for c, _ in reported]
        _score(text, direct, ours, counts, "direct", speakers=True, partial_in=contents)
        _score(text, reported, [q for q in article.quotes if q.kind != "direct"], counts, "reported")
    result = EvalResult(
        name="quotes", data=str(data), headers=["measure", "precision", "recall", "f1", "gold"]
    )
    figures: dict[str, float | int] = {"documents": len(documents)}
    counts["direct_strict"], counts["direct_strict_recalled"] = counts["direct"], counts["direct_recalled"]
    counts["direct"] += counts["direct_partial"]
    for name, hits_key in (
        ("direct exact", "direct_exact"),
        ("direct overlap", "direct"),
        ("direct overlap, strict", "direct_strict"),
        ("reported overlap", "reported"),
    ):
        group = hits_key.split("_")[0]
        p, r, f = prf(counts[hits_key], counts[f"{group}_found"], counts[f"{group}_gold"])
        r = counts[f"{hits_key}_recalled"] / max(1, counts[f"{group}_gold"])
        f = 2 * p * r / (p + r) if p + r else 0.0
        result.rows.append([name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(counts[f"{group}_gold"])])
        figures |= {
            f"{hits_key}_precision": round(p, 4),
            f"{hits_key}_recall": round(r, 4),
            f"{hits_key}_f1": round(f, 4),
        }
    speaker = counts["speaker_right"] / max(1, counts["speaker_matched"])
    result.rows.append(["speaker accuracy", "", "", f"{speaker:.3f}", str(counts["speaker_matched"])])
    figures["speaker_accuracy"] = round(speaker, 4)
    result.figures = figures
    return result


def _score(
    text: str,
    gold: list[tuple[Span, Span | None]],
    ours: list[Quote],
    counts: Counter[str],
    name: str,
    speakers: bool = False,
    partial_in: list[Span] | None = None,
) -> None:
    """Counts for one document; ``partial_in``: contents of other attributions, where a quote that matches
    no gold one is counted as ``<name>_partial``."""
    counts[f"{name}_gold"] += len(gold)
    counts[f"{name}_found"] += len(ours)
    spans = [(_trimmed(text, (q.start, q.end)), q) for q in ours]
    golds = [(_trimmed(text, c), s) for c, s in gold]
    counts[f"{name}_exact"] += sum(any(span == g for g, _ in golds) for span, _ in spans)
    counts[f"{name}_exact_recalled"] += sum(any(span == g for span, _ in spans) for g, _ in golds)
    matched = [any(overlapping(text, span, g) for g, _ in golds) for span, _ in spans]
    counts[name] += sum(matched)
    counts[f"{name}_partial"] += sum(
        not hit and any(_within(text, span, c) for c in partial_in or ())
        for hit, (span, _) in zip(matched, spans, strict=True)
    )
    counts[f"{name}_recalled"] += sum(any(overlapping(text, span, g) for span, _ in spans) for g, _ in golds)
    if speakers:
        for g, source in golds:
            match = next((q for span, q in spans if overlapping(text, span, g)), None)
            if match is not None and source is not None:
                counts["speaker_matched"] += 1
                ours_span = None
                if match.speaker_start is not None and match.speaker_end is not None:
                    ours_span = (match.speaker_start, match.speaker_end)
                counts["speaker_right"] += _overlaps(ours_span, source)

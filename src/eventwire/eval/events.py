"""Events: PLOVER type, mode and roles of the PLOVER GSR sentences, in k-fold cross-validation.

``--data plover_gsr.jsonl``: the classifier is trained, fold by fold, on the other folds plus the synthetic
stories and ConfliBERT sentences found beside it (``--cv``, default 5); ``--cv 0`` uses the packaged model,
which has seen these sentences. Each sentence's main event is the highest in the parse (then the most
confident); none counts as wrong. Also printed: the lexicon alone (no classifier). Mode accuracy is over
sentences with a gold mode (0.5b1 names read as the current ones); source and target match over gold
sources and targets: the actor of the event (or of one of the events of its trigger, where a role names
several actors) has a mention on the gold actor's words, in either role for an actor the markup gives as
both (SRC/TAR: the parties of a reciprocal event). Casualties: where ``PLOVER_GSR_CAMEO.json`` (the
records with their ``dead`` and ``injured``) lies beside the data, the main event's ``killed`` and
``injured`` against them, and how many sentences without a gold figure get one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from eventwire.annotators.base import actor_over
from eventwire.annotators.events import EventAnnotator, Match, find_triggers
from eventwire.classify.model import features, load_classifier
from eventwire.classify.train import cross_validate, find, read_gsr
from eventwire.config import Settings
from eventwire.errors import BAD_EVAL_DATA, EventwireError
from eventwire.eval import realnews
from eventwire.eval.metrics import EvalResult, prf
from eventwire.knowledge.events import PLOVER_TYPES
from eventwire.nlp import load_pipeline, settings_pipeline
from eventwire.records import Actor, Event

_ANNOTATORS = ("entities", "places", "actors", "times", "quantities")
_BOTH = re.compile(r"\(SRC/TAR: ([^)]*)\)")  # the parties of a reciprocal event: either role is right
_CASUALTIES = "PLOVER_GSR_CAMEO.json"  # the original records: they carry dead and injured
_OLD_MODES = {
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "riot-spon": "riot",
    "riot-org": "riot",
    "demo-org": "demo",
    "demo-spon": "demo",
    "detain": "arrest",
    "confiscate": "seize",
}


def evaluate(data: Path | None, settings: Settings, cv: int = 5, **options: object) -> EvalResult:
    if data is None or not data.is_file():
        raise EventwireError(
            BAD_EVAL_DATA,
            "give hand-coded articles (realnews/dev.jsonl) or PLOVER GSR plover_gsr.jsonl with --data",
            str(data),
        )
    if _is_realnews(data):
        return realnews.evaluate(data, settings, cv)
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    samples = read_gsr(data)
    nlp = settings_pipeline(settings, _ANNOTATORS)
    docs = list(nlp.pipe([s.text for s in samples], batch_size=64))
    if cv:
        feats = [features(d[:], find_triggers(d[:])) for d in docs]
        models = cross_validate(samples, feats, data, load_pipeline(settings.model, (), ()), cv)
    else:
        models = [load_classifier()] * len(docs)
    counts: Counter[str] = Counter()
    casualties = _casualties(data.parent / _CASUALTIES)
    for record, doc, model in zip(records, docs, models, strict=True):
        annotator = EventAnnotator(model, encoder=settings.event_encoder)
        found = annotator.sentence_events(doc[:], keep=0.0)  # each gold sentence holds an event
        gold = record["event_current"]
        main = _main(found)
        # A role naming several actors gives the trigger one event per actor: any of them may match.
        mains = [event for _, event in found if event.start == main.start] if main else []
        counts["sentences"] += 1
        counts["type_right"] += main is not None and main.type == gold
        counts["found"] += main is not None
        counts[f"gold:{gold}"] += 1
        if main is not None:
            counts[f"pred:{main.type}"] += 1
            counts[f"hit:{gold}"] += main.type == gold
        lexical = (
            min(found, key=lambda pair: (not pair[0].lexical, pair[0].depth, pair[0].head.i))[0].plover
            if found
            else None
        )
        counts["lexicon_right"] += lexical == gold
        if record.get("mode"):
            counts["with_mode"] += 1
            mode = _OLD_MODES.get(record["mode"], record["mode"])
            counts["mode_right"] += main is not None and main.type == gold and main.mode == mode
        if casualties:
            for field, gold_count in zip(
                ("killed", "injured"), casualties.get(record["id"], (None, None)), strict=True
            ):
                ours = getattr(main, field) if main is not None else None
                counts[f"{field}_gold"] += gold_count is not None
                counts[f"{field}_right"] += gold_count is not None and ours == gold_count
                counts[f"{field}_extra"] += gold_count is None and ours is not None
        actors = doc._.actors or []
        both = set(_BOTH.findall(record.get("markup") or ""))  # "(SRC/TAR: Hungarian) and (SRC/TAR: …)"
        for role, field in (("source", "actor"), ("target", "recipient")):
            for gold_actor in record.get(field) or []:
                span = find(record["text"], gold_actor["text"])
                if span is None:
                    continue
                roles = ("source", "target") if gold_actor["text"] in both else (role,)
                counts[f"{role}_gold"] += 1
                counts[f"{role}_right"] += any(_on(getattr(e, r), actors, span) for e in mains for r in roles)
    return _result(data, counts, cv)


def _casualties(path: Path) -> dict[str, tuple[int | None, int | None]]:
    """Each GSR record's dead and injured (None where it gives none), by id; empty without the file."""
    if not path.is_file():
        return {}
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(r["id"]): (_count(r.get("dead")), _count(r.get("injured")))
            for r in records
            if isinstance(r, dict)
        }
    except (ValueError, KeyError) as err:
        raise EventwireError(
            BAD_EVAL_DATA, f"cannot read the GSR records' casualties: {err}", str(path)
        ) from err


def _count(value: object) -> int | None:
    return int(text) if (text := str(value)).isdigit() else None


def _is_realnews(data: Path) -> bool:
    with data.open(encoding="utf-8") as lines:
        first = next((line for line in lines if line.strip()), "")
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "events" in record and "text" in record


def _main(found: list[tuple[Match, Event]]) -> Event | None:
    """The sentence's main event: of the lexicon's triggers (else of every candidate) the highest in the
    parse, then the most confident."""
    if not found:
        return None
    return min(found, key=lambda pair: (not pair[0].lexical, pair[0].depth, -(pair[1].confidence or 0.0)))[1]


def _on(actor_id: str | None, actors: list[Actor], span: tuple[int, int]) -> bool:
    actor = next((a for a in actors if a.id == actor_id), None)
    return actor is not None and actor_over([actor], *span) is not None


def _result(data: Path, counts: Counter[str], cv: int) -> EvalResult:
    n = counts["sentences"]
    f1s = []
    for plover in PLOVER_TYPES:
        if counts[f"gold:{plover}"]:
            f1s.append(prf(counts[f"hit:{plover}"], counts[f"pred:{plover}"], counts[f"gold:{plover}"])[2])
    figures: dict[str, float | int] = {
        "sentences": n,
        "evaluation": f"{cv}-fold" if cv else "packaged model (trained on these sentences)",  # type: ignore[dict-item]
        "type_accuracy": round(counts["type_right"] / n, 4),
        "type_macro_f1": round(sum(f1s) / len(f1s), 4),
        "lexicon_only_accuracy": round(counts["lexicon_right"] / n, 4),
        "with_event": round(counts["found"] / n, 4),
        "mode_accuracy": round(counts["mode_right"] / max(1, counts["with_mode"]), 4),
        "source_match": round(counts["source_right"] / max(1, counts["source_gold"]), 4),
        "target_match": round(counts["target_right"] / max(1, counts["target_gold"]), 4),
    }
    result = EvalResult(
        name=f"events ({figures['evaluation']})", data=str(data), headers=["measure", "value", "of"]
    )
    result.figures = figures
    result.rows = [
        ["event type accuracy", f"{figures['type_accuracy']:.3f}", str(n)],
        ["event type macro-F1", f"{figures['type_macro_f1']:.3f}", str(len(f1s))],
        ["lexicon alone: type accuracy", f"{figures['lexicon_only_accuracy']:.3f}", str(n)],
        ["sentences with an event", f"{figures['with_event']:.3f}", str(n)],
        ["mode accuracy", f"{figures['mode_accuracy']:.3f}", str(counts["with_mode"])],
        ["source match", f"{figures['source_match']:.3f}", str(counts["source_gold"])],
        ["target match", f"{figures['target_match']:.3f}", str(counts["target_gold"])],
    ]
    for field, gold_name in (("killed", "dead"), ("injured", "injured")):
        if counts[f"{field}_gold"]:
            figures[f"{field}_agreement"] = round(counts[f"{field}_right"] / counts[f"{field}_gold"], 4)
            figures[f"{field}_without_gold"] = counts[f"{field}_extra"]
            result.rows += [
                [
                    f"{field} = gold {gold_name}",
                    f"{figures[f'{field}_agreement']:.3f}",
                    str(counts[f"{field}_gold"]),
                ],
                [
                    f"{field} where the gold has no {gold_name}",
                    str(counts[f"{field}_extra"]),
                    str(n - counts[f"{field}_gold"]),
                ],
            ]
    return result

"""Event records from decided candidates: one per pair of source and target, with place, date, flags,
casualties and confidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.tokens import Doc, Token

from eventwire.annotators.base import clause_span, located
from eventwire.annotators.events.candidates import Match, clause_verb
from eventwire.annotators.events.modality import Modality
from eventwire.annotators.events.roles import Named
from eventwire.annotators.places import place_for_clause
from eventwire.annotators.times import time_for_clause
from eventwire.knowledge.events import cameo_codes
from eventwire.lang.en import events as en
from eventwire.records import Event, Quantity

_HISTORICAL_DAYS = 365


@dataclass(slots=True)
class Decided:
    """A candidate with its reading (the lexicon's type in its modality, or "" where it has none), the
    features the decision reads, and then the type and probability it gives."""

    match: Match
    modal: Modality
    plover: str
    mode: str | None
    cameo: str
    features: list[str]
    dense: np.ndarray  # the trigger word's vector in context
    confidence: float = 0.0


def build(
    doc: Doc,
    first_index: int,
    decided: Decided,
    pairs: list[tuple[Named | None, Named | None]],
    published: date | None,
) -> list[Event]:
    """The candidate's events, one per pair of source and target."""
    match, modal = decided.match, decided.modal
    verb = clause_verb(match)
    place = place_for_clause(doc, verb)
    when = time_for_clause(doc, verb)
    historical = bool(
        published
        and when
        and when.end_date
        and (published - date.fromisoformat(when.end_date)).days > _HISTORICAL_DAYS
    )
    killed, injured = casualties(verb, decided.plover, doc._.quantities or [])
    start, end = match.span
    events = []
    for index, (named_source, named_target) in enumerate(pairs, first_index):
        source, source_span = named_source or (None, None)
        target, target_span = named_target or (None, None)
        events.append(
            Event(
                **located(doc, "evt", index, start, end),
                type=decided.plover,
                mode=decided.mode,
                context=cameo_codes()[decided.cameo].context if decided.cameo in cameo_codes() else None,
                cameo=decided.cameo or None,
                source=source.id if source else None,
                source_start=source_span.start_char if source_span is not None else None,
                source_end=source_span.end_char if source_span is not None else None,
                target=target.id if target else None,
                target_start=target_span.start_char if target_span is not None else None,
                target_end=target_span.end_char if target_span is not None else None,
                place=place.id if place else None,
                date=when.value if when else (published.isoformat() if published else None),
                negated=modal.negated,
                hypothetical=modal.hypothetical or modal.question,
                future=modal.future,
                historical=historical,
                sentence_start=match.head.sent.start_char,
                sentence_end=match.head.sent.end_char,
                killed=killed,
                injured=injured,
                confidence=round(decided.confidence, 3),
            )
        )
    return events


def casualties(verb: Token, plover: str, quantities: list[Quantity]) -> tuple[int | None, int | None]:
    """People killed and injured in a violent event's clause (headed by ``verb``), else its sentence:
    the lowest figure given, vague counts as ACLED reads them ("dozens" 12, "hundreds" 100, "thousands"
    1000); never things shot down or counted ("shot down 92 of 151 drones")."""
    if plover != "ASSAULT":
        return None, None
    found: dict[str, list[int]] = {"killed": [], "wounded": []}
    for scope in (clause_span(verb), (verb.sent.start_char, verb.sent.end_char)):
        for quantity in quantities:
            if quantity.kind not in found or not (scope[0] <= quantity.start and quantity.end <= scope[1]):
                continue
            counted = (quantity.counted or "").lower().rstrip("s")
            if counted in en.NOT_PEOPLE:
                continue
            figure = _lowest(quantity)
            if figure is not None:
                found[quantity.kind].append(figure)
        if found["killed"] or found["wounded"]:
            break
    killed = min(found["killed"], default=None)
    return (_one_killed(verb) if killed is None else killed), min(found["wounded"], default=None)


def _one_killed(verb: Token) -> int | None:
    """1 where a killing verb's victim is one person named without a number ("killed the deputy chief",
    "a journalist has been killed", "a prisoner died"), as ACLED counts a named victim; else None."""
    lemma = verb.lemma_.lower()
    if lemma not in en.KILLING:
        return None
    roles = ("nsubj", "nsubjpass") if lemma in en.DYING else ("dobj", "nsubjpass")
    victim = next((c for c in verb.children if c.dep_ in roles), None)
    if victim is None or victim.tag_ not in ("NN", "NNP") or victim.ent_type_ not in ("", "PERSON"):
        return None
    if any(c.dep_ in ("nummod", "conj") for c in victim.children) or victim.lemma_.lower() in en.NOT_PEOPLE:
        return None
    return 1


def _lowest(quantity: Quantity) -> int | None:
    words = " ".join(quantity.text.lower().split())
    for vague, figure in en.VAGUE_COUNTS.items():
        if words == vague or words.startswith(vague + " "):
            return figure
    value = quantity.min if quantity.min is not None else quantity.value
    return int(value) if value is not None and value >= 0 else None

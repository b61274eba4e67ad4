"""Quantities: how many were killed, wounded, arrested, displaced or gathered; money; ages; other counts.

``normalize.numbers`` finds every number with its value or range. Here the parse says what it counts: the
noun it modifies ("12 fighters", "hundreds of protesters") and the verb over both ("killing 12 fighters",
"Dozens were killed", "thousands fled"). A count whose noun is an actor's mention is linked to that actor.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from eventwire.annotators.base import located, text_of
from eventwire.knowledge import agents
from eventwire.knowledge.countries import nationality
from eventwire.normalize.dates import MONTHS, WEEKDAYS
from eventwire.normalize.numbers import Number, find_numbers
from eventwire.records import Actor, Quantity

# Verb lemmas, then nouns, that say what a count counts.
KIND_VERBS = {
    "killed": {
        "kill",
        "die",
        "slay",
        "execute",
        "massacre",
        "perish",
        "murder",
        "behead",
        "shoot",
        "claim",
        "dead",
    },
    "wounded": {"wound", "injure", "hurt", "maim"},
    "arrested": {"arrest", "detain", "capture", "imprison", "jail", "round", "apprehend"},
    "displaced": {"flee", "displace", "evacuate", "uproot", "escape", "cross", "relocate"},
    "crowd": {
        "gather",
        "march",
        "rally",
        "protest",
        "demonstrate",
        "converge",
        "assemble",
        "throng",
        "chant",
    },
}
KIND_NOUNS = {
    "killed": {"dead", "death", "body", "fatality", "victim", "life", "toll"},
    "wounded": {"wounded", "injured", "injury", "casualty"},
    "arrested": {"arrest", "detainee", "prisoner"},
    "displaced": {"refugee", "displaced", "evacuee", "arrival", "migrant", "asylum-seeker"},
    "crowd": {"protester", "demonstrator", "marcher", "crowd", "mourner", "supporter"},
}
_REFUGE = {"refuge", "asylum", "shelter", "sanctuary"}
# Kinds whose count is who the act is done to: "Two bombers killed 23 people" counts 23 killed, not 2.
_DONE_TO = frozenset({"killed", "wounded", "arrested"})
PEOPLE = {
    "people",
    "person",
    "man",
    "woman",
    "child",
    "girl",
    "boy",
    "schoolgirl",
    "schoolboy",
    "civilian",
    "resident",
    "member",
    "family",
    "villager",
    "worker",
    "student",
    "passenger",
    "pilgrim",
    "tourist",
    "hostage",
    "inhabitant",
    "youth",
}
_NUMBER_FORMS = {"money": "money", "age": "age", "percent": "other"}
_DATE_WORD = re.compile(
    rf"\b(?:{'|'.join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True))}|(?:19|20)\d{{2}}|"
    r"day|week|month|year|decade|hour|minute|ago|a\.m|p\.m|today|yesterday|tomorrow)",
    re.IGNORECASE,
)


class QuantityAnnotator:
    """Writes ``doc._.quantities``: Quantity records with kind, value or range, unit and what they count."""

    def __call__(self, doc: Doc) -> Doc:
        dates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        actors = doc._.actors or []
        quantities: list[Quantity] = []
        for number in find_numbers(text_of(doc)):
            span = doc.char_span(number.start, number.end, alignment_mode="expand")
            if span is None or _inside_date(number, span, dates):
                continue
            counted = _counted(span)
            quantities.append(
                Quantity(
                    **located(doc, "qty", len(quantities), number.start, number.end),
                    kind=_NUMBER_FORMS.get(number.form) or kind_of(span, counted),
                    value=number.value,
                    min=number.min,
                    max=number.max,
                    unit=number.unit,
                    approx=number.approx,
                    counted=counted.text if counted is not None else None,
                    actor=_actor(counted, actors),
                )
            )
        doc._.quantities = quantities
        return doc


def _inside_date(number: Number, span: Span, dates: list[Span]) -> bool:
    """Whether a number is part of a date or a duration: "15 August", "two days" (not "Between 10 and 20",
    which the model sometimes calls a date)."""
    if number.form in ("money", "percent", "age"):
        return False
    return any(
        d.start_char <= number.start and number.end <= d.end_char and _DATE_WORD.search(d.text) for d in dates
    )


def _counted(span: Span) -> Token | None:
    """The noun a number counts: "12 fighters", "hundreds of protesters", "4,500 new arrivals", "92 of 151
    drones"."""
    root = span.root
    while root.dep_ in ("quantmod", "nummod") and root.head.pos_ == "NUM" and root.head.i != root.i:
        root = root.head  # a number that modifies another counts what that one counts
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    for child in root.children:  # "hundreds of protesters"
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def kind_of(span: Span, counted: Token | None) -> str:
    """killed, wounded, arrested, displaced, crowd, people or other, by the counted noun and its verb."""
    noun = (counted.lemma_ if counted is not None else span.root.lemma_).lower()
    for kind, nouns in KIND_NOUNS.items():
        if noun in nouns:
            return kind
    head = counted if counted is not None else span.root
    # the subject of a verb with an object is the one who acts
    acting = head.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in head.head.children)
    for verb in _verbs_over(head):
        for kind, verbs in KIND_VERBS.items():
            if verb.lemma_.lower() in verbs and not (acting and verb.i == head.head.i and kind in _DONE_TO):
                return kind
        if {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"} & _REFUGE:  # "sought refuge"
            return "displaced"
        subjects = {c.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        for kind, nouns in KIND_NOUNS.items():  # "the death toll rose to 40"
            if subjects & nouns:
                return kind
    agent = agents().get(noun)
    people = noun in PEOPLE or (agent is not None and agent.sector != "BUS")
    if (
        counted is not None and counted.tag_ in ("NNPS", "NNS") and nationality(counted.text)
    ):  # "168 Liberians"
        people = True
    return "people" if people else "other"


def _verbs_over(token: Token) -> list[Token]:
    """The verb the token depends on, then the verbs its clause hangs from, nearest first; a subject raised
    out of a passive's complement belongs to the complement first ("Thousands are thought to have been
    killed": killed)."""
    verbs = []
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX") or token.lemma_.lower() == "dead":
            raised = _raised_from(token)
            verbs += [*raised, token]
            if raised:  # the subject's own clause: the verbs it hangs from are not its
                break
            if token.dep_ not in ("xcomp", "conj", "advcl", "relcl"):
                break
    return verbs


def _raised_from(verb: Token) -> list[Token]:
    """The complements of a passive verb of saying or thinking, innermost first ("are thought to have been
    killed", "were reported to be missing")."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    found: list[Token] = []
    token = verb
    while (
        inner := next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    ) is not None:
        found.insert(0, inner)
        token = inner
    return found


def _actor(counted: Token | None, actors: list[Actor]) -> str | None:
    """The actor whose mention is in the counted noun phrase: "12 Isis fighters" counts Islamic State's."""
    if counted is None:
        return None
    modifiers = [c for c in counted.lefts if c.dep_ in ("compound", "amod", "nmod")]
    start = min([counted.idx, *(c.left_edge.idx for c in modifiers)])
    end = counted.idx + len(counted)
    return next((a.id for a in actors for s, e in a.mentions if s < end and start < e), None)

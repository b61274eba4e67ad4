"""How a clause presents its event (negated, future, hypothetical, intended, obliged, refused, conditional),
and the PLOVER reading of a lexicon trigger in that modality ("must withdraw" is a demand, "will visit" an
intent to meet, "will attack" a threat)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.annotators.events.candidates import Match, clause_verb
from eventwire.knowledge.events import COOPERATIVE, HOSTILE, TYPE_CAMEO, cameo_codes
from eventwire.lang.en import events as en

_REQUESTED = {
    "AID": "assist",
    "COOPERATE": "assist",
    "CONSULT": "meet",
    "RETREAT": "yield",
    "CONCEDE": "yield",
}
_REFUSED = {"CONSULT": "125", "CONCEDE": "124", "RETREAT": "124", "AID": "121", "COOPERATE": "121",
            "SUPPORT": "120", "AGREE": "127"}  # fmt: skip
_THREATENED = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "restrict"}
_SURE, _UNLIKELY = 0.6, 0.15  # when the sentence classifier's type replaces the lexicon's


@dataclass(slots=True)
class Modality:
    negated: bool = False  # "did not attack", "refused to release"
    hypothetical: bool = False  # "could attack", "if they attack"
    future: bool = False  # "will attack"
    intent: bool = False  # "is ready to send", "plans to visit"
    obliged: bool = False  # "must return", "should withdraw"
    refused: bool = False  # "refused to release", "would not meet": a rejection, not an act
    conditional: bool = False  # "will withdraw unless …", "may halt mediation if …": a condition set on it
    question: bool = False  # "Will Russia attack?"


def modality(match: Match) -> Modality:
    """How the trigger's clause presents the event, from its verb and the verbs and adjectives above it."""
    verb = clause_verb(match)
    found = Modality()
    # "not only … but also" denies nothing
    found.negated = any(
        c.dep_ == "neg" and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in en.NOT_ONLY)
        for c in verb.children
    ) or any(c.dep_ == "det" and c.lower_ == en.NO for c in match.head.children)
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if en.WOULD in auxiliaries and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in en.SAYING:
        auxiliaries = (auxiliaries - {en.WOULD}) | {"will"}  # "Iraq said it would allow": reported future
    found.future = bool(auxiliaries & en.FUTURE)
    found.obliged = bool(auxiliaries & en.OBLIGATION)
    found.hypothetical = bool(auxiliaries & en.MODAL) or any(
        c.dep_ == "mark" and c.lower_ in en.CONDITIONS for c in verb.children
    )
    found.conditional = any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in en.CONDITIONS for g in c.children)
        for c in verb.children
    )
    found.question = match.head.sent.text.rstrip().endswith("?")
    token = verb
    while _complement(token) and token.head.i != token.i:
        token = token.head
        lemma = token.lemma_.lower()
        found.intent = found.intent or lemma in en.INTENT
        found.hypothetical = found.hypothetical or lemma in en.IRREALIS
        found.negated = found.negated or lemma in en.NEGATING
        found.refused = found.refused or lemma in en.NEGATING
        above = {c.lower_ for c in token.children if c.dep_ == "aux"}
        found.future = found.future or bool(above & en.FUTURE)
        found.obliged = found.obliged or bool(above & en.OBLIGATION)
    found.hypothetical = found.hypothetical and not (found.future or found.intent)
    found.refused = found.refused or (found.negated and (found.future or found.intent))
    return found


def _complement(verb: Token) -> bool:
    """A clause that completes the verb above it, or an infinitive the parser hung as an adverbial ("have
    sworn to fight")."""
    if verb.dep_ == "advcl":
        return any(c.dep_ == "aux" and c.lower_ == en.TO for c in verb.children)
    return verb.dep_ in ("xcomp", "ccomp", "conj", "acomp")


def reading(match: Match, modal: Modality, scores: dict[str, float]) -> tuple[str, str | None, str]:
    """PLOVER type, mode and CAMEO code of a lexicon trigger, read in its clause's modality, then the
    sentence classifier's type where it is sure and the lexicon's type is unlikely. ("", None, "") for a
    candidate the lexicon does not code."""
    if match.trigger is None or not match.coded:
        return "", None, ""
    code = match.trigger.code
    plover, mode, cameo = code.plover or "", code.mode, code.cameo
    if modal.refused and (plover in COOPERATIVE or plover == "AGREE"):
        cameo = _REFUSED[plover]  # CAMEO's "decline to yield", "reject proposal to meet" …
        plover, mode = "REJECT", cameo_codes()[cameo].mode
    elif modal.obliged and plover not in ("REQUEST", "THREATEN", "REJECT"):
        plover, mode, cameo = "REQUEST", _REQUESTED.get(plover, "change"), "100"
    elif (modal.future or modal.intent) and not modal.negated and plover in COOPERATIVE:
        plover, mode, cameo = "AGREE", None, "036" if plover == "CONSULT" else "030"
    elif (modal.future or modal.intent or modal.conditional) and plover in HOSTILE:
        plover, mode, cameo = "THREATEN", _THREATENED.get(plover), "138" if plover == "ASSAULT" else "130"
    top = max(scores, key=scores.__getitem__, default=None)
    if (
        top
        and cameo == code.cameo
        and top != plover
        and scores[top] >= _SURE
        and scores.get(plover, 0.0) < _UNLIKELY
    ):
        plover, mode, cameo = top, None, TYPE_CAMEO[top]
    return plover, mode, cameo

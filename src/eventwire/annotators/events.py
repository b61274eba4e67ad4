"""Events: who did what to whom, where and when, one record per event trigger in a clause.

A trigger is a word of the lexicon (``knowledge/data/triggers.tsv``) with the words that must depend on it
("imposed a curfew", "called for talks"); it gives the CAMEO code and, through the CAMEO → PLOVER table, the
PLOVER type, mode and context. A noun is a trigger only as a verb's subject or object ("launched an
offensive", "clashes erupted"), not as the topic of another event ("condemned the attack") or a modifier.
Roles come from the parse: the subject is the source, the object (or the subject of a passive) the target,
a "by" phrase the source of a passive; a verb without a subject of its own takes the one of the verb it
depends on ("agreed to release"). Place and date are the clause's, else the sentence's; the date falls back
to the publication date. ``events.classifier`` gives each event the probability of its type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.annotators.base import actor_over, latest_actor, located
from eventwire.annotators.places import place_for_clause
from eventwire.annotators.times import published_date, time_for_clause
from eventwire.classify.model import Classifier, features, load_classifier
from eventwire.knowledge.events import COOPERATIVE, HOSTILE, TYPE_CAMEO, Trigger, cameo_codes, triggers
from eventwire.records import Actor, Event

_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "oprd", "conj"})
_LOOK_THROUGH = frozenset(
    {"prep", "agent", "prt", "dobj", "pobj", "compound", "amod", "acomp", "nmod", "npadvmod"}
)
_LOOK_UP = frozenset({"dobj", "pobj", "compound", "amod", "nsubjpass", "attr", "nsubj", "npadvmod"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_TARGET_PREPS = frozenset({"against", "on", "with", "to", "at", "into", "upon", "toward", "towards"})
_FUTURE = frozenset({"will", "shall", "'ll"})
_MODAL = frozenset({"could", "would", "may", "might", "should", "must", "can", "'d"})
# Verbs whose complement has not (yet) happened: "threatened to attack", "agreed to release".
_IRREALIS = frozenset(
    "threaten plan want aim seek try attempt promise vow pledge agree offer propose urge demand call ask "
    "intend hope expect prepare consider refuse decline fail warn".split()
)
_NEGATING = frozenset({"fail", "refuse", "decline"})
_INTENT = frozenset(
    "ready willing prepared plan intend promise pledge vow offer decide agree swear determined".split()
)
_OBLIGATION = frozenset({"must", "should"})
_REQUESTED = {
    "AID": "assist",
    "COOPERATE": "assist",
    "CONSULT": "meet",
    "RETREAT": "yield",
    "CONCEDE": "yield",
}
_THREATENED = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "restrict"}
_SURE, _UNLIKELY = 0.6, 0.15  # when the classifier's type replaces the lexicon's
_HISTORICAL_DAYS = 365
_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b(?!-)")
_SPORT = frozenset(
    "match league cup tournament championship striker goalkeeper midfielder scorer penalty "
    "innings wicket touchdown quarterback playoff playoffs semifinal semi-final olympics fixture derby "
    "squad".split()
)
# Codes that need a person or group released or returned: "released a film" is no concession.
_NEEDS_TARGET = frozenset({"0841", "0842"})
_FALL_TO = frozenset({"fall", "fall to", "fall into hand"})


@dataclass(slots=True)
class Match:
    """A trigger found in the text: its head token and the tokens of its other words."""

    head: Token
    tokens: frozenset[int]
    trigger: Trigger

    @property
    def plover(self) -> str:
        return self.trigger.code.plover or ""

    @property
    def cameo(self) -> str:
        return self.trigger.code.cameo

    @property
    def pattern(self) -> str:
        return self.trigger.text

    @property
    def depth(self) -> int:
        depth, token = 0, self.head
        while token.head.i != token.i:
            depth, token = depth + 1, token.head
        return depth


def find_triggers(sent: Span) -> list[Match]:
    """The event triggers of a sentence, most specific first where two share a word; statements excluded.
    A sentence about a game ("beat Liverpool 2-1") reports none: its verbs of combat are figures of speech."""
    if _SCORE.search(sent.text) or any(t.lemma_.lower() in _SPORT for t in sent):
        return []
    candidates = [m for token in sent if (m := _match(token)) is not None]
    candidates.sort(key=lambda m: (-len(m.trigger.words), m.depth, m.head.i))
    taken: set[int] = set()
    kept: list[Match] = []
    for match in candidates:
        if match.tokens & taken:
            continue
        taken |= match.tokens
        if match.trigger.code.plover is not None:
            kept.append(match)
    verbs = {m.head.i for m in kept if m.head.pos_ in ("VERB", "AUX")}
    return sorted((m for m in kept if _reports_event(m, verbs)), key=lambda m: m.head.i)


def _lemmas(token: Token) -> tuple[str, ...]:
    lemma, lower = token.lemma_.lower(), token.lower_
    return (lemma,) if lemma == lower else (lemma, lower)


def _pos_ok(token: Token, pos: str | None) -> bool:
    if pos == "v":
        return token.pos_ in ("VERB", "AUX")
    if pos == "n":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")


def _neighbourhood(token: Token) -> list[Token]:
    """The tokens a trigger's other words may be: its dependents, theirs through prepositions, particles and
    objects, and its own head when it is that head's object or modifier ("imposed a curfew" from "curfew")."""
    near = []
    for child in token.children:
        near.append(child)
        if child.dep_ in _LOOK_THROUGH:
            near.extend(grandchild for grandchild in child.children)
    if token.dep_ in _LOOK_UP and token.head.i != token.i:
        near.append(token.head)
        near.extend(c for c in token.head.children if c.dep_ in ("prt", "compound") and c.i != token.i)
    return near


def _match(token: Token) -> Match | None:
    options: list[Trigger] = []
    for lemma in _lemmas(token):
        options.extend(triggers().get(lemma, ()))
    best: Match | None = None
    for trigger in options:
        if best is not None and len(trigger.words) < len(best.trigger.words):
            break
        tokens = _fit(token, trigger)
        if tokens is not None and (best is None or len(trigger.words) > len(best.trigger.words)):
            best = Match(token, tokens, trigger)
    return best


def _fit(token: Token, trigger: Trigger) -> frozenset[int] | None:
    """The tokens that realise ``trigger`` with ``token`` as one of its words, or None."""
    lemmas = _lemmas(token)
    own = next((w for w in trigger.words if w.lemma in lemmas and _pos_ok(token, w.pos)), None)
    if own is None:
        return None
    used = {token.i}
    near = _neighbourhood(token)
    for word in trigger.words:
        if word is own:
            continue
        found = next(
            (
                t
                for t in near
                if t.i not in used and word.lemma in _lemmas(t) and (word.pos is None or _pos_ok(t, word.pos))
            ),
            None,
        )
        if found is None:
            return None
        used.add(found.i)
    return frozenset(used)


def _reports_event(match: Match, verbs: set[int]) -> bool:
    """A verb trigger always; a noun only as a clause's subject or object, not the topic of an event verb."""
    head = match.head
    if match.pattern == "fall":  # "Mosul fell": only a place falls in a war
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return False
        words = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
        return any(words[0] <= p.start and p.end <= words[1] for p in head.doc._.places or [])
    if head.pos_ in ("VERB", "AUX"):
        return head.dep_ not in ("amod", "compound")
    if head.dep_ not in _NOUN_ROLES or (head.dep_ == "conj" and head.head.pos_ not in ("NOUN", "PROPN")):
        return False
    return head.head.i not in verbs or head.head.i in match.tokens


def _clause_verb(match: Match) -> Token:
    """The verb whose clause the event is in: the trigger itself, or the verb a noun trigger depends on."""
    head = match.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.head if head.dep_ != "ROOT" else head


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is an infinitive, a conjunct or a gerund of ("exerted its
    influence by toppling"); a relative pronoun stands for the noun its clause describes."""
    for _ in range(6):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def roles(match: Match) -> tuple[Token | None, Token | None]:
    """Source and target tokens of an event."""
    head, verb = match.head, _clause_verb(match)
    source: Token | None = None
    target: Token | None = None
    if match.pattern in _FALL_TO:  # "Raqqa is falling into the hands of Kurdish forces": the taker
        return _taker(head), None
    if head.pos_ not in ("VERB", "AUX"):
        source = next((c for c in head.children if c.dep_ == "poss"), None) or _by(head)
        if source is None and head.dep_ in ("dobj", "attr"):
            source = _subject(verb)
        target = _prep_object(head)
    else:
        passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            source, target = _by(head), passive
        else:
            source = _subject(head)
            target = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
    if target is None:
        target = _prep_object(verb) if verb.i != head.i or head.pos_ in ("VERB", "AUX") else None
    if target is not None and source is not None and target.i == source.i:
        target = None
    return source, target


def _taker(fall: Token) -> Token | None:
    for child in fall.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "into"):
            taker = next((c for c in child.children if c.dep_ == "pobj"), None)
            if taker is not None and taker.lemma_ == "hand":
                return next((g for c in taker.children if c.lower_ == "of" for g in c.children), None)
            return taker
    return None


def _by(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _prep_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def _actor_at(token: Token | None, actors: list[Actor]) -> tuple[Actor | None, Span | None]:
    """The actor a role token stands for: one with a mention on it or within its phrase; a pronoun's is the
    latest actor of its kind named before it."""
    if token is None:
        return None, None
    doc = token.doc
    # The role's noun phrase without the clauses that describe it: "a rebel assault", not "that saw ...".
    clauses = [c for c in token.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp")]
    end = min([c.left_edge.i for c in clauses if c.i > token.i], default=token.right_edge.i + 1)
    phrase = doc[token.left_edge.i : max(end, token.i + 1)]
    on_token = actor_over(actors, token.idx, token.idx + 1)
    if on_token is not None:
        return on_token, phrase
    inside = [
        (abs(s - token.idx), a)
        for a in actors
        for s, e in a.mentions
        if s < phrase.end_char and phrase.start_char < e
    ]
    if inside:
        return min(inside, key=lambda pair: pair[0])[1], phrase
    if token.pos_ == "PRON":
        people = token.lower_ in ("he", "him", "she", "her")
        latest = latest_actor(actors, token.idx, lambda a: (a.kind == "person") == people)
        if latest is not None:
            return latest, doc[token.i : token.i + 1]
    return None, phrase


@dataclass(slots=True)
class Modality:
    negated: bool = False  # "did not attack", "refused to release"
    hypothetical: bool = False  # "could attack", "if they attack"
    future: bool = False  # "will attack"
    intent: bool = False  # "is ready to send", "plans to visit"
    obliged: bool = False  # "must return", "should withdraw"


def modality(match: Match) -> Modality:
    """How the trigger's clause presents the event, from its verb and the verbs and adjectives above it."""
    verb = _clause_verb(match)
    found = Modality()
    found.negated = any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in match.head.children
    )
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    found.future = bool(auxiliaries & _FUTURE)
    found.obliged = bool(auxiliaries & _OBLIGATION)
    found.hypothetical = bool(auxiliaries & _MODAL) or any(
        c.dep_ == "mark" and c.lower_ == "if" for c in verb.children
    )
    token = verb
    while token.dep_ in ("xcomp", "ccomp", "conj", "acomp") and token.head.i != token.i:
        token = token.head
        lemma = token.lemma_.lower()
        found.intent = found.intent or lemma in _INTENT
        found.hypothetical = found.hypothetical or lemma in _IRREALIS
        found.negated = found.negated or lemma in _NEGATING
        above = {c.lower_ for c in token.children if c.dep_ == "aux"}
        found.future = found.future or bool(above & _FUTURE)
        found.obliged = found.obliged or bool(above & _OBLIGATION)
    found.hypothetical = found.hypothetical and not (found.future or found.intent)
    return found


def reading(match: Match, modal: Modality, scores: dict[str, float]) -> tuple[str, str | None, str]:
    """PLOVER type, mode and CAMEO code of an event: the trigger's, read in its clause's modality ("must
    withdraw" is a demand, "will visit" an intent to meet, "will attack" a threat), then the classifier's type
    where it is sure and the lexicon's type is unlikely."""
    code = match.trigger.code
    plover, mode, cameo = code.plover or "", code.mode, code.cameo
    if modal.obliged and plover not in ("REQUEST", "THREATEN", "REJECT"):
        plover, mode, cameo = "REQUEST", _REQUESTED.get(plover, "change"), "100"
    elif (modal.future or modal.intent) and not modal.negated and plover in COOPERATIVE:
        plover, mode, cameo = "AGREE", None, "036" if plover == "CONSULT" else "030"
    elif (modal.future or modal.intent) and plover in HOSTILE:
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


class EventAnnotator:
    """Writes ``doc._.events``: Event records with their roles, place, date and flags."""

    def __init__(self, classifier: Classifier | None = None) -> None:
        self.classifier = classifier or load_classifier()

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        for sent in doc.sents:
            events.extend(event for _, event in self.sentence_events(sent, len(events)))
        doc._.events = events
        return doc

    def sentence_events(self, sent: Span, first_index: int = 0) -> list[tuple[Match, Event]]:
        """The events of one sentence with the triggers they came from."""
        matches = find_triggers(sent)
        if not matches:
            return []
        scores = self.classifier.predict("type", features(sent, matches))
        doc, published = sent.doc, published_date(sent.doc)
        alone = len(matches) == 1  # the sentence's type is then this event's type
        found: list[tuple[Match, Event]] = []
        for match in matches:
            event = _event(doc, first_index + len(found), match, doc._.actors or [], published, scores, alone)
            if event.target is not None or match.trigger.code.cameo not in _NEEDS_TARGET:
                found.append((match, event))
        return found


def _event(
    doc: Doc,
    index: int,
    match: Match,
    actors: list[Actor],
    published: date | None,
    scores: dict[str, float],
    alone: bool,
) -> Event:
    modal = modality(match)
    plover, mode, cameo = reading(match, modal, scores if alone else {})
    source_token, target_token = roles(match)
    source, source_span = _actor_at(source_token, actors)
    target, target_span = _actor_at(target_token, actors)
    if target is not None and source is not None and target.id == source.id:
        target, target_span = None, None
    verb = _clause_verb(match)
    place = place_for_clause(doc, verb)
    when = time_for_clause(doc, verb)
    historical = bool(
        published
        and when
        and when.end_date
        and (published - date.fromisoformat(when.end_date)).days > _HISTORICAL_DAYS
    )
    tokens = sorted(match.tokens)
    first, last = doc[tokens[0]], doc[tokens[-1]]
    return Event(
        **located(doc, "evt", index, first.idx, last.idx + len(last)),
        type=plover,
        mode=mode,
        context=cameo_codes()[cameo].context if cameo in cameo_codes() else None,
        cameo=cameo,
        source=source.id if source else None,
        source_start=source_span.start_char if source and source_span else None,
        source_end=source_span.end_char if source and source_span else None,
        target=target.id if target else None,
        target_start=target_span.start_char if target and target_span else None,
        target_end=target_span.end_char if target and target_span else None,
        place=place.id if place else None,
        date=when.value if when else (published.isoformat() if published else None),
        negated=modal.negated,
        hypothetical=modal.hypothetical,
        future=modal.future,
        historical=historical,
        sentence_start=match.head.sent.start_char,
        sentence_end=match.head.sent.end_char,
        confidence=_confidence(match, source is not None, target is not None, scores.get(plover, 0.0)),
    )


def _confidence(match: Match, has_source: bool, has_target: bool, type_probability: float) -> float:
    """Half from the lexicon (a verb, a longer pattern, roles found), half from the classifier."""
    lexical = 0.4 + 0.2 * (match.head.pos_ in ("VERB", "AUX")) + 0.1 * (len(match.trigger.words) > 1)
    lexical += 0.2 * has_source + 0.1 * has_target
    return round(0.5 * min(lexical, 1.0) + 0.5 * type_probability, 3)

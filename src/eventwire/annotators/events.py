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
_TARGET_PREPS = frozenset(
    {"against", "on", "with", "to", "at", "into", "upon", "toward", "towards", "from", "between"}
)
# Verbs whose object is what moves; the target is where or to whom it goes ("offered its troops to Lebanon").
_TRANSFER = frozenset(
    "send give offer provide deliver donate supply sell lend grant withdraw deploy dispatch transfer ship "
    "extend pull remove evacuate return move airlift".split()
)
_MOVED = frozenset({"to", "from", "into", "in", "for"})
_IN = frozenset({"in"})  # last resort: the place of the event stands for its target ("bombs in Kabul")
# Reasons and examples: what lies under them is no target ("executed for much less reason, such as contact
# with Syrian opposition groups").
_ASIDE = frozenset({"for", "such"})
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
_REFUSED = {"CONSULT": "125", "CONCEDE": "124", "RETREAT": "124", "AID": "121", "COOPERATE": "121",
            "SUPPORT": "120", "AGREE": "127"}  # fmt: skip
_SAYING = frozenset("say tell announce state declare add report insist warn claim confirm".split())
_THREATENED = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "restrict"}
_SURE, _UNLIKELY = 0.6, 0.15  # when the classifier's type replaces the lexicon's
_HISTORICAL_DAYS = 365
_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b(?!-)")
_SPORT = frozenset(
    "match league cup tournament championship striker goalkeeper midfielder scorer "
    "innings wicket touchdown quarterback playoff playoffs semifinal semi-final olympics fixture derby "
    "squad".split()
)
# Codes that need a person or group released or returned: "released a film" is no concession.
_NEEDS_TARGET = frozenset({"0841", "0842"})
_MOST_JOINED = 8  # actors joined in one role ("Iran, Libya, North Korea, Sudan and Cuba")
_FALL_TO = frozenset({"fall", "fall to", "fall into hand"})
# Nouns that only frame the event noun they hold: "a mediation effort", "three days of talks".
_FRAMES = frozenset(
    "effort mission bid attempt campaign operation process initiative day week hour month night round series "
    "wave spate string".split()
)
# A verb that orders another event is no event of its own: "ordered the paper to suspend publication",
# "ordered patrols" are the suspension and the patrols, by whoever ordered them.
_ORDERING = frozenset({"order"})


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
    if _SCORE.search(sent.text) or any(t.lemma_.lower() in _SPORT and t.pos_ == "NOUN" for t in sent):
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
    verbs = {m.head.i for m in kept if m.head.pos_ in ("VERB", "AUX") and m.pattern not in _ORDERING}
    reported = [m for m in kept if _reports_event(m, verbs)]
    return sorted((m for m in reported if not _orders_another(m, reported)), key=lambda m: m.head.i)


def _orders_another(match: Match, matches: list[Match]) -> bool:
    if match.pattern not in _ORDERING:
        return False
    below = {t.i for t in match.head.subtree} - {match.head.i}
    return any(m.head.i in below for m in matches)


def _framed(noun: Token) -> Token:
    """The noun that plays an event noun's part in its clause: the frame around it ("launched a mediation
    effort", "ten days of war games"), or the noun itself."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in _FRAMES:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _FRAMES:
        return noun.head.head
    return noun


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
    again = _again(token)
    if not options and again:
        options.extend(triggers().get(again, ()))
    best: Match | None = None
    for trigger in options:
        if best is not None and len(trigger.words) < len(best.trigger.words):
            break
        tokens = _fit(token, trigger)
        if tokens is not None and (best is None or len(trigger.words) > len(best.trigger.words)):
            best = Match(token, tokens, trigger)
    return best


def _again(token: Token) -> str | None:
    """ "reimposed", "re-opened": the lemma of the act done again, where the word itself is no trigger."""
    lemma = token.lemma_.lower()
    bare = lemma.removeprefix("re").lstrip("-")
    return bare if lemma.startswith("re") and len(bare) > 3 and lemma not in triggers() else None


def _fit(token: Token, trigger: Trigger) -> frozenset[int] | None:
    """The tokens that realise ``trigger`` with ``token`` as one of its words, or None."""
    again = _again(token)
    lemmas = (*_lemmas(token), again) if again else _lemmas(token)
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
    head = _framed(head)
    if head.dep_ not in _NOUN_ROLES or (head.dep_ == "conj" and head.head.pos_ not in ("NOUN", "PROPN")):
        return False
    return head.head.i not in verbs or head.head.i in match.tokens


def _clause_verb(match: Match) -> Token:
    """The verb whose clause the event is in: the trigger itself, or the verb a noun trigger depends on."""
    head = match.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    head = _framed(head)
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


def roles(match: Match) -> tuple[list[Token], list[Token]]:
    """Source and target candidates of an event, best first: the first that names an actor is taken."""
    head, verb = match.head, _clause_verb(match)
    if match.pattern in _FALL_TO:  # "Raqqa is falling into the hands of Kurdish forces": the taker
        return _present(_taker(head)), []
    if head.pos_ not in ("VERB", "AUX"):
        sources = _present(next((c for c in head.children if c.dep_ == "poss"), None), _by(head))
        verb_subject, frame = _subject(verb), _framed(head)
        if verb.lemma_.lower() in _ORDERING:  # "the government ordered patrols by police": the government
            sources[:0] = _present(verb_subject)
        elif frame.dep_ in ("dobj", "attr"):
            sources += _present(verb_subject)
        targets = _prep_objects(head)
        if frame.i != head.i:  # "a mediation effort between the Emirates and Saudi Arabia"
            targets += _prep_objects(frame)
        if verb.i != head.i:
            targets += _prep_objects(verb)
        below = [*_below(head, None), *(_below(verb, verb_subject) if verb.i != head.i else [])]
        return sources, [*targets, *below, *_prep_objects(head, _IN)]
    passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return _present(_by(head)), [passive, *_prep_objects(head)]
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    if head.lemma_.lower() in _TRANSFER:  # "sent troops to Bosnia": the one they go to or leave is the target
        objects = [*_prep_objects(head, _MOVED), *objects]
    # "demanded that the US cancel", "threatened to shell Iraqi towns": the one the demand or threat is on
    clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    inner = [t for c in clauses for t in _present(next((g for g in c.children if g.dep_ in _SUBJECTS), None))]
    inner += [g for c in clauses for g in c.children if g.dep_ in ("dobj", "dative")]
    inner += [t for c in clauses for t in _prep_objects(c)]
    subject = _subject(head)
    near = [*objects, *_prep_objects(head), *inner, *(t for o in objects for t in _prep_objects(o))]
    return _present(subject), [*near, *_below(head, subject), *_prep_objects(head, _IN)]


def _below(head: Token, subject: Token | None) -> list[Token]:
    """The nouns under the trigger, nearest first, outside its subject and the clauses that describe its
    words: the target furthest from the verb ("a new offensive in its war with Iraq"), in a purpose or a
    condition ("staged demonstrations to demand reforms by Suharto's government", "unless Israel …")."""
    skip = {t.i for t in subject.subtree} if subject is not None else set()

    def under(token: Token) -> list[Token]:
        return [
            c
            for c in token.children
            if c.i not in skip and c.dep_ not in ("relcl", "acl") and c.lower_ not in _ASIDE
        ]

    found, level = [], under(head)
    while level:
        found += [t for t in level if t.pos_ in ("PROPN", "NOUN")]
        level = [c for t in level for c in under(t)]
    return found


def _demander(verb: Token) -> Token | None:
    """Who says that something must happen: the subject of the clause "X must …" depends on, or of the
    verb of the noun it describes ("issued a reminder to Iraq that it must …")."""
    token = verb
    while token.dep_ in ("ccomp", "acl", "xcomp", "conj") and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        if token.pos_ in ("VERB", "AUX") and token.i != verb.i:
            return _subject(token)
    return None


def _present(*tokens: Token | None) -> list[Token]:
    return [t for t in tokens if t is not None]


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


def _prep_objects(token: Token, preps: frozenset[str] = frozenset()) -> list[Token]:
    """The objects of the token's prepositions that can name a target: "attacks on X", "aid to X"; with
    ``preps``, of those."""
    return [
        c
        for child in token.children
        if child.dep_ in ("prep", "dative") and child.lower_ in (preps or _TARGET_PREPS)
        for c in child.children
        if c.dep_ == "pobj"
    ]


Named = tuple[Actor, Span | None]  # an actor and the words that name it in the role


def _first_actors(
    tokens: list[Token], actors: list[Actor], source: Actor | None = None, target: bool = False
) -> list[Named]:
    """The actor of the first candidate that names one other than the source, and those joined to it
    ("lift embargoes on Iran, Libya and Sudan": one event each, as PETRARCH codes compound actors). For a
    target, one that is placed (a country, a state, a named body or person) comes before a bare group: in
    "deployed peacekeepers in East Timor", "killed 23 people in Tel Aviv" the group is the means or the
    victims, the place the side acted on."""
    fallback: list[Named] = []
    for token in tokens:
        actor, span = _actor_at(token, actors)
        if actor is None or (source is not None and actor.id == source.id):
            continue
        named = [(actor, span)]
        anchor = _named_by(actor, span, token)
        for joined in anchor.conjuncts[:_MOST_JOINED]:
            other, words = _actor_at(joined, actors)
            if other is not None and all(other.id not in (a.id, source and source.id) for a, _ in named):
                named.append((other, words))
        if len(named) > 1:  # each its own words, not the whole list's
            named[0] = (actor, _actor_at(anchor, actors)[1])
        if not (target and _generic(actor, span, source)):
            return named
        fallback = fallback or named
    return fallback


def _named_by(actor: Actor, words: Span | None, token: Token) -> Token:
    """The head of the actor's mention within the role's words ("Iran" in "sanctions on Iran, Libya and
    Sudan"), or the role's token."""
    on = [t for t in words or () if actor_over([actor], t.idx, t.idx + 1) is not None]
    return next((t for t in on if t.head not in on), token)


def _generic(actor: Actor, words: Span | None, source: Actor | None) -> bool:
    """A group named by common nouns alone, with no country or the source's: "23 people", "peacekeepers",
    the United States' "invasion forces"."""
    own = actor.country is None or (source is not None and actor.country == source.country)
    return actor.kind == "group" and own and not any(t.pos_ == "PROPN" for t in words or ())


def _actor_at(token: Token | None, actors: list[Actor]) -> tuple[Actor | None, Span | None]:
    """The actor a role token stands for: one with a mention on it or within its phrase; a pronoun's is the
    latest actor of its kind named before it."""
    if token is None:
        return None, None
    doc = token.doc
    # The role's noun phrase without the clauses that describe it ("a rebel assault", not "that saw ...")
    # and the nouns joined to it.
    clauses = [
        c for c in token.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "cc", "conj", "punct")
    ]
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
    refused: bool = False  # "refused to release", "would not meet": a rejection, not an act
    conditional: bool = False  # "will withdraw unless …", "may halt mediation if …": a condition set on it


def modality(match: Match) -> Modality:
    """How the trigger's clause presents the event, from its verb and the verbs and adjectives above it."""
    verb = _clause_verb(match)
    found = Modality()
    found.negated = any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in match.head.children
    )
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "would" in auxiliaries and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAYING:
        auxiliaries = (auxiliaries - {"would"}) | {"will"}  # "Iraq said it would allow": reported future
    found.future = bool(auxiliaries & _FUTURE)
    found.obliged = bool(auxiliaries & _OBLIGATION)
    found.hypothetical = bool(auxiliaries & _MODAL) or any(
        c.dep_ == "mark" and c.lower_ == "if" for c in verb.children
    )
    found.conditional = any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
        for c in verb.children
    )
    token = verb
    while _complement(token) and token.head.i != token.i:
        token = token.head
        lemma = token.lemma_.lower()
        found.intent = found.intent or lemma in _INTENT
        found.hypothetical = found.hypothetical or lemma in _IRREALIS
        found.negated = found.negated or lemma in _NEGATING
        found.refused = found.refused or lemma in _NEGATING
        above = {c.lower_ for c in token.children if c.dep_ == "aux"}
        found.future = found.future or bool(above & _FUTURE)
        found.obliged = found.obliged or bool(above & _OBLIGATION)
    found.hypothetical = found.hypothetical and not (found.future or found.intent)
    found.refused = found.refused or (found.negated and (found.future or found.intent))
    return found


def _complement(verb: Token) -> bool:
    """A clause that completes the verb above it, or an infinitive the parser hung as an adverbial ("have
    sworn to fight")."""
    if verb.dep_ == "advcl":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.dep_ in ("xcomp", "ccomp", "conj", "acomp")


def reading(match: Match, modal: Modality, scores: dict[str, float]) -> tuple[str, str | None, str]:
    """PLOVER type, mode and CAMEO code of an event: the trigger's, read in its clause's modality ("must
    withdraw" is a demand, "will visit" an intent to meet, "will attack" a threat), then the classifier's type
    where it is sure and the lexicon's type is unlikely."""
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
            events = _events(
                doc, first_index + len(found), match, doc._.actors or [], published, scores, alone
            )
            found.extend((match, event) for event in events)
        return found


def _events(
    doc: Doc,
    first_index: int,
    match: Match,
    actors: list[Actor],
    published: date | None,
    scores: dict[str, float],
    alone: bool,
) -> list[Event]:
    """The trigger's event, one per pair of source and target where a role names several actors."""
    modal = modality(match)
    plover, mode, cameo = reading(match, modal, scores if alone else {})
    verb = _clause_verb(match)
    sources, targets = roles(match)
    if modal.obliged and plover == "REQUEST" and match.trigger.code.plover != "REQUEST":
        # "Russia said that Sudan must return the helicopter": Russia demands, of Sudan
        sources, targets = _present(_demander(verb)), sources
    nobody: list[Named | None] = [None]
    pairs = [
        (named, named_target)
        for named in _first_actors(sources, actors) or nobody
        for named_target in _first_actors(targets, actors, named[0] if named else None, target=True) or nobody
    ]
    if match.trigger.code.cameo in _NEEDS_TARGET and pairs[0][1] is None:
        return []
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
    events = []
    for index, (named_source, named_target) in enumerate(pairs, first_index):
        source, source_span = named_source or (None, None)
        target, target_span = named_target or (None, None)
        events.append(
            Event(
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
                confidence=_confidence(
                    match, source is not None, target is not None, scores.get(plover, 0.0)
                ),
            )
        )
    return events


def _confidence(match: Match, has_source: bool, has_target: bool, type_probability: float) -> float:
    """Half from the lexicon (a verb, a longer pattern, roles found), half from the classifier."""
    lexical = 0.4 + 0.2 * (match.head.pos_ in ("VERB", "AUX")) + 0.1 * (len(match.trigger.words) > 1)
    lexical += 0.2 * has_source + 0.1 * has_target
    return round(0.5 * min(lexical, 1.0) + 0.5 * type_probability, 3)

"""Candidate triggers: the words of a sentence that may report an event.

A lexicon trigger is a word of ``lang/<code>/triggers.tsv`` with the words that must depend on it ("imposed
a curfew", "called for talks"); it gives the CAMEO code and, through the CAMEO → PLOVER table, the PLOVER
type, mode and context. A noun is a lexicon trigger only as a verb's subject or object ("launched an
offensive"), not as the topic of another event ("condemned the attack"). Every other verb is a candidate
too, without a code: the decision model (``decision``) says which candidates are events, and of what type.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.knowledge.events import Trigger, triggers
from eventwire.lang.en import events as en


@dataclass(slots=True)
class Match:
    """A candidate: its head token, the tokens of its other words and the lexicon trigger, if any."""

    head: Token
    tokens: frozenset[int]
    trigger: Trigger | None
    lexical: bool = True  # kept by the lexicon's own rules (``find_triggers``)

    @property
    def coded(self) -> bool:
        """Whether the lexicon gives the candidate a PLOVER type (statements it codes have none)."""
        return self.trigger is not None and self.trigger.code.plover is not None

    @property
    def plover(self) -> str:
        return (self.trigger.code.plover or "") if self.trigger else ""

    @property
    def cameo(self) -> str:
        return self.trigger.code.cameo if self.trigger else ""

    @property
    def pattern(self) -> str:
        return self.trigger.text if self.trigger else ""

    @property
    def span(self) -> tuple[int, int]:
        """The character offsets of the candidate's words, first to last."""
        tokens = sorted(self.tokens)
        first, last = self.head.doc[tokens[0]], self.head.doc[tokens[-1]]
        return first.idx, last.idx + len(last)

    @property
    def depth(self) -> int:
        depth, token = 0, self.head
        while token.head.i != token.i:
            depth, token = depth + 1, token.head
        return depth


def candidates(sent: Span) -> list[Match]:
    """Every candidate of a sentence in text order: the lexicon's triggers as its rules keep them, the
    other words the lexicon knows (with their code), and every other verb (without)."""
    if _about_sport(sent):
        return []
    found = {m.head.i: m for m in find_triggers(sent)}
    taken = {i for m in found.values() for i in m.tokens}  # "allow … inspectors" is one trigger
    actor_words = _actor_words(sent)
    for token in sent:
        if token.i in taken or token.dep_ in ("aux", "auxpass"):
            continue
        match = _match(token) or (_match(token, nouns=True) if token.pos_ == "NOUN" else None)
        coded = match is not None and match.coded
        if match is not None and coded and token.pos_ == "VERB" and not _reports_event(match, set()):
            continue  # the lexicon's own rule says no ("prices fell": only a place falls in a war)
        # a lexicon noun inside a name or naming an actor is no act: "Rapid Support Forces", "protesters"
        named = bool(token.ent_type_) or token.i in actor_words
        if token.pos_ == "VERB" or (coded and token.pos_ in ("NOUN", "PROPN", "ADJ") and not named):
            tokens = match.tokens if match is not None else frozenset({token.i})
            found[token.i] = Match(token, tokens, match.trigger if match and coded else None, lexical=False)
    return [found[i] for i in sorted(found)]


def _actor_words(sent: Span) -> set[int]:
    """The tokens of the sentence that lie in an actor's mention."""
    doc = sent.doc
    spans = [
        doc.char_span(start, end, alignment_mode="expand")
        for actor in doc._.actors or []
        for start, end in actor.mentions
        if sent.start_char <= start < sent.end_char
    ]
    return {t.i for span in spans if span is not None for t in span}


def find_triggers(sent: Span) -> list[Match]:
    """The lexicon's event triggers of a sentence, most specific first where two share a word; statements
    excluded. A sentence about a game ("beat Liverpool 2-1") reports none."""
    if _about_sport(sent):
        return []
    options = [m for token in sent if (m := _match(token)) is not None]
    options.sort(key=lambda m: (-len(m.trigger.words) if m.trigger else 0, m.depth, m.head.i))
    taken: set[int] = set()
    kept: list[Match] = []
    for match in options:
        if match.tokens & taken:
            continue
        taken |= match.tokens
        if match.coded:
            kept.append(match)
    verbs = {m.head.i for m in kept if m.head.pos_ in ("VERB", "AUX") and m.pattern not in en.ORDERING}
    reported = [m for m in kept if _reports_event(m, verbs)]
    return sorted((m for m in reported if not _orders_another(m, reported)), key=lambda m: m.head.i)


def _about_sport(sent: Span) -> bool:
    """A sentence about a game: its verbs of combat are figures of speech ("beat Liverpool 2-1")."""
    return bool(en.SCORE.search(sent.text)) or any(
        t.lemma_.lower() in en.SPORT and t.pos_ == "NOUN" for t in sent
    )


def _orders_another(match: Match, matches: list[Match]) -> bool:
    if match.pattern not in en.ORDERING:
        return False
    below = {t.i for t in match.head.subtree} - {match.head.i}
    return any(m.head.i in below for m in matches)


def framed(noun: Token) -> Token:
    """The noun that plays an event noun's part in its clause: the frame around it ("launched a mediation
    effort", "ten days of war games"), or the noun itself."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in en.FRAMES:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in en.FRAMES:
        return noun.head.head
    return noun


def _lemmas(token: Token) -> tuple[str, ...]:
    lemma, lower = token.lemma_.lower(), token.lower_
    return (lemma,) if lemma == lower else (lemma, lower)


def _pos_ok(token: Token, pos: str | None, nouns: bool = False) -> bool:
    """``nouns``: a verb's word may be its noun ("charges", "a search"), a candidate for the decision."""
    if pos == "v":
        return token.pos_ in (("VERB", "AUX", "NOUN") if nouns else ("VERB", "AUX"))
    if pos == "n":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")


def _neighbourhood(token: Token) -> list[Token]:
    """The tokens a trigger's other words may be: its dependents, theirs through prepositions, particles and
    objects, and its own head when it is that head's object or modifier ("imposed a curfew" from "curfew")."""
    near = []
    for child in token.children:
        near.append(child)
        if child.dep_ in en.LOOK_THROUGH:
            near.extend(grandchild for grandchild in child.children)
    if token.dep_ in en.LOOK_UP and token.head.i != token.i:
        near.append(token.head)
        near.extend(c for c in token.head.children if c.dep_ in ("prt", "compound") and c.i != token.i)
    return near


def _match(token: Token, nouns: bool = False) -> Match | None:
    options: list[Trigger] = []
    for lemma in _lemmas(token):
        options.extend(triggers().get(lemma, ()))
    again = _again(token)
    if not options and again:
        options.extend(triggers().get(again, ()))
    best: Match | None = None
    for trigger in options:
        if best is not None and best.trigger and len(trigger.words) < len(best.trigger.words):
            break
        tokens = _fit(token, trigger, nouns)
        if tokens is not None and (
            best is None or best.trigger is None or len(trigger.words) > len(best.trigger.words)
        ):
            best = Match(token, tokens, trigger)
    return best


def _again(token: Token) -> str | None:
    """ "reimposed", "re-opened": the lemma of the act done again, where the word itself is no trigger."""
    lemma = token.lemma_.lower()
    bare = lemma.removeprefix("re").lstrip("-")
    return bare if lemma.startswith("re") and len(bare) > 3 and lemma not in triggers() else None


def _fit(token: Token, trigger: Trigger, nouns: bool = False) -> frozenset[int] | None:
    """The tokens that realise ``trigger`` with ``token`` as one of its words, or None; ``nouns``: the
    token may be the noun of a verb's word."""
    again = _again(token)
    lemmas = (*_lemmas(token), again) if again else _lemmas(token)
    own = next((w for w in trigger.words if w.lemma in lemmas and _pos_ok(token, w.pos, nouns)), None)
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
    head = framed(head)
    if head.dep_ not in en.NOUN_ROLES or (head.dep_ == "conj" and head.head.pos_ not in ("NOUN", "PROPN")):
        return False
    return head.head.i not in verbs or head.head.i in match.tokens


def clause_verb(match: Match) -> Token:
    """The verb whose clause the event is in: the trigger itself, or the verb a noun trigger depends on."""
    head = match.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    head = framed(head)
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.head if head.dep_ != "ROOT" else head

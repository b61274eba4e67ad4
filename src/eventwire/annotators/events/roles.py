"""Source and target of an event from the trigger's own arguments.

Each noun, name or pronoun of the sentence within a short dependency path of the trigger is an argument; a
learned ranker (``decision``) scores it as source and as target from the path (through passives, "by"
phrases, possessives, appositions), the trigger's voice and type, what the argument names (an actor's kind
and sector, a place, a date) and where the parse rules below put it. The best argument above the model's
bar fills the role, else the role stays empty (a passive with no agent: "was arrested"). A role naming
several actors ("sanctions on Iran, Libya and Sudan") gives one event per actor, as PETRARCH codes them.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.annotators.base import actor_over, latest_actor
from eventwire.annotators.events.candidates import Match, clause_verb, framed
from eventwire.knowledge.sectors import POLITICAL
from eventwire.lang.en import events as en
from eventwire.records import Actor

Named = tuple[Actor | None, Span]  # an actor (None for people the actors annotator does not keep) and words
_MOST_JOINED = 8  # actors joined in one role ("Iran, Libya, North Korea, Sudan and Cuba")
_LONGEST_PATH = 4  # dependency arcs between a trigger and an argument
_NOT_ACTORS = frozenset("DATE TIME MONEY CARDINAL ORDINAL QUANTITY PERCENT".split())


def arguments(match: Match) -> list[Token]:
    """The sentence's nouns, names and pronouns (heads of their phrases, and possessors) near the trigger,
    outside a dateline ("NAIROBI — Kenyan police fired …": the city is where the story was filed)."""
    sent = match.head.sent
    start = dateline_end(sent)
    return [
        a
        for a in sent[start - sent.start :]
        if a.i not in match.tokens
        and (a.dep_ == "poss" or (a.pos_ in ("NOUN", "PROPN", "PRON") and a.dep_ != "compound"))
        and path(match.head, a) is not None
    ]


def dateline_end(sent: Span) -> int:
    """The index of the first token after a dateline that opens the sentence (capitals, a comma and a
    region maybe, then a dash), or the sentence's start."""
    for token in sent[: en.DATELINE_MOST]:
        if token.text in en.DATELINE_DASHES:
            head = [t for t in sent[: token.i - sent.start] if not t.is_punct]
            if head and head[0].is_upper and len(head[0]) > 1:
                return token.i + 1
            break
    return sent.start


def path(trigger: Token, argument: Token) -> str | None:
    """The dependency labels from the trigger up to the common ancestor, then down to the argument (a
    preposition's object carries the preposition: "pobj:against"); None past ``_LONGEST_PATH`` arcs."""
    up, token = [trigger], trigger
    while token.head.i != token.i:
        token = token.head
        up.append(token)
    above = {t.i: k for k, t in enumerate(up)}
    down, token = [], argument
    while token.i not in above:
        down.append(token)
        if token.head.i == token.i or len(down) > _LONGEST_PATH:
            return None
        token = token.head
    ups = [t.dep_ for t in up[: above[token.i]]]
    if len(ups) + len(down) > _LONGEST_PATH:
        return None
    downs = [t.dep_ + (f":{t.head.lower_}" if t.dep_ == "pobj" else "") for t in reversed(down)]
    return "^".join(ups) + "|" + ">".join(downs)


def passive(trigger: Token) -> bool:
    """A passive clause, or a bare participle ("Man arrested for DUI", "two others sentenced")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children) or (
        trigger.tag_ == "VBN"
        and trigger.dep_ in ("acl", "ROOT", "relcl", "advcl", "conj")
        and not any(c.dep_ == "aux" for c in trigger.children)
    )


def role_features(
    match: Match, plover: str, argument: Token, actors: list[Actor], ranks: tuple[int | None, int | None]
) -> list[str]:
    """What the ranker reads of one argument of one event."""
    trigger, route = match.head, path(match.head, argument) or "far"
    voice = "passive" if passive(trigger) else "active"
    actor, _ = actor_at(argument, actors)
    out = [
        f"path={route}",
        f"path|type={route}|{plover}",
        f"path|voice={route}|{voice}",
        f"path|lemma={route}|{trigger.lemma_.lower()}",
        f"pos={argument.pos_}",
        f"tag={trigger.tag_}",
        f"side={'left' if argument.i < trigger.i else 'right'}",
        f"trigger_pos={trigger.pos_}",
        f"entity={argument.ent_type_ or '-'}",
    ]
    if argument.ent_type_ in _NOT_ACTORS:
        out.append("not_actor")
    if any(p.start <= argument.idx < p.end and not p.landmark for p in argument.doc._.places or []):
        out.append("place")
    if actor is None:
        out.append("no_actor")
    else:
        out += [f"sector={actor.sector}", f"kind={actor.kind}", f"political={actor.sector in POLITICAL}"]
    for name, rank in zip(("source_rank", "target_rank"), ranks, strict=True):
        out.append(f"{name}={'none' if rank is None else min(rank, 5)}")
    return out


def rule_ranks(match: Match) -> dict[int, tuple[int | None, int | None]]:
    """Where the parse rules put each token: its rank among their source and their target candidates."""
    sources, targets = rule_roles(match)
    source_rank = {t.i: k for k, t in reversed(list(enumerate(sources)))}
    target_rank = {t.i: k for k, t in reversed(list(enumerate(targets)))}
    return {i: (source_rank.get(i), target_rank.get(i)) for i in {*source_rank, *target_rank}}


def rule_roles(match: Match) -> tuple[list[Token], list[Token]]:
    """Source and target candidates of an event by the parse rules, best first."""
    head, verb = match.head, clause_verb(match)
    if match.pattern in en.FALL_TO:  # "Raqqa is falling into the hands of Kurdish forces": the taker
        return _present(_taker(head)), []
    if head.pos_ not in ("VERB", "AUX"):
        sources = _present(next((c for c in head.children if c.dep_ == "poss"), None), _by(head))
        verb_subject, frame = subject_of(verb), framed(head)
        undergone = verb.lemma_.lower() in en.UNDERGOING and frame.dep_ == "dobj"
        if verb.lemma_.lower() in en.ORDERING:  # "the government ordered patrols by police"
            sources[:0] = _present(verb_subject)
        elif frame.dep_ in ("dobj", "attr") and not undergone:
            sources += _present(verb_subject)
        targets = _present(verb_subject) if undergone else []  # "the man faces charges": he is charged
        targets += _prep_objects(head)
        if frame.i != head.i:  # "a mediation effort between the Emirates and Saudi Arabia"
            targets += _prep_objects(frame)
        if verb.i != head.i:
            targets += _prep_objects(verb)
        below = [*_below(head, None), *(_below(verb, verb_subject) if verb.i != head.i else [])]
        return sources, [*targets, *below, *_prep_objects(head, en.IN)]
    patient = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if patient is not None:
        return _present(_by(head)), [patient, *_prep_objects(head)]
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    if head.lemma_.lower() in en.TRANSFER:  # "sent troops to Bosnia": where they go is the target
        objects = [*_prep_objects(head, en.MOVED), *objects]
    # "demanded that the US cancel", "threatened to shell Iraqi towns": the one the demand or threat is on
    clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    inner = [
        t for c in clauses for t in _present(next((g for g in c.children if g.dep_ in en.SUBJECTS), None))
    ]
    inner += [g for c in clauses for g in c.children if g.dep_ in ("dobj", "dative")]
    inner += [t for c in clauses for t in _prep_objects(c)]
    subject = subject_of(head)
    near = [*objects, *_prep_objects(head), *inner, *(t for o in objects for t in _prep_objects(o))]
    return _present(subject), [*near, *_below(head, subject), *_prep_objects(head, en.IN)]


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is an infinitive, a conjunct or a gerund of ("exerted its
    influence by toppling"); a relative pronoun stands for the noun its clause describes."""
    for _ in range(6):
        # of two subjects the parser hung on one verb (a dateline, a fronted topic), the nearest
        subjects = [c for c in verb.children if c.dep_ in en.SUBJECTS]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def demander(verb: Token) -> Token | None:
    """Who says that something must happen: the subject of the clause "X must …" depends on, or of the
    verb of the noun it describes ("issued a reminder to Iraq that it must …")."""
    token = verb
    while token.dep_ in ("ccomp", "acl", "xcomp", "conj") and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        if token.pos_ in ("VERB", "AUX") and token.i != verb.i:
            return subject_of(token)
    return None


def _below(head: Token, subject: Token | None) -> list[Token]:
    """The nouns under the trigger, nearest first, outside its subject and the clauses that describe its
    words: the target furthest from the verb ("a new offensive in its war with Iraq")."""
    skip = {t.i for t in subject.subtree} if subject is not None else set()

    def under(token: Token) -> list[Token]:
        return [
            c
            for c in token.children
            if c.i not in skip and c.dep_ not in ("relcl", "acl") and c.lower_ not in en.ASIDE
        ]

    found, level = [], under(head)
    while level:
        found += [t for t in level if t.pos_ in ("PROPN", "NOUN")]
        level = [c for t in level for c in under(t)]
    return found


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
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in en.BY):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _prep_objects(token: Token, preps: frozenset[str] = frozenset()) -> list[Token]:
    """The objects of the token's prepositions that can name a target: "attacks on X", "aid to X"."""
    return [
        c
        for child in token.children
        if child.dep_ in ("prep", "dative") and child.lower_ in (preps or en.TARGET_PREPS)
        for c in child.children
        if c.dep_ == "pobj"
    ]


def named(token: Token, actors: list[Actor], other: Actor | None = None) -> list[Named]:
    """The actor (or bare words) an argument stands for, and the actors joined to it ("lift embargoes on
    Iran, Libya and Sudan": one event each), each with its own words; ``other`` (the source) left out."""
    actor, words = actor_at(token, actors)
    found: list[Named] = [(actor, words)]
    anchor = _named_by(actor, words, token) if actor is not None else token
    for joined in anchor.conjuncts[:_MOST_JOINED]:
        more, its_words = actor_at(joined, actors)
        if more is not None and all(more.id != (a.id if a else None) for a, _ in found) and more is not other:
            found.append((more, its_words))
    if len(found) > 1 and actor is not None:  # each its own words, not the whole list's
        found[0] = (actor, actor_at(anchor, actors)[1])
    return found


def _named_by(actor: Actor, words: Span, token: Token) -> Token:
    """The head of the actor's mention within the role's words ("Iran" in "sanctions on Iran, Libya and
    Sudan"), or the role's token."""
    on = [t for t in words if actor_over([actor], t.idx, t.idx + 1) is not None]
    return next((t for t in on if t.head not in on), token)


def actor_at(token: Token, actors: list[Actor]) -> tuple[Actor | None, Span]:
    """The actor a role token stands for (one with a mention on it or within its phrase; a pronoun's is the
    latest actor of its kind named before it) and the words of the phrase, without the clauses that
    describe it ("a rebel assault", not "that saw ...") and the nouns joined to it."""
    doc = token.doc
    clauses = [
        c
        for c in token.children
        if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "cc", "conj", "punct", "prep")
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
        people = token.lower_ in en.PRONOUNS_PERSON
        latest = latest_actor(actors, token.idx, lambda a: (a.kind == "person") == people)
        if latest is not None:
            return latest, doc[token.i : token.i + 1]
    # "Fighters of Sudan's Rapid Support Forces", "one of his aides": the group some members are part of
    # (members: a plural or a number; "the death of X" is no part of X)
    whole = next(
        (g for c in token.children if c.lower_ in en.PART_OF for g in c.children if g.dep_ == "pobj"), None
    )
    if whole is not None and token.tag_ in en.MEMBER_TAGS:
        actor, words = actor_at(whole, actors)
        if actor is not None:
            return actor, doc[phrase.start : words.end]
    return None, phrase

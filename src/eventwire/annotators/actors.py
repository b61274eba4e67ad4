"""Actors: who acts or is acted on, with country, sector and kind, one record per actor in the article.

Mentions come from the knowledge base (``knowledge/data/actors.yaml`` and user files: aliases matched as
written), from noun phrases headed by agent nouns ("Iraqi troops", "Senior Hungarian and Romanian
officials", "the government of Sudan"), and from the model's PERSON, ORG, NORP and GPE entities. Countries
come from nationality words, country names and places in the phrase; sectors from the agent noun or a
title ("President Mubarak"). ``knowledge.coref`` then joins the mentions of one actor.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventwire.annotators.base import located, text_of
from eventwire.knowledge import Agent, KnownActor, agents, known_actors
from eventwire.knowledge.coref import ANAPHORS, ActorMention, chains
from eventwire.knowledge.countries import MISSPELT, country_name, country_named, nationality
from eventwire.records import Actor, Place

_DETERMINERS = frozenset({"det", "poss", "predet"})
_LOCATING = ("of", "in", "at")  # prepositions after an actor noun that say whose or where
_SPONSOR_SUFFIXES = ("-backed", "-led", "-allied", "-supported", "-funded", "-trained")
_PERSON_TITLES = {
    "president": "GOV",
    "minister": "GOV",
    "premier": "GOV",
    "king": "GOV",
    "queen": "GOV",
    "sheikh": "GOV",
    "emir": "GOV",
    "general": "MIL",
    "gen.": "MIL",
    "colonel": "MIL",
    "commander": "MIL",
    "senator": "LEG",
    "judge": "JUD",
    "ayatollah": "REL",
    "pope": "REL",
}


class ActorAnnotator:
    """Writes ``doc._.actors``: Actor records with their mentions."""

    def __init__(self, nlp: Language, files: tuple[str, ...] = ()) -> None:
        self.known = known_actors(tuple(files))
        self.by_alias: dict[str, KnownActor] = {}
        for actor in self.known.values():
            for alias in actor.names:
                self.by_alias.setdefault(alias, actor)
        self.people = {n: a for a in self.known.values() if a.kind == "person" for n in a.names if " " in n}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")  # aliases match as written: "IS" but not "is"
        for alias in self.by_alias:  # each alias is its own match label, so a match names it exactly
            self.matcher.add(alias, [nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(self.mentions(doc))
        actors = []
        for i, group in enumerate(chains(mentions)):
            first = group.first
            actors.append(
                Actor(
                    **located(doc, "act", i, first.start, first.end),
                    name=group.name,
                    country=group.first_value("country"),
                    sector=group.first_value("sector"),
                    kind=first.kind,
                    aliases=sorted({m.text for m in group.mentions} - {group.name}),
                    mentions=[[m.start, m.end] for m in group.mentions],
                    confidence=max(m.confidence for m in group.mentions),
                )
            )
        doc._.actors = actors
        return doc

    def mentions(self, doc: Doc) -> Iterator[ActorMention]:
        known = _longest([Span(doc, s, e, label=label) for label, s, e in self.matcher(doc)])
        taken: set[int] = set()
        for span in known:
            actor = self.by_alias[span.label_]
            taken.update(t.i for t in span)
            yield _at(
                span,
                actor.name,
                actor.kind,
                actor.country,
                actor.sector,
                known=True,
                confidence=0.95,
            )
        places = [p for p in doc._.places or [] if not p.landmark]  # "Downing Street said" is an actor
        ents = doc.ents  # built anew on every access: once per document
        people = [e for e in ents if e.label_ == "PERSON"]
        phrases = [*doc.noun_chunks, *(e for e in ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE"))]
        for phrase in sorted(phrases, key=lambda s: (s.start, -len(s))):
            if any(t.i in taken for t in phrase) or _is_place_name(phrase, places):
                continue
            found = list(self._phrase(doc, _strip(phrase), places, people))
            for mention in found:
                taken.update(
                    t.i for t in doc.char_span(mention.start, mention.end, alignment_mode="expand") or ()
                )
            yield from found

    def _phrase(
        self, doc: Doc, phrase: Span, places: list[Place], people: list[Span]
    ) -> Iterator[ActorMention]:
        if not len(phrase):
            return
        head = phrase.root
        agent = agents().get(head.lemma_.lower()) or agents().get(head.lower_)
        person = next((e for e in people if phrase.start <= e.start < phrase.end), None)
        country = country_named(phrase.text)
        if country is not None and head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):  # "Sri Lanka", "Benin"
            yield _at(
                phrase,
                country_name(country),
                "state",
                country,
                confidence=0.8,
            )
        elif person is not None and (group := nationality(person[0].text)):  # "Bosnian Serbs", "Ugandan"
            yield _at(
                phrase,
                phrase.text,
                "group",
                group,
                "CVL",
                confidence=0.6,
            )
        elif person is not None:
            yield self._person(phrase, person, places)
        elif _anaphor(doc, phrase, head):
            yield _at(phrase, phrase.text, "group", anaphor=True)
        elif agent is not None and head.pos_ in ("NOUN", "PROPN"):
            if agent.kind == "person" and head.tag_ in ("NNS", "NNPS"):  # "defectors": several people
                agent = Agent(agent.sector, "group")
            yield from _agent_phrase(doc, phrase, head, agent, places)
        elif head.ent_type_ == "ORG":
            country = _country_in(phrase, places)
            yield _at(
                phrase,
                phrase.text,
                "organisation",
                country,
                _org_sector(phrase),
                confidence=0.6,
            )
        elif head.ent_type_ == "NORP" and head.dep_ not in ("amod", "compound") and nationality(head.text):
            yield _at(
                phrase,
                phrase.text,
                "group",
                nationality(head.text),
                "CVL",
                confidence=0.6,
            )
        elif head.ent_type_ == "NORP" and (country := nationality(head.text)):
            # "an Indian proposal", "Israeli air raids": the country acts through what it modifies.
            yield _at(
                head,
                country_name(country),
                "state",
                country,
                confidence=0.6,
            )
        elif head.ent_type_ == "GPE":
            # A place as an actor stands for its country's state; a capital that acts is its government
            # ("Washington warned"). Each place is its own actor: Idlib is not Syria.
            place = _place_in(phrase, places)
            capital_acts = (
                place is not None and place.feature == "PPLC" and head.dep_ in ("nsubj", "nsubjpass")
            )
            if place is not None and place.iso3:
                yield _at(
                    phrase,
                    place.name,
                    "state",
                    place.iso3,
                    "GOV" if capital_acts else None,
                    confidence=0.8,
                )

    def _misspelt_person(self, name: str) -> KnownActor | None:
        """A known person whose full name is one or two letters off: "Laurent Gbago" is Laurent Gbagbo."""
        if len(name.split()) < 2:
            return None
        match = process.extractOne(name, list(self.people), scorer=fuzz.ratio, score_cutoff=MISSPELT)
        return self.people[match[0]] if match else None

    def _person(self, phrase: Span, person: Span, places: list[Place]) -> ActorMention:
        known = self.by_alias.get(person.text) or self._misspelt_person(person.text)
        titles = [t for t in phrase if t.i < person.start]
        sector = next((_PERSON_TITLES[t.lower_] for t in titles if t.lower_ in _PERSON_TITLES), None)
        sector = sector or next((a.sector for t in titles if (a := agents().get(t.lemma_.lower()))), None)
        if known is not None:
            return _at(
                phrase,
                known.name,
                "person",
                known.country,
                known.sector or sector,
                known=True,
                person=person.text,
                confidence=0.9,
            )
        country = _country_in(phrase, places, exclude=person) or _country_of(phrase, places)
        if country is None and sector in ("GOV", "MIL", "JUD", "LEG"):  # "Prime Minister Iyad Allawi"
            country = _sentence_country(phrase, places)
        return _at(
            phrase,
            person.text,
            "person",
            country,
            sector,
            person=person.text,
            confidence=0.75,
        )


def _at(span: Span | Token, name: str, kind: str, *values: object, **fields: object) -> ActorMention:
    """A mention of the words of ``span`` (a phrase or one token)."""
    start = span.start_char if isinstance(span, Span) else span.idx
    return ActorMention(start, start + len(span.text), span.text, name, kind, *values, **fields)  # type: ignore[arg-type]


def _agent_phrase(
    doc: Doc, phrase: Span, head: Token, agent: Agent, places: list[Place]
) -> Iterator[ActorMention]:
    """One mention per nationality in "Hungarian and Romanian officials"; else one for the phrase."""
    nationalities = [t for t in phrase if t.i != head.i and _nation_word(t) and not _sponsor(t)]
    sector, kind = agent.sector, agent.kind
    if len(nationalities) > 1 and any(t.dep_ == "conj" for t in nationalities):
        for token in nationalities:
            yield _at(
                token,
                f"{token.text} {head.text}",
                kind,
                _nation_word(token),
                sector,
                agent=head.lemma_,
                confidence=0.7,
            )
        return
    country = _country_in(phrase, places) or _country_of(phrase, places)
    yield _at(
        phrase,
        phrase.text,
        kind,
        country,
        sector,
        agent=head.lemma_.lower(),
        confidence=0.7,
    )


def _country_of(phrase: Span, places: list[Place]) -> str | None:
    """ "the government of Sudan", "King Hassan of Morocco", and where no nationality is said, where they are:
    "security forces in Guinea", "students at Cumhuriyet University"."""
    doc = phrase.doc
    preps = sorted(
        (c for c in phrase.root.children if c.dep_ == "prep" and c.lower_ in _LOCATING),
        key=lambda p: _LOCATING.index(p.lower_),
    )
    for prep in preps:
        country = _country_in(doc[prep.left_edge.i : prep.right_edge.i + 1], places)
        if country:
            return country
    return None


def _sentence_country(span: Span, places: list[Place]) -> str | None:
    """The one country a sentence names (by nationality or place), if it names exactly one."""
    sentence = span.sent
    countries = {nationality(t.text) for t in sentence if t.ent_type_ == "NORP"} - {None}
    countries |= {p.iso3 for p in places if sentence.start_char <= p.start < sentence.end_char and p.iso3}
    return countries.pop() if len(countries) == 1 else None


def _is_place_name(phrase: Span, places: list[Place]) -> bool:
    """A name the places annotator resolved as a town or division, whatever label the model gave it."""
    return phrase.root.ent_type_ in ("ORG", "PERSON") and any(
        p.start <= phrase.root.idx < p.end and p.feature not in ("PCLI", None) for p in places
    )


def _anaphor(doc: Doc, phrase: Span, head: Token) -> bool:
    """ "the group", "the organisation": a bare noun with "the" that refers back to a named group."""
    bare = all(t.i == head.i or t.dep_ in _DETERMINERS for t in phrase)
    return bare and head.lemma_.lower() in ANAPHORS and head.i > 0 and doc[head.i - 1].lower_ == "the"


def _strip(phrase: Span) -> Span:
    """Without leading determiners and possessive pronouns: "the Iraqi troops" → "Iraqi troops"."""
    start = phrase.start
    while (
        start < phrase.end - 1
        and phrase.doc[start].dep_ in _DETERMINERS
        and phrase.doc[start].pos_ in ("DET", "PRON")
    ):
        start += 1
    return phrase.doc[start : phrase.end]


def _longest(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-len(s), s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _sponsor(token: Token | Span) -> bool:
    """ "US-backed", "Saudi-led": a backer named in a modifier, not the actor's own country."""
    after = text_of(token.doc)[token.end_char if isinstance(token, Span) else token.idx + len(token) :]
    words = [token.text] if isinstance(token, Span) else [token.text, token.head.text]
    return after.lower().startswith(_SPONSOR_SUFFIXES) or any(
        w.lower().endswith(_SPONSOR_SUFFIXES) for w in words
    )


def _country_in(phrase: Span, places: list[Place], exclude: Span | None = None) -> str | None:
    """The country a phrase names: a nationality word, else a place inside it ("Israel's army")."""
    for token in phrase:
        if exclude is not None and exclude.start <= token.i < exclude.end:
            continue
        pair = phrase.doc[token.i : token.i + 2].text  # "Sierra Leonean", "South African"
        if not _sponsor(token) and (country := nationality(pair) or nationality(token.text)):
            return country
    place = _place_in(phrase, places, exclude)
    if place is not None:
        return place.iso3
    # Names inside entities the places annotator leaves alone: "Mozambique government", "Baghdad University".
    for start in range(len(phrase)):
        for end in range(min(len(phrase), start + 4), start, -1):
            part = phrase[start:end]
            if exclude is not None and part.start < exclude.end and exclude.start < part.end:
                continue
            if part[0].is_punct or part[-1].is_punct:
                continue
            if (
                part[0].text[:1].isupper()
                and not _sponsor(part)
                and (country := country_named(part.text, True))
            ):
                return country
    return None


def _place_in(phrase: Span, places: list[Place], exclude: Span | None = None) -> Place | None:
    for place in places:
        inside = phrase.start_char <= place.start and place.end <= phrase.end_char
        excluded = exclude is not None and exclude.start_char <= place.start < exclude.end_char
        if (
            inside
            and not excluded
            and not text_of(phrase.doc)[place.end : place.end + 8].startswith(_SPONSOR_SUFFIXES)
        ):
            return place
    return None


def _nation_word(token: Token) -> str | None:
    """A nationality word or a country name standing as a modifier: "Russian", "U.S."."""
    return nationality(token.text) or (country_named(token.text) if token.text[:1].isupper() else None)


def _org_sector(phrase: Span) -> str | None:
    for token in reversed(phrase):
        agent = agents().get(token.lemma_.lower())
        if agent is not None:
            return agent.sector
    return None

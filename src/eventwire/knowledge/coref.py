"""Within-article coreference of actor mentions: which mentions are the same actor.

Pure functions over ``ActorMention`` records, so they can be tested without a model. Rules, in order:
known actors by their canonical name; people by surname, title form or a close spelling ("Abi Saaf" is the
"Abu Saad" of earlier); groups named by agent nouns by country, sector and noun ("Iraqi troops"); states by
country; "the group" and the like to the latest organisation or armed group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from eventwire.geo.names import ARTICLES, key

_SAME_NAME = 75  # rapidfuzz ratio at which two person names are one spelling apart
ANAPHORS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction", "network"})


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    name: str  # the canonical name where known, else the name or phrase as written
    kind: str  # person, organisation, group, state
    country: str | None = None
    sector: str | None = None
    known: bool = False  # from the knowledge base
    person: str | None = None  # a person's name as written, for name matching
    agent: str | None = None  # the agent noun lemma heading the phrase ("troops")
    anaphor: bool = False  # "the group": refers back
    confidence: float = 0.7


@dataclass(slots=True)
class Chain:
    mentions: list[ActorMention] = field(default_factory=list)

    @property
    def first(self) -> ActorMention:
        return self.mentions[0]

    @property
    def name(self) -> str:
        known = [m.name for m in self.mentions if m.known]
        if known:
            return known[0]
        people = [m.person for m in self.mentions if m.person]
        return max(people, key=len) if people else self.first.name

    def first_value(self, attribute: str) -> str | None:
        return next((getattr(m, attribute) for m in self.mentions if getattr(m, attribute)), None)


def chains(mentions: list[ActorMention]) -> list[Chain]:
    """Group mentions (in text order) into actors, in order of first mention."""
    found: list[Chain] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        target = _antecedent(mention, found) if mention.anaphor else _same(mention, found)
        if target is None:
            found.append(Chain([mention]))
        else:
            target.mentions.append(mention)
    return found


def _same(mention: ActorMention, found: list[Chain]) -> Chain | None:
    for existing in found:
        other = existing.first
        if mention.known and other.known:
            if mention.name == other.name:
                return existing
            continue
        if mention.person and any(
            m.person and same_person(mention.person, m.person) for m in existing.mentions
        ):
            return existing
        if (
            mention.person
            and other.known
            and other.kind == "person"
            and same_person(mention.person, other.name)
        ):
            return existing
        if (
            mention.known
            and mention.kind == "person"
            and other.person
            and same_person(other.person, mention.name)
        ):
            return existing
        if mention.agent and (mention.agent, mention.country, mention.sector) == (
            other.agent,
            other.country,
            other.sector,
        ):
            return existing
        if (
            mention.kind == "state"
            and other.kind == "state"
            and (mention.country, mention.name)
            == (
                other.country,
                other.name,
            )
        ):
            return existing
        if not mention.agent and not mention.person and not mention.known and mention.name == other.name:
            return existing
    return None


def _antecedent(mention: ActorMention, found: list[Chain]) -> Chain | None:
    """The latest named organisation or armed group mentioned before ("Iraqi troops" are not "the group")."""
    for existing in reversed(found):
        first = existing.first
        named = first.known or not first.agent
        if named and first.kind in ("organisation", "group") and first.sector not in ("CVL", "REF"):
            return existing
    return None


def same_person(a: str, b: str) -> bool:
    """Two written names of one person: same surname with compatible given names, or one spelling apart."""
    x, y = _name_words(a), _name_words(b)
    if not x or not y:
        return False
    if x[-1] == y[-1] and len(x[-1]) > 2:
        given_x, given_y = x[:-1], y[:-1]
        return not given_x or not given_y or given_x[0][0] == given_y[0][0]
    return len(x) == len(y) and fuzz.ratio(" ".join(x), " ".join(y)) >= _SAME_NAME and x[0][0] == y[0][0]


def _name_words(name: str) -> list[str]:
    """Words of a name without Arabic articles or "the": "Bashar al-Assad" → ["bashar", "assad"]."""
    articles = {a.strip() for a in ARTICLES}
    return [w for w in key(name).split() if w not in articles]

"""Annotators: spaCy components that read the parsed Doc and write typed records to ``doc._.<collection>``.

Each annotator is registered as the factory ``eventwire_<name>`` and declares what it requires and assigns,
so spaCy warns when one is placed before what it needs. ``register_factories`` is the one place that
registers them.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.annotators.actors import ActorAnnotator
from eventwire.annotators.entities import EntityAnnotator
from eventwire.annotators.events import EventAnnotator
from eventwire.annotators.paragraphs import ParagraphBoundaries
from eventwire.annotators.places import PlaceAnnotator
from eventwire.annotators.quantities import QuantityAnnotator
from eventwire.annotators.quotes import QuoteAnnotator
from eventwire.annotators.times import TimeAnnotator
from eventwire.records import COLLECTIONS

PREFIX = "eventwire_"

# name -> (builder, requires, assigns)
_BUILTINS: dict[str, tuple[Callable[[], Callable[[Doc], Doc]], list[str], list[str]]] = {
    "entities": (EntityAnnotator, ["doc.ents"], ["doc._.entities"]),
    "places": (PlaceAnnotator, ["doc.ents", "token.pos", "token.dep"], ["doc._.places"]),
    "times": (TimeAnnotator, ["doc.ents", "doc._.published"], ["doc._.times"]),
    "quantities": (QuantityAnnotator, ["doc.ents", "token.dep", "doc._.actors"], ["doc._.quantities"]),
    "quotes": (QuoteAnnotator, ["token.dep", "token.lemma", "doc._.actors"], ["doc._.quotes"]),
}
_EVENTS_NEEDS = [
    "token.dep",
    "token.lemma",
    "doc._.actors",
    "doc._.places",
    "doc._.times",
    "doc._.quantities",
]


# Runs first, before the model's parser, in every pipeline.
PARAGRAPHS = PREFIX + "paragraphs"


def factory_name(name: str) -> str:
    return PREFIX + name


def available() -> list[str]:
    return sorted([*_BUILTINS, "actors", "events"])


def make_actors(nlp: Language, name: str, files: list[str]) -> ActorAnnotator:
    """``files``: user YAML files of actors that add to or replace the packaged knowledge base."""
    return ActorAnnotator(nlp, tuple(files))


def make_events(nlp: Language, name: str, keep: float | None, encoder: str) -> EventAnnotator:
    """``keep``: the lowest confidence kept (``events.min_confidence``; the model's own when None);
    ``encoder``: whose word vectors the decision reads (``events.encoder``)."""
    return EventAnnotator(keep=keep, encoder=encoder)


def register_factories() -> None:
    """Doc extensions for every record collection, and a spaCy factory for every built-in annotator."""
    for attr in ("article_id", "published", "home", "ranker", *COLLECTIONS):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    for name, (builder, requires, assigns) in _BUILTINS.items():
        if not Language.has_factory(factory_name(name)):
            Language.factory(factory_name(name), requires=requires, assigns=assigns, func=_make(builder))
    if not Language.has_factory(factory_name("actors")):
        Language.factory(
            factory_name("actors"),
            default_config={"files": []},
            requires=["doc.ents", "token.dep", "token.lemma", "doc._.places"],
            assigns=["doc._.actors"],
            func=make_actors,
        )
    if not Language.has_factory(factory_name("events")):
        Language.factory(
            factory_name("events"),
            default_config={"keep": None, "encoder": ""},
            requires=_EVENTS_NEEDS,
            assigns=["doc._.events"],
            func=make_events,
        )
    if not Language.has_factory(PARAGRAPHS):
        Language.factory(PARAGRAPHS, assigns=["token.is_sent_start"], func=_make(ParagraphBoundaries))


def _make(builder: Callable[[], Callable[[Doc], Doc]]) -> Callable[[Language, str], Callable[[Doc], Doc]]:
    def make(nlp: Language, name: str) -> Callable[[Doc], Doc]:
        return builder()

    return make

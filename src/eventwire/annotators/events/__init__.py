"""Events: who did what to whom, where and when, with every field's span.

The component reads each sentence in four steps, one module each:
``candidates`` (the lexicon's triggers and every other verb), ``modality`` (negation, future, condition,
the lexicon's reading in it), ``decision`` (a learned model: is the candidate an event, of which type, which
arguments are its source and target, from ``roles``), and ``records`` (Event records with place, date,
casualties and a calibrated confidence). Word lists live in ``lang/en/events.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from eventwire.annotators.events.candidates import Match, candidates, find_triggers
from eventwire.annotators.events.decision import Context, DecisionModel, candidate_features, load_decision
from eventwire.annotators.events.modality import modality, reading
from eventwire.annotators.events.records import Decided, build
from eventwire.annotators.events.roles import Named, arguments, named, role_features, rule_ranks
from eventwire.annotators.times import published_date
from eventwire.classify.encoder import load_encoder
from eventwire.classify.model import Classifier, features, load_classifier
from eventwire.knowledge.events import RECIPROCAL, TYPE_CAMEO
from eventwire.records import Event

__all__ = ["EventAnnotator", "Match", "find_triggers", "modality", "reading"]

_DENSE_WEIGHT = 1.0  # tried 1 and 3 on the folds (average precision of the event head 0.56, 0.54)
# CAMEO codes that need a person or group released or returned.
_NEEDS_TARGET = frozenset({"0841", "0842"})


def _unit(vector: Any) -> np.ndarray:
    """A vector at a length that weighs about as much as the candidate's other features."""
    norm = float(np.linalg.norm(vector))
    return _DENSE_WEIGHT * vector / norm if norm else vector


def _encoded(token: Token, context: Context) -> np.ndarray | None:
    """The encoder's vector of ``token``, scaled (None without an encoder)."""
    encoded = context.word_vector(token)
    return None if encoded is None else _unit(encoded)


def _dense(token: Token, context: Context) -> np.ndarray:
    """The trigger's vectors in context: the parser's, then the encoder's when there is one."""
    encoded, parser = _encoded(token, context), _unit(token.vector)
    return parser if encoded is None else np.concatenate([parser, encoded])


def argument_rows(
    match: Match, plover: str, context: Context
) -> list[tuple[Token, list[str], np.ndarray | None]]:
    """What the role heads read of each argument of an event: its features and its encoder vector (the
    same in training and in coding)."""
    ranks = rule_ranks(match)
    return [
        (
            argument,
            role_features(match, plover, argument, context.actors, ranks.get(argument.i, (None, None))),
            _encoded(argument, context),
        )
        for argument in arguments(match)
    ]


class EventAnnotator:
    """Writes ``doc._.events``: the candidates the decision model keeps, as Event records."""

    def __init__(
        self,
        classifier: Classifier | None = None,
        decision: DecisionModel | None = None,
        keep: float | None = None,
        encoder: str | None = None,
    ) -> None:
        """``encoder``: whose word vectors the decision reads (``events.encoder``; "" for none); by default
        the one ``decision`` was trained with."""
        self.classifier = classifier or load_classifier()
        self._decision = decision
        self._keep = keep
        self.encoder = (decision.encoder if decision else "") if encoder is None else encoder

    @property
    def decision(self) -> DecisionModel:
        """The decision model, loaded on first use (training reads candidates before there is one)."""
        if self._decision is None:
            self._decision = load_decision(self.encoder)
        return self._decision

    def context(self, doc: Doc, sentences: list[Span]) -> Context:
        """What the candidates of ``sentences`` share, with their encoder's vectors when there is one."""
        return Context.of(doc, sentences, load_encoder(self.encoder) if self.encoder else None)

    @property
    def keep(self) -> float:
        return self.decision.threshold if self._keep is None else self._keep

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(doc.sents)
        context = self.context(doc, sentences)
        events: list[Event] = []
        for sent in sentences:
            events.extend(event for _, event in self.sentence_events(sent, context, len(events)))
        doc._.events = events
        return doc

    def sentence_events(
        self, sent: Span, context: Context | None = None, first_index: int = 0, keep: float | None = None
    ) -> list[tuple[Match, Event]]:
        """The events of one sentence with the candidates they came from; ``keep``: the lowest confidence
        kept (the model's threshold by default)."""
        context = context or self.context(sent.doc, [sent])
        bar = self.keep if keep is None else keep
        published = published_date(sent.doc)
        found: list[tuple[Match, Event]] = []
        for decided in self.decide(sent, context):
            if decided.confidence < bar:
                continue
            pairs = self.roles(decided, context)
            if decided.cameo in _NEEDS_TARGET and pairs[0][1] is None:
                continue  # "released a film" is no concession: a person or group is released
            if pairs[0] == (None, None) and decided.plover != "ASSAULT":
                continue  # nobody a dataset can code acts or is acted on
            events = build(sent.doc, first_index + len(found), decided, pairs, published)
            found.extend((decided.match, event) for event in events)
        return found

    def decide(self, sent: Span, context: Context) -> list[Decided]:
        """Every candidate of the sentence with its type and the probability that it is an event of it."""
        decided = self.read(sent, context)
        for one in decided:
            one.confidence, types = self.decision.candidate(one.features, one.dense)
            if not one.plover:
                one.plover = max(types, key=types.__getitem__)
                one.confidence *= types[one.plover]
                one.cameo = TYPE_CAMEO[one.plover]
        return decided

    def read(self, sent: Span, context: Context) -> list[Decided]:
        """Every candidate of the sentence with the lexicon's reading and the decision's features."""
        options = candidates(sent)
        if not options:
            return []
        lexical = [m for m in options if m.lexical]
        scores = self.classifier.predict("type", features(sent, lexical))
        alone = len(lexical) == 1  # the sentence's type is then this event's type
        read = []
        for match in options:
            modal = modality(match)
            plover, mode, cameo = reading(match, modal, scores if alone and match.lexical else {})
            feats = candidate_features(match, modal, plover, scores, context)
            read.append(Decided(match, modal, plover, mode, cameo, feats, _dense(match.head, context)))
        return read

    def roles(self, decided: Decided, context: Context) -> list[tuple[Named | None, Named | None]]:
        """The pairs of source and target: the best-scored argument for each role above the model's bar,
        one pair per actor where a role names several."""
        match, actors = decided.match, context.actors
        inputs = argument_rows(match, decided.plover, context)
        options = [argument for argument, _, _ in inputs]
        scores = self.decision.role([feats for _, feats, _ in inputs], [vector for *_, vector in inputs])
        chosen = {}
        for column, role in enumerate(("source", "target")):
            best = max(range(len(options)), key=lambda k: scores[k][column], default=None)
            if best is not None and scores[best][column] >= self.decision.role_threshold:
                chosen[role] = options[best]
        if "source" in chosen and chosen.get("target") is chosen["source"]:
            del chosen["target"]
        sources = named(chosen["source"], actors) if "source" in chosen else []
        source = sources[0][0] if sources else None
        targets = named(chosen["target"], actors, source) if "target" in chosen else []
        # nobody acts on itself in event data ("the union called off its strike": no target)
        targets = [t for t in targets if source is None or t[0] is not source]
        if not targets and len(sources) > 1 and decided.plover in RECIPROCAL:
            sources, targets = sources[:1], sources[1:]  # "Iran and Iraq met": one event, Iran → Iraq
        nobody: list[Named | None] = [None]
        return [(s, t) for s in sources or nobody for t in targets or nobody]

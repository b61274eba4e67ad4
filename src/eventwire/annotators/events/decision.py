"""The learned decision over candidates: is a candidate an event, of which type, and which of its arguments
are its source and target.

Features are plain strings (the lemma and its dependency label, the lexicon's reading in the clause's
modality, who the subject and object are, negation and modality cues, the sentence's and the article's
political actors, the sentence classifier's type); the model (``classify/data/decision.npz`` and
``roles.npz``, rebuilt by ``eventwire train events``) is four logistic heads in two classifiers, applied with
numpy.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from eventwire.annotators.base import text_of
from eventwire.annotators.events.candidates import Match, clause_verb
from eventwire.annotators.events.modality import Modality
from eventwire.annotators.events.roles import actor_at, subject_of
from eventwire.classify.encoder import Encoder, word_vector
from eventwire.classify.model import Classifier
from eventwire.errors import BAD_CONFIG, EventwireError
from eventwire.knowledge.sectors import POLITICAL
from eventwire.records import Actor

MODEL_FILE = "decision.npz"  # "decision-<encoder>.npz" for a model that reads an encoder's vectors
# The features that carry the sentence classifier's type.
CLASSIFIER_FEATURES = ("sentence_type=", "agrees=", "sentence_says=")
_MODAL_FLAGS = (
    "negated",
    "hypothetical",
    "future",
    "intent",
    "obliged",
    "refused",
    "conditional",
    "question",
)


@dataclass(slots=True)
class Context:
    """What every candidate of an article shares: its actors, how political its sentences are, and the
    encoder's word pieces of each sentence when there is an encoder."""

    actors: list[Actor]
    political: frozenset[int]  # start offsets of sentences naming a political or security actor
    article: str  # the share of such sentences, in fifths
    encoded: dict[int, tuple[np.ndarray, list[tuple[int, int]]]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, sentences: list[Span], encoder: Encoder | None = None) -> Context:
        """``encoder``: encodes every sentence now, in one batch (by sentence start offset)."""
        actors = doc._.actors or []
        starts = [(s.start_char, s.end_char) for s in sentences]
        political = frozenset(
            start
            for start, end in starts
            if any(a.sector in POLITICAL and any(start <= m < end for m, _ in a.mentions) for a in actors)
        )
        share = len(political) / max(1, len(starts))
        encoded = {}
        if encoder is not None and sentences:
            vectors = encoder.encode([s.text for s in sentences])
            encoded = dict(zip((start for start, _ in starts), vectors, strict=True))
        return cls(actors, political, f"article_political={min(4, int(share * 5))}", encoded)

    def word_vector(self, token: Token) -> np.ndarray | None:
        """The encoder's vector of ``token`` in the encoded span holding it, or None without an encoder."""
        if not self.encoded:
            return None
        first = max((s for s in self.encoded if s <= token.idx), default=min(self.encoded))
        pieces, offsets = self.encoded[first]
        start = token.idx - first
        return word_vector(pieces, offsets, start, start + len(token.text))


def candidate_features(
    match: Match, modal: Modality, lexical_type: str, sentence: dict[str, float], context: Context
) -> list[str]:
    """What the event and type heads read of one candidate; ``sentence``: the sentence classifier's
    probability of each type."""
    sentence_type = max(sentence, key=sentence.__getitem__)
    token, sent = match.head, match.head.sent
    lemma = token.lemma_.lower()
    out = [
        context.article,
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"dep={token.dep_}",
        f"lemma|dep={lemma}|{token.dep_}",
        f"head={token.head.lemma_.lower()}",
        f"head_dep={token.head.dep_}",
        f"sentence_political={sent.start_char in context.political}",
        f"sentence_type={sentence_type}",
    ]
    if lexical_type:
        out += [
            f"lexicon={lexical_type}",
            f"cameo={match.cameo[:2]}",
            f"pattern={match.pattern}",
            f"kept={match.lexical}",
            f"words={len(match.trigger.words) if match.trigger else 0}",
            f"agrees={sentence_type == lexical_type}",
            f"sentence_says={min(4, int(sentence.get(lexical_type, 0.0) * 5))}",  # in fifths
        ]
    else:
        out.append("no_lexicon")
    out += [f"modality={flag}" for flag in _MODAL_FLAGS if getattr(modal, flag)]
    subject = subject_of(clause_verb(match))
    obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    out += _argument("subject", subject, context.actors) + _argument("object", obj, context.actors)
    for child in token.children:
        if child.dep_ in ("prep", "prt", "agent"):
            out.append(f"child={child.dep_}:{child.lower_}")
        elif child.dep_ == "poss":
            out += _argument("possessor", child, context.actors)
    if sent.start == 0 and text_of(sent.doc)[sent.end_char : sent.end_char + 2] == "\n\n":
        out.append("headline")  # the title above the body (``extract.headed``), not a lone sentence
    if token.is_title and token.i != sent.start:
        out.append("title_case")  # "Shell", "Target": a name, not the act
    return out


def _argument(role: str, token: Token | None, actors: list[Actor]) -> list[str]:
    if token is None:
        return [f"{role}=none"]
    actor, _ = actor_at(token, actors)
    out = [f"{role}_pos={token.pos_}", f"{role}_entity={token.ent_type_ or '-'}"]
    if actor is None:
        return [*out, f"{role}=no_actor", f"{role}_lemma={token.lemma_.lower()}"]
    out += [
        f"{role}_sector={actor.sector}",
        f"{role}_kind={actor.kind}",
        f"{role}_country={bool(actor.country)}",
    ]
    return [*out, f"{role}_political"] if actor.sector in POLITICAL else out


@dataclass(slots=True)
class DecisionModel:
    """Two classifiers: ``candidates`` with the heads "event" (is it one) and "type" (which, for candidates
    the lexicon does not code), on L2-normalised features; ``roles`` with "source" and "target" (is this
    argument the role), on indicator features. ``threshold``: the event probability below which nothing is
    kept; ``role_threshold``: the score an argument needs to fill a role; ``encoder``: the encoder whose word
    vectors the candidate heads read after the parser's (``events.encoder``; "" for none)."""

    candidates: Classifier
    roles: Classifier
    threshold: float
    role_threshold: float
    dense: bool = False  # whether the candidate heads read the trigger's vector too
    encoder: str = ""

    def candidate(self, feats: list[str], dense: np.ndarray | None = None) -> tuple[float, dict[str, float]]:
        """The probability that a candidate is an event, and of each type."""
        event, types = self.candidates.predict_heads(("event", "type"), feats, dense if self.dense else None)
        return event.get("1", 0.0), types

    def role(self, rows: list[list[str]], vectors: list[np.ndarray | None]) -> list[tuple[float, float]]:
        """Each argument's scores as source and as target (``vectors``: the arguments' encoder vectors)."""
        return [
            (source.get("1", 0.0), target.get("1", 0.0))
            for source, target in (
                self.roles.predict_heads(("source", "target"), feats, vector)
                for feats, vector in zip(rows, vectors, strict=True)
            )
        ]

    def save(self, path: Path) -> None:
        """``path`` holds the candidate heads and the thresholds, ``roles…`` beside it the role heads."""
        self.candidates.save(
            path,
            threshold=np.array(self.threshold),
            role_threshold=np.array(self.role_threshold),
            dense=np.array(self.dense),
            encoder=np.array(self.encoder),
        )
        self.roles.save(_roles_path(path))

    @classmethod
    def load(cls, path: Path) -> DecisionModel:
        with np.load(path) as data:
            threshold, role_threshold = float(data["threshold"]), float(data["role_threshold"])
            dense = bool(data["dense"]) if "dense" in data.files else False
            encoder = str(data["encoder"]) if "encoder" in data.files else ""
        roles = Classifier.load(_roles_path(path))
        return cls(Classifier.load(path), roles, threshold, role_threshold, dense, encoder)


def _roles_path(path: Path) -> Path:
    """decision.npz's role heads are in roles.npz, decision-minilm.npz's in roles-minilm.npz."""
    return path.with_name(path.name.replace("decision", "roles", 1))


def model_file(encoder: str = "") -> str:
    return MODEL_FILE.replace(".npz", f"-{encoder}.npz") if encoder else MODEL_FILE


def packaged_path(encoder: str = "") -> Path:
    return Path(str(resources.files("eventwire.classify").joinpath(f"data/{model_file(encoder)}")))


@functools.cache
def load_decision(encoder: str = "") -> DecisionModel:
    """The packaged model for ``encoder`` (rebuilt by ``eventwire train events``, with ``--set
    events.encoder=NAME`` for an encoder's)."""
    path = packaged_path(encoder)
    if not path.is_file():
        raise EventwireError(
            BAD_CONFIG, f"no packaged event model for the encoder {encoder!r}", "events.encoder"
        )
    return DecisionModel.load(path)

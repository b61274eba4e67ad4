"""The optional event encoder (events.encoder = "minilm"): all-MiniLM-L6-v2 run with numpy."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

import eventwire
from eventwire.classify.encoder import Encoder, load_encoder, word_vector
from eventwire.config import load_config
from eventwire.errors import BAD_CONFIG, EventwireError


def _vector(text: str, word: str) -> np.ndarray:
    [(pieces, offsets)] = load_encoder("minilm").encode([text])
    start = text.index(word)
    return word_vector(pieces, offsets, start, start + len(word))


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def test_encoder_pieces_and_offsets() -> None:
    [(pieces, offsets)] = load_encoder("minilm").encode(["Police arrested two men."])
    assert pieces.shape == (5, 384)  # police, arrested, two, men, "." without [CLS] and [SEP]
    assert offsets == [(0, 6), (7, 15), (16, 19), (20, 23), (23, 24)]


def test_encoder_batch_is_each_sentence_alone() -> None:
    texts = ["Police arrested two men.", "Rebels shelled the town of Idlib on Monday night."]
    together = load_encoder("minilm").encode(texts)
    for text, (pieces, _) in zip(texts, together, strict=True):
        [(alone, _)] = load_encoder("minilm").encode([text])
        assert np.allclose(pieces, alone, atol=1e-4)  # padding is masked


def test_encoder_word_vectors_follow_the_sense() -> None:
    arrested = _vector("Police arrested two men.", "arrested")
    detained = _vector("Officers detained a pair of suspects.", "detained")
    baked = _vector("She baked a cake for the party.", "baked")
    assert _cosine(arrested, detained) > _cosine(arrested, baked) + 0.1


def test_encoder_codes_events() -> None:
    with_encoder = load_config(overrides={"events.encoder": "minilm"})
    article = eventwire.process(
        "Israeli troops arrested 12 Palestinians in Hebron on Monday.", settings=with_encoder
    )
    names = {a.id: a.text for a in article.actors}
    coded = [(e.type, e.text, names.get(e.source or ""), names.get(e.target or "")) for e in article.events]
    assert coded == [("COERCE", "arrested", "Israeli troops", "12 Palestinians")]


def test_encoder_unknown_name() -> None:
    with pytest.raises(EventwireError, match=r"unknown encoder 'bert'; give '', 'minilm'") as err:
        load_config(overrides={"events.encoder": "bert"})
    assert err.value.code == BAD_CONFIG


def test_encoder_missing_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EventwireError, match=r"make encoder"):
        Encoder.packaged()

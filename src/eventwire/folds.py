"""Cross-validation folds shared by every trainer: a fixed shuffle, so that every run splits alike."""

from __future__ import annotations

import numpy as np


def folds(n: int, k: int, seed: int) -> list[list[int]]:
    """``k`` test folds over ``n`` items (articles, sentences), each a sorted list of indices."""
    order = np.random.default_rng(seed).permutation(n).tolist()
    return [sorted(order[i::k]) for i in range(k)]

"""Distances on the globe."""

from __future__ import annotations

import math

EARTH_KM = 6371.0


def km(lat: float, lon: float, other: tuple[float, float]) -> float:
    """Great-circle distance in kilometres from (lat, lon) to ``other``."""
    p1, p2 = math.radians(lat), math.radians(other[0])
    dp, dl = p2 - p1, math.radians(other[1] - lon)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_KM * 2 * math.asin(math.sqrt(min(1.0, a)))

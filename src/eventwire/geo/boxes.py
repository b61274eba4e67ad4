"""Bounding boxes of areal places (countries, divisions, regions) as (west, south, east, north) in degrees.

A box that crosses the antimeridian has west > east (Fiji, Russia), as in RFC 7946 §5.2.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

Box = tuple[float, float, float, float]


def extent(points: Iterable[tuple[float, float]]) -> Box | None:
    """The smallest box holding the (lat, lon) points: across the antimeridian when that is narrower."""
    points = list(points)
    if not points:
        return None
    lats = [lat for lat, _ in points]
    lons = sorted({lon for _, lon in points})
    # The box leaves out the widest gap between neighbouring longitudes, counting the one across ±180.
    gaps = [(b - a, i + 1) for i, (a, b) in enumerate(itertools.pairwise(lons))]
    wrap = lons[0] + 360 - lons[-1]
    widest, after = max(gaps, default=(0.0, 0))
    west, east = (lons[0], lons[-1]) if wrap >= widest else (lons[after], lons[after - 1])
    return (round(west, 4), round(min(lats), 4), round(east, 4), round(max(lats), 4))


def union(boxes: Iterable[Box]) -> Box | None:
    """The smallest box holding the boxes."""
    return extent(point for box in boxes for point in _outline(box))


def _outline(box: Box) -> Iterable[tuple[float, float]]:
    """Points along a box's edges, close enough that no gap between them is the widest of a union."""
    west, south, east, north = box
    width = east - west if west <= east else east + 360 - west
    steps = int(width // 5) + 1
    for i in range(steps + 1):
        lon = (west + width * i / steps + 180) % 360 - 180
        yield south, lon
        yield north, lon


def contains(box: Box, lat: float, lon: float) -> bool:
    west, south, east, north = box
    if not south <= lat <= north:
        return False
    return west <= lon <= east if west <= east else lon >= west or lon <= east

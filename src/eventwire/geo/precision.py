"""How precise a place's coordinates are, by its GeoNames feature code: a town's are its own; a country's, a
province's or a region's are only its centre, and maps and counts must treat the place as an area."""

from __future__ import annotations

PRECISIONS = ("point", "city", "adm2", "adm1", "country", "region")
_BY_FEATURE = (("PCL", "country"), ("ADM1", "adm1"), ("ADM", "adm2"), ("PPL", "city"), ("CONT", "region"),
               ("RGN", "region"))  # fmt: skip


def precision(feature: str | None) -> str:
    """point, city, adm2 (or a finer division), adm1, country or region."""
    return next((level for prefix, level in _BY_FEATURE if (feature or "").startswith(prefix)), "point")

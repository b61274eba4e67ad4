"""Evaluators: ``eventwire eval NAME --data PATH`` measures one capability on a gold set.

Each evaluator is a function ``(data, settings) -> EvalResult``, listed in ``EVALUATORS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.config import Settings
from eventwire.errors import UNKNOWN_EVALUATOR, EventwireError
from eventwire.eval import actors, cameo, entities, events, extract, geo, quantities, quotes
from eventwire.eval.metrics import EvalResult

Evaluator = Callable[..., EvalResult]  # (data, settings, **options)

EVALUATORS: dict[str, tuple[Evaluator, str]] = {
    "actors": (actors.evaluate, actors.__doc__ or ""),
    "cameo": (cameo.evaluate, cameo.__doc__ or ""),
    "entities": (entities.evaluate, entities.__doc__ or ""),
    "events": (events.evaluate, events.__doc__ or ""),
    "extract": (extract.evaluate, extract.__doc__ or ""),
    "geo": (geo.evaluate, geo.__doc__ or ""),
    "quantities": (quantities.evaluate, quantities.__doc__ or ""),
    "quotes": (quotes.evaluate, quotes.__doc__ or ""),
}

__all__ = ["EVALUATORS", "EvalResult", "evaluate"]


def evaluate(name: str, data: Path | None, settings: Settings, **options: Any) -> EvalResult:
    """Run one evaluator; ``options`` are its own flags (``gold_spans`` for geo)."""
    if name not in EVALUATORS:
        raise EventwireError(
            UNKNOWN_EVALUATOR, f"unknown evaluator; available: {', '.join(EVALUATORS)}", name
        )
    return EVALUATORS[name][0](data, settings, **options)

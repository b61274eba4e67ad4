"""eventwire: news in, event data out, every field linked to the words it came from.

>>> import eventwire
>>> text = "Kenyan police arrested 12 protesters in Nairobi on Tuesday."
>>> article = eventwire.process(text, published="2024-05-01")
>>> [(e.type, e.text, e.date) for e in article.events]
[('COERCE', 'arrested', '2024-04-30')]
>>> [(a.text, a.country, a.sector) for a in article.actors]
[('Kenyan police', 'KEN', 'COP'), ('12 protesters', None, 'CVL'), ('Nairobi', 'KEN', None)]
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0.0.0"

if TYPE_CHECKING:
    from eventwire.config import Settings, load_config
    from eventwire.ingest import ingest
    from eventwire.pipeline import process, process_many, run
    from eventwire.records import SCHEMA_VERSION, Article

# The public API, imported on first use so that `import eventwire` (and the CLI's --help) stays fast.
_EXPORTS = {
    "Settings": "eventwire.config",
    "load_config": "eventwire.config",
    "ingest": "eventwire.ingest",
    "process": "eventwire.pipeline",
    "process_many": "eventwire.pipeline",
    "run": "eventwire.pipeline",
    "SCHEMA_VERSION": "eventwire.records",
    "Article": "eventwire.records",
}
__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Settings",
    "__version__",
    "ingest",
    "load_config",
    "process",
    "process_many",
    "run",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")

"""The ``eventwire`` command: a thin layer that builds Settings and calls the library. One module per kind
of command: ``run`` (process, ingest, load, watch), ``store`` (stats, happenings, export, serve) and
``models`` (gazetteer, train, eval); ``base`` holds what they share.

Exit codes: 0 everything went well; 1 some inputs were rejected (the rest were processed);
2 nothing could be processed, or the job could not start (unknown model, bad config or store).
"""

from eventwire.cli import models, run, store
from eventwire.cli.base import main

__all__ = ["main", "models", "run", "store"]

"""Sources: turn what the user names into a stream of raw documents.

Paths (files, directories, ``-`` for stdin) and ``http(s)://`` URLs; each may hold plain text, HTML, JSON
Lines, an RSS/Atom feed or a WARC archive, gzipped or not. Layers, bottom up: ``decode`` (bytes to text, and
rejections), ``fetch`` (HTTP), ``readers/`` (one per format, on one base), ``registry`` (which reader reads
what), ``partitions`` (shares of the inputs for workers). Every input yields RawDocuments or Rejections; one
bad document never stops the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.sources.options import SourceOptions

if TYPE_CHECKING:
    from eventwire.sources.registry import read_inputs

__all__ = ["SourceOptions", "read_inputs"]


def __getattr__(name: str) -> Any:
    # The readers (feedparser, lxml, fastwarc) load on first use, not with the settings that name options.
    if name == "read_inputs":
        from eventwire.sources.registry import read_inputs

        return read_inputs
    raise AttributeError(name)

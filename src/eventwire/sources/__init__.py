"""Sources: turn what the user names into a stream of raw documents.

Paths (files, directories, ``-`` for stdin) and ``http(s)://`` URLs; each may hold plain text, HTML, JSON
Lines, an RSS/Atom feed or a WARC archive, gzipped or not. Every input yields RawDocuments or Rejections;
one bad input never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventwire.records import RawDocument, Rejection
from eventwire.sources.files import read_path
from eventwire.sources.options import SourceOptions
from eventwire.sources.web import is_url, read_url

__all__ = ["SourceOptions", "read_inputs"]


def read_inputs(
    inputs: Iterable[str], options: SourceOptions | None = None
) -> Iterator[RawDocument | Rejection]:
    options = options or SourceOptions()
    for name in inputs:
        yield from (read_url(name, options) if is_url(name) else read_path(name, options))

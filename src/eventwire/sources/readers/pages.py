"""Plain text and HTML pages: one document a file (or a response, or standard input)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from eventwire.records import RawDocument
from eventwire.sources.decode import check_content, decode
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import Dispatch, Item, Payload, Reader, isolated


class TextReader(Reader):
    name = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def sniff(self, head: str) -> bool:
        return True  # what nothing else claims is text

    def read_bytes(self, payload: Payload, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
        def page() -> Iterator[Item]:
            check_content(payload.data)
            content = decode(payload.data, payload.charset)
            yield RawDocument(origin=payload.origin, content=content, format=self.name, url=payload.url)

        return isolated(payload.origin, page)


class HtmlReader(TextReader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")
    content_types = ("text/html", "application/xhtml+xml")

    def sniff(self, head: str) -> bool:
        lowered = head.lstrip()[:1024].lower()
        return lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered

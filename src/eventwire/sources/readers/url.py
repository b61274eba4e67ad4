"""URLs: the page, feed, archive or dump a URL answers with, read by the reader its type and bytes name."""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.errors import InputError
from eventwire.sources.decode import rejection
from eventwire.sources.fetch import fetch, is_url
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import Dispatch, Item, Payload, Reader


class UrlReader(Reader):
    name = "url"

    def owns(self, name: str) -> bool:
        return is_url(name)

    def read(self, url: str, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
        try:
            response = fetch(url, options)
        except InputError as err:
            yield rejection(url, err)
            return
        content_type = response.content_type.split(";")[0].strip().lower()
        payload = Payload(url, response.content, response.url, response.charset)
        yield from dispatch.read_bytes(payload, content_type)

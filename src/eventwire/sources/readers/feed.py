"""RSS and Atom feeds: an entry's own content when it is the full story, else the page it links to."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument, Rejection
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import Dispatch, Item, Payload, Reader, isolated

_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


class FeedReader(Reader):
    name = "feed"
    suffixes = (".rss", ".atom", ".xml")

    def sniff(self, head: str) -> bool:
        return bool(_FEED.search(head.lstrip()[:1024]))

    def read_bytes(self, payload: Payload, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
        def entries() -> Iterator[Item]:
            # Always bytes: given a string, feedparser would treat it as a URL and fetch it.
            feed = feedparser.parse(payload.data)
            usable = [e for e in feed.entries if e.get("link") or e.get("content") or e.get("summary")]
            if feed.bozo and not usable:
                raise InputError(errors.BAD_FEED, f"invalid feed XML ({feed.get('bozo_exception')})")
            for number, entry in enumerate(feed.entries, 1):
                where = f"{payload.origin}#{number}"
                yield from isolated(where, functools.partial(_entry, where, entry, options, dispatch))

        return isolated(payload.origin, entries)

    def owns_content_type(self, kind: str) -> bool:
        return "rss" in kind or "atom" in kind or kind in ("application/xml", "text/xml")


def _entry(origin: str, entry: Any, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
    link = entry.get("link")
    title = entry.get("title")
    published = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
    content = max((c.get("value", "") for c in entry.get("content", [])), key=len, default="")
    content = content or entry.get("summary", "")
    if _words(content) >= options.feed_full_story_words:
        yield RawDocument(
            origin=origin, content=content, format="html", url=link, title=title, published=published
        )
        return
    if not link:
        yield Rejection(
            origin=origin, stage="source", code=errors.NO_TEXT, message="entry has no story and no link"
        )
        return
    for item in dispatch.read_url(link):
        if isinstance(item, RawDocument):
            item.title, item.published = item.title or title, item.published or published
        yield item


def _words(html: str) -> int:
    try:
        return len(lxml.html.fromstring(html).text_content().split()) if html.strip() else 0
    except (etree.ParserError, ValueError):
        return len(html.split())


def _date(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None

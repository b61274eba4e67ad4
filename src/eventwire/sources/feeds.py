"""RSS and Atom feeds: an entry's own content when it is the full story, else the page it links to."""

from __future__ import annotations

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


def read_feed(origin: str, data: bytes, options: SourceOptions) -> Iterator[RawDocument | Rejection]:
    # Always bytes: given a string, feedparser would treat it as a URL and fetch it.
    feed = feedparser.parse(data)
    usable = [e for e in feed.entries if e.get("link") or e.get("content") or e.get("summary")]
    if feed.bozo and not usable:
        raise InputError(errors.BAD_FEED, f"invalid feed XML ({feed.get('bozo_exception')})")
    for number, entry in enumerate(feed.entries, 1):
        yield from _entry(f"{origin}#{number}", entry, options)


def _entry(origin: str, entry: Any, options: SourceOptions) -> Iterator[RawDocument | Rejection]:
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
    from eventwire.sources.web import read_url

    for item in read_url(link, options):
        if isinstance(item, RawDocument):
            item.title, item.published = item.title or title, item.published or published
        yield item


def _words(html: str) -> int:
    try:
        return len(lxml.html.fromstring(html).text_content().split()) if html.strip() else 0
    except etree.ParserError:
        return len(html.split())


def _date(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None

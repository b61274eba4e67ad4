"""Sitemaps (sitemaps.org, and Google News sitemaps): the pages they list, and the sitemaps an index lists.

A page's ``<news:publication_date>`` or ``<lastmod>`` dates it when the page itself does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import Dispatch, Item, Payload, Reader, isolated

_SITEMAP = re.compile(r"<(?:\w+:)?(?:urlset|sitemapindex)\b")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


class SitemapReader(Reader):
    name = "sitemap"

    def sniff(self, head: str) -> bool:
        return bool(_SITEMAP.search(head.lstrip()[:2048]))

    def read_bytes(self, payload: Payload, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
        def pages() -> Iterator[Item]:
            root = etree.fromstring(payload.data, _PARSER)
            if root is None or etree.QName(root).localname not in ("urlset", "sitemapindex"):
                raise InputError(errors.BAD_FEED, "not a sitemap (no <urlset> or <sitemapindex>)")
            for entry in root:
                if not isinstance(entry.tag, str):
                    continue  # a comment
                loc = _child(entry, "loc")
                if not loc:
                    continue
                dated = _child(entry, "publication_date") or _child(entry, "lastmod")
                for item in dispatch.read_url(loc):
                    if isinstance(item, RawDocument) and dated:
                        item.published = item.published or dated[:10]
                    yield item

        return isolated(payload.origin, pages)


def _child(entry: etree._Element, name: str) -> str | None:
    """The text of the first descendant named ``name`` in any namespace."""
    for element in entry.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == name and element.text:
            return element.text.strip()
    return None

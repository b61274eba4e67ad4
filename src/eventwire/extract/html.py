"""HTML pages: body and metadata through trafilatura, readability-lxml as the fallback, then clean-up."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from html import unescape

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree
from readability import Document as ReadabilityDocument
from readability.readability import Unparseable
from trafilatura.settings import Document

from eventwire.extract.boilerplate import clean_paragraphs
from eventwire.extract.text import tidy

# readability-lxml logs a traceback for every page it cannot parse; a page it cannot read is no error here.
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

_LIBXML_DEPTH = 256
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(?<!/)>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_HIDDEN = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|blockquote|section|article)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
# Below this many characters an extraction is implausibly short for a news story: try the other extractor.
_PLAUSIBLE = 500
# readability-lxml's block replaces trafilatura's when it is this many times longer and holds this share of
# trafilatura's words: trafilatura then stopped inside the story (a split article body, an inline widget).
_LONGER = 2.0
_CONTAINED = 0.8
_REPEATED = 0.2
# trafilatura's precise mode drops blocks to avoid boilerplate; when it keeps less than this share of what
# the default mode finds, it dropped part of the story, and the default is the better output.
_PRECISION_SHARE = 0.6


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    language: str | None = None


def extract_html(html: str | bytes, url: str | None = None) -> Page:
    precise = _trafilatura(html, url, favor_precision=True)
    if precise is None or len(precise.text or "") < _PLAUSIBLE:
        document = _trafilatura(html, url, favor_precision=False) or precise
    else:
        document = precise
        default = _trafilatura(html, url, favor_precision=False, with_metadata=False)
        if default is not None and len(precise.text or "") < _PRECISION_SHARE * len(default.text or ""):
            document.text = default.text
    title = document.title if document else None
    text = _prefer_longer_story(
        _clean((document.text or "") if document else "", title), _clean(_readability(html), title)
    )
    if not text and _too_deep(html):
        text = _clean(_depth_safe_text(html), title)
    published = document.date if document else None
    if not published:
        published = find_date(html, url=url, original_date=True, extensive_search=False)
    return Page(
        text=text,
        title=title,
        url=document.url if document else None,
        published=published,
        source=document.sitename if document else None,
        author=document.author if document else None,
        language=document.language if document else None,
    )


def _trafilatura(
    html: str | bytes, url: str | None, favor_precision: bool, with_metadata: bool = True
) -> Document | None:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=with_metadata,
        include_comments=False,
        favor_precision=favor_precision,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    return document if isinstance(document, Document) else None


def _clean(text: str, title: str | None) -> str:
    return "\n\n".join(clean_paragraphs([line for line in tidy(text).split("\n") if line], title))


def _prefer_longer_story(text: str, alternative: str) -> str:
    if len(text) < _PLAUSIBLE:
        return max(text, alternative, key=len)
    if len(alternative) < _LONGER * len(text):
        return text
    words, other = set(text.split()), set(alternative.split())
    if len(words & other) < _CONTAINED * len(words) or _repeated_share(alternative) > _REPEATED:
        return text
    return alternative


def _repeated_share(text: str, n: int = 8) -> float:
    """Share of n-word runs that occur more than once: high when a page holds the story twice."""
    words = text.split()
    runs = Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    total = sum(runs.values())
    return sum(c for c in runs.values() if c > 1) / total if total else 0.0


def _too_deep(html: str | bytes) -> bool:
    """Whether the markup nests deeper than libxml2 parses (256 levels): both extractors then see nothing."""
    markup = html if isinstance(html, str) else html.decode("utf-8", errors="replace")
    depth = 0
    for closing, name in _TAG.findall(markup):
        if name.lower() in _VOID:
            continue
        depth += -1 if closing else 1
        if depth > _LIBXML_DEPTH:
            return True
    return False


def _depth_safe_text(html: str | bytes) -> str:
    """The page's text without a tree: scripts and styles dropped, block tags as line breaks, the rest of the
    markup removed. For pathological pages only (``_too_deep``)."""
    markup = html if isinstance(html, str) else html.decode("utf-8", errors="replace")
    markup = _HIDDEN.sub(" ", markup)
    markup = _BLOCK.sub("\n", markup)
    return unescape(_ANY_TAG.sub(" ", markup))


def _readability(html: str | bytes) -> str:
    """readability-lxml's main block, one block element a line."""
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except (Unparseable, etree.ParserError, ValueError):
        return ""
    blocks = tree.iter("p", "h2", "h3", "h4", "li", "blockquote", "pre", "td")
    return "\n".join(" ".join(block.text_content().split()) for block in blocks)

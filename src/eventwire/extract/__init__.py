"""Extraction: a raw document (plain text or HTML) becomes an Article with a clean body and metadata."""

from __future__ import annotations

from eventwire import errors
from eventwire.errors import InputError
from eventwire.extract.html import extract_html
from eventwire.extract.text import split_title, tidy
from eventwire.records import Article, RawDocument, article_id

__all__ = ["extract_article"]


def extract_article(raw: RawDocument) -> Article:
    """The Article for one raw document, annotations empty; InputError when it holds no text."""
    if raw.format == "html":
        page = extract_html(raw.content, raw.url)
        title, body = raw.title or page.title, page.text
        url, published = raw.url or page.url, raw.published or page.published
        source, author, language = page.source, page.author, page.language
    else:
        title, body = (raw.title, tidy(raw.content)) if raw.title else split_title(tidy(raw.content))
        url, published, source, author, language = raw.url, raw.published, None, None, None
    if not body:
        raise InputError(errors.NO_TEXT, "no article text found")
    return Article(
        id=article_id(body, url),
        text=body,
        url=url,
        title=title,
        published=published,
        language=language,
        source=source,
        author=author,
        origin=raw.origin,
    )

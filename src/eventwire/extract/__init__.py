"""Extraction: a raw document (plain text or HTML) becomes an Article with a clean body and metadata."""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

from eventwire import errors
from eventwire.errors import InputError
from eventwire.extract.boilerplate import keep_mask
from eventwire.extract.html import extract_html
from eventwire.extract.language import detect_language
from eventwire.extract.text import split_title, tidy
from eventwire.records import Article, RawDocument, article_id

__all__ = ["extract_article", "publication_date"]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")


def extract_article(raw: RawDocument) -> Article:
    """The Article for one raw document, annotations empty; InputError when it holds no text."""
    if raw.format == "html":
        page = extract_html(raw.content, raw.url)
        title, body = raw.title or page.title, page.text
        url, published = raw.url or page.url, raw.published or page.published
        source, author, declared = raw.source or page.source, page.author, page.language
    else:
        title, body = (raw.title, tidy(raw.content)) if raw.title else split_title(tidy(raw.content))
        body = clean_lines(body)
        url, published, source, author, declared = raw.url, raw.published, raw.source, None, None
    if not body:
        raise InputError(errors.NO_TEXT, "no article text found")
    return Article(
        id=article_id(body, url),
        text=headed(title, body),
        url=url,
        title=title,
        published=publication_date(published),
        language=detect_language(body) or declared,
        source=source,
        author=author,
        origin=raw.origin,
    )


def publication_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from what a source says: ISO dates and date-times, RFC 2822 dates (feeds,
    HTTP); anything else (a word, markup) is no date, never stored as given."""
    if not value:
        return None
    text = value.strip()
    if _ISO_DAY.match(text):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def headed(title: str | None, body: str) -> str:
    """The text the annotators code: the headline, a blank line, the body. The headline carries the main
    event, so its events count and their spans point into the article's text."""
    title = " ".join((title or "").split())
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}"


def clean_lines(text: str) -> str:
    """Plain text gets the clean-up pages get, line by line (copied text has a paragraph a line)."""
    lines = text.split("\n")
    return tidy(
        "\n".join(line for line, keep in zip(lines, keep_mask(lines), strict=True) if keep or not line)
    )

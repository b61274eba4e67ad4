"""HTML pages: body and metadata through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from trafilatura.settings import Document

from eventwire.extract.text import tidy


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    language: str | None = None


def extract_html(html: str, url: str | None = None) -> Page:
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if not isinstance(document, Document):  # None: nothing found
        return Page(text="")
    return Page(
        text=_body(document.text or "", document.title),
        title=document.title,
        url=document.url,
        published=document.date,
        source=document.sitename,
        author=document.author,
        language=document.language,
    )


def _body(text: str, title: str | None) -> str:
    """trafilatura puts one block a line: make each a paragraph, without the headline repeated on top."""
    lines = [line for line in tidy(text).split("\n") if line]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)

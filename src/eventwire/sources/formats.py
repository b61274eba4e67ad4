"""What a byte string holds, and turning it into raw documents: text, HTML, JSON Lines, a feed or a WARC."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator

import charset_normalizer

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument, Rejection
from eventwire.sources.options import SourceOptions

# Format by file suffix (after any .gz).
SUFFIX_FORMATS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}  # fmt: skip
_SNIFF = 8192
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CHAOS_TIE = 0.01
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def sniff_format(head: str, hint: str | None = None) -> str:
    """The format from a hint (suffix format or HTTP content type) and the first characters of the content."""
    if hint in ("warc", "jsonl"):
        return hint
    start = head.lstrip()[:1024]
    if start.startswith("{"):
        return "jsonl"
    if _FEED.search(start):
        return "feed"
    lowered = start.lower()
    if hint == "html" or lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered:
        return "html"
    return "text"


def content_type_hint(content_type: str) -> str | None:
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if "rss" in kind or "atom" in kind or kind in ("application/xml", "text/xml"):
        return "feed"
    if kind == "application/warc":
        return "warc"
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """UTF-8 (with or without BOM), else the charset declared (HTTP or <meta>), else the best guess."""
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom:
        return data.decode(bom)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = _DECLARED.search(data[:4096])
    guesses = [c for c in (declared, meta.group(1).decode("ascii") if meta else None) if c]
    for encoding in [*guesses, *_guess(data), "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise InputError(
        errors.UNREADABLE, "text in an unknown encoding (not UTF-8, nor what it declares or resembles)"
    )


def _guess(data: bytes) -> list[str]:
    """charset-normalizer's guess, or Windows-1252 (news' commonest legacy encoding) if it fits as well."""
    results = charset_normalizer.from_bytes(data[:65536])
    best = results.best()
    if best is None:
        return []
    close = [r.encoding for r in results if r.chaos <= best.chaos + _CHAOS_TIE]
    return ["cp1252"] if "cp1252" in close else [best.encoding]


def check_content(data: bytes) -> None:
    if not data.strip():
        raise InputError(errors.EMPTY, "file is empty")
    if b"\x00" in data[:_SNIFF] and not data.startswith(tuple(mark for mark, _ in _BOMS)):
        raise InputError(
            errors.BINARY, "binary file (NUL bytes), expected text, HTML, JSON Lines, a feed or WARC"
        )


def documents(
    origin: str,
    data: bytes,
    options: SourceOptions,
    hint: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[RawDocument | Rejection]:
    """The raw documents in one whole input held in memory."""
    if hint == "warc" or data.startswith(b"WARC/"):
        from eventwire.sources.warc import read_warc

        yield from read_warc(io.BytesIO(data), origin)
        return
    check_content(data)
    text = decode(data, charset)
    fmt = sniff_format(text[:_SNIFF], hint)
    if fmt == "jsonl":
        yield from jsonl_documents(origin, text.splitlines())
    elif fmt == "feed":
        from eventwire.sources.feeds import read_feed

        yield from read_feed(origin, data, options)
    else:
        yield RawDocument(origin=origin, content=text, format=fmt, url=url)


def jsonl_documents(origin: str, lines: Iterable[str], first: int = 1) -> Iterator[RawDocument | Rejection]:
    """One article per line: ``{"text"|"html": ..., "url", "title", "published"}``; lines numbered from
    ``first``."""
    for number, line in enumerate(lines, first):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejection(
                origin=where, stage="source", code=errors.UNREADABLE, message=f"bad JSON: {err.msg}"
            )
            continue
        yield document_from_dict(item, where)


def document_from_dict(item: object, origin: str) -> RawDocument | Rejection:
    """``raw_from_dict``, with a bad item as a Rejection rather than an error."""
    try:
        return raw_from_dict(item, origin)
    except InputError as err:
        return rejection(origin, err)


def raw_from_dict(item: object, origin: str) -> RawDocument:
    """A JSON object (or Python dict) with ``text`` or ``html`` and optional metadata."""
    if not isinstance(item, dict):
        raise InputError(errors.NO_TEXT, "expected a JSON object with a 'text' or 'html' field")
    html, text = item.get("html"), item.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        raise InputError(errors.NO_TEXT, "no 'text' or 'html' field with content")
    return RawDocument(
        origin=origin,
        content=content,
        format="html" if content is html else "text",
        url=_str_or_none(item.get("url")),
        title=_str_or_none(item.get("title")),
        published=_str_or_none(item.get("published")),
    )


def rejection(origin: str, err: InputError) -> Rejection:
    return Rejection(origin=origin, stage="source", code=err.code, message=err.message)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None

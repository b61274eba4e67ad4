"""Files, directories, standard input and JSON Lines."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import charset_normalizer

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument, Rejection

SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".jsonl"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
_SNIFF = 8192

Reader = Callable[[], bytes]


def read_inputs(inputs: Iterable[str]) -> Iterator[RawDocument | Rejection]:
    """Each input in turn: a file, a directory (its files with known suffixes, recursively) or ``-``."""
    for name in inputs:
        for origin, read in _expand(name):
            try:
                data = read()
                yield from _documents(origin, data, Path(origin).suffix.lower())
            except InputError as err:
                yield Rejection(origin=origin, stage="source", code=err.code, message=err.message)


def _expand(name: str) -> Iterator[tuple[str, Reader]]:
    if name == "-":
        yield "-", sys.stdin.buffer.read
        return
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not files:
            yield name, _fail(errors.NO_TEXT, f"directory has no {', '.join(sorted(SUFFIXES))} files")
        for file in files:
            yield str(file), file.read_bytes
    elif path.is_file():
        yield name, path.read_bytes
    else:
        yield name, _fail(errors.MISSING, "no such file or directory")


def _fail(code: str, message: str) -> Reader:
    def read() -> bytes:
        raise InputError(code, message)

    return read


def _documents(origin: str, data: bytes, suffix: str) -> Iterator[RawDocument | Rejection]:
    if not data.strip():
        raise InputError(errors.EMPTY, "file is empty")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(errors.BINARY, "binary file (NUL bytes), expected text, HTML or JSON Lines")
    text = decode(data)
    if suffix == ".jsonl":
        yield from _jsonl(origin, text)
    else:
        yield RawDocument(origin=origin, content=text, format=sniff_format(text, suffix))


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the charset a page declares, else charset-normalizer's best guess."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(data[:4096])
    guesses = [declared.group(1).decode("ascii")] if declared else []
    best = charset_normalizer.from_bytes(data[:65536]).best()
    guesses += [best.encoding] if best else []
    for encoding in [*guesses, "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise InputError(
        errors.UNREADABLE, "text in an unknown encoding (not UTF-8, nor any it declares or resembles)"
    )


def sniff_format(text: str, suffix: str = "") -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    head = text.lstrip()[:512].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text"


def _jsonl(origin: str, text: str) -> Iterator[RawDocument | Rejection]:
    """One article per line: ``{"text"|"html": ..., "url", "title", "published"}``."""
    for number, line in enumerate(text.splitlines(), 1):
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
        return Rejection(origin=origin, stage="source", code=err.code, message=err.message)


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


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None

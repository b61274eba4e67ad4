"""JSON Lines: one article a line (``{"text"|"html": ..., "url", "title", "published"}``), streamed line by
line with each line capped, so that a dump of any size, or one monstrous line, never fills the memory."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument, Rejection
from eventwire.sources.decode import clean_text, decode, rejection
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import (
    GZIP_MAGIC,
    WHOLE,
    Dispatch,
    Item,
    Payload,
    Reader,
    Slice,
    isolated,
    opened,
)


class JsonlReader(Reader):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    kind = "lines"
    unit = "lines"

    def sniff(self, head: str) -> bool:
        return head.lstrip().startswith("{")

    def checkpoints(self, path: Path, every: int) -> list[tuple[int, int, int]]:
        """Slices of ``every`` lines; a gzipped file cannot be entered in the middle, so it is one slice."""
        with path.open("rb") as raw:
            if raw.read(2) == GZIP_MAGIC:
                return [(0, 1, _count_lines(path))]
            raw.seek(0)
            starts: list[tuple[int, int]] = []
            offset = lines = 0
            for lines, (size, _) in enumerate(_lines(raw, 1 << 20), 1):
                if (lines - 1) % every == 0:
                    starts.append((offset, lines))
                offset += size
        ends = [number for _, number in starts[1:]] + [lines + 1]
        return [(start, number, end - number) for (start, number), end in zip(starts, ends, strict=True)]

    def read_file(
        self, path: Path, options: SourceOptions, dispatch: Dispatch, part: Slice = WHOLE
    ) -> Iterator[Item]:
        origin = str(path)

        def lines() -> Iterator[Item]:
            with opened(path) as stream:
                stream.seek(part.offset)
                lines = _lines(stream, options.max_bytes)
                if part.count is not None:
                    lines = itertools.islice(lines, part.count)
                numbered = enumerate(lines, part.first)
                try:
                    for number, (_, line) in numbered:
                        yield from _line(origin, number, line, options.max_bytes)
                except EOFError as err:
                    raise InputError(
                        errors.TRUNCATED, "truncated gzip file; the lines before the break were read"
                    ) from err

        return isolated(origin, lines)

    def read_bytes(self, payload: Payload, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
        def lines() -> Iterator[Item]:
            for number, (_, line) in enumerate(_lines(io.BytesIO(payload.data), options.max_bytes), 1):
                yield from _line(payload.origin, number, line, options.max_bytes)

        return isolated(payload.origin, lines)


def _lines(stream: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Each line's length in bytes and the line, or None for a line longer than ``cap``: read past in
    pieces, never held whole."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) <= cap or line.endswith(b"\n"):
            yield len(line), line
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = stream.readline(cap + 1)
            size += len(line)
        yield size, None


def _line(origin: str, number: int, line: bytes | None, cap: int) -> Iterator[Item]:
    where = f"{origin}:{number}"
    if line is None:
        message = f"line is over the {cap:,}-byte limit (sources.max_bytes)"
        yield rejection(where, InputError(errors.TOO_BIG, message))
        return
    text = decode(line)
    if not text.strip():
        return
    try:
        item = json.loads(text)
    except json.JSONDecodeError as err:
        yield Rejection(origin=where, stage="source", code=errors.UNREADABLE, message=f"bad JSON: {err.msg}")
        return
    except RecursionError:
        yield Rejection(
            origin=where, stage="source", code=errors.UNREADABLE, message="bad JSON: nested too deep"
        )
        return
    yield document_from_dict(item, where)


def document_from_dict(item: object, origin: str) -> RawDocument | Rejection:
    """``raw_from_dict``, with a bad item as a Rejection rather than an error."""
    try:
        return raw_from_dict(item, origin)
    except InputError as err:
        return rejection(origin, err)


def raw_from_dict(item: object, origin: str) -> RawDocument:
    """A JSON object (or Python dict) with ``text`` or ``html`` and optional metadata: ``url``, ``title``,
    ``published``, ``source`` (the outlet)."""
    if not isinstance(item, dict):
        raise InputError(errors.NO_TEXT, "expected a JSON object with a 'text' or 'html' field")
    html, text = item.get("html"), item.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        raise InputError(errors.NO_TEXT, "no 'text' or 'html' field with content")
    return RawDocument(
        origin=origin,
        content=clean_text(content),
        format="html" if content is html else "text",
        url=_str_or_none(item.get("url")),
        title=_str_or_none(item.get("title")),
        published=_str_or_none(item.get("published")),
        source=_str_or_none(item.get("source")),
    )


def _str_or_none(value: object) -> str | None:
    return clean_text(value) if isinstance(value, str) and value.strip() else None


def _count_lines(path: Path) -> int:
    try:
        with opened(path) as stream:
            return sum(1 for _ in _lines(stream, 1 << 20))
    except (OSError, EOFError, ValueError):
        return 0  # its reader reports what is wrong

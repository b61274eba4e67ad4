"""WARC archives (e.g. Common Crawl news): the HTML response records, each a raw document.

A cut archive keeps every complete record before the break; the record the break falls in is rejected,
never passed on half-read. A record over ``sources.max_bytes`` is rejected by its declared length, before
its body is read, and a body is never read past the cap.
"""

from __future__ import annotations

import io
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument
from eventwire.sources.decode import decode, rejection
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import GZIP_MAGIC as _GZIP_MAGIC
from eventwire.sources.readers.base import WHOLE, Dispatch, Item, Payload, Reader, Slice

_CHUNK = 1 << 20


class WarcReader(Reader):
    name = "warc"
    suffixes = (".warc", ".arc")
    content_types = ("application/warc",)
    kind = "warc"
    unit = "pages"

    def sniff(self, head: str) -> bool:
        return head.startswith("WARC/")

    def checkpoints(self, path: Path, every: int) -> list[tuple[int, int, int]]:
        return warc_checkpoints(path, every)

    def read_file(
        self, path: Path, options: SourceOptions, dispatch: Dispatch, part: Slice = WHOLE
    ) -> Iterator[Item]:
        return read_warc(path, str(path), part.offset, part.first, part.count, options.max_bytes)

    def read_bytes(self, payload: Payload, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
        return read_warc(io.BytesIO(payload.data), payload.origin, max_bytes=options.max_bytes)


@dataclass(slots=True)
class _Page:
    origin: str
    url: str | None
    body: bytes | None  # None: over the size cap, not read
    charset: str | None
    start: int  # where the record starts in the file (for gzip: its member's compressed offset)
    end: int  # where its block should end in the uncompressed stream
    cap: int

    def document(self) -> Item:
        if self.body is None:
            message = f"WARC record is over the {self.cap:,}-byte limit (sources.max_bytes)"
            return rejection(self.origin, InputError(errors.TOO_BIG, message))
        return RawDocument(
            origin=self.origin, content=decode(self.body, self.charset), format="html", url=self.url
        )


def read_warc(
    source: Path | BinaryIO,
    origin: str,
    start: int = 0,
    first: int = 1,
    limit: int | None = None,
    max_bytes: int = 50_000_000,
) -> Iterator[Item]:
    """HTML pages answered 200 OK, in archive order; other records (requests, images, metadata) are passed.

    A slice of the archive: from byte ``start`` (a record's first byte, from ``warc_checkpoints``), numbering
    pages from ``first``, at most ``limit`` of them.
    """
    raw = source.open("rb") if isinstance(source, Path) else source
    with raw:
        gzipped = raw.read(2) == _GZIP_MAGIC
        raw.seek(start)
        held: _Page | None = None  # each record waits for the next, to be judged complete or cut
        broken = None
        try:
            for number, record in enumerate(_responses(raw), first):
                if held is not None:
                    yield held.document()
                if limit is not None and number == first + limit:  # the next slice starts: held is whole
                    return
                held = _page(record, f"{origin}#{number}", max_bytes)
        except OSError as err:
            broken = str(err)
        tail_broken, held_cut = _check_end(raw, gzipped, held)
        broken = broken or tail_broken
        if held is not None and held_cut:
            yield rejection(held.origin, InputError(errors.TRUNCATED, f"WARC record cut short ({broken})"))
        elif held is not None:
            yield held.document()
        if broken:
            message = f"WARC archive cut short ({broken}); the complete records before the break were read"
            yield rejection(origin, InputError(errors.TRUNCATED, message))


def warc_checkpoints(path: Path, every: int) -> list[tuple[int, int, int]]:
    """Where to cut an archive into slices of ``every`` pages: (byte offset, first page number, pages).

    A gzipped archive is cut only when each slice starts a gzip member (one member per record, as Common
    Crawl writes them); otherwise the whole archive is one slice.
    """
    starts: list[tuple[int, int]] = []
    pages = 0
    with path.open("rb") as raw:
        gzipped = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        try:
            for pages, record in enumerate(_responses(raw), 1):
                if (pages - 1) % every == 0:
                    starts.append((record.stream_pos, pages))
        except OSError:
            pass  # a cut archive: the reader of its last slice reports the break
        if gzipped and any(_at_gzip_member(raw, offset) is False for offset, _ in starts):
            starts = starts[:1]
    if not starts:
        return [(0, 1, 0)]
    starts[0] = (0, 1)  # the first slice reads from the top, so records before the first page are passed
    ends = [number for _, number in starts[1:]] + [pages + 1]
    return [(offset, number, end - number) for (offset, number), end in zip(starts, ends, strict=True)]


def _at_gzip_member(raw: BinaryIO, offset: int) -> bool:
    raw.seek(offset)
    return raw.read(2) == _GZIP_MAGIC


def _check_end(raw: BinaryIO, gzipped: bool, last: _Page | None) -> tuple[str | None, bool]:
    """fastwarc passes over a cut last record in silence: (what broke, whether ``last`` was cut)."""
    if gzipped:
        return _gzip_tail(raw, last.start if last else 0)
    size = raw.seek(0, 2)
    if last is not None and last.end > size:
        return f"the file ends at byte {size:,}, inside record {last.origin}", True
    return None, False


def _gzip_tail(raw: BinaryIO, start: int) -> tuple[str | None, bool]:
    """Decompress the gzip members from ``start`` to the end: (what broke, whether the first member did)."""
    raw.seek(start)
    first, pending = True, b""
    while True:
        member = zlib.decompressobj(wbits=31)
        data = pending or raw.read(_CHUNK)
        if not data:
            return None, False
        try:
            while data and not member.eof:
                member.decompress(data, _CHUNK)
                data = member.unconsumed_tail or (b"" if member.eof else raw.read(_CHUNK))
        except zlib.error as err:
            return f"corrupt gzip data: {err}", first
        if not member.eof:
            return "the gzip data ends inside a record", first
        pending, first = member.unused_data + data, False


def _responses(stream: BinaryIO) -> Iterator[WarcRecord]:
    records = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True)
    for record in records:
        headers = record.http_headers
        if headers is not None and headers.status_code == 200 and "html" in (record.http_content_type or ""):
            yield record


def _page(record: WarcRecord, origin: str, cap: int) -> _Page:
    # The record's reader ends at its declared length: under the cap, the body cannot be longer.
    declared = int(record.headers.get("Content-Length") or 0)
    return _Page(
        origin=origin,
        url=record.headers.get("WARC-Target-URI"),
        body=record.reader.read() if declared <= cap else None,
        cap=cap,
        charset=record.http_charset,
        start=record.stream_pos,
        end=record.stream_pos + _header_length(record) + int(record.headers.get("Content-Length") or 0),
    )


def _header_length(record: WarcRecord) -> int:
    """Bytes of the record's WARC header block, as written: version line, fields, blank line."""
    fields = sum(len(k) + len(v) + 4 for k, v in record.headers.items_bytes())
    return len(record.headers.status_line_bytes or b"") + 2 + fields + 2


def warc_record(url: str, html: bytes, date: str = "2024-01-01T00:00:00Z") -> bytes:
    """One WARC/1.1 response record for ``html`` (uncompressed): archives for tests and benchmarks."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n"
    block = http % len(html) + html
    headers = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url + date)}>\r\nWARC-Date: {date}\r\n"
        f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return headers.encode() + block + b"\r\n\r\n"

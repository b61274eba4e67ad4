"""The readers and the one place that decides an input's format: by its name, its HTTP content type and its
first characters. ``read_inputs``, ``plan`` and ``read_partition`` ask here and know no format."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import Rejection
from eventwire.sources.decode import SNIFF, check_content, decode, rejection
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import (
    Item,
    Payload,
    Reader,
    Slice,
    isolated,
    read_capped,
    read_capped_file,
)
from eventwire.sources.readers.feed import FeedReader
from eventwire.sources.readers.jsonl import JsonlReader
from eventwire.sources.readers.pages import HtmlReader, TextReader
from eventwire.sources.readers.sitemap import SitemapReader
from eventwire.sources.readers.url import UrlReader
from eventwire.sources.readers.warc import WarcReader

# In the order their leading characters are tried: what nothing else claims is text.
READERS: tuple[Reader, ...] = (
    WarcReader(),
    JsonlReader(),
    FeedReader(),
    SitemapReader(),
    HtmlReader(),
    TextReader(),
)
URLS = UrlReader()
_BY_NAME = {reader.name: reader for reader in READERS}
# Formats a file's name is not allowed to overrule: their content is never sniffed (streams, archives).
_TRUSTED_NAMES = frozenset({"warc", "jsonl"})


def reader(name: str) -> Reader:
    return _BY_NAME[name]


def reader_for_path(path: Path) -> Reader | None:
    """The reader a file's suffix names (after any .gz), or None: not an input a directory holds."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if not suffixes:
        return None
    return next((r for r in READERS if suffixes[-1] in r.suffixes), None)


def format_of(head: str, hint: str | None = None) -> str:
    """The format of content beginning with ``head``, given a hint (a reader's name from the file's suffix
    or the HTTP content type): WARC and JSON Lines names are trusted, the others checked against the
    content; an HTML hint wins over plain text."""
    if hint in _TRUSTED_NAMES:
        return hint
    for candidate in READERS:
        if candidate.name == "text" and hint == "html":
            return "html"
        if candidate.sniff(head):
            return candidate.name
    return "text"


@dataclass(slots=True)
class Registry:
    """The readers with one run's options: the Dispatch every reader is lent."""

    options: SourceOptions

    def read_bytes(self, payload: Payload, hint: str | None = None) -> Iterator[Item]:
        """The documents of one input held in memory (a response, standard input); ``hint``: a reader's name
        or an HTTP content type."""
        named = hint if hint in _BY_NAME else _content_type_reader(hint)
        if named == "warc" or payload.data.startswith(b"WARC/"):
            yield from reader("warc").read_bytes(payload, self.options, self)
            return
        try:
            check_content(payload.data)
        except InputError as err:
            yield rejection(payload.origin, err)
            return
        fmt = format_of(decode(payload.data[:SNIFF]), named)
        yield from reader(fmt).read_bytes(payload, self.options, self)

    def read_url(self, url: str) -> Iterator[Item]:
        return URLS.read(url, self.options, self)

    def read_file(self, path: Path, part: Slice | None = None) -> Iterator[Item]:
        """A file by the reader its name gives (a slice of it, for the readers that cut files); the others
        are read whole and their content decides."""
        named = reader_for_path(path)
        if named is not None and named.kind is not None:
            return named.read_file(path, self.options, self, part or Slice())
        return _whole_file(path, self, named.name if named else None)


def _whole_file(path: Path, registry: Registry, hint: str | None) -> Iterator[Item]:
    origin = str(path)

    def read() -> Iterator[Item]:
        yield from registry.read_bytes(
            Payload(origin, read_capped_file(path, registry.options.max_bytes)), hint
        )

    return isolated(origin, read)


def _content_type_reader(content_type: str | None) -> str | None:
    if not content_type:
        return None
    kind = content_type.split(";")[0].strip().lower()
    return next((r.name for r in READERS if r.owns_content_type(kind)), None)


def read_inputs(inputs: Iterable[str], options: SourceOptions | None = None) -> Iterator[Item]:
    """Raw documents and rejections of the inputs named: paths, directories, ``-`` and URLs, in order."""
    registry = Registry(options or SourceOptions())
    for name in inputs:
        yield from (registry.read_url(name) if URLS.owns(name) else read_path(name, registry))


def read_path(name: str, registry: Registry) -> Iterator[Item]:
    """A file, every input file below a directory, or ``-`` for standard input."""
    if name == "-":
        yield from isolated(
            name,
            lambda: registry.read_bytes(
                Payload(name, read_capped(sys.stdin.buffer, registry.options.max_bytes))
            ),
        )
        return
    for file in files_of(name):
        if isinstance(file, Rejection):
            yield file
        else:
            yield from registry.read_file(file)


def files_of(name: str) -> Iterator[Path | Rejection]:
    """The file named, or every file with an input's suffix below the directory named, in sorted order;
    an entry below it that cannot be read (a FIFO, a broken link, a link loop, a folder it may not list) is
    a Rejection in its place, so that nothing is skipped without a line."""
    path = Path(name)
    if path.is_dir():
        entries = sorted(_walk(path), key=lambda e: str(e) if isinstance(e, Path) else e.origin)
        if not entries:
            known = ", ".join(sorted(s for r in READERS for s in r.suffixes))
            yield rejection(
                name, InputError(errors.NO_TEXT, f"directory has no files ending {known} (or .gz)")
            )
        yield from entries
    elif path.is_file():
        yield path
    elif path.exists():
        yield rejection(name, InputError(errors.UNREADABLE, "not a regular file (a FIFO, socket or device)"))
    else:
        yield rejection(name, InputError(errors.MISSING, "no such file or directory"))


def _walk(folder: Path) -> Iterator[Path | Rejection]:
    seen = {_identity(folder.stat())}
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(current.iterdir())
        except OSError as err:
            yield _skipped(current, f"cannot list the folder ({err.strerror or err})")
            continue
        for entry in entries:
            try:
                info = entry.stat()  # through links
            except OSError as err:  # a broken link or a loop of links
                if entry.is_symlink() or reader_for_path(entry) is not None:
                    yield _skipped(entry, f"cannot be read ({err.strerror or err})")
                continue
            if stat.S_ISDIR(info.st_mode):
                if _identity(info) in seen:
                    yield _skipped(entry, "a link to a folder already read (a loop)")
                else:
                    seen.add(_identity(info))
                    pending.append(entry)
            elif reader_for_path(entry) is None:
                continue  # not an input: images, styles, notes
            elif stat.S_ISREG(info.st_mode):
                yield entry
            else:
                yield _skipped(entry, "not a regular file (a FIFO, socket or device)")


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _skipped(path: Path, why: str) -> Rejection:
    return rejection(str(path), InputError(errors.UNREADABLE, f"skipped: {why}"))

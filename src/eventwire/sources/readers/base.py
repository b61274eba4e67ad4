"""The base every reader is built on, as datatrove's readers are: which names and leading bytes are its own,
how to cut a file into slices a worker can read alone, and how to read a file, a slice or bytes into raw
documents. A reader never fails for one bad document: that document becomes a Rejection and the rest go on.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ClassVar, Protocol

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument, Rejection
from eventwire.sources.decode import rejection
from eventwire.sources.options import SourceOptions

Item = RawDocument | Rejection
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Slice:
    """A share of a file: from byte ``offset``, documents numbered from ``first``, ``count`` of them (None:
    to the end)."""

    offset: int = 0
    first: int = 1
    count: int | None = None


WHOLE = Slice()


@dataclass(frozen=True, slots=True)
class Payload:
    """One input held in memory: a file's bytes, a response, standard input."""

    origin: str
    data: bytes
    url: str | None = None  # the page's address, after redirects
    charset: str | None = None  # as the HTTP response declared it


class Dispatch(Protocol):
    """What the registry lends a reader that holds other inputs: a feed's linked pages, a page's bytes."""

    def read_bytes(self, payload: Payload, hint: str | None = None) -> Iterator[Item]: ...

    def read_url(self, url: str) -> Iterator[Item]: ...


class Reader:
    """One input format. ``suffixes``: file names that are its own (before any .gz); ``kind``: the
    partition kind of its slices, for readers that cut files (None: a file is one unit)."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()  # before any .gz
    content_types: ClassVar[tuple[str, ...]] = ()
    kind: ClassVar[str | None] = None
    unit: ClassVar[str] = "documents"

    def sniff(self, head: str) -> bool:
        """Whether content starting with ``head`` (its first characters) is in this format."""
        return False

    def owns_content_type(self, kind: str) -> bool:
        """Whether an HTTP response of this media type is in this format."""
        return kind in self.content_types

    def checkpoints(self, path: Path, every: int) -> list[tuple[int, int, int]]:
        """Where to cut the file into slices of ``every`` documents: (byte offset, first number, count)."""
        return [(0, 1, 1)]

    def read_file(
        self, path: Path, options: SourceOptions, dispatch: Dispatch, part: Slice = WHOLE
    ) -> Iterator[Item]:
        """The documents of a file (or of a slice of it); by default the whole file, read capped."""
        origin = str(path)
        try:
            data = read_capped_file(path, options.max_bytes)
        except InputError as err:
            yield rejection(origin, err)
            return
        yield from self.read_bytes(Payload(origin, data), options, dispatch)

    def read_bytes(self, payload: Payload, options: SourceOptions, dispatch: Dispatch) -> Iterator[Item]:
        """The documents of one input held in memory."""
        raise NotImplementedError


def isolated(origin: str, make: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """The items of ``make()``; an error ends the input with one Rejection naming it, after what came
    before, so that a bad input never fails the others read with it."""
    try:
        yield from make()
    except InputError as err:
        yield rejection(origin, err)
    except (OSError, EOFError, zlib.error) as err:
        yield rejection(origin, InputError(errors.UNREADABLE, f"cannot read: {_one_line(err)}"))
    except (ValueError, RecursionError, MemoryError, UnicodeError) as err:
        yield rejection(origin, InputError(errors.UNREADABLE, f"unreadable content ({type(err).__name__})"))


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__


def opened(path: Path) -> BinaryIO:
    """The file, decompressed as it is read when it is gzipped."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
    return gzip.open(path, "rb") if gzipped else path.open("rb")  # type: ignore[return-value]


def read_capped_file(path: Path, max_bytes: int) -> bytes:
    """The whole file, decompressed, refused past ``max_bytes`` as it streams in (a gzip bomb stops there)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            errors.TOO_BIG, f"file is {size:,} bytes, over the {max_bytes:,} limit (sources.max_bytes)"
        )
    try:
        with opened(path) as stream:
            return read_capped(stream, max_bytes)
    except EOFError as err:
        raise InputError(
            errors.TRUNCATED, "truncated gzip file: it ends before its compressed data does"
        ) from err
    except (gzip.BadGzipFile, zlib.error) as err:
        raise InputError(errors.UNREADABLE, f"corrupt gzip file ({err})") from err


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def read_capped(stream: Readable, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(errors.TOO_BIG, f"content is over the {max_bytes:,}-byte limit (sources.max_bytes)")
    return data

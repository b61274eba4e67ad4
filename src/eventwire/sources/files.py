"""Local inputs: files, directories (recursively) and standard input, gzipped or not."""

from __future__ import annotations

import gzip
import itertools
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import RawDocument, Rejection
from eventwire.sources.formats import SUFFIX_FORMATS, documents, jsonl_documents, rejection
from eventwire.sources.options import SourceOptions
from eventwire.sources.warc import read_warc


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def read_path(name: str, options: SourceOptions) -> Iterator[RawDocument | Rejection]:
    """A file, every file with a known suffix below a directory, or ``-`` for standard input."""
    if name == "-":
        yield from _guarded(
            name, lambda: documents(name, _read_capped(sys.stdin.buffer, options.max_bytes), options)
        )
        return
    for file in files_of(name):
        if isinstance(file, Rejection):
            yield file
        else:
            yield from read_file(file, options)


def files_of(name: str) -> Iterator[Path | Rejection]:
    """The file named, or every file with a known suffix below the directory named, in sorted order."""
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and suffix_format(p) is not None)
        if not files:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            yield rejection(
                name, InputError(errors.NO_TEXT, f"directory has no files ending {known} (or .gz)")
            )
        yield from files
    elif path.is_file():
        yield path
    else:
        yield rejection(name, InputError(errors.MISSING, "no such file or directory"))


def suffix_format(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None


def read_file(path: Path, options: SourceOptions) -> Iterator[RawDocument | Rejection]:
    origin = str(path)
    fmt = suffix_format(path)
    if fmt == "warc":  # streamed: archives are large, and their records are complete one by one
        yield from read_warc(path, origin)
    elif fmt == "jsonl":
        yield from read_jsonl(path)
    else:
        yield from _guarded(
            origin, lambda: documents(origin, _read_file(path, options.max_bytes), options, fmt)
        )


def _guarded(
    origin: str, make: Callable[[], Iterable[RawDocument | Rejection]]
) -> Iterator[RawDocument | Rejection]:
    """Documents from ``make()``; an InputError ends the input with a Rejection, after what came before."""
    try:
        yield from make()
    except InputError as err:
        yield rejection(origin, err)


def _read_file(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            errors.TOO_BIG, f"file is {size:,} bytes, over the {max_bytes:,} limit (sources.max_bytes)"
        )
    with path.open("rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            stream.seek(0)
            return _read_capped(stream, max_bytes)
        stream.seek(0)
        return _gunzip(stream, max_bytes)


def _gunzip(stream: BinaryIO, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=stream) as unzipped:
            return _read_capped(unzipped, max_bytes)
    except EOFError as err:
        raise InputError(
            errors.TRUNCATED, "truncated gzip file: it ends before its compressed data does"
        ) from err
    except (gzip.BadGzipFile, zlib.error) as err:
        raise InputError(errors.UNREADABLE, f"corrupt gzip file ({err})") from err


def _read_capped(stream: Readable, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(errors.TOO_BIG, f"content is over the {max_bytes:,}-byte limit (sources.max_bytes)")
    return data


def read_jsonl(
    path: Path, offset: int = 0, first: int = 1, count: int | None = None
) -> Iterator[RawDocument | Rejection]:
    """JSON Lines read line by line, so that a dump of any size streams; a truncated .gz keeps its lines.

    A slice of the file: ``count`` lines from byte ``offset`` (a line's start), numbered from ``first``.
    """
    return _guarded(str(path), lambda: _jsonl_lines(path, offset, first, count))


def _jsonl_lines(path: Path, offset: int, first: int, count: int | None) -> Iterator[RawDocument | Rejection]:
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    with (gzip.open if gzipped else open)(path, "rb") as stream:
        stream.seek(offset)
        lines = (line.decode("utf-8", errors="replace") for line in itertools.islice(stream, count))
        try:
            yield from jsonl_documents(str(path), lines, first)
        except EOFError as err:
            raise InputError(
                errors.TRUNCATED, "truncated gzip file; the lines before the break were read"
            ) from err


def line_checkpoints(path: Path, every: int) -> list[tuple[int, int, int]]:
    """Where to cut a JSON Lines file into slices of ``every`` lines: (byte offset, first line, lines).
    A gzipped file cannot be entered in the middle, so it is one slice."""
    starts: list[tuple[int, int]] = []
    offset = lines = 0
    with path.open("rb") as raw:
        if raw.read(2) == b"\x1f\x8b":
            return [(0, 1, _count_lines(path))]
        raw.seek(0)
        for lines, line in enumerate(raw, 1):
            if (lines - 1) % every == 0:
                starts.append((offset, lines))
            offset += len(line)
    ends = [number for _, number in starts[1:]] + [lines + 1]
    return [(start, number, end - number) for (start, number), end in zip(starts, ends, strict=True)]


def _count_lines(path: Path) -> int:
    try:
        with gzip.open(path, "rb") as stream:
            return sum(1 for _ in stream)
    except (OSError, EOFError, zlib.error):
        return 0  # its reader reports what is wrong

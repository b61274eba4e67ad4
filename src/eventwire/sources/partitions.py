"""Partitions: the inputs cut into units of work that any process can read on its own.

A partition names what to read rather than holding it, so a worker reads its own share: a group of small
files, a slice of lines of a JSON Lines file, a slice of pages of a WARC archive, or a group of URLs. Only
standard input, which no worker can reopen, travels as the documents themselves. Reading every partition
of a plan in order gives the same documents, with the same origins, as ``read_inputs``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventwire.records import RawDocument, Rejection
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import Slice
from eventwire.sources.registry import URLS, Registry, files_of, read_path, reader, reader_for_path

Kind = Literal["files", "urls", "lines", "warc", "documents"]


@dataclass(frozen=True, slots=True)
class Partition:
    index: int  # place in the plan: results are written in this order
    kind: Kind
    names: tuple[str, ...]  # files or URLs; a slice has one file
    size: int  # documents expected (lines, pages or files), for progress
    offset: int = 0  # a slice's first byte
    first: int = 1  # a slice's first line or page number
    last: bool = True  # a slice reaching the end of its file
    documents: tuple[RawDocument | Rejection, ...] = ()
    stamp: str = ""  # sizes and modification times of its files: an edited file makes a new partition

    @property
    def key(self) -> str:
        """Identity across runs, independent of the partition's place in the plan."""
        parts = [self.kind, *self.names, str(self.offset), str(self.first), str(self.size), self.stamp]
        parts += [f"{d.origin}\x00{getattr(d, 'content', getattr(d, 'message', ''))}" for d in self.documents]
        return hashlib.sha256("\x01".join(parts).encode()).hexdigest()[:16]

    def describe(self) -> str:
        if self.kind in ("lines", "warc"):
            unit = _SLICED[self.kind].unit
            return f"{self.names[0]} {unit} {self.first}-{self.first + self.size - 1}"
        if self.kind == "documents" and len(self.documents) > 1:
            return f"{len(self.documents)} documents from {self.documents[0].origin}"
        if self.kind == "documents":
            return self.documents[0].origin
        more = f" and {len(self.names) - 1} more" if len(self.names) > 1 else ""
        return f"{self.names[0]}{more}"


def plan(inputs: Iterable[str], options: SourceOptions, size: int = 50) -> list[Partition]:
    """Cut the inputs into partitions of about ``size`` documents, in input order."""
    registry = Registry(options)
    planned: list[Partition] = []
    group: list[str] = []  # small files or URLs waiting to fill a partition
    group_kind: Kind = "files"

    def flush() -> None:
        if group:
            stamp = _stamp(group) if group_kind == "files" else ""
            planned.append(Partition(len(planned), group_kind, tuple(group), len(group), stamp=stamp))
            group.clear()

    def join(name: str, kind: Kind) -> None:
        nonlocal group_kind
        if group and (group_kind != kind or len(group) >= size):
            flush()
        group_kind = kind
        group.append(name)

    for name in inputs:
        if URLS.owns(name):
            join(name, "urls")
            continue
        if name == "-":  # no worker can reopen standard input: it travels as documents
            flush()
            documents = list(read_path(name, registry))
            for start in range(0, len(documents), size):
                chunk = tuple(documents[start : start + size])
                planned.append(Partition(len(planned), "documents", (name,), len(chunk), documents=chunk))
            continue
        for file in files_of(name):
            if isinstance(file, Rejection):
                flush()
                planned.append(Partition(len(planned), "documents", (name,), 0, documents=(file,)))
                continue
            cutter = reader_for_path(file)
            if cutter is None or cutter.kind is None:
                join(str(file), "files")
                continue
            flush()
            cuts = cutter.checkpoints(file, size)
            kind: Kind = "lines" if cutter.kind == "lines" else "warc"
            stamp = _stamp([file])
            for n, (offset, first, count) in enumerate(cuts, 1):
                last = n == len(cuts)
                planned.append(
                    Partition(len(planned), kind, (str(file),), count, offset, first, last, stamp=stamp)
                )
    flush()
    return planned


def read_partition(partition: Partition, options: SourceOptions) -> Iterator[RawDocument | Rejection]:
    """The partition's documents and rejections, as ``read_inputs`` gives them for its share of the inputs."""
    registry = Registry(options)
    if partition.kind == "documents":
        yield from partition.documents
    elif partition.kind == "urls":
        for url in partition.names:
            yield from registry.read_url(url)
    elif partition.kind == "files":
        for name in partition.names:
            yield from registry.read_file(Path(name))
    else:
        count = None if partition.last else partition.size
        part = Slice(partition.offset, partition.first, count)
        yield from registry.read_file(Path(partition.names[0]), part)


# The partition kinds of the readers that cut files.
_SLICED = {"lines": reader("jsonl"), "warc": reader("warc")}


def _stamp(files: Iterable[str | Path]) -> str:
    stats = (Path(f).stat() for f in files)
    return ",".join(f"{s.st_size}:{s.st_mtime_ns}" for s in stats)

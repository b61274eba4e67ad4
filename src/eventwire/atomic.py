"""Files that appear only when complete: a reader never sees half an export or half a partition."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def completed(path: Path) -> Iterator[Path]:
    """A file to write beside ``path``, moved there when the block ends well and removed when it fails."""
    partial = path.with_name(path.name + ".partial")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)

"""Progress of a long run, in documents: a bar on a terminal, moving with each document processed here (a
partition at a time from other processes); elsewhere (``nohup``, a service's log) a line on stderr every
half minute, so that a run that writes to a file is not silent until its end."""

from __future__ import annotations

import sys
import time
from typing import Any

from tqdm import tqdm

_EVERY = 30.0  # seconds between lines off a terminal


class Progress:
    def __init__(self, total: int, enabled: bool, every: float | None = None) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.every = _EVERY if every is None else every
        self.terminal = enabled and sys.stderr.isatty()
        self._bar: tqdm[Any] | None = tqdm(total=total, unit=" docs", leave=False) if self.terminal else None
        self._started = self._said = time.monotonic()
        self._counted: dict[int, int] = {}  # partition index -> documents counted one by one

    def document(self, partition: int) -> None:
        """One document of a partition processed in this process."""
        self._counted[partition] = self._counted.get(partition, 0) + 1
        self._advance(1)

    def partition(self, index: int, size: int) -> None:
        """A partition done: what was not counted document by document."""
        self._advance(max(0, size - self._counted.pop(index, 0)))

    def _advance(self, n: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
        elif self.enabled and time.monotonic() - self._said >= self.every:
            self._said = time.monotonic()
            print(f"eventwire: {self.line()}", file=sys.stderr, flush=True)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._started, 1e-9)
        rate = self.done / elapsed
        share = f" ({self.done / self.total:.0%})" if self.total else ""
        left = (
            f", about {_duration((self.total - self.done) / rate)} left"
            if rate and self.total > self.done
            else ""
        )
        return f"{self.done:,} of {self.total:,} documents{share}, {rate:.1f} a second{left}"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"

"""The watch loop: cycles over the sources that are due, each read politely, its new documents run through
the pipeline and stored one article per transaction (the writer of ``ingest``), marked as read once stored.

A source that fails is tried again after its interval doubled for each failure in a row (at most a day).
SIGTERM or SIGINT finish the article in hand and end the watch: nothing read but not stored is marked, so
the next start picks it up.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType

from eventwire.config import Settings
from eventwire.errors import BAD_CONFIG, EventwireError, InputError
from eventwire.pipeline import run_documents
from eventwire.records import Article, RawDocument, Rejection
from eventwire.sources.fetch import Validators, is_url
from eventwire.sources.readers.base import Item, Payload
from eventwire.sources.registry import files_of
from eventwire.store import Store
from eventwire.watch.alerts import Alerts
from eventwire.watch.polite import Politeness, PoliteRegistry
from eventwire.watch.state import SourceState, WatchState

_LONGEST_BACKOFF = 86_400.0
_SETTLE = 2.0  # seconds a file must be left alone before it is read: it may still be being written
_HOMES_EVERY = 3600.0  # seconds between readings of where the outlets' stored stories are (geo.homes)


@dataclass(frozen=True, slots=True)
class WatchSource:
    """A feed, page or sitemap URL, or a folder (or file) watched for new files, and how often to look."""

    name: str
    interval: float


def read_source_list(path: Path, interval: float) -> list[WatchSource]:
    """Sources from a file: one per line, optionally followed by its own interval in seconds; # comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise EventwireError(
            BAD_CONFIG, f"cannot read the source list ({err.strerror or err})", str(path)
        ) from err
    sources = []
    for number, line in enumerate(lines, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        try:
            every = float(words[1]) if len(words) > 1 else interval
        except ValueError as err:
            raise EventwireError(
                BAD_CONFIG, f"line {number}: the interval is a number of seconds", str(path)
            ) from err
        sources.append(WatchSource(words[0], every))
    return sources


@dataclass(slots=True)
class CycleReport:
    checked: int = 0
    not_modified: int = 0
    failed: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # ids stored
    rejected: int = 0
    disallowed: int = 0  # pages robots.txt kept us from
    alerts: int = 0

    def line(self, number: int, wait: float) -> str:
        failed = f", {len(self.failed)} failed ({'; '.join(self.failed)})" if self.failed else ""
        alerts = f", {self.alerts} alerts" if self.alerts else ""
        alerts += f", {self.disallowed} pages disallowed by robots.txt" if self.disallowed else ""
        return (
            f"eventwire watch: cycle {number}: {self.checked} sources checked, "
            f"{self.not_modified} not modified{failed}; {len(self.articles)} new articles, "
            f"{self.rejected} rejected{alerts}; next in {wait:.0f} s"
        )


class Watcher:
    """Watches ``sources`` into ``store`` until stopped (or for ``cycles`` cycles)."""

    def __init__(
        self,
        sources: Iterable[WatchSource],
        settings: Settings,
        store: Store,
        delay: float = 1.0,
        honour_robots: bool = True,
        alerts: Alerts | None = None,
    ) -> None:
        self.sources = list(sources)
        self.settings = settings
        self.store = store
        self.state = WatchState(store)
        self.stop = threading.Event()
        self.registry = PoliteRegistry(
            settings.sources, self.state.seen, Politeness(delay, self.stop), honour_robots
        )
        self.alerts = alerts or Alerts([])
        self.totals = CycleReport()
        self.homes = store.outlet_homes()
        self.homes_at = time.time()

    def run(self, cycles: int | None = None) -> CycleReport:
        """Cycle until stopped by a signal or after ``cycles``; returns the totals."""
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        run_id = self.store.start_run("watch", {"sources": [s.name for s in self.sources]}, {})
        try:
            number = 0
            while not self.stop.is_set() and (cycles is None or number < cycles):
                number += 1
                report = self.cycle()
                wait = max(0.0, self._next_due() - time.time())
                print(report.line(number, wait), file=sys.stderr, flush=True)
                if cycles is None or number < cycles:
                    self.stop.wait(wait)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            totals = self.totals
            self.store.finish_run(run_id, len(totals.articles), 0, totals.rejected)
        return self.totals

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        print(
            f"eventwire watch: {signal.Signals(signum).name}: finishing the article in hand", file=sys.stderr
        )
        self.stop.set()

    def _next_due(self) -> float:
        return min((self.state.source(s.name).next_at for s in self.sources), default=time.time())

    def cycle(self) -> CycleReport:
        """Read every source that is due."""
        report = CycleReport()
        disallowed = self.registry.disallowed
        for source in self.sources:
            if self.stop.is_set():
                break
            state = self.state.source(source.name)
            if state.next_at > time.time():
                continue
            report.checked += 1
            self._read(source, state, report)
        report.disallowed = self.registry.disallowed - disallowed
        report.alerts = self.alerts.check(self.store, report.articles)
        self.totals.articles += report.articles
        self.totals.rejected += report.rejected
        self.totals.alerts += report.alerts
        return report

    def _read(self, source: WatchSource, state: SourceState, report: CycleReport) -> None:
        stored_before = len(report.articles)
        validators = state.validators
        try:
            if is_url(source.name):
                response = self.registry.fetch(source.name, state.validators)
                if response.status == 304:
                    report.not_modified += 1
                    self._done(source, state, "not modified", 0)
                    return
                validators = Validators(response.etag, response.last_modified)
                payload = Payload(source.name, response.content, response.url, response.charset)
                items = self.registry.read_bytes(payload, response.content_type.split(";")[0].strip().lower())
                self._store(items, source, report)
            else:
                self._read_folder(source, report)
        except InputError as err:
            failures = state.failures + 1
            backoff = min(source.interval * 2**failures, max(_LONGEST_BACKOFF, source.interval))
            report.failed.append(f"{source.name}: {err.message}, again in {backoff:.0f} s")
            self.state.checked(
                source.name, SourceState(time.time() + backoff, failures, validators), err.message
            )
            return
        if self.stop.is_set():  # cut short: read it again at the next start, validators unchanged
            self.state.checked(
                source.name, replace(state, next_at=0.0), "interrupted", len(report.articles) - stored_before
            )
            return
        self._done(
            replace(source), SourceState(validators=validators), "ok", len(report.articles) - stored_before
        )

    def _done(self, source: WatchSource, state: SourceState, status: str, articles: int) -> None:
        self.state.checked(
            source.name, replace(state, next_at=time.time() + source.interval, failures=0), status, articles
        )

    def _read_folder(self, source: WatchSource, report: CycleReport) -> None:
        for entry in files_of(source.name):
            if self.stop.is_set():
                return
            if isinstance(entry, Rejection):
                raise InputError(entry.code, entry.message)
            stat = entry.stat()
            if time.time() - stat.st_mtime < _SETTLE:
                continue
            key = f"file:{entry.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
            if self.state.seen(key):
                continue
            if self._store(self.registry.read_file(entry), source, report):
                self.state.mark([key], source.name)

    def _store(self, items: Iterable[Item], source: WatchSource, report: CycleReport) -> bool:
        """Run the new documents through the pipeline into the store, marking each as read once stored;
        False when stopped before the end."""
        pending: dict[str, str | None] = {}  # origin -> its key

        def documents() -> Iterator[RawDocument | Rejection]:
            for item in items:
                if self.stop.is_set():
                    return
                key = self.registry.key_of(item)
                if isinstance(item, RawDocument) and key and key != item.origin and self.state.seen(key):
                    continue  # a feed's full story already read
                pending[item.origin] = key
                yield item

        if time.time() - self.homes_at > _HOMES_EVERY:
            self.homes, self.homes_at = self.store.outlet_homes(), time.time()
        homes = self.homes
        for out in run_documents(documents(), self.settings, homes=lambda outlet: homes.get(outlet, ())):
            key = pending.pop(out.origin or "", None)
            if isinstance(out, Article):
                if self.store.add_article(out):
                    report.articles.append(out.id)
            else:
                report.rejected += 1
                self.store.add_rejection(out)
            if key:
                self.state.mark([key], source.name)
            if self.stop.is_set():
                return False
        return not self.stop.is_set()

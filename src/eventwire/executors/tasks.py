"""The unit of work every executor runs: one partition through the pipeline, in whatever process it lands.

Everything a task needs travels with it (the partition and a Task's settings); what it loads (the model, a
connection to the store) is cached per process, so each worker loads it once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.config import Settings
from eventwire.errors import PARTITION_FAILED
from eventwire.geo.homes import Home
from eventwire.nlp import settings_pipeline
from eventwire.pipeline import Item, RunReport, run_documents
from eventwire.records import Rejection
from eventwire.sources.partitions import Partition, read_partition
from eventwire.store import Store, is_postgres, open_store
from eventwire.store.parts import write_part


@dataclass(slots=True)
class PartitionResult:
    partition: Partition
    report: RunReport  # what the worker did: articles processed, skipped as stored, rejections
    items: list[Item] = field(default_factory=list)  # empty when the worker wrote them to a part file


@dataclass(frozen=True, slots=True)
class PartitionFailure:
    partition: Partition
    error: str
    attempts: int

    def rejection(self) -> Rejection:
        # Readers turn every bad document into its own rejection, so what fails a whole partition is its
        # source (a file that vanished or cannot be opened) or the machine (memory, a killed worker).
        message = (
            f"partition failed {self.attempts} times ({self.error}); check that its inputs can be read, "
            "then run again: stored documents are skipped"
        )
        return Rejection(
            origin=self.partition.describe(), stage="partition", code=PARTITION_FAILED, message=message
        )


@dataclass(frozen=True, slots=True)
class Task:
    """Process a partition: with ``out``, into a Parquet part file there; else back to the caller.
    ``skip_stored`` leaves out, before NLP, articles the store at ``settings.db`` has already; ``homes`` are
    the outlets' homes the store knew when the run began."""

    settings: Settings
    out: str | None = None
    skip_stored: bool = False
    homes: Mapping[str, Home] = field(default_factory=dict)
    on_document: Callable[[int], None] | None = None  # told each document's partition, when run in-process

    def __call__(self, partition: Partition) -> PartitionResult:
        store = _store(self.settings.db) if self.skip_stored else None
        report = RunReport()

        def stored(article_id: str) -> bool:
            if store is not None and store.has_article(article_id):
                report.skipped += 1
                return True
            return False

        documents = read_partition(partition, self.settings.sources)
        items = []
        homes = self.homes
        for item in run_documents(documents, self.settings, stored, lambda outlet: homes.get(outlet, ())):
            items.append(item)
            report.count(item)
            if self.on_document is not None:
                self.on_document(partition.index)
        if self.out is None:
            return PartitionResult(partition, report, items)
        write_part(Path(self.out), partition.index, partition.key, partition.describe(), items)
        return PartitionResult(partition, report)


def warm(settings: Settings) -> None:
    """Load the model now, in a worker process starting up, so that its first task does not wait for it."""
    settings_pipeline(settings)


@functools.cache
def _store(url: str) -> Store | None:
    """This process's reading connection to the store, when the store is reachable from here."""
    if not is_postgres(url) and not Path(url.removeprefix("sqlite:///")).exists():
        return None  # a worker on another machine than a SQLite store
    return open_store(url)

"""Ingest: the pipeline over inputs, partition by partition through an executor, into a store (one writer,
one transaction per article with its copy links) or into a folder of Parquet parts that ``load`` brings into
a store later. Partitions and articles already done are skipped; each article's events join their
happenings as it is stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from tqdm import tqdm

from eventwire.config import Settings
from eventwire.errors import BAD_ENGINE, EventwireError
from eventwire.executors import Engine, PartitionFailure, Task, execute
from eventwire.pipeline import Item, RunReport, run_documents
from eventwire.records import Article, RawDocument, Rejection
from eventwire.sources.partitions import plan
from eventwire.store import Store, open_store
from eventwire.store.parts import done_keys, read_parts


def ingest(
    inputs: Iterable[str], settings: Settings, engine: Engine | None = None, progress: bool = False
) -> RunReport:
    """Process the inputs into the store named by ``settings.db``; returns what happened."""
    engine = engine or Engine()
    store = open_store(settings.db)
    report = RunReport()
    try:
        run_id = _start(store, "ingest", settings, engine)
        partitions = plan(inputs, settings.sources, engine.partition_size)
        done = store.done_partitions(p.key for p in partitions)
        report.partitions_done = len(done)
        todo = [p for p in partitions if p.key not in done]
        for outcome in execute(
            todo, Task(settings, skip_stored=True, homes=store.outlet_homes()), engine, progress
        ):
            if isinstance(outcome, PartitionFailure):
                _reject(store, outcome.rejection(), run_id, report)
                continue
            report.skipped += outcome.report.skipped
            partition = outcome.partition
            _write(
                store, partition.key, partition.describe(), outcome.items, run_id, report, retry_rejected=True
            )
        _finish(store, run_id, report)
    finally:
        store.close()
    return report


def process(
    inputs: Iterable[str],
    settings: Settings,
    report: RunReport,
    engine: Engine | None = None,
    out: Path | None = None,
    progress: bool = False,
) -> Iterator[Article]:
    """The inputs' articles in input order, counted into ``report``; with ``out``, written instead as Parquet
    parts there, one per partition, and those with a part already are skipped."""
    engine = engine or Engine()
    partitions = plan(inputs, settings.sources, engine.partition_size)
    done = done_keys(out) if out is not None else set()
    report.partitions_done += sum(p.key in done for p in partitions)
    todo = [p for p in partitions if p.key not in done]
    for outcome in execute(todo, Task(settings, out=None if out is None else str(out)), engine, progress):
        if isinstance(outcome, PartitionFailure):
            report.rejections.append(outcome.rejection())
            continue
        report.merge(outcome.report)
        yield from (item for item in outcome.items if isinstance(item, Article))


def write_parts(
    inputs: Iterable[str], settings: Settings, out: Path, engine: Engine | None = None, progress: bool = False
) -> RunReport:
    """Process the inputs into Parquet parts in ``out``, one per partition; those with a part are skipped."""
    report = RunReport()
    for _ in process(inputs, settings, report, engine, out, progress):
        pass  # the workers wrote the articles
    return report


def load(folder: Path, settings: Settings, progress: bool = False) -> RunReport:
    """Bring a folder of Parquet parts into the store, in the order they were planned; parts and articles
    already stored are skipped."""
    parts = read_parts(folder)
    if not parts:
        raise EventwireError(
            BAD_ENGINE,
            "no part-*.parquet files here; write them with `eventwire process --out DIR`",
            str(folder),
        )
    store = open_store(settings.db)
    report = RunReport()
    try:
        run_id = _start(store, "load", settings, None)
        done = store.done_partitions(part.key for part in parts)
        report.partitions_done = len(done)
        todo = [part for part in parts if part.key not in done]
        for part in tqdm(todo, unit=" parts", disable=not progress, leave=False):
            _write(store, part.key, part.description, part.items(), run_id, report)
        _finish(store, run_id, report)
    finally:
        store.close()
    return report


def _write(
    store: Store,
    key: str,
    description: str,
    items: Iterable[Item],
    run_id: int,
    report: RunReport,
    retry_rejected: bool = False,
) -> None:
    """A partition's articles and rejections, then its mark as done: a crash between leaves it to redo.
    ``retry_rejected``: a partition with rejections is not marked, so the next run tries it again (a URL
    may answer then; what was stored is skipped)."""
    outcomes = [_store_item(store, item, run_id, report) for item in items]
    rejected = outcomes.count("rejected")
    if not (retry_rejected and rejected):
        store.finish_partition(key, description, outcomes.count("stored"), rejected, run_id)


def _store_item(store: Store, item: Item, run_id: int, report: RunReport) -> str:
    """Store one article (with its happenings) or rejection; says which: stored, skipped or rejected."""
    if isinstance(item, Rejection):
        _reject(store, item, run_id, report)
        return "rejected"
    if store.add_article(item, run_id):
        report.count(item)
        return "stored"
    report.skipped += 1  # stored by a run before or by another process meanwhile
    return "skipped"


def ingest_documents(
    documents: Iterable[RawDocument | Rejection], settings: Settings, command: str
) -> list[tuple[str, Item]]:
    """Documents held in memory (an API request's) through the pipeline into the store as one run, by the
    writer of ``ingest``; returns each one's outcome (stored, skipped or rejected) with its article or
    rejection. There are no partitions to resume: a request that failed is sent again."""
    store = open_store(settings.db)
    report = RunReport()
    try:
        run_id = _start(store, command, settings, None)
        outcomes = [
            (_store_item(store, item, run_id, report), item)
            for item in run_documents(documents, settings, homes=store.home_reader(run_id))
        ]
        _finish(store, run_id, report)
    finally:
        store.close()
    return outcomes


def _reject(store: Store, rejection: Rejection, run_id: int, report: RunReport) -> None:
    report.rejections.append(rejection)
    store.add_rejection(rejection, run_id)


def _start(store: Store, command: str, settings: Settings, engine: Engine | None) -> int:
    recorded = dataclasses.asdict(settings)
    if engine is not None:
        recorded["engine"] = dataclasses.asdict(engine)
    return store.start_run(command, recorded, _versions(settings.model))


def _finish(store: Store, run_id: int, report: RunReport) -> None:
    store.finish_run(run_id, report.articles, report.skipped, len(report.rejections))


def _versions(model: str) -> dict[str, str]:
    found = {}
    for package in ("eventwire", "spacy", "trafilatura", model):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found

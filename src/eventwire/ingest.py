"""Ingest: run the pipeline over inputs into a store, one transaction per article (with its copy links),
skipping what is stored; then regroup the store's events into story clusters."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

from tqdm import tqdm

from eventwire.config import Settings
from eventwire.pipeline import RunReport, run
from eventwire.records import Rejection
from eventwire.store import open_store


def ingest(inputs: Iterable[str], settings: Settings, progress: bool = False) -> RunReport:
    """Process the inputs into the store named by ``settings.db``; returns what happened."""
    store = open_store(settings.db)
    report = RunReport()
    try:
        run_id = store.start_run("ingest", dataclasses.asdict(settings), _versions(settings.model))

        def already_stored(article_id: str) -> bool:
            if store.has_article(article_id):
                report.skipped += 1
                return True
            return False

        items = run(inputs, settings, skip=already_stored)
        for item in tqdm(items, unit=" items", disable=not progress, leave=False):
            if isinstance(item, Rejection):
                report.rejections.append(item)
                store.add_rejection(item, run_id)
            elif store.add_article(item, run_id):
                report.articles += 1
            else:  # stored meanwhile by another process
                report.skipped += 1
        if report.articles:
            store.cluster_events()  # new events may join or merge story clusters
        store.finish_run(run_id, report.articles, report.skipped, len(report.rejections))
    finally:
        store.close()
    return report


def _versions(model: str) -> dict[str, str]:
    found = {}
    for package in ("eventwire", "spacy", "trafilatura", model):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found

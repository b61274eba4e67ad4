"""Commands that run the pipeline over inputs: process, ingest, load, and watch."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from eventwire.cli.base import (
    ACTORS,
    ALLOW_PRIVATE,
    INPUTS_HELP,
    finish,
    input_options,
    main,
    settings_options,
)
from eventwire.config import Settings

if TYPE_CHECKING:
    from eventwire.executors import Engine


@main.command(
    help=f"""Process inputs and print one JSON object per article (JSON Lines; see docs/output.md), or with
    --out write them as Parquet, one file per partition, for `eventwire load`.
    {INPUTS_HELP}"""
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for Parquet parts; a rerun skips the partitions that have one.",
)
@input_options
def process(inputs: tuple[str, ...], settings: Settings, engine: Engine, out: Path | None) -> None:
    from eventwire.ingest import process as process_inputs
    from eventwire.ingest import write_parts
    from eventwire.pipeline import RunReport

    if out is not None:
        finish(write_parts(inputs, settings, out, engine, progress=True), f"parts in {out}")
        return
    report = RunReport()
    for article in process_inputs(inputs, settings, report, engine, progress=True):
        click.echo(json.dumps(article.as_dict(), ensure_ascii=False))
    finish(report)


@main.command(
    help=f"""Process inputs into the store; articles already stored (same text and URL) are skipped.
    {INPUTS_HELP}"""
)
@input_options
def ingest(inputs: tuple[str, ...], settings: Settings, engine: Engine) -> None:
    from eventwire.ingest import ingest as ingest_inputs

    finish(ingest_inputs(inputs, settings, engine, progress=True), f"store {settings.db}")


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@settings_options
def load(folder: Path, settings: Settings) -> None:
    """Bring the Parquet parts that `eventwire process --out FOLDER` wrote into the store, each article's
    events joining their happenings. Parts and articles already stored are skipped, so a load can be run
    again."""
    from eventwire.ingest import load as load_parts

    finish(load_parts(folder, settings, progress=sys.stderr.isatty()), f"store {settings.db}")


@main.command()
@click.argument("sources", nargs=-1, metavar="SOURCE...")
@click.option(
    "--sources",
    "source_list",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File of sources, one a line, each optionally followed by its own interval in seconds.",
)
@click.option(
    "--interval", type=click.FloatRange(0), default=900, show_default=True, help="Seconds between checks."
)
@click.option(
    "--delay",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@click.option("--ignore-robots", is_flag=True, help="Do not honour robots.txt (only for sites you run).")
@click.option(
    "--cycles", type=click.IntRange(1), help="Stop after this many cycles (default: run until stopped)."
)
@click.option(
    "--alert",
    "alert_rules",
    multiple=True,
    metavar="RULE",
    help="Alert when a matching happening appears or grows: 'type=ASSAULT;country=Sudan;min_independent=2' "
    "(fields type, country, bbox, actor, min_independent; repeatable).",
)
@click.option(
    "--alert-to",
    default="-",
    show_default=True,
    metavar="-|FILE|URL",
    help="Where alerts go, a JSON line each: standard output, a file (appended), or POSTed to a URL.",
)
@ALLOW_PRIVATE
@ACTORS
@settings_options
def watch(
    sources: tuple[str, ...],
    source_list: Path | None,
    interval: float,
    delay: float,
    ignore_robots: bool,
    cycles: int | None,
    alert_rules: tuple[str, ...],
    alert_to: str,
    settings: Settings,
) -> None:
    """Watch feeds, pages, sitemaps and folders, storing each new article as it comes (same readers,
    pipeline and writer as ingest) and keeping its happenings current.

    A URL is fetched with a conditional GET every INTERVAL seconds (robots.txt honoured, one request at a
    time per host, DELAY apart); the pages a feed or sitemap lists are fetched once. A folder is checked for
    new files (archives, JSON Lines, pages). What was read is remembered in the store, so a restart
    refetches nothing; a failing source is tried again later and later. A line per cycle goes to stderr;
    SIGTERM finishes the article in hand and exits."""
    from eventwire.store import open_store
    from eventwire.watch import Watcher, WatchSource, read_source_list
    from eventwire.watch.alerts import AlertRule, Alerts

    watched = [WatchSource(s, interval) for s in sources]
    watched += read_source_list(source_list, interval) if source_list else []
    if not watched:
        raise click.UsageError("name a SOURCE, or a file of them with --sources")
    alerts = Alerts([AlertRule.parse(rule) for rule in alert_rules], alert_to)
    store = open_store(settings.db)
    try:
        totals = Watcher(watched, settings, store, delay, not ignore_robots, alerts).run(cycles)
    finally:
        store.close()
    click.echo(
        f"eventwire watch: stopped; {len(totals.articles)} new articles, {totals.rejected} rejected", err=True
    )

"""Commands over a store: stats, happenings, export and serve."""

from __future__ import annotations

import dataclasses
import json

import click

from eventwire.cli.base import main, open_existing, settings_options
from eventwire.config import Settings
from eventwire.errors import EventwireError
from eventwire.export import FORMATS


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@settings_options
def stats(settings: Settings, as_json: bool) -> None:
    """Summarise the store: how many articles and records of each kind."""
    store = open_existing(settings.db)
    try:
        summary = store.stats()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(summary))
        return
    click.echo(f"{'store':<13} {summary['store']}")
    for name, count in summary["counts"].items():
        click.echo(f"{name:<13} {count:>8,}")
    if summary["event_types"]:
        click.echo("events by type " + ", ".join(f"{k} {v:,}" for k, v in summary["event_types"].items()))
    first, last = summary["published"]
    if first:
        click.echo(f"published     {first} .. {last}")
    if summary["undated_articles"]:
        click.echo(f"undated       {summary['undated_articles']:,} articles with no publication date")
    click.echo("languages     " + ", ".join(f"{k} {v}" for k, v in summary["languages"].items()))


@main.command()
@click.option(
    "--rebuild", is_flag=True, help="Regroup every event from scratch (ids of lasting happenings kept)."
)
@click.option("--window", type=click.IntRange(0), help="With --rebuild: days between dates [3].")
@click.option("--km", type=click.FloatRange(0), help="With --rebuild: distance between places [50].")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Happenings to list.")
@settings_options
def happenings(settings: Settings, rebuild: bool, window: int | None, km: float | None, limit: int) -> None:
    """List the most reported happenings (story clusters), or regroup them with --rebuild.

    Each article's events join happenings as it is stored: events of the same type, dates within WINDOW
    days, places within KM (or the same country, for a country or province), no conflicting actors, and
    something in common. --rebuild regroups the whole store, and the articles to come, with new settings."""
    from eventwire.store.grouping import settings_of
    from eventwire.store.happenings import HappeningSettings

    if not rebuild and (window is not None or km is not None):
        raise click.UsageError("--window and --km take effect with --rebuild")
    store = open_existing(settings.db)
    try:
        if rebuild:
            before = settings_of(store)
            chosen = HappeningSettings(
                window_days=before.window_days if window is None else window,
                distance_km=before.distance_km if km is None else km,
            )
            count = store.regroup_happenings(chosen)
            click.echo(f"eventwire: {count:,} happenings", err=True)
            return
        rows = store.execute(
            "SELECT * FROM happenings ORDER BY independent DESC, articles DESC, first_date DESC, id LIMIT ?",
            (limit,),
        ).fetchall()
    finally:
        store.close()
    click.echo(f"{'happening':<24} {'type':<12} {'dates':<23} {'arts':>5} {'outl':>5} {'indep':>5}  place")
    for row in rows:
        dates = f"{row['first_date'] or '?'}..{row['last_date'] or '?'}"
        click.echo(
            f"{row['id'][:24]:<24} {row['type']:<12} {dates:<23} {row['articles']:>5} {row['sources']:>5} "
            f"{row['independent']:>5}  {row['place_name'] or ''}"
        )


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--out", default="-", show_default=True, help="File to write; - is standard output.")
@click.option("--happenings", is_flag=True, help="One row per story cluster instead of one per event.")
@click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this date.")
@click.option(
    "--country", metavar="ISO3[,ISO3…]", help="Events whose place or either actor is in these countries."
)
@click.option("--type", "types", metavar="TYPE[,TYPE…]", help="PLOVER event types: ASSAULT,PROTEST.")
@click.option("--actor", metavar="WORDS", help="Events whose source or target name contains these words.")
@click.option("--bbox", metavar="W,S,E,N", help="Events whose place lies in this box (degrees).")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    metavar="P",
    help="Events whose confidence (the probability that they are right) is at least P.",
)
@click.option(
    "--undated",
    type=click.Choice(["exclude", "include"]),
    default="exclude",
    show_default=True,
    help="With --since or --until: leave out events with no date (and say how many), or keep them.",
)
@click.option(
    "--points-only",
    is_flag=True,
    help="GeoJSON: areal places (divisions, countries, regions) get no geometry instead of their box.",
)
@settings_options
def export(
    settings: Settings,
    fmt: str,
    out: str,
    happenings: bool,
    points_only: bool,
    since: str | None,
    until: str | None,
    country: str | None,
    types: str | None,
    actor: str | None,
    bbox: str | None,
    min_confidence: float | None,
    undated: str,
) -> None:
    """Export events from the store: csv, jsonl, parquet, geojson (events with a place) or plover (PLOVER
    JSON records, one a line). Streams, so memory stays flat on any size of store."""
    from eventwire.export import export as export_rows
    from eventwire.views import Filters, undated_left_out

    filters = Filters.parse(since, until, country, types, actor, bbox, min_confidence=min_confidence)
    filters = dataclasses.replace(filters, undated=undated == "include")
    store = open_existing(settings.db)
    try:
        count = export_rows(store, fmt, out, filters, happenings, points_only)
        left_out = undated_left_out(store, filters, happenings)
    finally:
        store.close()
    if left_out:
        click.echo(
            f"eventwire: {left_out:,} undated left out by the date range (--undated include keeps them)",
            err=True,
        )
    click.echo(f"eventwire: {count:,} {'happenings' if happenings else 'events'} written to {out}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="EVENTWIRE_TOKEN",
    help="Enable POST /api/ingest for this bearer token [env EVENTWIRE_TOKEN].",
)
@settings_options
def serve(settings: Settings, host: str, port: int, token: str | None) -> None:
    """Serve the store: the web page (map, timeline, events with their evidence) at /, the JSON API under
    /api, its OpenAPI docs at /docs. Read-only unless started with --token."""
    import uvicorn

    from eventwire.api import create_app

    store = open_existing(settings.db)
    store.close()
    _check_port(host, port)
    click.echo(f"eventwire: serving {settings.db} on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(settings.db, token, settings), host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """Fail in one line, before saying "serving", when the address is taken or cannot be had."""
    import socket

    from eventwire.errors import PORT_BUSY

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            reason = err.strerror or str(err)
            raise EventwireError(
                PORT_BUSY, f"cannot listen on {host}:{port} ({reason}); try another --port", "serve"
            ) from err

"""The ``eventwire`` command: a thin layer that builds Settings and calls the library.

Exit codes: 0 everything went well; 1 some inputs were rejected (the rest were processed);
2 nothing could be processed, or the job could not start (unknown model, bad config or store).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from eventwire import __version__
from eventwire.config import Settings, load_config, parse_override
from eventwire.errors import BAD_STORE_URL, EventwireError
from eventwire.export import FORMATS

# The model, the store and the executors load only in the commands that use them: `--help` stays instant.
if TYPE_CHECKING:
    from eventwire.executors import Engine
    from eventwire.pipeline import RunReport
    from eventwire.store import Store

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def settings_options(func: F) -> F:
    """--config, --model, --db and --set, turned into one ``settings`` argument; errors become one line."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        config_path: str | None,
        model: str | None,
        db: str | None,
        overrides: tuple[str, ...],
        **kwargs: Any,
    ) -> Any:
        try:
            flat = dict(parse_override(item) for item in overrides)
            flat.update({k: v for k, v in (("nlp.model", model), ("store.url", db)) if v})
            if kwargs.pop("allow_private", False):
                flat["sources.allow_private"] = True
            if actor_files := kwargs.pop("actor_files", ()):
                flat["actors.files"] = list(actor_files)
            if published := kwargs.pop("published", None):
                flat["sources.published"] = published
            return func(*args, settings=load_config(config_path, flat), **kwargs)
        except EventwireError as err:
            click.echo(f"eventwire: error: {err}", err=True)
            sys.exit(2)

    options = [
        click.option(
            "--config", "config_path", type=click.Path(dir_okay=False), help="TOML file of settings."
        ),
        click.option("--model", help="Installed spaCy pipeline to use [env EVENTWIRE_MODEL]."),
        click.option(
            "--db", help="Store: SQLite path or postgresql://… URL [env EVENTWIRE_DB; default eventwire.db]."
        ),
        click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Override a setting."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def finish(report: RunReport, where: str | None = None) -> None:
    """Report the rejections and the summary, then exit with the run's code."""
    for rejection in report.rejections:
        click.echo(f"eventwire: skipped {rejection.origin}: {rejection.message} [{rejection.code}]", err=True)
    click.echo(f"eventwire: {report.summary()}", err=True)
    if where:
        click.echo(f"eventwire: {where}", err=True)
    sys.exit(report.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire turns news into event data: actors, places, events, quotes and quantities,
    each linked to the span of text it came from."""


ALLOW_PRIVATE = click.option(
    "--allow-private", is_flag=True, help="Allow fetching URLs on private, loopback and link-local addresses."
)
ACTORS = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="YAML file of actors that adds to or replaces the packaged knowledge base (repeatable).",
)
PUBLISHED = click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none (anchors 'last week').",
)


def engine_options(func: F) -> F:
    """--engine, --workers, --scheduler, --partition-size and --retries, as one ``engine`` argument."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        engine_name: str,
        workers: int,
        scheduler: str | None,
        partition_size: int,
        retries: int,
        **kwargs: Any,
    ) -> Any:
        from eventwire.executors import Engine

        name = "dask" if scheduler else engine_name
        engine = Engine(name, workers, scheduler, partition_size, retries)  # type: ignore[arg-type]
        return func(*args, engine=engine, **kwargs)

    options = [
        click.option(
            "--engine",
            "engine_name",
            type=click.Choice(["local", "dask"]),
            default="local",
            show_default=True,
            help="local: this process, or a process pool for --workers > 1; dask: a Dask cluster.",
        ),
        _count(
            "--workers",
            1,
            1,
            "Processes (local) or LocalCluster workers (dask), each loading the model once.",
        ),
        click.option(
            "--scheduler",
            metavar="tcp://HOST:PORT",
            help="An existing Dask cluster's scheduler (implies --engine dask).",
        ),
        _count(
            "--partition-size", 50, 1, "Documents per partition: the unit of work, of retry and of resuming."
        ),
        _count("--retries", 2, 0, "Further attempts at a partition that failed or whose worker died."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def _count(name: str, default: int, minimum: int, help: str) -> Callable[[F], F]:
    return click.option(name, type=click.IntRange(minimum), default=default, show_default=True, help=help)


def input_options(func: F) -> F:
    """The inputs and the options of every command that runs the pipeline over them."""
    inputs = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
    return inputs(ALLOW_PRIVATE(ACTORS(PUBLISHED(engine_options(settings_options(func))))))


INPUTS_HELP = """
    Inputs: files and directories (read recursively) of plain text, HTML, JSON Lines (one article per line
    with "text" or "html", "url", "title", "published"), RSS/Atom feeds and WARC archives, gzipped or not;
    http(s) URLs of pages or feeds; - for stdin.
"""


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

    watching = sys.stderr.isatty()
    if out is not None:
        finish(write_parts(inputs, settings, out, engine, progress=watching), f"parts in {out}")
        return
    report = RunReport()
    for article in process_inputs(inputs, settings, report, engine, progress=watching):
        click.echo(json.dumps(article.as_dict(), ensure_ascii=False))
    finish(report)


@main.command(
    help=f"""Process inputs into the store; articles already stored (same text and URL) are skipped.
    {INPUTS_HELP}"""
)
@input_options
def ingest(inputs: tuple[str, ...], settings: Settings, engine: Engine) -> None:
    from eventwire.ingest import ingest as ingest_inputs

    finish(ingest_inputs(inputs, settings, engine, progress=sys.stderr.isatty()), f"store {settings.db}")


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@settings_options
def load(folder: Path, settings: Settings) -> None:
    """Bring the Parquet parts that `eventwire process --out FOLDER` wrote into the store, then regroup its
    happenings. Parts and articles already stored are skipped, so a load can be run again."""
    from eventwire.ingest import load as load_parts

    finish(load_parts(folder, settings, progress=sys.stderr.isatty()), f"store {settings.db}")


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


def open_existing(url: str) -> Store:
    """The store named, which must exist already (a SQLite file is not made by reading commands)."""
    from eventwire.store import is_postgres, open_store

    if not is_postgres(url) and not Path(url.removeprefix("sqlite:///")).exists():
        raise EventwireError(BAD_STORE_URL, "no store here yet; run `eventwire ingest PATH` first", url)
    return open_store(url)


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
@click.option("--window", type=click.IntRange(0), default=3, show_default=True, help="Days between dates.")
@click.option(
    "--km", type=click.FloatRange(0), default=50.0, show_default=True, help="Distance between places."
)
@settings_options
def happenings(settings: Settings, window: int, km: float) -> None:
    """Group the store's events into happenings, the story clusters (ingest does this after each run).

    Events join when they have the same type, dates within WINDOW days, places within KM (or the same
    country, for a country or province), and no conflicting actors."""
    from eventwire.store.happenings import HappeningSettings

    store = open_existing(settings.db)
    try:
        count = store.group_happenings(HappeningSettings(window_days=window, distance_km=km))
    finally:
        store.close()
    click.echo(f"eventwire: {count:,} happenings", err=True)


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
@settings_options
def export(
    settings: Settings,
    fmt: str,
    out: str,
    happenings: bool,
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
        count = export_rows(store, fmt, out, filters, happenings)
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
    uvicorn.run(create_app(settings.db, token), host=host, port=port, log_level="warning")


@main.group()
def gazetteer() -> None:
    """The place-name index places are resolved against (built from PyPI packages, no download)."""


@gazetteer.command(name="build")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the index.")
def gazetteer_build(path: Path | None) -> None:
    """Compile the index (about 15 s; also done on first use).

    Default path: $EVENTWIRE_DATA, else ~/.cache/eventwire."""
    from eventwire.geo.build import build
    from eventwire.geo.gazetteer import default_path

    target = build(path or default_path(), progress=sys.stderr.isatty())
    click.echo(f"eventwire: gazetteer index written to {target}", err=True)


@main.group()
def train() -> None:
    """Rebuild the models eventwire ships, from the training data in ../shared/data."""


@train.command(name="events")
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data/events"),
    show_default=True,
    help="Folder with plover_gsr/, ngec_synthetic/, conflibert_cameo_train/ and realnews/.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The sentence classifier's file (default: the packaged one); the decision model goes beside it "
    "as decision.npz.",
)
@settings_options
def train_events(data: Path, out: Path | None, settings: Settings) -> None:
    """Train the sentence classifier (PLOVER type and CAMEO pentaclass heads, on the PLOVER gold, synthetic
    and ConfliBERT sentences), then the decision model over candidates (event, type, source and target
    heads, on the hand-coded real news); about 2 minutes."""
    from eventwire.annotators.events.decision import MODEL_FILE
    from eventwire.classify.decision import train_decision
    from eventwire.classify.model import packaged_path
    from eventwire.classify.train import train as train_classifier
    from eventwire.eval.realnews import ANNOTATORS
    from eventwire.nlp import load_pipeline

    target = out or packaged_path()
    classifier, samples = train_classifier(data, target, load_pipeline(settings.model, (), ()))
    click.echo(
        f"eventwire: event classifier trained on {samples} sentences, {len(classifier.vocabulary)} features, "
        f"written to {target}",
        err=True,
    )
    nlp = load_pipeline(settings.model, ANNOTATORS, settings.actor_files)
    decision_path = target.with_name(MODEL_FILE)
    model, articles = train_decision(data, decision_path, nlp, classifier)
    click.echo(
        f"eventwire: event decision model trained on {articles} articles, "
        f"{len(model.candidates.vocabulary)} features, written to {decision_path}",
        err=True,
    )


@main.command(name="eval")
@click.argument("name")
@click.option("--data", type=click.Path(exists=True, path_type=Path), help="Gold data (file or folder).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of the figures.")
@click.option("--gold-spans", is_flag=True, help="geo: resolve the gold toponyms instead of finding them.")
@click.option(
    "--cv",
    type=click.IntRange(min=0),
    help="events, cameo: cross-validation folds (events default 5; 0 scores the packaged model).",
)
@settings_options
def eval_command(
    name: str, data: Path | None, as_json: bool, gold_spans: bool, cv: int | None, settings: Settings
) -> None:
    """Measure one capability on gold data. NAME is one of the evaluators listed below.

    \b
    events    PLOVER event type accuracy and macro-F1, mode accuracy, source and target
              match; --data: PLOVER GSR plover_gsr.jsonl (5-fold unless --cv 0)
    cameo     CAMEO pentaclass macro-F1; --data: sentence<TAB>label 0-4 (ConfliBERT
              cameo_class); --cv 5 trains on the other folds
    actors    country and sector accuracy of gold actors; --data: PLOVER GSR
              plover_gsr.jsonl, or actor-span F1 on ConfliBERT cameo_ner/train.txt
    entities  named-entity spans and labels; --data: sentences marked up as [surface|LABEL]
              (default: the bundled set)
    extract   article-body extraction, F1 over 4-word shingles; --data: the Zyte
              article-extraction-benchmark folder (ground-truth.json, html/)
    quotes    direct-quote P/R/F1, speaker accuracy, reported-speech P/R/F1; --data: a
              PolNeAR split folder (attributions/, text/)
    quantities  dead/injured/crowd counts; --data: PLOVER GSR PLOVER_GSR_CAMEO.json
              (default: the bundled cases)
    geo       geoparsing: recognition P/R/F1, accuracy within 161 km, mean and median
              error, AUC; --data: an LGL or GeoVirus XML file; --gold-spans resolves
              the gold toponyms only
    """
    from eventwire.eval import evaluate

    options: dict[str, object] = {"gold_spans": True} if gold_spans else {}
    if cv is not None:
        options["cv"] = cv
    result = evaluate(name, data, settings, **options)
    if as_json:
        click.echo(json.dumps({"evaluator": result.name, "data": result.data, **result.figures}))
    else:
        click.echo(result.table())

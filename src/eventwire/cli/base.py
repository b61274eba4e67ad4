"""What every command shares: the ``eventwire`` group, the options that build Settings and the Engine, the
end of a run, and opening a store that must exist."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from eventwire import __version__
from eventwire.config import load_config, parse_override
from eventwire.errors import BAD_STORE_URL, EventwireError

# The model, the store and the executors load only in the commands that use them: `--help` stays instant.
if TYPE_CHECKING:
    from eventwire.pipeline import RunReport
    from eventwire.store import Store

F = TypeVar("F", bound=Callable[..., Any])


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
    with "text" or "html", "url", "title", "published", "source"), RSS/Atom feeds, sitemaps and WARC archives,
    gzipped or not; http(s) URLs of pages, feeds or sitemaps; - for stdin.
"""


def open_existing(url: str) -> Store:
    """The store named, which must exist already (a SQLite file is not made by reading commands)."""
    from eventwire.store import is_postgres, open_store

    if not is_postgres(url) and not Path(url.removeprefix("sqlite:///")).exists():
        raise EventwireError(BAD_STORE_URL, "no store here yet; run `eventwire ingest PATH` first", url)
    return open_store(url)

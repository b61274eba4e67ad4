"""Executors: partitions read what the inputs hold; a process pool and a Dask LocalCluster store records
identical to one process's; a failing partition is retried, then reported; a killed worker loses nothing."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from conftest import ARTICLES, SAMPLE_ARTICLES, SAMPLES, corpus
from eventwire.config import Settings, load_config
from eventwire.executors import Engine, PartitionFailure, PartitionResult
from eventwire.executors import _ordered as ordered
from eventwire.executors.local import InProcess
from eventwire.ingest import ingest, load, write_parts
from eventwire.pipeline import RunReport
from eventwire.records import COLLECTIONS
from eventwire.sources import SourceOptions, read_inputs
from eventwire.sources.partitions import Partition, plan, read_partition
from eventwire.sources.readers.warc import warc_record
from eventwire.store import open_store

TABLES = ("articles", "article_bands", "article_links", "rejections", *COLLECTIONS)  # not bookkeeping
HAPPENINGS = ("happening_rows", "happening_events", "happening_aliases", "happening_keys")
VOLATILE = {"run_id", "ingested_at", "done_at"}


def records(url: str) -> dict[str, list[str]]:
    """Every row of every record table, without run ids, rejection ids and timestamps, in a stable order."""
    store = open_store(url)
    try:
        found = {}
        for table in (*TABLES, *HAPPENINGS):
            rows = store.stream(f"SELECT * FROM {table}")
            volatile = VOLATILE | {"id"} if table == "rejections" else VOLATILE
            cleaned = ({k: v for k, v in r.items() if k not in volatile} for r in rows)
            found[table] = sorted(json.dumps(r, sort_keys=True) for r in cleaned)
        return found
    finally:
        store.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """36 JSON Lines articles, a WARC archive of 5 pages, the sample folder and a missing file."""
    folder = tmp_path_factory.mktemp("corpus")
    pages = []
    for n, line in enumerate((SAMPLES / "wikinews.jsonl").read_text().splitlines()[:5]):
        item = json.loads(line)
        paragraphs = "".join(f"<p>{p}</p>" for p in item["text"].split("\n\n"))
        head = f"<head><title>{item['title']}</title></head>"
        html = f"<html>{head}<body><article>{paragraphs}</article></body></html>"
        pages.append(gzip.compress(warc_record(f"https://example.org/{n}", html.encode())))
    (folder / "pages.warc.gz").write_bytes(b"".join(pages))
    return [str(corpus(folder)), str(folder / "pages.warc.gz"), str(SAMPLES), str(folder / "missing.jsonl")]


@pytest.fixture(scope="module")
def single(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The records of one process's run."""
    url = str(tmp_path_factory.mktemp("single") / "single.db")
    report = ingest(inputs, load_config(overrides={"store.url": url}), Engine(partition_size=4))
    assert report.articles == ARTICLES + 5 + SAMPLE_ARTICLES and len(report.rejections) == 1
    return records(url)


def test_partitions_read_what_the_inputs_hold(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": f"Story {n} of the day.", "url": f"https://example.org/{n}"}) for n in range(9)
    ]
    lines[4] = "{not json"
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    pages = [warc_record(f"https://example.org/p{n}", f"<p>Page {n} text.</p>".encode()) for n in range(7)]
    (tmp_path / "members.warc.gz").write_bytes(b"".join(gzip.compress(p) for p in pages))
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(b"".join(pages)))
    (tmp_path / "cut.warc").write_bytes(b"".join(pages)[:-40])
    (tmp_path / "html").mkdir()
    for n in range(5):
        (tmp_path / "html" / f"{n}.html").write_text(f"<html><body><p>Page {n}.</p></body></html>")
    inputs = [str(tmp_path / name) for name in ("a.jsonl", "members.warc.gz", "whole.warc.gz", "cut.warc")]
    inputs += [str(tmp_path / "html"), str(tmp_path / "missing.txt")]
    options = SourceOptions()

    partitions = plan(inputs, options, size=3)

    described = [p.describe().replace(f"{tmp_path}/", "") for p in partitions]
    assert described == [
        "a.jsonl lines 1-3",
        "a.jsonl lines 4-6",
        "a.jsonl lines 7-9",
        "members.warc.gz pages 1-3",
        "members.warc.gz pages 4-6",
        "members.warc.gz pages 7-7",
        "whole.warc.gz pages 1-7",  # one gzip member: cannot be entered in the middle
        "cut.warc pages 1-3",
        "cut.warc pages 4-6",
        "cut.warc pages 7-7",
        "html/0.html and 2 more",
        "html/3.html and 1 more",
        "missing.txt",
    ]
    expected = [d.as_dict() for d in read_inputs(inputs, options)]
    assert [d.as_dict() for p in partitions for d in read_partition(p, options)] == expected
    assert len({p.key for p in partitions}) == len(partitions)
    assert [p.key for p in plan(inputs, options, size=3)] == [p.key for p in partitions]


class Flaky:
    """A task that fails partition 1 once and partition 2 always."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, partition: Partition) -> PartitionResult:
        self.calls.append(partition.index)
        if partition.index == 2 or (partition.index == 1 and self.calls.count(1) == 1):
            raise RuntimeError(f"partition {partition.index} broke")
        return PartitionResult(partition, RunReport())


def test_failed_partitions_are_retried_then_reported_in_order() -> None:
    partitions = [Partition(n, "urls", (f"https://example.org/{n}",), 1) for n in range(4)]
    flaky = Flaky()
    executor = InProcess()
    executor.window = 2  # type: ignore[misc]  # several in flight, so that order has to be restored

    outcomes = list(ordered(partitions, flaky, executor, 2, _NoBar()))  # type: ignore[arg-type]

    assert [o.partition.index for o in outcomes] == [0, 1, 2, 3]
    assert [type(o) for o in outcomes] == [
        PartitionResult,
        PartitionResult,
        PartitionFailure,
        PartitionResult,
    ]
    failure = outcomes[2]
    assert isinstance(failure, PartitionFailure) and failure.attempts == 3
    assert failure.rejection().message == (
        "partition failed 3 times (RuntimeError: partition 2 broke); check that its inputs can be read, "
        "then run again: stored documents are skipped"
    )
    assert flaky.calls.count(1) == 2 and flaky.calls.count(2) == 3


class _NoBar:
    def partition(self, index: int, size: int) -> None:
        pass


@pytest.mark.parametrize(
    "engine", [Engine("local", workers=2), Engine("dask", workers=2)], ids=["pool", "dask"]
)
def test_engines_store_what_one_process_stores(
    engine: Engine, inputs: list[str], single: dict[str, list[str]], tmp_path: Path
) -> None:
    url = str(tmp_path / "engine.db")
    settings = load_config(overrides={"store.url": url})

    report = ingest(inputs, settings, Engine(engine.name, engine.workers, partition_size=4))

    assert report.articles == ARTICLES + 5 + SAMPLE_ARTICLES and len(report.rejections) == 1
    assert records(url) == single


def test_dask_parts_loaded_into_a_store_match_one_process(
    inputs: list[str], single: dict[str, list[str]], tmp_path: Path
) -> None:
    parts = tmp_path / "parts"
    settings = load_config(overrides={"store.url": str(tmp_path / "loaded.db")})
    engine = Engine("dask", workers=2, partition_size=4)

    written = write_parts(inputs, settings, parts, engine)
    again = write_parts(inputs, settings, parts, engine)
    loaded = load(parts, settings)
    reloaded = load(parts, settings)

    assert written.articles == ARTICLES + 5 + SAMPLE_ARTICLES and again.articles == 0
    assert again.partitions_done == written.partitions_done + len(list(parts.glob("*.parquet")))
    assert loaded.articles == ARTICLES + 5 + SAMPLE_ARTICLES and reloaded.articles == 0
    assert records(settings.db) == single


def _eventwire(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "eventwire"), *args]


def _stored(url: str) -> int:
    store = open_store(url)
    try:
        return int(store.execute("SELECT count(*) AS n FROM articles").fetchone()["n"])
    finally:
        store.close()


def _kill_one_worker_mid_run(command: list[str], url: str, worker: Callable[[int], int]) -> int:
    """Run the command, kill ``worker(its pid)`` once 3 articles are stored; the articles stored then."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while (not Path(url).exists() or _stored(url) < 3) and time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.05)
    os.kill(worker(process.pid), signal.SIGKILL)
    at_kill = _stored(url)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return at_kill


def _pool_worker(parent: int) -> int:
    return next(
        child.pid
        for child in psutil.Process(parent).children(recursive=True)
        if "spawn_main" in " ".join(child.cmdline())
    )


def test_a_killed_pool_worker_loses_and_repeats_nothing(tmp_path: Path) -> None:
    path, url = corpus(tmp_path), str(tmp_path / "pool.db")
    command = _eventwire("ingest", str(path), "--db", url, "--workers", "2", "--partition-size", "2")

    at_kill = _kill_one_worker_mid_run(command, url, _pool_worker)

    assert at_kill < ARTICLES, "the kill should land in the middle of the run"
    _assert_each_article_once(url)


def test_a_killed_dask_worker_loses_and_repeats_nothing(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    path, url = corpus(tmp_path), str(tmp_path / "dask.db")
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        worker = next(iter(client.run(os.getpid).values()))
        command = _eventwire("ingest", str(path), "--db", url, "--scheduler", cluster.scheduler_address)
        at_kill = _kill_one_worker_mid_run([*command, "--partition-size", "2"], url, lambda _: worker)

    assert at_kill < ARTICLES, "the kill should land in the middle of the run"
    _assert_each_article_once(url)


def _assert_each_article_once(url: str) -> None:
    store = open_store(url)
    try:
        rows = store.execute("SELECT count(*) AS n, count(DISTINCT id) AS ids FROM articles").fetchone()
        assert (rows["n"], rows["ids"]) == (ARTICLES, ARTICLES)
        assert store.execute("SELECT count(*) AS n FROM rejections").fetchone()["n"] == 0
    finally:
        store.close()


def test_an_unknown_model_stops_before_workers_start(tmp_path: Path, settings: Settings) -> None:
    command = _eventwire("ingest", str(corpus(tmp_path)), "--db", settings.db, "--workers", "2")
    done = subprocess.run([*command, "--model", "no_such_model"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("eventwire: error: no_such_model: spaCy pipeline not installed")


def test_progress_off_a_terminal_is_a_line_per_interval_counting_each_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from eventwire.executors import progress

    monkeypatch.setattr(progress, "_EVERY", 0.0)
    path = corpus(tmp_path)
    settings = load_config(overrides={"store.url": str(tmp_path / "p.db")})
    ingest([str(path)], settings, Engine(partition_size=ARTICLES), progress=True)
    lines = [line for line in capsys.readouterr().err.splitlines() if "documents" in line]
    assert lines[0].startswith(
        "eventwire: 1 of 36 documents (3%)"
    )  # one document at a time, in one partition
    assert lines[-1].startswith("eventwire: 36 of 36 documents (100%)")

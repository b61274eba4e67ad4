"""Executors: the pipeline over partitions of the inputs, in this process, a local process pool or a Dask
cluster, with the results given back in the plan's order whichever finished first.

``execute`` is the one entry point; an executor only submits a task and waits for some to finish. Retries,
ordering, the bound on work in flight and the progress bar are the same for every engine.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from eventwire.errors import BAD_ENGINE, EventwireError, InputError
from eventwire.executors.progress import Progress
from eventwire.executors.tasks import PartitionFailure, PartitionResult, Task
from eventwire.nlp import check_model
from eventwire.sources.partitions import Partition

__all__ = ["Engine", "PartitionFailure", "PartitionResult", "Task", "execute"]

log = logging.getLogger(__name__)
Outcome = PartitionResult | PartitionFailure


@dataclass(frozen=True, slots=True)
class Engine:
    """Where partitions run: ``local`` (this process for one worker, else a process pool) or ``dask`` (an
    existing cluster at ``scheduler``, else a LocalCluster of ``workers``)."""

    name: Literal["local", "dask"] = "local"
    workers: int = 1
    scheduler: str | None = None
    partition_size: int = 50  # documents per partition
    retries: int = 2  # further attempts at a partition that failed or whose worker died


class Executor(Protocol):
    """Runs tasks somewhere; its futures (concurrent.futures' or Dask's) have ``result()``."""

    workers: int
    window: int  # partitions held at once, running or waiting for their turn
    in_process: bool  # tasks run here: they may call back (progress) without being pickled

    def submit(self, task: Task, partition: Partition) -> Any: ...

    def wait(self, futures: list[Any]) -> Iterable[Any]:
        """Block until at least one of the futures is done; the done ones."""

    def close(self) -> None: ...


def execute(
    partitions: list[Partition], task: Task, engine: Engine, progress: bool = False
) -> Iterator[Outcome]:
    """Each partition's result, or its failure after ``engine.retries`` more attempts, in plan order."""
    if not partitions:
        return
    executor = _executor(engine, task)
    bar = Progress(sum(p.size for p in partitions), progress)
    if executor.in_process:  # documents counted one by one as the pipeline yields them
        task = dataclasses.replace(task, on_document=bar.document)
    try:
        yield from _ordered(partitions, task, executor, engine.retries, bar)
    finally:
        bar.close()
        executor.close()


def _ordered(
    partitions: list[Partition], task: Task, executor: Executor, retries: int, bar: Progress
) -> Iterator[Outcome]:
    todo = iter(partitions)
    order = [p.index for p in reversed(partitions)]  # the next to give back is last
    running: dict[Any, tuple[Partition, int]] = {}
    ready: dict[int, Outcome] = {}
    while order:
        while len(running) + len(ready) < executor.window and (partition := next(todo, None)) is not None:
            running[executor.submit(task, partition)] = (partition, 1)
        for future in executor.wait(list(running)):
            partition, attempt = running.pop(future)
            try:
                ready[partition.index] = future.result()
            except Exception as err:
                if isinstance(err, EventwireError) and not isinstance(err, InputError):
                    raise  # the run cannot go on anywhere: no model, bad settings
                error = _describe(err)
            else:
                bar.partition(partition.index, partition.size)
                continue
            if attempt > retries:
                ready[partition.index] = PartitionFailure(partition, error, attempt)
            else:
                log.warning("retrying %s after %s", partition.describe(), error)
                running[executor.submit(task, partition)] = (partition, attempt + 1)
        while order and order[-1] in ready:
            yield ready.pop(order.pop())


def _describe(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _executor(engine: Engine, task: Task) -> Executor:
    if engine.workers < 1:
        raise EventwireError(BAD_ENGINE, f"--workers must be 1 or more, got {engine.workers}")
    if (engine.name == "dask" and engine.scheduler is None) or engine.workers > 1:
        check_model(task.settings.model)  # here, before workers start to fail on it one by one
    if engine.name == "dask":
        from eventwire.executors.dask import DaskExecutor

        return DaskExecutor(task.settings, engine.scheduler, engine.workers)
    if engine.scheduler:
        raise EventwireError(BAD_ENGINE, "--scheduler needs --engine dask")
    from eventwire.executors.local import InProcess, ProcessPool

    return InProcess() if engine.workers == 1 else ProcessPool(task.settings, engine.workers)

"""The local engine: one worker runs in this process; more run in a pool of processes, each loading the
model once. A pool broken by a dead worker is started afresh, and its lost tasks come back as failures for
``execute`` to retry."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from eventwire.config import Settings
from eventwire.executors.tasks import PartitionResult, Task, warm
from eventwire.sources.partitions import Partition


class InProcess:
    """Runs each task as it is submitted: no processes, no pickling, the model loaded here."""

    workers = window = 1
    in_process = True

    def submit(self, task: Task, partition: Partition) -> Future[PartitionResult]:
        future: Future[PartitionResult] = Future()
        try:
            future.set_result(task(partition))
        except Exception as err:
            future.set_exception(err)
        return future

    def wait(self, futures: list[Future[PartitionResult]]) -> Iterable[Future[PartitionResult]]:
        return futures

    def close(self) -> None:
        pass


class ProcessPool:
    in_process = False

    def __init__(self, settings: Settings, workers: int) -> None:
        self.workers = workers
        self.window = 4 * workers
        self._settings = settings
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per worker, safe beside this process's threads and open connections
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, context, initializer=warm, initargs=(self._settings,))

    def submit(self, task: Task, partition: Partition) -> Future[PartitionResult]:
        try:
            return self._pool.submit(task, partition)
        except BrokenProcessPool:  # a worker died: its tasks failed; start a new pool for their retries
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(task, partition)

    def wait(self, futures: list[Future[PartitionResult]]) -> Iterable[Future[PartitionResult]]:
        return wait(futures, return_when=FIRST_COMPLETED).done

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

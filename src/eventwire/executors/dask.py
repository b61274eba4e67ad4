"""The Dask engine: partitions as tasks on a Dask distributed cluster, an existing one (``--scheduler``) or a
LocalCluster started here (``--workers``). A worker plugin loads the model once per worker, including
workers that join or are restarted later. The scheduler reruns the tasks of a worker that died."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from typing import Any

from eventwire.config import Settings
from eventwire.errors import BAD_ENGINE, EventwireError
from eventwire.executors.tasks import Task, warm
from eventwire.sources.partitions import Partition

try:
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin, wait
except ImportError as err:  # pragma: no cover - depends on the install
    raise EventwireError(
        BAD_ENGINE, "the Dask engine needs the dask extra: pip install 'eventwire[dask]'", "--engine dask"
    ) from err


class ModelPlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts, so tasks find it in the worker's process."""

    idempotent = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        # Dask's sampling profiler walks the running task's stack every 10 ms; spaCy's deep stacks made
        # every article take 1.8 times as long (benchmarks/scale.py), so it is stopped on our workers.
        for name in ("profile", "profile-cycle"):
            callback = worker.periodic_callbacks.pop(name, None)
            if callback is not None:
                callback.stop()
        warm(self.settings)


class DaskExecutor:
    in_process = False

    def __init__(self, settings: Settings, scheduler: str | None, workers: int) -> None:
        self._cluster: LocalCluster | None = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="30s")
            else:
                # One thread per worker process: spaCy holds the GIL, so threads would not add speed. Dask's
                # aggressive malloc trimming, good for workers that hold data, slows spaCy's many small
                # allocations by some 5%; these workers hold none.
                environ = dask.config.get("distributed.nanny.pre-spawn-environ")
                environ = {k: v for k, v in environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
                with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
                    self._cluster = LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                self._client = Client(self._cluster)
        except OSError as err:
            raise EventwireError(BAD_ENGINE, f"cannot reach the Dask scheduler ({err})", scheduler) from err
        self._client.register_plugin(ModelPlugin(settings), name="eventwire-model")
        threads = [w["nthreads"] for w in self._client.scheduler_info()["workers"].values()]
        self.workers = max(1, sum(threads))
        self.window = 4 * self.workers

    def submit(self, task: Task, partition: Partition) -> Any:
        # pure=False and a fresh key: a retry is a new task, never the failed one's cached result
        return self._client.submit(
            task, partition, key=f"eventwire-{partition.key}-{uuid.uuid4().hex[:8]}", pure=False
        )

    def wait(self, futures: list[Any]) -> Iterable[Any]:
        return wait(futures, return_when="FIRST_COMPLETED").done

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

"""The Dask engine: the same per-document functions on a Dask distributed cluster.

Imported only when `--engine dask` is asked for, so the CLI does not pay for importing distributed.
"""

from __future__ import annotations

from distributed import Client, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from ..threads import limit_blas_threads, pin_blas_threads
from .engines import EngineUnavailable, chunked, warm_up


class ModelsPlugin(WorkerPlugin):
    """Loads the models on each Dask worker as it joins, with BLAS pinned to one thread."""

    name = "bomca-extract-models"

    def setup(self, worker) -> None:
        pin_blas_threads()
        limit_blas_threads()
        warm_up()


class DaskEngine:
    """On an existing cluster (`scheduler` = its address) or a LocalCluster of `workers` processes."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        self._cluster = None
        if scheduler is None:
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        try:
            self._client = Client(scheduler or self._cluster)
        except (OSError, ValueError) as exc:  # distributed's errors for a bad or silent address
            address = scheduler or self._cluster.scheduler_address
            if self._cluster is not None:
                self._cluster.close()
            raise EngineUnavailable(f"cannot use the Dask scheduler at {address}: {exc}") from exc
        self._client.register_plugin(ModelsPlugin())
        self.workers = len(self._client.scheduler_info()["workers"])
        self.shares_disk = self._cluster is not None

    def map(self, function, items, *, lost):
        chunks = chunked(items, self.workers)
        futures = self._client.map(function, chunks, pure=False)
        for future, chunk in zip(futures, chunks):
            try:
                yield future.result()
            except KilledWorker:  # Dask has already retried the chunk on other workers
                yield [self._alone(function, item, lost) for item in chunk]

    def _alone(self, function, item, lost):
        try:
            return self._client.submit(function, [item], pure=False).result()[0]
        except KilledWorker:
            return lost(item)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

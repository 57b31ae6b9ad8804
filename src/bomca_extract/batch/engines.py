"""Engines: how the batch maps its per-document functions over the inputs.

`local` runs them in this process (1 worker) or in a pool of worker processes; `dask` on a Dask
distributed cluster. Either way the functions are the same plain functions of their inputs, the
models load once per worker, and results come back in input order, so every engine writes the
same tables.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, Protocol

from ..threads import limit_blas_threads
from .locking import drop_inherited_locks

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
MAX_CHUNK = 16  # documents per task: enough to pay for a round trip
_CHUNKS_PER_WORKER = 16  # at least this many tasks per worker, so none waits long for the last one


class EngineUnavailable(Exception):
    """The engine cannot start: a cluster address that is malformed or does not answer."""


Lost = Callable[[Any], Any]  # the result that stands for an item whose worker died on it


class Engine(Protocol):
    workers: int
    shares_disk: bool  # its workers can read a file the client writes to its temporary folder

    def map(
        self, function: Callable[[list[Any]], list[Any]], items: Sequence[Any], *, lost: Lost
    ) -> Iterator[list[Any]]:
        """`function` over chunks of `items`; yields each chunk's results, in order. A chunk whose
        worker died is retried item by item, alone; an item that kills its worker again gets `lost(item)`."""
        ...

    def close(self) -> None: ...


def warm_up() -> None:
    """Load the models, gazetteers and rules now, once per worker, not inside the first document."""
    from .documents import document_extractor

    document_extractor()


def _start_worker() -> None:
    limit_blas_threads()
    drop_inherited_locks()
    _die_with_parent()
    warm_up()


def _die_with_parent() -> None:
    """Linux: the kernel sends the worker SIGTERM when the parent dies (killed included), so a killed
    run leaves no workers behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class LocalEngine:
    shares_disk = True

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = self._new_pool() if self.workers > 1 else None

    def _new_pool(self) -> ProcessPoolExecutor:
        # fork: workers start in milliseconds, sharing the models the parent loaded (copy-on-write)
        return ProcessPoolExecutor(self.workers, mp_context=get_context("fork"), initializer=_start_worker)

    def map(self, function, items, *, lost):
        if self._pool is None:  # in this process there is no round trip to pay for: one item at a time
            return (function([item]) for item in items)
        return self._map_in_pool(function, chunked(items, self.workers), lost)

    def _map_in_pool(self, function, chunks: list[list[Any]], lost: Lost) -> Iterator[list[Any]]:
        futures: list[Future | None] = [self._pool.submit(function, chunk) for chunk in chunks]
        for index, chunk in enumerate(chunks):
            # a future keeps its result: dropped once taken, so a caller that streams results holds none
            future, futures[index] = futures[index], None
            try:
                results = future.result()
            except BrokenProcessPool:
                self._restart()
                results = [self._alone(function, item, lost) for item in chunk]
                later = zip(futures[index + 1 :], chunks[index + 1 :])
                futures[index + 1 :] = [f if _succeeded(f) else self._pool.submit(function, c) for f, c in later]
            yield results

    def _alone(self, function, item: Any, lost: Lost) -> Any:
        """One item in a fresh pool with nothing else running, so a death is its own."""
        try:
            return self._pool.submit(function, [item]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return lost(item)

    def _restart(self) -> None:
        log.warning("a worker process died (killed, or out of memory); retrying its documents one by one")
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def chunked(items: Sequence[Any], workers: int) -> list[list[Any]]:
    """`items` in order, cut into tasks for `workers`: up to MAX_CHUNK items each, smaller when there
    are too few items for every worker to get _CHUNKS_PER_WORKER tasks."""
    size = max(1, min(MAX_CHUNK, -(-len(items) // (max(1, workers) * _CHUNKS_PER_WORKER))))
    return [list(items[start : start + size]) for start in range(0, len(items), size)]

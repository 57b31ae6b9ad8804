"""Engines: how the batch maps its per-document functions over the inputs.

`local` runs them in this process (1 worker) or in a pool of worker processes; `dask` on a Dask
distributed cluster. Either way the functions are the same plain functions of their inputs, the
models load once per worker, and results come back in input order, so every engine writes the
same tables.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Protocol

from .locking import drop_inherited_locks

_PR_SET_PDEATHSIG = 1
MAX_CHUNK = 16  # documents per task: enough to pay for a round trip
_CHUNKS_PER_WORKER = 16  # at least this many tasks per worker, so none waits long for the last one


class EngineUnavailable(Exception):
    """The engine cannot start: a cluster address that is malformed or does not answer."""


class Engine(Protocol):
    workers: int

    def map(self, function: Callable[[list[Any]], list[Any]], items: Sequence[Any]) -> Iterator[list[Any]]:
        """`function` over chunks of `items`; yields each chunk's results, in order."""
        ...

    def close(self) -> None: ...


def warm_up() -> None:
    """Load the models and gazetteers now, once per worker, not inside the first document."""
    from .gazetteer import load_gazetteer
    from .header import header_patterns
    from .nlp import get_analyzer

    get_analyzer()
    load_gazetteer()
    header_patterns()


def _start_worker() -> None:
    drop_inherited_locks()
    _die_with_parent()
    warm_up()


def _die_with_parent() -> None:
    """Linux: the kernel sends the worker SIGTERM when the parent dies (killed included), so a killed
    run leaves no workers behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class LocalEngine:
    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            # fork: workers start in milliseconds; the parent has not loaded any model to share
            context = get_context("fork")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker)

    def map(self, function, items):
        chunks = chunked(items, self.workers)
        if self._pool is None:
            return map(function, chunks)
        return self._pool.map(function, chunks)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def chunked(items: Sequence[Any], workers: int) -> list[list[Any]]:
    """`items` in order, cut into tasks for `workers`: up to MAX_CHUNK items each, smaller when there
    are too few items for every worker to get _CHUNKS_PER_WORKER tasks."""
    size = max(1, min(MAX_CHUNK, -(-len(items) // (max(1, workers) * _CHUNKS_PER_WORKER))))
    return [list(items[start : start + size]) for start in range(0, len(items), size)]

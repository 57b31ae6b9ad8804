"""Thread pinning for the processes the tool starts itself (the CLI and its workers), never for a
process that imports the package."""

from __future__ import annotations

import os

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def pin_blas_threads() -> None:
    """One BLAS thread per process unless the user set otherwise: workers are the parallelism, and
    natasha's small matrix products get no faster with more threads, only noisier."""
    for variable in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


def limit_blas_threads() -> None:
    """One BLAS thread in a worker process the tool started, whatever the environment said when
    numpy was loaded (a worker forked from a notebook, a Dask worker): two workers on two cores
    each running two BLAS threads are slower than one worker."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")

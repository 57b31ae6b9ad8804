"""Thread pinning for the processes the tool starts itself (the CLI and its workers)."""

from __future__ import annotations

import os

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def pin_blas_threads() -> None:
    """One BLAS thread per process unless the user set otherwise: workers are the parallelism, and
    natasha's small matrix products get no faster with more threads, only noisier."""
    for variable in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")

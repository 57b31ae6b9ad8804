"""bomca-extract: press releases in, tidy tables of facts out."""

import os

# One BLAS thread per process, set before anything imports numpy: workers are the parallelism, and
# natasha's small matrix products get no faster with more threads, only noisier.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

__version__ = "0.1.0"

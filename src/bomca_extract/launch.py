"""The console entry point: BLAS pinned to one thread before anything imports numpy, spaCy's
package `__init__` deferred (nlp/spacy_core.py), then the CLI.

Only the processes the tool starts itself are set up so (this one and its Dask workers, which get the
BLAS pinning; forked workers inherit both): importing the package changes nothing in the caller's process.
"""

from __future__ import annotations

import sys

from .nlp.spacy_core import defer_spacy_init
from .threads import pin_blas_threads

EXIT_UNSUPPORTED = 2
# what the batch relies on: flock for the output lock, SIGALRM for the time limit, fork for workers
UNSUPPORTED = "bomca-extract runs on Linux and macOS (it needs POSIX flock, SIGALRM and fork); on Windows use WSL"


def main(argv: list[str] | None = None) -> int:
    if sys.platform == "win32":
        print(f"bomca-extract: {UNSUPPORTED}", file=sys.stderr)
        return EXIT_UNSUPPORTED
    pin_blas_threads()
    defer_spacy_init()
    from .cli import main as run_cli

    return run_cli(argv)

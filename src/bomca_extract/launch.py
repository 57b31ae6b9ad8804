"""The console entry point: BLAS pinned to one thread before anything imports numpy, then the CLI.

Only the processes the tool starts itself are pinned (this one and its Dask workers; forked workers
inherit it): importing the package changes nothing in the caller's environment.
"""

from __future__ import annotations

from .threads import pin_blas_threads


def main(argv: list[str] | None = None) -> int:
    pin_blas_threads()
    from .cli import main as run_cli

    return run_cli(argv)

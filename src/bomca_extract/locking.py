"""One run per output folder: an exclusive lock on `<out>/.lock`, released by the OS when the run ends,
however it ends (so a killed run never leaves a stale lock behind)."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"
_held_fds: set[int] = set()


class OutputBusy(Exception):
    """Another run is writing to the same output folder."""


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise OutputBusy(
                f"another bomca-extract run (pid {holder}) is writing to {out_dir}; wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _held_fds.add(handle.fileno())
        try:
            yield
        finally:
            _held_fds.discard(handle.fileno())
            handle.seek(0)
            handle.truncate()


def drop_inherited_locks() -> None:
    """In a forked worker: close the lock descriptors inherited from the parent, so that the lock is
    released when the parent ends, even if a worker outlives it for a moment."""
    for fd in list(_held_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_fds.clear()

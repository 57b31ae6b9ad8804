"""One run per output folder: an exclusive lock on `<out>/.lock`, released by the OS when the run ends,
however it ends (so a killed run never leaves a stale lock behind)."""

from __future__ import annotations

import contextlib
import errno
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
    """Raises OSError when the folder or its lock file cannot be used (a `.lock` that is a symlink
    is refused, never followed: truncating it would truncate whatever it points to)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(exc.errno, "the lock file is a symlink; remove it", str(path)) from None
        raise
    with os.fdopen(fd, "r+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = handle.read().strip() or "unknown"
            raise OutputBusy(
                f"another bomca-extract run (pid {holder}) is writing to {out_dir}; wait for it to finish"
            ) from None
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

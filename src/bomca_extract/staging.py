"""Staged writes: files written under temporary names beside their targets, then renamed into place.

Kept apart from the tables so that writers outside them (the cache, the prebuilt store) do not
import pandas.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    with StagedFiles() as staged:
        staged.write_text(path, text)


def atomic_write(path: Path, write: Callable[[str], object]) -> None:
    with StagedFiles() as staged:
        staged.write(path, write)


class StagedFiles:
    """Files written under temporary names beside their targets, then renamed over them together.

    A process killed while writing leaves the old files; renames are atomic, so no file is ever torn.
    Leaving the `with` block by an exception discards every staged file.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[str, Path]] = []

    def write(self, path: Path, write: Callable[[str], object]) -> None:
        write(self.reserve(path))

    def write_text(self, path: Path, text: str) -> None:
        self.write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))

    def reserve(self, path: Path) -> str:
        """An empty temporary file beside `path`, renamed over it on commit: for writing several
        files in one pass."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp's 0600 would hide the tables from the user's group
        os.close(handle)
        self._pending.append((tmp, path))
        return tmp

    def commit(self) -> None:
        """Rename every file staged so far over its target."""
        pending, self._pending = self._pending, []
        for tmp, path in pending:
            os.replace(tmp, path)

    def discard(self) -> None:
        """Remove every file staged and not committed; the targets stay as they were."""
        pending, self._pending = self._pending, []
        for tmp, _ in pending:
            Path(tmp).unlink(missing_ok=True)

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""The inputs of a batch: the files under the given paths, each once, and a doc_id for each."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..readers.reading import path_text

_MAX_ID_BYTES = 120  # clean/<doc_id>.txt and its temporary name stay under the 255-byte file-name limit


def collect_inputs(paths: Iterable[Path], *, outside: Path | None = None) -> list[Path]:
    """Every entry under the given paths that is not a folder (special files too: they get their own
    error row), sorted, each once; hidden entries and anything under `outside` (the output folder)
    are skipped. Missing paths raise."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if not p.is_dir() and not _hidden(p.relative_to(path)))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")
    excluded = outside.resolve() if outside is not None else None
    unique = {os.path.normpath(p): p for p in found}  # one row per file, however often it is named
    return [p for p in unique.values() if excluded is None or not _under(p, excluded)]


def unique_doc_ids(files: list[Path]) -> dict[Path, str]:
    """The file's name without its suffix when no other input has it, else the name and a digest of
    the path (`a-3f2c9e0b1d`): unique, and the same whatever the order of the inputs."""
    stems = {path: path_text(path.stem) for path in files}
    counts = Counter(stems.values())
    return {
        path: stem
        if counts[stem] == 1 and len(stem.encode()) <= _MAX_ID_BYTES
        else f"{_truncated(stem)}-{_digest(path)}"
        for path, stem in stems.items()
    }


def _truncated(stem: str) -> str:
    return stem.encode()[:_MAX_ID_BYTES].decode("utf-8", errors="ignore")


def _digest(path: Path) -> str:
    return hashlib.sha256(os.fsencode(os.path.normpath(path))).hexdigest()[:10]


def _under(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)

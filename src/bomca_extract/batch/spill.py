"""The prepared documents between the batch's two passes, on disk: the client keeps where each one
is, not its text, so its memory does not grow with the batch.

Workers that share the client's disk (local processes, a LocalCluster) read each document back
from the spill file; a remote cluster gets the documents themselves, held by the client.
"""

from __future__ import annotations

import pickle
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..records import PreparedDocument

_PREFIX = "bomca-extract-spill-"


@dataclass(frozen=True)
class Stored:
    """A prepared document as the client keeps it between the passes."""

    doc_id: str
    source: str
    sha256: str
    file_format: str
    census_lines: bytes  # LineCensus.lines: the cache key needs them once the corpus pass is done
    at: tuple[str, int, int] | None = None  # spill file, offset, length
    held: PreparedDocument | None = None  # the document itself, for workers on other machines

    def load(self) -> PreparedDocument:
        if self.held is not None:
            return self.held
        path, offset, length = self.at
        with open(path, "rb") as spilled:
            spilled.seek(offset)
            return pickle.loads(spilled.read(length))


class Spill:
    """A private temporary file the client appends to, in `folder` (the system's temporary folder by
    default); removed when the batch is done. With `on_disk` false it holds the documents instead."""

    def __init__(self, *, on_disk: bool, folder: Path | None = None) -> None:
        self._file = None
        if on_disk:
            # open for the whole batch, closed and removed by __exit__
            self._file = tempfile.NamedTemporaryFile(dir=folder, prefix=_PREFIX, suffix=".tmp", delete=False)  # noqa: SIM115

    def put(self, document: PreparedDocument) -> Stored:
        raw = document.raw
        stored = partial(Stored, raw.doc_id, raw.source, raw.sha256, raw.file_format, document.census.lines)
        if self._file is None:
            return stored(held=document)
        data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.tell()
        self._file.write(data)
        return stored(at=(self._file.name, offset, len(data)))

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._file is not None:
            self._file.close()
            Path(self._file.name).unlink(missing_ok=True)

    def flush(self) -> None:
        """Before the workers read: everything put so far is in the file."""
        if self._file is not None:
            self._file.flush()

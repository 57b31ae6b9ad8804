"""Table rows kept on disk while a batch runs, so the process writing the tables holds the rows of
a bounded number of documents however many there are; read back in the tables' sort order.

Each table's rows go to one Arrow IPC file in a private folder, one record batch per document
(empty when it has no rows of that table), so the n-th document to arrive is the n-th batch of
every file and is read back alone, by position. IPC rather than Parquet: reading one document's
rows back costs microseconds where a Parquet row group per document costs a quarter of a
millisecond, and opening a Parquet file with its footer of row groups milliseconds more.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from ..batch.documents import DocumentResult
from ..schema import SCHEMAS, SORT_KEYS, TABLES

DOCUMENTS_PER_PART = 256  # documents whose rows are held in memory, before they go to disk and after
PARTS_PREFIX, PARTS_SUFFIX = ".parts.", ".tmp"  # the folder's name: a temporary of the output folder


class TableParts:
    """Every document's rows of every table, buffered for at most DOCUMENTS_PER_PART documents,
    then appended to the table files in a folder of its own inside `out_dir`."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(dir=out_dir, prefix=PARTS_PREFIX, suffix=PARTS_SUFFIX))
        self._sinks = {name: pa.OSFile(str(self._path(name)), "wb") for name in TABLES}
        self._writers = {name: pa.ipc.new_file(self._sinks[name], SCHEMAS[name]) for name in TABLES}
        self._buffered: list[dict[str, list[dict]]] = []  # per document: its rows of each table
        self._positions: dict[str, int] = {}  # doc_id -> its batch in every table file

    @property
    def buffered(self) -> int:
        """Documents whose rows are in memory."""
        return len(self._buffered)

    def add(self, result: DocumentResult) -> None:
        self._positions[result.document["doc_id"]] = len(self._positions)
        self._buffered.append({name: result.rows(name) for name in TABLES})
        if len(self._buffered) >= DOCUMENTS_PER_PART:
            self._flush()

    def close(self) -> None:
        """Write what is buffered and close the files: after this, only `chunks` reads them."""
        self._flush()
        for name in TABLES:
            self._writers[name].close()
            self._sinks[name].close()

    def chunks(self, name: str) -> Iterator[pa.Table]:
        """Table `name` in its SORT_KEYS order, DOCUMENTS_PER_PART documents at a time.

        The documents are taken in doc_id order (Python's order of str is Arrow's order of UTF-8),
        and each slice of them sorted by all the keys: as doc_id comes first, that is the slice of
        the whole table sorted, ties in the order the rows were added, as Arrow's stable sort has them.
        """
        positions = [self._positions[doc_id] for doc_id in sorted(self._positions)]
        keys = [(key, "ascending") for key in SORT_KEYS[name]]
        with pa.OSFile(str(self._path(name))) as source:
            reader = pa.ipc.open_file(source)
            for start in range(0, len(positions), DOCUMENTS_PER_PART):
                batches = [reader.get_batch(position) for position in positions[start : start + DOCUMENTS_PER_PART]]
                yield pa.Table.from_batches(batches, schema=SCHEMAS[name]).sort_by(keys)

    def remove(self) -> None:
        for sink in self._sinks.values():
            sink.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _flush(self) -> None:
        for name, writer in self._writers.items():
            per_document = [document[name] for document in self._buffered]
            rows = pa.RecordBatch.from_pylist([row for rows in per_document for row in rows], schema=SCHEMAS[name])
            offset = 0
            for document_rows in per_document:
                writer.write_batch(rows.slice(offset, len(document_rows)))
                offset += len(document_rows)
        self._buffered = []

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.arrow"

"""The output folder: tables, clean texts and a manifest of what this tool wrote there.

Only files the manifest lists (and the tool's own temporaries and cache) are ever replaced or
deleted, so a user's file that lands in `--out` is left alone.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..batch.documents import DocumentResult
from ..batch.run import BatchResult
from ..schema import TABLES
from ..staging import StagedFiles, write_text
from ..timing import stage
from ..version import pipeline_version
from .parts import PARTS_PREFIX, PARTS_SUFFIX, TableParts
from .tables import stage_table, write_partitioned

MANIFEST = "manifest.json"
CLEAN_DIR = "clean"
PARTITIONED = ("documents", "mentions")
# where StagedFiles leaves `.<target>.<random>.tmp` and TableParts its folder when a run is killed
_TEMPORARIES = (
    (
        "",
        (
            *(f".{name}.{ext}.*.tmp" for name in TABLES for ext in ("csv", "parquet")),
            f".{MANIFEST}.*.tmp",
            f"{PARTS_PREFIX}*{PARTS_SUFFIX}",
        ),
    ),
    (CLEAN_DIR, (".*.txt.*.tmp",)),
    (".cache/results/*", (".*.json.*.tmp",)),
)


class OutputNotOurs(Exception):
    """A path the tool would replace holds something it did not write."""


class OutputWriter:
    """The output folder, written while a batch runs: `add` (the batch's sink) stages each
    document's clean text and hands its rows to TableParts as it arrives; `commit` writes the
    sorted tables and renames everything into place together, the manifest last. Leaving the
    `with` block without `commit` leaves the previous outputs and removes what was staged.
    `partitioned` adds `documents/` and `mentions/` Parquet datasets partitioned by publication year."""

    def __init__(self, out_dir: Path, *, partitioned: bool = False) -> None:
        self.out_dir, self.partitioned = out_dir, partitioned
        self._previous = read_manifest(out_dir)
        if partitioned:
            _check_ours(out_dir, self._previous)
        self._staged = StagedFiles()
        self._texts: list[str] = []
        self._n_documents = 0
        self._parts: TableParts | None = None

    def __enter__(self) -> OutputWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._parts = TableParts(self.out_dir)
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        self._staged.discard()  # nothing is left to discard after a commit
        self._parts.remove()

    @property
    def scratch(self) -> Path:
        """A private folder of this run, removed with it (or by the next run, if this one is killed)."""
        return self._parts.folder

    def add(self, result: DocumentResult) -> None:
        with stage("write"):
            if result.clean_text is not None:
                name = f"{result.document['doc_id']}.txt"
                self._staged.write_text(self.out_dir / CLEAN_DIR / name, result.clean_text)
                self._texts.append(name)
            self._parts.add(result)
        self._n_documents += 1

    def commit(self) -> None:
        with stage("write"):
            self._parts.close()
            for name in TABLES:
                stage_table(self._staged, self._parts.chunks(name), self.out_dir, name)
            self._staged.commit()
        for stale in set(self._previous.get("clean_texts", ())) - set(self._texts):
            (self.out_dir / CLEAN_DIR / Path(stale).name).unlink(missing_ok=True)
        if self.partitioned:
            _write_partitioned(self.out_dir)
        elif self._previous.get("partitioned"):
            for name in PARTITIONED:
                shutil.rmtree(self.out_dir / name, ignore_errors=True)
        _write_manifest(
            self.out_dir, n_documents=self._n_documents, clean_texts=sorted(self._texts), partitioned=self.partitioned
        )


def write_outputs(result: BatchResult, out_dir: Path, *, partitioned: bool = False) -> None:
    """A batch held in memory (run without a sink), written as `extract` writes one."""
    with OutputWriter(out_dir, partitioned=partitioned) as output:
        for document in result.results:
            output.add(document)
        output.commit()


def read_manifest(out_dir: Path) -> dict:
    """The manifest of the last run into `out_dir`; empty when there is none or it is not ours."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run of this tool left behind (only call while holding the output lock)."""
    for folder, patterns in _TEMPORARIES:
        for directory in out_dir.glob(folder) if folder else [out_dir]:
            for pattern in patterns:
                for leftover in directory.glob(pattern):
                    if leftover.is_symlink():
                        continue
                    if leftover.is_file():
                        leftover.unlink(missing_ok=True)
                    elif leftover.is_dir():
                        shutil.rmtree(leftover, ignore_errors=True)


def _check_ours(out_dir: Path, previous: dict) -> None:
    for name in PARTITIONED:
        if (out_dir / name).exists() and not previous.get("partitioned"):
            raise OutputNotOurs(
                f"{out_dir / name} exists and was not written by bomca-extract; move it away to use --partitioned"
            )


def _write_partitioned(out_dir: Path) -> None:
    """The datasets streamed from the tables just written, batch by batch, each with its year column."""
    years = _publication_years(out_dir / "documents.parquet")
    for name in PARTITIONED:
        table = pq.ParquetFile(out_dir / f"{name}.parquet")
        batches = (_with_year(batch, years) for batch in table.iter_batches())
        schema = table.schema_arrow.append(pa.field("year", pa.int32()))
        write_partitioned(batches, schema, out_dir / name, by="year")


def _publication_years(documents: Path) -> dict[str, int | None]:
    years = {}
    for batch in pq.ParquetFile(documents).iter_batches(columns=["doc_id", "publication_date"]):
        for row in batch.to_pylist():
            years[row["doc_id"]] = row["publication_date"] and row["publication_date"].year
    return years


def _with_year(batch: pa.RecordBatch, years: dict[str, int | None]) -> pa.RecordBatch:
    return batch.append_column("year", pa.array([years[d] for d in batch.column("doc_id").to_pylist()], pa.int32()))


def _write_manifest(out_dir: Path, *, n_documents: int, clean_texts: list[str], partitioned: bool) -> None:
    files = {
        path.name: _sha256(path) for name in TABLES for path in (out_dir / f"{name}.csv", out_dir / f"{name}.parquet")
    }
    manifest = {
        "pipeline_version": pipeline_version(),
        "documents": n_documents,
        "sha256": files,
        "clean_texts": clean_texts,
        "partitioned": partitioned,
    }
    write_text(out_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _sha256(path: Path) -> str:
    """Read a block at a time: a table file may be larger than what the run holds in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

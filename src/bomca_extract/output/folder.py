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

from ..batch.run import BatchResult
from ..schema import TABLES
from ..staging import StagedFiles, write_text
from ..timing import stage
from ..version import pipeline_version
from .tables import stage_table, to_table, write_partitioned

MANIFEST = "manifest.json"
CLEAN_DIR = "clean"
PARTITIONED = ("documents", "mentions")
# where StagedFiles leaves `.<target>.<random>.tmp` when a run is killed mid-write
_TEMPORARIES = (
    ("", (*(f".{name}.{ext}.*.tmp" for name in TABLES for ext in ("csv", "parquet")), f".{MANIFEST}.*.tmp")),
    (CLEAN_DIR, (".*.txt.*.tmp",)),
    (".cache/results/*", (".*.json.*.tmp",)),
)


class OutputNotOurs(Exception):
    """A path the tool would replace holds something it did not write."""


def write_outputs(result: BatchResult, out_dir: Path, *, partitioned: bool = False) -> None:
    """Stage every table and clean text, then rename them into place together; a manifest last.
    `partitioned` adds `documents/` and `mentions/` Parquet datasets partitioned by publication year."""
    previous = read_manifest(out_dir)
    texts = {f"{r.document['doc_id']}.txt": r.clean_text for r in result.results if r.clean_text is not None}
    tables = {name: to_table(name, getattr(result, name)) for name in TABLES}
    if partitioned:
        _check_ours(out_dir, previous)
    with stage("write"), StagedFiles() as staged:
        for name, text in texts.items():
            staged.write_text(out_dir / CLEAN_DIR / name, text)
        for name, table in tables.items():
            stage_table(staged, table, out_dir, name)
    for stale in set(previous.get("clean_texts", ())) - set(texts):
        (out_dir / CLEAN_DIR / Path(stale).name).unlink(missing_ok=True)
    if partitioned:
        _write_partitioned(tables, out_dir)
    elif previous.get("partitioned"):
        for name in PARTITIONED:
            shutil.rmtree(out_dir / name, ignore_errors=True)
    _write_manifest(out_dir, n_documents=len(result.results), clean_texts=sorted(texts), partitioned=partitioned)


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
                    if leftover.is_file() and not leftover.is_symlink():
                        leftover.unlink(missing_ok=True)


def _check_ours(out_dir: Path, previous: dict) -> None:
    for name in PARTITIONED:
        if (out_dir / name).exists() and not previous.get("partitioned"):
            raise OutputNotOurs(
                f"{out_dir / name} exists and was not written by bomca-extract; move it away to use --partitioned"
            )


def _write_partitioned(tables: dict[str, pa.Table], out_dir: Path) -> None:
    documents = tables["documents"].select(["doc_id", "publication_date"]).to_pylist()
    year = {row["doc_id"]: row["publication_date"] and row["publication_date"].year for row in documents}
    for name in PARTITIONED:
        table = tables[name]
        years = pa.array([year[doc_id] for doc_id in table.column("doc_id").to_pylist()], pa.int32())
        write_partitioned(table.append_column("year", years), out_dir / name, by="year")


def _write_manifest(out_dir: Path, *, n_documents: int, clean_texts: list[str], partitioned: bool) -> None:
    files = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for name in TABLES
        for path in (out_dir / f"{name}.csv", out_dir / f"{name}.parquet")
    }
    manifest = {
        "pipeline_version": pipeline_version(),
        "documents": n_documents,
        "sha256": files,
        "clean_texts": clean_texts,
        "partitioned": partitioned,
    }
    write_text(out_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n")

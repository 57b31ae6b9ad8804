"""The batch: every input file becomes exactly one documents row, whatever goes wrong with it.

Pass 1 reads and cleans every file and learns the footer lines repeated across the corpus;
pass 2 extracts each document, or takes its rows from the cache when nothing it depends on changed.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from .boilerplate import learn_repeated_lines, learned_lines_in, load_rules
from .cache import ResultCache, cache_key
from .engines import Engine, LocalEngine
from .processing import DEFAULT_TIME_LIMIT, DocumentResult, prepare_chunk, process_chunk
from .reading import DEFAULT_LIMITS, ReadLimits
from .records import CleanDocument
from .staging import StagedFiles, write_text
from .tables import stage_table, to_table, write_partitioned
from .timing import stage
from .version import pipeline_version

TABLES = ("documents", "mentions", "boilerplate")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BatchOptions:
    limits: ReadLimits = DEFAULT_LIMITS
    time_limit: float | None = DEFAULT_TIME_LIMIT
    force: bool = False  # process every document even when the cache holds its rows


@dataclass
class BatchResult:
    results: list[DocumentResult] = field(default_factory=list)
    n_cached: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> list[dict]:
        return [r.document for r in self.results]

    @property
    def mentions(self) -> list[dict]:
        return [row for r in self.results for row in r.mentions]

    @property
    def boilerplate(self) -> list[dict]:
        return [row for r in self.results for row in r.boilerplate]

    @property
    def n_errors(self) -> int:
        return sum(1 for r in self.results if not r.ok)

    def summary(self) -> str:
        mentions = self.mentions
        per_field = Counter(row["field"] for row in mentions)
        fields = ", ".join(f"{name} {count}" for name, count in sorted(per_field.items())) or "none"
        n_docs = len(self.results)
        return (
            f"{n_docs} documents, {n_docs - self.n_errors} ok, {self.n_errors} errors, {self.n_cached} from cache; "
            f"{len(mentions)} mentions ({fields}); {self.seconds:.1f} s"
        )


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files under the given paths, sorted; hidden files are skipped. Missing paths raise."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p.relative_to(path)))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")
    return files


def run_batch(
    files: list[Path],
    *,
    options: BatchOptions = BatchOptions(),
    cache: ResultCache | None = None,
    progress: Iterator | None = None,
    engine: Engine | None = None,
) -> BatchResult:
    """Every file's rows, in input order. The engine runs reading and extraction (by default in this
    process); the cache is read and written here, by one process only."""
    start = time.perf_counter()
    engine = engine or LocalEngine(1)
    doc_ids = _unique_doc_ids(files)
    prepared = [
        item for chunk in engine.map(prepare_chunk, [(p, doc_ids[p], options.limits) for p in files]) for item in chunk
    ]
    cleaned = [item for item in prepared if isinstance(item, CleanDocument)]
    rules = load_rules().with_learned(learn_repeated_lines((c.text for c in cleaned), load_rules()))
    keys = {c.raw.doc_id: cache_key(c.raw.sha256, learned_lines_in(c.text, rules)) for c in cleaned}
    results: dict[str, DocumentResult] = {}
    n_cached = 0
    if cache is not None and not options.force:
        for c in cleaned:
            if (hit := cache.get(keys[c.raw.doc_id], doc_id=c.raw.doc_id, source=c.raw.source)) is not None:
                results[c.raw.doc_id] = hit
                n_cached += 1
                _advance(progress)
    to_process = [(c, rules, options.time_limit) for c in cleaned if c.raw.doc_id not in results]
    for chunk in engine.map(process_chunk, to_process):
        for document in chunk:
            doc_id = document.document["doc_id"]
            results[doc_id] = document
            if cache is not None:
                cache.put(keys[doc_id], document)
            _advance(progress)
    for item in prepared:
        if isinstance(item, DocumentResult):
            results[item.document["doc_id"]] = item
            _advance(progress)
    ordered = [results[doc_ids[path]] for path in files]
    return BatchResult(results=ordered, n_cached=n_cached, seconds=time.perf_counter() - start)


def write_outputs(result: BatchResult, out_dir: Path, *, partitioned: bool = False) -> None:
    """Stage every table and clean text, then rename them into place together; a manifest last.
    `partitioned` adds `documents/` and `mentions/` Parquet datasets partitioned by publication year."""
    clean_dir = out_dir / "clean"
    texts = {r.document["doc_id"]: r.clean_text for r in result.results if r.clean_text is not None}
    with stage("write"), StagedFiles() as staged:
        for doc_id, text in texts.items():
            staged.write_text(clean_dir / f"{doc_id}.txt", text)
        tables = {name: to_table(name, getattr(result, name)) for name in TABLES}
        for name, table in tables.items():
            stage_table(staged, table, out_dir, name)
    for stale in clean_dir.glob("*.txt"):
        if stale.stem not in texts:
            stale.unlink()
    if partitioned:
        _write_partitioned(tables, out_dir)
    _write_manifest(out_dir, n_documents=len(result.results))


def remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run left behind (only call while holding the output lock)."""
    for leftover in out_dir.rglob(".*.tmp"):
        leftover.unlink(missing_ok=True)


def _advance(progress: Iterator | None) -> None:
    if progress is not None:
        next(progress, None)


def _write_partitioned(tables: dict[str, pa.Table], out_dir: Path) -> None:
    documents = tables["documents"].select(["doc_id", "publication_date"]).to_pylist()
    year = {row["doc_id"]: row["publication_date"] and row["publication_date"].year for row in documents}
    for name in ("documents", "mentions"):
        table = tables[name]
        years = pa.array([year[doc_id] for doc_id in table.column("doc_id").to_pylist()], pa.int32())
        write_partitioned(table.append_column("year", years), out_dir / name, by="year")


def _write_manifest(out_dir: Path, *, n_documents: int) -> None:
    files = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for name in TABLES
        for path in (out_dir / f"{name}.csv", out_dir / f"{name}.parquet")
    }
    manifest = {"pipeline_version": pipeline_version(), "documents": n_documents, "sha256": files}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    write_text(out_dir / MANIFEST, text)


def _unique_doc_ids(files: list[Path]) -> dict[Path, str]:
    seen: Counter[str] = Counter()
    ids = {}
    for path in files:
        seen[path.stem] += 1
        ids[path] = path.stem if seen[path.stem] == 1 else f"{path.stem}__{seen[path.stem]}"
    return ids


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)

"""The batch: every input file becomes exactly one documents row, whatever goes wrong with it.

Pass 1 reads and cleans every file and learns the footer lines repeated across the corpus;
pass 2 extracts each document, or takes its rows from the cache when nothing it depends on changed.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .boilerplate import learn_repeated_lines, learned_lines_in, load_rules
from .cache import ResultCache, cache_key
from .engines import Engine, LocalEngine
from .processing import DEFAULT_TIME_LIMIT, DocumentResult, error_result, prepare_chunk, process_chunk
from .reading import DEFAULT_LIMITS, ReadLimits, path_text
from .records import CleanDocument

WORKER_DIED = "stopped: the worker process died on this document twice (killed, or out of memory)"
_MAX_ID_BYTES = 120  # clean/<doc_id>.txt and its temporary name stay under the 255-byte file-name limit


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
    doc_ids = unique_doc_ids(files)
    reads = [(p, doc_ids[p], options.limits, options.time_limit) for p in files]
    prepared = [item for chunk in engine.map(prepare_chunk, reads, lost=_lost_read) for item in chunk]
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
    for chunk in engine.map(process_chunk, to_process, lost=_lost_extraction):
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


def _advance(progress: Iterator | None) -> None:
    if progress is not None:
        next(progress, None)


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


def _lost_read(item: tuple) -> DocumentResult:
    path, doc_id, _, _ = item
    return error_result(doc_id, path, WORKER_DIED)


def _lost_extraction(item: tuple) -> DocumentResult:
    raw = item[0].raw
    return error_result(raw.doc_id, Path(raw.source), WORKER_DIED, sha256=raw.sha256, file_format=raw.file_format)


def _under(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)

"""The batch: every input file becomes exactly one documents row, whatever goes wrong with it.

Pass 1 reads and cleans every file into the spill and learns the footer lines repeated across the
corpus from each document's census of its lines; pass 2 extracts each document, or takes its rows
from the cache when nothing it depends on changed. Between the passes the client holds a few
hundred bytes per document, not its text (on a remote cluster, which cannot read the spill, the text too).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..readers.reading import DEFAULT_LIMITS, ReadLimits
from ..records import PreparedDocument
from ..text.boilerplate import BoilerplateRules, RepeatedLines, learned_lines_in, load_boilerplate_rules
from .cache import ResultCache, cache_key
from .documents import DEFAULT_TIME_LIMIT, DocumentResult, error_result, prepare_chunk, process_chunk, table_rows
from .engines import Engine, LocalEngine
from .inputs import unique_doc_ids
from .spill import Spill, Stored

WORKER_DIED = "stopped: the worker process died on this document twice (killed, or out of memory)"


@dataclass(frozen=True)
class BatchOptions:
    limits: ReadLimits = DEFAULT_LIMITS
    time_limit: float | None = DEFAULT_TIME_LIMIT
    force: bool = False  # process every document even when the cache holds its rows


Sink = Callable[[DocumentResult], None]


@dataclass(frozen=True)
class Outcome:
    """What a run's summary and its error lines need of one document, kept whether or not its rows are."""

    doc_id: str
    source: str
    status: str
    error: str | None
    mentions: Counter[str]  # per field

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @classmethod
    def of(cls, result: DocumentResult) -> Outcome:
        row = result.document
        mentions = Counter(mention["field"] for mention in result.mentions)
        return cls(
            doc_id=row["doc_id"], source=row["source"], status=row["status"], error=row["error"], mentions=mentions
        )


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)  # every document, in input order
    results: list[DocumentResult] = field(default_factory=list)  # their rows, unless a sink took them
    n_cached: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> list[dict]:
        return self._rows("documents")

    @property
    def mentions(self) -> list[dict]:
        return self._rows("mentions")

    @property
    def boilerplate(self) -> list[dict]:
        return self._rows("boilerplate")

    @property
    def events(self) -> list[dict]:
        return self._rows("events")

    @property
    def n_errors(self) -> int:
        return sum(1 for outcome in self.outcomes if not outcome.ok)

    def summary(self, wall_seconds: float | None = None) -> str:
        """One line for the end of a run; `wall_seconds` is the whole run's, models and writing included."""
        per_field = sum((outcome.mentions for outcome in self.outcomes), Counter())
        fields = ", ".join(f"{name} {count}" for name, count in sorted(per_field.items())) or "none"
        n_docs = len(self.outcomes)
        return (
            f"{n_docs} documents, {n_docs - self.n_errors} ok, {self.n_errors} errors, {self.n_cached} from cache; "
            f"{per_field.total()} mentions ({fields}); extraction {self.seconds:.1f} s"
            + ("" if wall_seconds is None else f", wall time {wall_seconds:.1f} s")
        )

    def _rows(self, table: str) -> list[dict]:
        return table_rows(self.results, table)


def run_batch(
    files: list[Path],
    *,
    options: BatchOptions = BatchOptions(),
    cache: ResultCache | None = None,
    progress: Callable[[], None] | None = None,
    engine: Engine | None = None,
    sink: Sink | None = None,
    scratch: Path | None = None,
) -> BatchResult:
    """Every file's rows, in input order. The engine runs reading and extraction (by default in this
    process); the cache is read and written here, by one process only. `progress` is called once
    per document done. With a `sink`, each document's result goes to it as it arrives (in no set
    order) and is not kept: the BatchResult then holds its outcome only. Between the passes the
    prepared documents wait in a spill file in `scratch` (by default the system's temporary folder)."""
    start = time.perf_counter()
    engine = engine or LocalEngine(1)
    doc_ids = unique_doc_ids(files)
    reads = [(p, doc_ids[p], options.limits, options.time_limit) for p in files]
    outcomes: dict[str, Outcome] = {}
    results: dict[str, DocumentResult] = {}

    def take(result: DocumentResult) -> None:
        doc_id = result.document["doc_id"]
        outcomes[doc_id] = Outcome.of(result)
        if sink is None:
            results[doc_id] = result
        else:
            sink(result)
        _advance(progress)

    with Spill(on_disk=engine.shares_disk, folder=scratch) as spill:
        stored, unreadable, rules = _first_pass(engine, reads, spill)
        keys = {s.doc_id: cache_key(s.sha256, learned_lines_in(s.census_lines, rules)) for s in stored}
        n_cached = 0
        if cache is not None and not options.force:
            for s in stored:
                if (hit := cache.get(keys[s.doc_id], doc_id=s.doc_id, source=s.source)) is not None:
                    take(hit)
                    n_cached += 1
        to_process = [(s, rules, options.time_limit) for s in stored if s.doc_id not in outcomes]
        for chunk in engine.map(process_chunk, to_process, lost=_lost_extraction):
            for document in chunk:
                if cache is not None:
                    cache.put(keys[document.document["doc_id"]], document)
                take(document)
    for result in unreadable:
        take(result)
    return BatchResult(
        outcomes=[outcomes[doc_ids[path]] for path in files],
        results=[results[doc_ids[path]] for path in files] if sink is None else [],
        n_cached=n_cached,
        seconds=time.perf_counter() - start,
    )


def _first_pass(
    engine: Engine, reads: list[tuple], spill: Spill
) -> tuple[list[Stored], list[DocumentResult], BoilerplateRules]:
    """Read and clean every file; each readable one goes to the spill and into the corpus pass, which
    gives the boilerplate rules with the learned lines."""
    stored: list[Stored] = []
    unreadable: list[DocumentResult] = []
    rules = load_boilerplate_rules()
    repeated = RepeatedLines(rules)
    for chunk in engine.map(prepare_chunk, reads, lost=_lost_read):
        for item in chunk:
            if isinstance(item, PreparedDocument):
                repeated.add(item.census)
                stored.append(spill.put(item))
            else:
                unreadable.append(item)
    spill.flush()
    return stored, unreadable, rules.with_learned(repeated.learned())


def _advance(progress: Callable[[], None] | None) -> None:
    if progress is not None:
        progress()


def _lost_read(item: tuple) -> DocumentResult:
    path, doc_id, _, _ = item
    return error_result(doc_id, path, WORKER_DIED)


def _lost_extraction(item: tuple) -> DocumentResult:
    stored = item[0]
    return error_result(
        stored.doc_id, Path(stored.source), WORKER_DIED, sha256=stored.sha256, file_format=stored.file_format
    )

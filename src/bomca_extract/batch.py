"""The batch: every input file becomes exactly one documents row, whatever goes wrong with it."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .boilerplate import learn_repeated_lines, load_rules, strip_boilerplate
from .cleaning import clean_text
from .extraction import extract_facts
from .nlp import get_analyzer
from .reading import ReadError, read_document
from .records import CleanDocument, DocumentFacts, Mention
from .tables import to_table, write_table, write_text

log = logging.getLogger(__name__)


@dataclass
class BatchResult:
    documents: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    boilerplate: list[dict] = field(default_factory=list)
    clean_texts: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def n_errors(self) -> int:
        return sum(1 for row in self.documents if row["status"] == "error")

    def summary(self) -> str:
        per_field = Counter(row["field"] for row in self.mentions)
        fields = ", ".join(f"{name} {count}" for name, count in sorted(per_field.items())) or "none"
        n_docs = len(self.documents)
        return (
            f"{n_docs} documents, {n_docs - self.n_errors} ok, {self.n_errors} errors; "
            f"{len(self.mentions)} mentions ({fields}); {self.seconds:.1f} s"
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


def run_batch(files: list[Path], *, progress: Iterator | None = None) -> BatchResult:
    start = time.perf_counter()
    result = BatchResult()
    doc_ids = _unique_doc_ids(files)
    cleaned: dict[str, CleanDocument | ReadError] = {}
    for path in files:
        cleaned[doc_ids[path]] = _read_and_clean(path, doc_ids[path])
    rules = load_rules().with_learned(
        learn_repeated_lines((c.text for c in cleaned.values() if isinstance(c, CleanDocument)), load_rules())
    )
    analyzer = get_analyzer()
    for path in files:
        doc_id = doc_ids[path]
        item = cleaned[doc_id]
        if isinstance(item, ReadError):
            result.documents.append(_error_row(doc_id, path, str(item), item.sha256))
        else:
            _extract_one(result, item, rules, analyzer)
        if progress is not None:
            next(progress, None)
    result.seconds = time.perf_counter() - start
    return result


def write_outputs(result: BatchResult, out_dir: Path) -> None:
    for doc_id, text in result.clean_texts.items():
        write_text(out_dir / "clean" / f"{doc_id}.txt", text)
    write_table(to_table("boilerplate", result.boilerplate), out_dir, "boilerplate")
    write_table(to_table("mentions", result.mentions), out_dir, "mentions")
    write_table(to_table("documents", result.documents), out_dir, "documents")


def _read_and_clean(path: Path, doc_id: str) -> CleanDocument | ReadError:
    try:
        raw = dataclasses.replace(read_document(path), doc_id=doc_id)
    except ReadError as exc:
        return exc
    return CleanDocument(raw=raw, text=clean_text(raw.text))


def _extract_one(result: BatchResult, cleaned: CleanDocument, rules, analyzer) -> None:
    raw = cleaned.raw
    try:
        stripped = strip_boilerplate(raw, cleaned.text, rules)
        facts = extract_facts(stripped.text, analyzer)
    except Exception as exc:  # a rule or model that raises must not stop the batch
        log.exception("extraction failed for %s", raw.source)
        result.documents.append(_error_row(raw.doc_id, Path(raw.source), f"extraction failed: {exc!r}", raw.sha256))
        return
    result.documents.append(_ok_row(stripped, facts))
    result.mentions.extend(_mention_row(raw.doc_id, m) for m in facts.mentions)
    result.boilerplate.extend({"doc_id": raw.doc_id, "rule": b.rule, "text": b.text} for b in stripped.removed)
    result.clean_texts[raw.doc_id] = stripped.text


def _ok_row(document: CleanDocument, facts: DocumentFacts) -> dict:
    raw = document.raw
    return {
        "doc_id": raw.doc_id,
        "source": raw.source,
        "sha256": raw.sha256,
        "status": "ok",
        "error": None,
        "title": facts.title,
        "dateline_city": facts.dateline_city,
        "publication_date": facts.publication_date,
        "event_start": facts.event_start,
        "event_end": facts.event_end,
        "participants": facts.participants,
        "n_chars_raw": len(raw.text),
        "n_chars_clean": len(document.text),
    }


def _error_row(doc_id: str, path: Path, message: str, sha256: str | None) -> dict:
    row = dict.fromkeys(("title", "dateline_city", "publication_date", "event_start", "event_end", "participants"))
    row.update(doc_id=doc_id, source=str(path), sha256=sha256, status="error", error=message)
    return row | {"n_chars_raw": None, "n_chars_clean": None}


def _mention_row(doc_id: str, mention: Mention) -> dict:
    row = dataclasses.asdict(mention)
    row["value_num"] = float(mention.value_num) if mention.value_num is not None else None
    return {"doc_id": doc_id, **row}


def _unique_doc_ids(files: list[Path]) -> dict[Path, str]:
    seen: Counter[str] = Counter()
    ids = {}
    for path in files:
        seen[path.stem] += 1
        ids[path] = path.stem if seen[path.stem] == 1 else f"{path.stem}__{seen[path.stem]}"
    return ids


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)

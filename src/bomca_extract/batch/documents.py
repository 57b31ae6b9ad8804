"""One document through the pipeline: read and clean it, then strip boilerplate and extract its facts.

Both steps are plain functions of their inputs that return rows, so a document can be processed in
any process or worker; nothing a document does can escape as an exception.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..extractors.document import DocumentExtractor
from ..extractors.resources import build_resources
from ..lang import LANGUAGES
from ..readers.reading import ReadError, ReadLimits, path_text, read_document
from ..records import DocumentFacts, Event, Mention, PreparedDocument, StrippedDocument
from ..schema import FACTS, LIST_SEPARATOR
from ..text.boilerplate import BoilerplateRules, line_census, load_boilerplate_rules, strip_boilerplate
from ..text.cleaning import clean_text
from ..timing import stage
from .spill import Stored

log = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 60.0
_FACT_COLUMNS = tuple(fact.name for fact in FACTS)


@dataclass
class DocumentResult:
    """The rows one input file contributes to the tables."""

    document: dict
    mentions: list[dict] = field(default_factory=list)
    boilerplate: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    clean_text: str | None = None

    @property
    def ok(self) -> bool:
        return self.document["status"] == "ok"

    def rows(self, table: str) -> list[dict]:
        """This document's rows of `table`, one of schema.TABLES."""
        return [self.document] if table == "documents" else getattr(self, table)


def table_rows(results: list[DocumentResult], table: str) -> list[dict]:
    """The rows of `table` (one of schema.TABLES) of every result, in their order."""
    return [row for result in results for row in result.rows(table)]


class DocumentTimeout(BaseException):
    """Raised inside a document's extraction when it outlives its time limit.

    A BaseException, so that library code catching Exception cannot swallow it.
    """


def prepare(
    path: Path, doc_id: str, limits: ReadLimits, *, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> PreparedDocument | DocumentResult:
    """Read and clean one file under the time limit; a file that cannot be read becomes its error row."""
    sha256 = file_format = None
    try:
        with _time_limit(time_limit):
            raw = dataclasses.replace(read_document(path, limits=limits), doc_id=doc_id)
            sha256, file_format = raw.sha256, raw.file_format
            text = clean_text(raw.text)
            return PreparedDocument(raw=raw, text=text, census=line_census(text, load_boilerplate_rules()))
    except ReadError as exc:
        return error_result(doc_id, path, str(exc), sha256=exc.sha256, file_format=exc.file_format)
    except DocumentTimeout:
        message = f"stopped: reading took longer than the {time_limit:g} s time limit"
    except Exception as exc:  # cleaning must not stop the batch either
        log.exception("cleaning failed for %s", path)
        message = f"cleaning failed: {exc!r}"
    return error_result(doc_id, path, message, sha256=sha256, file_format=file_format)


def process(
    cleaned: PreparedDocument, rules: BoilerplateRules, *, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> DocumentResult:
    """Strip boilerplate and extract facts; a failure or a timeout becomes the document's error row."""
    raw = cleaned.raw
    document_extractor()  # loading the models is not the document's time
    try:
        with _time_limit(time_limit):
            with stage("boilerplate"):
                stripped = strip_boilerplate(raw, cleaned.text, rules)
            facts = extract_facts(stripped.text, published=raw.published)
    except DocumentTimeout:
        message = f"stopped: extraction took longer than the {time_limit:g} s time limit"
        return error_result(raw.doc_id, Path(raw.source), message, sha256=raw.sha256, file_format=raw.file_format)
    except Exception as exc:  # a rule or model that raises must not stop the batch
        log.exception("extraction failed for %s", raw.source)
        message = f"extraction failed: {exc!r}"
        return error_result(raw.doc_id, Path(raw.source), message, sha256=raw.sha256, file_format=raw.file_format)
    return document_rows(stripped, facts)


def document_rows(stripped: StrippedDocument, facts: DocumentFacts) -> DocumentResult:
    """An extracted document's rows of every table."""
    doc_id = stripped.raw.doc_id
    return DocumentResult(
        document=_ok_row(stripped, facts),
        mentions=[_mention_row(doc_id, m) for m in facts.mentions],
        boilerplate=[{"doc_id": doc_id, "rule": b.rule, "text": b.text, "char_at": b.at} for b in stripped.removed],
        events=[_event_row(doc_id, index, event) for index, event in enumerate(facts.events, start=1)],
        clean_text=stripped.text,
    )


@cache
def document_extractor() -> DocumentExtractor:
    """Built once per worker process, with the resources of the language."""
    return DocumentExtractor(*(build_resources(language) for language in LANGUAGES))


def extract_facts(text: str, *, published: dt.date | None = None, language: str | None = None) -> DocumentFacts:
    return document_extractor()(text, published=published, language=language)


def prepare_chunk(items: list[tuple[Path, str, ReadLimits, float | None]]) -> list[PreparedDocument | DocumentResult]:
    """`prepare` over a chunk of (path, doc_id, limits, time limit): the unit of work an engine sends to a worker."""
    with stage("read+clean"):
        return [prepare(path, doc_id, limits, time_limit=seconds) for path, doc_id, limits, seconds in items]


def process_chunk(items: list[tuple[Stored, BoilerplateRules, float | None]]) -> list[DocumentResult]:
    """`process` over a chunk of (stored prepared document, rules, time limit)."""
    return [process(stored.load(), rules, time_limit=time_limit) for stored, rules, time_limit in items]


def error_result(
    doc_id: str, path: Path, message: str, *, sha256: str | None = None, file_format: str | None = None
) -> DocumentResult:
    row = dict.fromkeys(_FACT_COLUMNS)
    row.update(
        doc_id=doc_id, source=path_text(path), sha256=sha256, file_format=file_format, status="error", error=message
    )
    return DocumentResult(document=row | {"n_chars_raw": None, "n_chars_clean": None})


def _ok_row(document: StrippedDocument, facts: DocumentFacts) -> dict:
    raw = document.raw
    row = {column: getattr(facts, column) for column in _FACT_COLUMNS}
    row.update(
        doc_id=raw.doc_id, source=raw.source, sha256=raw.sha256, file_format=raw.file_format, status="ok", error=None
    )
    return row | {"n_chars_raw": len(raw.text), "n_chars_clean": len(document.text)}


def _mention_row(doc_id: str, mention: Mention) -> dict:
    row = _with_char_offsets(dataclasses.asdict(mention))
    row["value_num"] = float(mention.value_num) if mention.value_num is not None else None
    return {"doc_id": doc_id, **row}


def _event_row(doc_id: str, index: int, event: Event) -> dict:
    """'<doc_id>-e01', and the list columns joined by schema.LIST_SEPARATOR."""
    row = _with_char_offsets(dataclasses.asdict(event))
    for column in ("organisers", "organiser_ids", "partners_from"):
        row[column] = LIST_SEPARATOR.join(row[column]) or None
    return {"doc_id": doc_id, "event_id": f"{doc_id}-e{index:02d}", **row}


def _with_char_offsets(row: dict) -> dict:
    """A record's `start`/`end` as the tables' `char_start`/`char_end` (`end` is an SQL keyword)."""
    row["char_start"], row["char_end"] = row.pop("start"), row.pop("end")
    return row


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """SIGALRM-based, so only in a main thread (processes, not thread pools); elsewhere no limit."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

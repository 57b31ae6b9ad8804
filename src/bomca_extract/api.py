"""The Python API: `extract_text` for one text, `extract_paths` for files, both giving typed tables.

>>> result = extract_text("В Бишкеке 5 марта 2024 года прошел семинар для 20 пограничников.")
>>> result.facts.participants, result.facts.event_start
(20, datetime.date(2024, 3, 5))
>>> [(m.field, m.value) for m in result.mentions if m.field == "city"]
[('city', 'Бишкек')]
>>> result.to_pandas().mentions.dtypes["char_start"]
int64[pyarrow]
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .batch.documents import DEFAULT_TIME_LIMIT, DocumentResult, document_rows, extract_facts, table_rows
from .batch.engines import LocalEngine
from .batch.inputs import collect_inputs
from .batch.run import BatchOptions, run_batch
from .output.tables import to_table
from .readers.reading import DEFAULT_LIMITS, ReadLimits
from .records import DocumentFacts, Event, Mention, RawDocument, RemovedBlock, StrippedDocument
from .schema import TABLES
from .text.boilerplate import load_boilerplate_rules, strip_boilerplate
from .text.cleaning import clean_text

TEXT_DOC_ID = "text"  # the doc_id of a text given to `extract_text`


@dataclass(frozen=True)
class Tables:
    """The four tables as DataFrames with Arrow dtypes: `participants` stays an integer with
    missing values, dates stay dates."""

    documents: pd.DataFrame
    mentions: pd.DataFrame
    boilerplate: pd.DataFrame
    events: pd.DataFrame

    @classmethod
    def of(cls, results: list[DocumentResult]) -> Tables:
        tables = {name: to_table(name, table_rows(results, name)) for name in TABLES}
        return cls(**{name: table.to_pandas(types_mapper=pd.ArrowDtype) for name, table in tables.items()})


@dataclass(frozen=True)
class Result:
    """One text's facts. Offsets (`Mention.start`, `Event.start`, ...) point into `text`, the clean
    text with its boilerplate removed."""

    facts: DocumentFacts
    _stripped: StrippedDocument

    @property
    def text(self) -> str:
        return self._stripped.text

    @property
    def removed(self) -> tuple[RemovedBlock, ...]:
        """The boilerplate lines removed, each with the offset in `text` where it stood."""
        return self._stripped.removed

    @property
    def mentions(self) -> list[Mention]:
        return self.facts.mentions

    @property
    def events(self) -> list[Event]:
        return self.facts.events

    def to_pandas(self) -> Tables:
        """The rows this text would add to each table of a batch run, `doc_id` "text"."""
        return Tables.of([document_rows(self._stripped, self.facts)])


def extract_text(text: str, *, language: str | None = None, published: dt.date | None = None) -> Result:
    """Clean `text`, strip its boilerplate and extract its facts, as a batch run does for one file.

    `language` ("ru" or "en") overrides the detected language of the text's top; `published` is a
    publication date known from elsewhere (the text's own date wins over it).
    """
    raw = RawDocument(
        doc_id=TEXT_DOC_ID,
        source="<text>",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        published=published,
    )
    stripped = strip_boilerplate(raw, clean_text(text), load_boilerplate_rules())
    facts = extract_facts(stripped.text, published=published, language=language)
    return Result(facts=facts, _stripped=stripped)


def extract_paths(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    limits: ReadLimits = DEFAULT_LIMITS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Tables:
    """Every file under `paths` (folders walked as the CLI walks them), one `documents` row each,
    a file that cannot be read included (`status` "error", `error` its reason). Nothing is
    written and no cache is used."""
    files = collect_inputs([Path(p) for p in paths])
    engine = LocalEngine(workers)
    try:
        result = run_batch(files, options=BatchOptions(limits=limits, time_limit=time_limit), engine=engine)
    finally:
        engine.close()
    return Tables.of(result.results)

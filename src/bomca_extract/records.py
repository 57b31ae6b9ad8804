"""The records passed between stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, make_dataclass
from decimal import Decimal

from .schema import FACTS


@dataclass(frozen=True)
class RawDocument:
    doc_id: str
    source: str
    sha256: str
    text: str
    file_format: str = "txt"
    published: dt.date | None = None  # the publication date the file's own metadata gives, if any


@dataclass(frozen=True)
class RemovedBlock:
    rule: str
    text: str


@dataclass(frozen=True)
class PreparedDocument:
    """Read and cleaned: the raw document and its clean text."""

    raw: RawDocument
    text: str


@dataclass(frozen=True)
class StrippedDocument:
    """Boilerplate removed: the text extraction runs on, and what was removed."""

    raw: RawDocument
    text: str
    removed: tuple[RemovedBlock, ...] = ()


@dataclass(frozen=True)
class Mention:
    field: str
    text: str
    start: int
    end: int
    method: str
    value: str | None = None
    value_num: Decimal | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    precision: str | None = None
    qualifier: str | None = None
    country_code: str | None = None
    entity_id: str | None = None  # the same place or organisation in any language


# One attribute per fact of the registry (each None when not found), and the mentions.
DocumentFacts = make_dataclass(
    "DocumentFacts",
    [
        *((fact.name, fact.python_type | None, field(default=None)) for fact in FACTS),
        ("mentions", list[Mention], field(default_factory=list)),
    ],
)

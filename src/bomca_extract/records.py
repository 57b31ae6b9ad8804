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
    """A removed line; `at` is the offset in the stripped text where it stood."""

    rule: str
    text: str
    at: int = 0


@dataclass(frozen=True)
class LineCensus:
    """What the corpus pass needs of a document's lines: packed 64-bit digests of the lines long
    enough to be learned as boilerplate, and of those among them standing only in its second half."""

    lines: bytes = b""
    footer: bytes = b""


@dataclass(frozen=True)
class PreparedDocument:
    """Read and cleaned: the raw document, its clean text and the census of its lines."""

    raw: RawDocument
    text: str
    census: LineCensus = LineCensus()


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
    amount_role: str | None = None  # an amount's: programme_budget, phase_budget, ... (schema.AMOUNT_ROLES)
    period: str | None = None  # the years an amount covers: '2003-2020', '2003-' (since 2003)
    amount_owner: str | None = None  # the organisation value an amount belongs to


@dataclass(frozen=True)
class Event:
    """One reported event: the sentence that reports it and what it says about it."""

    event_type: str  # schema.EVENT_TYPES
    summary: str
    start: int
    end: int
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    city: str | None = None
    country_code: str | None = None
    venue: str | None = None
    participants: int | None = None
    participants_qualifier: str | None = None
    organisers: tuple[str, ...] = ()  # organisation values, in text order
    organiser_ids: tuple[str, ...] = ()  # their entity ids, where they have one
    partners_from: tuple[str, ...] = ()  # ISO codes of the countries whose people took part, sorted


# One attribute per fact of the registry (each None when not found), and the mentions.
DocumentFacts = make_dataclass(
    "DocumentFacts",
    [
        *((fact.name, fact.python_type | None, field(default=None)) for fact in FACTS),
        ("mentions", list[Mention], field(default_factory=list)),
        ("events", list[Event], field(default_factory=list)),
    ],
)

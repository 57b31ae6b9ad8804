"""The records passed between stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

FIELDS = ("date", "city", "country", "organisation", "participants", "amount_eur")


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
class CleanDocument:
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


@dataclass
class DocumentFacts:
    title: str | None = None
    dateline_city: str | None = None
    publication_date: dt.date | None = None
    publication_date_source: str | None = None  # "dateline" (the text) or "metadata" (the file)
    event_start: dt.date | None = None
    event_end: dt.date | None = None
    participants: int | None = None
    mentions: list[Mention] = field(default_factory=list)

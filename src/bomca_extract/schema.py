"""The fields, declared once: every column of the tables and every fact the evaluation scores.

The tables' Arrow schemas, the columns of `DocumentFacts`, the rows of error documents, the
evaluation's keys and the floors check are all derived from these lists. A new document field is
one `Fact` here plus the extractor that sets it; a new mention field is one `MentionField` plus
its extractor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa

_PYTHON_TYPES = {pa.string(): str, pa.date32(): dt.date, pa.int64(): int, pa.float64(): float}


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType

    @property
    def python_type(self) -> type:
        return _PYTHON_TYPES[self.type]


@dataclass(frozen=True)
class Fact(Column):
    """A document-level fact: a column of `documents`, set by extraction, scored by accuracy
    unless `scored` is False."""

    scored: bool = True


@dataclass(frozen=True)
class MentionField:
    """A value of `mentions.field`, scored by precision, recall and F1: two mentions are the same
    when the `key` columns are equal (the first within a relative `tolerance`, if any)."""

    name: str
    key: tuple[str, ...]
    tolerance: float = 0.0


FACTS = (
    Fact("language", pa.string()),
    Fact("title", pa.string()),
    Fact("dateline_city", pa.string()),
    Fact("publication_date", pa.date32()),
    Fact("publication_date_source", pa.string(), scored=False),
    Fact("event_start", pa.date32()),
    Fact("event_end", pa.date32()),
    Fact("participants", pa.int64()),
    Fact("programme", pa.string()),
    Fact("country_code", pa.string()),
)
MENTION_FIELDS = (
    MentionField("date", ("date_start", "date_end")),
    MentionField("city", ("value", "country_code")),
    MentionField("country", ("value", "country_code")),
    MentionField("organisation", ("value",)),
    MentionField("participants", ("value_num", "qualifier")),
    MentionField("amount_eur", ("value_num", "qualifier"), tolerance=0.005),
)

_IDENTITY = (
    Column("doc_id", pa.string()),
    Column("source", pa.string()),
    Column("sha256", pa.string()),
    Column("file_format", pa.string()),
    Column("status", pa.string()),
    Column("error", pa.string()),
)
_SIZES = (Column("n_chars_raw", pa.int64()), Column("n_chars_clean", pa.int64()))
MENTION_COLUMNS = (
    Column("field", pa.string()),
    Column("text", pa.string()),
    Column("value", pa.string()),
    Column("value_num", pa.float64()),
    Column("date_start", pa.date32()),
    Column("date_end", pa.date32()),
    Column("precision", pa.string()),
    Column("qualifier", pa.string()),
    Column("country_code", pa.string()),
    Column("entity_id", pa.string()),
    Column("amount_role", pa.string()),
    Column("period", pa.string()),
    Column("amount_owner", pa.string()),
    Column("char_start", pa.int64()),
    Column("char_end", pa.int64()),
    Column("method", pa.string()),
)
EVENT_COLUMNS = (
    Column("event_id", pa.string()),
    Column("event_type", pa.string()),
    Column("summary", pa.string()),
    Column("date_start", pa.date32()),
    Column("date_end", pa.date32()),
    Column("city", pa.string()),
    Column("country_code", pa.string()),
    Column("venue", pa.string()),
    Column("participants", pa.int64()),
    Column("participants_qualifier", pa.string()),
    Column("organisers", pa.string()),
    Column("organiser_ids", pa.string()),
    Column("partners_from", pa.string()),
    Column("char_start", pa.int64()),
    Column("char_end", pa.int64()),
)
EVENT_TYPES = (
    "seminar",
    "training",
    "workshop",
    "round_table",
    "conference",
    "study_visit",
    "technical_mission",
    "working_meeting",
    "steering_meeting",
    "equipment_handover",
    "facility_opening",
    "exercise",
    "unknown",
)
AMOUNT_ROLES = ("programme_budget", "phase_budget", "project_budget", "equipment_value", "grant", "other")
LIST_SEPARATOR = "|"  # between the values of a list column: organisers, organiser_ids, partners_from
_BOILERPLATE_COLUMNS = (Column("rule", pa.string()), Column("text", pa.string()), Column("char_at", pa.int64()))


def _schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema([(column.name, column.type) for column in columns])


SCHEMAS = {
    "documents": _schema((*_IDENTITY, *FACTS, *_SIZES)),
    "mentions": _schema((_IDENTITY[0], *MENTION_COLUMNS)),
    "boilerplate": _schema((_IDENTITY[0], *_BOILERPLATE_COLUMNS)),
    "events": _schema((_IDENTITY[0], *EVENT_COLUMNS)),
}
TABLES = tuple(SCHEMAS)
SORT_KEYS = {
    "documents": ["doc_id"],
    "mentions": ["doc_id", "char_start", "char_end", "field"],
    "boilerplate": ["doc_id", "char_at"],
    "events": ["doc_id", "event_id"],
}
SCORED_FACTS = tuple(fact.name for fact in FACTS if fact.scored)
FIELD_NAMES = tuple(field.name for field in MENTION_FIELDS)

"""Extraction: a cleaned text to its document facts and mentions (one extractor per field)."""

from __future__ import annotations

import datetime as dt
import re

from .amounts import extract_amounts
from .dates import find_date_expressions, resolve
from .header import Header, read_header
from .nlp import Analyzer
from .organisations import extract_organisations
from .participants import extract_participants
from .places import extract_places
from .records import DocumentFacts, Mention
from .rules import load_data
from .text_ranges import inside_any
from .timing import stage


def extract_facts(text: str, analyzer: Analyzer, *, published: dt.date | None = None) -> DocumentFacts:
    """`published` is the date the file's metadata gives (a web page's); the text's own dateline wins."""
    doc = analyzer.parse(text)
    with stage("dates"):
        expressions = find_date_expressions(doc)
        header = read_header(text, expressions)
        dateline_date = resolve(header.dateline_date, None) if header.dateline_date else None
        publication_date = dateline_date.date_start if dateline_date else published
        dateline = [header.dateline] if header.dateline else []
        dates = [
            mention
            for expression in expressions
            if (mention := resolve(expression, publication_date, method=_method(expression.span, dateline))) is not None
        ]
    with stage("places"):
        places = extract_places(doc, dateline=_place_part(header))
    with stage("organisations"):
        organisations = extract_organisations(doc)
    with stage("participants"):
        participants = extract_participants(doc)
    with stage("amounts"):
        amounts = extract_amounts(doc)
    mentions = sorted(dates + places + organisations + participants + amounts, key=lambda m: (m.start, m.end, m.field))
    event = _event_days(dates, text, header.lead, dateline)
    return DocumentFacts(
        title=header.title,
        dateline_city=next((m.value for m in places if m.method == "dateline" and m.field == "city"), None),
        publication_date=publication_date,
        publication_date_source="dateline" if dateline_date else "metadata" if published else None,
        event_start=event[0] if event else None,
        event_end=event[1] if event else None,
        participants=int(participants[0].value_num) if participants else None,
        mentions=mentions,
    )


def _place_part(header: Header) -> tuple[int, int] | None:
    if header.dateline is None:
        return None
    return header.dateline[0], header.dateline_date.span.start_char if header.dateline_date else header.dateline[1]


def _method(span, dateline: list[tuple[int, int]]) -> str:
    return "dateline" if inside_any(span.start_char, span.end_char, dateline) else "rule"


def _event_days(dates: list[Mention], text: str, lead: tuple[int, int] | None, dateline: list) -> tuple | None:
    """(start, end) of the event reported: the lead's first day-precise date (an explicit one before
    'сегодня'), ended by a later 'до <date>' in the lead or a duration word ('трехдневный')."""
    if lead is None:
        return None
    in_lead = [
        m
        for m in dates
        if m.precision == "day" and inside_any(m.start, m.end, [lead]) and not inside_any(m.start, m.end, dateline)
    ]
    relative = load_data("dates")["relative_days"]
    starts = [m for m in in_lead if not _after_until(m, text)]  # "продлится до 7 июля" ends, not starts
    explicit = [m for m in starts if m.text.lower() not in relative]
    first = (explicit or starts or [None])[0]
    if first is None:
        return None
    start, end = first.date_start, first.date_end or first.date_start
    if start == end:
        end = _until(in_lead, first, text) or _after_duration(start, text[lead[0] : lead[1]]) or end
    return start, end


def _until(in_lead: list[Mention], first: Mention, text: str) -> dt.date | None:
    for mention in in_lead:
        if mention.start > first.start and _after_until(mention, text) and mention.date_start > first.date_start:
            return mention.date_start
    return None


def _after_until(mention: Mention, text: str) -> bool:
    before = text[max(0, mention.start - 4) : mention.start].split()
    return bool(before) and before[-1].lower() in load_data("dates")["event_end_prepositions"]


def _after_duration(start: dt.date, lead_text: str) -> dt.date | None:
    lowered = lead_text.lower()
    for stem, days in load_data("dates")["event_duration_stems"].items():
        if re.search(rf"\b{stem}", lowered):
            return start + dt.timedelta(days=days - 1)
    return None

"""Extraction: a cleaned text to its document facts and mentions (one extractor per field)."""

from __future__ import annotations

from .amounts import extract_amounts
from .dates import find_date_expressions, resolve
from .header import Header, read_header
from .nlp import Analyzer
from .organisations import extract_organisations
from .participants import extract_participants
from .places import extract_places
from .records import DocumentFacts, Mention
from .text_ranges import inside_any


def extract_facts(text: str, analyzer: Analyzer) -> DocumentFacts:
    doc = analyzer.parse(text)
    expressions = find_date_expressions(doc)
    header = read_header(text, expressions)
    published = resolve(header.dateline_date, None) if header.dateline_date else None
    publication_date = published.date_start if published else None
    dateline = [header.dateline] if header.dateline else []

    dates = [
        mention
        for expression in expressions
        if (mention := resolve(expression, publication_date, method=_method(expression.span, dateline))) is not None
    ]
    places = extract_places(doc, dateline=_place_part(header))
    participants = extract_participants(doc)
    mentions = sorted(
        dates + places + extract_organisations(doc) + participants + extract_amounts(doc),
        key=lambda m: (m.start, m.end, m.field),
    )
    event = _event_dates(dates, header.lead, dateline)
    return DocumentFacts(
        title=header.title,
        dateline_city=next((m.value for m in places if m.method == "dateline" and m.field == "city"), None),
        publication_date=publication_date,
        event_start=event.date_start if event else None,
        event_end=(event.date_end or event.date_start) if event else None,
        participants=int(participants[0].value_num) if participants else None,
        mentions=mentions,
    )


def _place_part(header: Header) -> tuple[int, int] | None:
    if header.dateline is None:
        return None
    return header.dateline[0], header.dateline_date.span.start_char if header.dateline_date else header.dateline[1]


def _method(span, dateline: list[tuple[int, int]]) -> str:
    return "dateline" if inside_any(span.start_char, span.end_char, dateline) else "rule"


def _event_dates(dates: list[Mention], lead: tuple[int, int] | None, dateline: list) -> Mention | None:
    """The first day-precise date of the lead paragraph: the days of the event reported."""
    if lead is None:
        return None
    return next(
        (
            m
            for m in dates
            if m.precision == "day" and inside_any(m.start, m.end, [lead]) and not inside_any(m.start, m.end, dateline)
        ),
        None,
    )

"""The event a release reports: its days and its participant count, from the dated mentions, the
lead and the words that open, close and stretch an event (lang/ru/dates.json)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from spacy.tokens import Doc

from ..nlp.rules import REGEXES, checked
from ..records import Mention
from ..text.ranges import inside_any
from .context import Context
from .header import Header
from .resources import Resources

MAX_EVENT_DAYS = 60  # a course of several weeks; a start further back is another event's
Words = Mapping[str, Any]


_EVENT_WORDS = {
    "event_start_stems": REGEXES,
    "event_end_stems": REGEXES,
    "event_end_prepositions": list,
    "event_duration_stems": dict,
    "day_list_joiners": list,
    "date_prepositions": list,
}


class EventExtractor:
    """The document facts event_start, event_end and participants."""

    name, fields = "events", ("event_start", "event_end", "participants")

    def __init__(self, resources: Resources) -> None:
        self.words = checked("dates", _EVENT_WORDS, resources.language)

    def find(
        self, doc: Doc, context: Context, dates: list[Mention], counts: list[Mention]
    ) -> tuple[dt.date | None, dt.date | None, int | None]:
        """(event_start, event_end, participants) from the date and participant mentions."""
        relative = {(e.span.start_char, e.span.end_char) for e in context.expressions if e.is_relative}
        days = _event_days(dates, relative, doc.text, context.header, context.publication_date, self.words)
        start, end = days if days else (None, None)
        return start, end, _event_participants(counts, dates, days, doc)


def _event_participants(participants: list[Mention], dates: list[Mention], event: tuple | None, doc: Doc) -> int | None:
    """The first count not in a sentence dated outside the event's days: on a page about a
    handover on 5 December, 'В ноябре 14 сотрудников прошли тренинг' counts another event."""
    text = doc.text
    for mention in participants:
        sentence = doc.char_span(mention.start, mention.end, alignment_mode="expand").sent
        line_start, line_end = _line_around(text, mention.start)  # a sentence may run over a header line
        start, end = max(sentence.start_char, line_start), min(sentence.end_char, line_end)
        dated = [d for d in dates if start <= d.start < end]
        if event is None or not any(_disjoint(d, event) for d in dated):
            return int(mention.value_num)
    return None


def _line_around(text: str, offset: int) -> tuple[int, int]:
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def _disjoint(date: Mention, days: tuple[dt.date, dt.date]) -> bool:
    return (date.date_end or date.date_start) < days[0] or date.date_start > days[1]


def _event_days(
    dates: list[Mention],
    relative: set[tuple[int, int]],
    text: str,
    header: Header,
    publication: dt.date | None,
    words: Words,
) -> tuple | None:
    """(start, end) of the event reported: the lead's first day-precise date (an explicit one before
    'сегодня'; a week narrowed by the explicit days in it below), else the date of a dateline run
    into the lead ('ОШ, 4 марта /Кабар/. В Оше завершился ...'); ended by a later 'до <date>' in
    the lead, or stretched by a duration word ('трехдневный'), backwards when the lead says the
    event has ended."""
    lead, dateline = header.lead, [header.dateline] if header.dateline else []
    if lead is None:
        return None
    in_lead = [
        m
        for m in dates
        if m.precision == "day" and inside_any(m.start, m.end, [lead]) and not inside_any(m.start, m.end, dateline)
    ]
    starts = [m for m in in_lead if not _after_until(m, text, words)]  # "продлится до 7 июля" ends, not starts
    # 'concluded yesterday the course, which began on May 10': the day it began is found by _began
    starts = [m for m in starts if not _after_start_word(m, text, lead[0], words)] or starts
    explicit = [m for m in starts if (m.start, m.end) not in relative]
    first = (explicit or starts or [None])[0]
    is_week = first is not None and first.date_end != first.date_start and (first.start, first.end) in relative
    if is_week and (days := _days_within(first, [m for m in dates if (m.start, m.end) not in relative], text, lead)):
        return days
    if first is not None:
        start, end = first.date_start, _next_days_end(first, in_lead, text, words)
    elif header.dateline_date is not None and header.dateline[0] == lead[0] and publication is not None:
        start = end = publication
    else:
        return None
    if start == end:
        lead_text = text[lead[0] : lead[1]]
        end = _until(in_lead, start, text, words) or end
        if end == start and _has_ended(lead_text, words) and (began := _began(dates, text, lead, start, words)):
            return began, end
        if end == start and (days := _duration(lead_text, words)):
            return (
                (start - dt.timedelta(days=days - 1), start)
                if _has_ended(lead_text, words)
                else (start, start + dt.timedelta(days=days - 1))
            )
    return start, end


def _days_within(week: Mention, explicit: list[Mention], text: str, lead: tuple[int, int]) -> tuple | None:
    """The first and last explicit days inside a relative week, in the lead or the paragraph after
    it: 'На этой неделе ... проходит курс' ... 'начался 14 октября и продлится до 18 октября'."""
    reach = _paragraph_after_end(text, lead)
    inside = [
        m
        for m in explicit
        if lead[0] <= m.start < reach
        and m.precision == "day"
        and week.date_start <= m.date_start
        and (m.date_end or m.date_start) <= week.date_end
    ]
    if not inside:
        return None
    return min(m.date_start for m in inside), max(m.date_end or m.date_start for m in inside)


def _paragraph_after_end(text: str, lead: tuple[int, int]) -> int:
    end = text.find("\n\n", lead[1] + 2)
    return len(text) if end < 0 else end


def _next_days_end(first: Mention, in_lead: list[Mention], text: str, words: Words) -> dt.date:
    """The last of the days listed after the first one, each the day after the one before:
    '31 октября и 1 ноября' ends on 1 November; '5 и 12 мая' are two events' days, not a range."""
    end, previous = first.date_end or first.date_start, first
    for mention in in_lead:
        if mention.start <= previous.start:
            continue
        joined = text[previous.end : mention.start].strip() in words["day_list_joiners"]
        if not joined or mention.date_start != end + dt.timedelta(days=1):
            break
        end, previous = mention.date_end or mention.date_start, mention
    return end


def _began(dates: list[Mention], text: str, lead: tuple[int, int], end: dt.date, words: Words) -> dt.date | None:
    """The start of an event the lead says has ended, from a date after a start word in the lead or
    the paragraph after it: 'завершился в среду' ... 'Курс, стартовавший 6 февраля, ...'."""
    reach = _paragraph_after_end(text, lead)
    for mention in dates:
        if (
            lead[0] <= mention.start < reach
            and mention.precision == "day"
            and dt.timedelta(0) < end - mention.date_start <= dt.timedelta(days=MAX_EVENT_DAYS)
            and _after_start_word(mention, text, lead[0], words)
        ):
            return mention.date_start
    return None


def _after_start_word(mention: Mention, text: str, since: int, words: Words) -> bool:
    """'стартовавший 6 февраля', 'began on May 10': a start word right before the date or its preposition."""
    before = text[max(since, mention.start - 20) : mention.start].lower().split()
    stems, prepositions = words["event_start_stems"], words["date_prepositions"]
    if before and before[-1] in prepositions:
        before.pop()
    return bool(before) and any(re.match(stem, before[-1]) for stem in stems)


def _has_ended(lead_text: str, words: Words) -> bool:
    return any(re.search(rf"\b{stem}", lead_text.lower()) for stem in words["event_end_stems"])


def _until(in_lead: list[Mention], start: dt.date, text: str, words: Words) -> dt.date | None:
    for mention in in_lead:
        if _after_until(mention, text, words) and mention.date_start > start:
            return mention.date_start
    return None


def _after_until(mention: Mention, text: str, words: Words) -> bool:
    before = text[max(0, mention.start - 12) : mention.start].split()
    return bool(before) and before[-1].lower() in words["event_end_prepositions"]


def _duration(lead_text: str, words: Words) -> int | None:
    lowered = lead_text.lower()
    for stem, days in words["event_duration_stems"].items():
        if re.search(rf"\b{stem}", lowered):
            return days
    return None

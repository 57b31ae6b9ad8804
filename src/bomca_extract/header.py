"""The head of a release: title, dateline ('Бишкек, 13 сентября 2017'), publication line and lead.

The dateline is found among the first lines as a short line that ends in a day date; its date is
the publication date and its first city the dateline city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateExpression
from .text_ranges import line_ranges

_HEAD_LINES = 4
_DATELINE_MAX_CHARS = 90
_DATELINE_TAIL = re.compile(r"[\s.]*")
_PUBLISHED = re.compile(r"(опубликовано|дата публикации|дата|published)\s*:?", re.IGNORECASE)
_LEAD_MIN_CHARS = 60


@dataclass(frozen=True)
class Header:
    title: str | None
    dateline: tuple[int, int] | None  # char range of the dateline or publication line
    dateline_date: DateExpression | None
    lead: tuple[int, int] | None  # char range of the lead paragraph


def read_header(text: str, expressions: list[DateExpression]) -> Header:
    lines = line_ranges(text)
    if not lines:
        return Header(None, None, None, None)
    title = text[slice(*lines[0])].strip()
    dateline, dateline_date = _dateline(text, lines[1 : 1 + _HEAD_LINES], expressions)
    if dateline is None and _is_dateline(text, lines[0], expressions):
        title = None
        dateline, dateline_date = lines[0], _ending_date(text, lines[0], expressions)
    body = [r for r in lines[1:] if dateline is None or r[0] > dateline[0]]
    lead = next((r for r in body if r[1] - r[0] >= _LEAD_MIN_CHARS), None)
    if dateline_date is None and lead is not None:
        dateline_date = _opening_date(text, lead, expressions)
    return Header(title, dateline, dateline_date, lead)


def _dateline(text, candidates, expressions):
    for line in candidates:
        if _is_dateline(text, line, expressions):
            return line, _ending_date(text, line, expressions)
    return None, None


def _is_dateline(text: str, line: tuple[int, int], expressions: list[DateExpression]) -> bool:
    start, end = line
    return end - start <= _DATELINE_MAX_CHARS and _ending_date(text, line, expressions) is not None


def _ending_date(text: str, line: tuple[int, int], expressions: list[DateExpression]) -> DateExpression | None:
    """A day date with a year that ends the line, after a place or a 'published' label."""
    start, end = line
    for expression in expressions:
        span = expression.span
        if not (start < span.start_char and span.end_char <= end) or not expression.has_year:
            continue
        if expression.rule != "day" or not _DATELINE_TAIL.fullmatch(text[span.end_char : end]):
            continue
        prefix = text[start : span.start_char]
        if _PUBLISHED.match(prefix) or prefix.rstrip()[-1:] in {",", "–", "—", "-"}:
            return expression
    return None


def _opening_date(text: str, lead: tuple[int, int], expressions: list[DateExpression]) -> DateExpression | None:
    """'5 сентября 2018 года в Бишкеке прошла ...': a full date opening the lead."""
    for expression in expressions:
        if expression.span.start_char == lead[0] and expression.rule == "day" and expression.has_year:
            return expression
    return None

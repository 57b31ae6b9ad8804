"""Dates: days, day ranges, months, years, year periods and relative days, as start/end days.

Rules (data/dates.json) find the expressions and split them into end points; each end point is
a short snippet ("18 ноября 2019") that dateparser normalises. A missing year comes from the
other end point or, failing that, from the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

from .records import Mention
from .rules import load_data, load_rules

_DAY = re.compile(r"(0?[1-9]|[12]\d|3[01])")
_YEAR = re.compile(r"(19|20)\d{2}")
_PAIR = re.compile(r"(\d+)[–—-](\d+)")
_NUMERIC = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
_SEPARATORS = {"-", "–", "—", "по", "до"}
_PRECISION_ORDER = ("day", "month", "year")


@dataclass(frozen=True)
class _Point:
    day: str | None = None
    month: str | None = None
    year: str | None = None
    numeric: str | None = None

    def snippet(self) -> str:
        return self.numeric or " ".join(part for part in (self.day, self.month, self.year) if part)


@dataclass(frozen=True)
class DateExpression:
    span: Span
    rule: str
    points: tuple[_Point, ...]

    @property
    def has_year(self) -> bool:
        return all(p.year or p.numeric for p in self.points)


def find_date_expressions(doc: Doc) -> list[DateExpression]:
    rules = load_rules("dates", doc.vocab)
    return [DateExpression(span, span.label_, _points(span)) for span in rules.find(doc)]


def resolve(expression: DateExpression, base: dt.date | None, *, method: str = "rule") -> Mention | None:
    """The mention for an expression, or None when it has no year to take or is no real date."""
    span = expression.span
    if expression.rule == "relative":
        if base is None:
            return None
        day = base + dt.timedelta(days=load_data("dates")["relative_days"][span.text.lower()])
        return _mention(span, day, day, "day", method)
    points = _with_years(expression.points, base)
    if points is None:
        return None
    parsed = [_parse_point(p.snippet()) for p in points]
    if any(p is None for p in parsed):
        return None
    start, precision = parsed[0]
    end = None if expression.rule == "open_period" else _period_end(*parsed[-1])
    if end is not None and end < start and not expression.points[0].year:
        start = start.replace(year=start.year - 1)  # "с 28 декабря по 3 января 2020 года"
    if end is not None and end < start:
        return None
    return _mention(span, start, end, precision, method)


def _points(span: Span) -> tuple[_Point, ...]:
    points = [_Point()]
    months = load_data("dates")["tokens"]["MONTH"]["LEMMA"]["IN"]
    for token in span:
        text = token.text
        pair = _PAIR.fullmatch(text)
        if _NUMERIC.fullmatch(text):
            points[-1] = replace(points[-1], numeric=text)
        elif pair and _YEAR.fullmatch(pair.group(1)):
            points[-1] = replace(points[-1], year=pair.group(1))
            points.append(_Point(year=pair.group(2)))
        elif pair:
            points[-1] = replace(points[-1], day=pair.group(1))
            points.append(_Point(day=pair.group(2)))
        elif _YEAR.fullmatch(text):
            points[-1] = replace(points[-1], year=text)
        elif _DAY.fullmatch(text):
            points[-1] = replace(points[-1], day=text)
        elif token.lemma_ in months:  # the lemma: dateparser does not read "в апреле"
            points[-1] = replace(points[-1], month=token.lemma_)
        elif text.lower() in _SEPARATORS and span.label_ != "open_period":
            points.append(_Point())
    return tuple(points)


def _with_years(points: tuple[_Point, ...], base: dt.date | None) -> tuple[_Point, ...] | None:
    """Fill a missing month or year from the last end point, then from the base date."""
    last = points[-1]
    filled = [replace(p, month=p.month or (last.month if p.day and not p.numeric else None)) for p in points]
    year = last.year or (last.numeric[-4:] if last.numeric else None) or (str(base.year) if base else None)
    if year is None:
        return None if any(not (p.year or p.numeric) for p in filled) else tuple(filled)
    return tuple(p if p.year or p.numeric else replace(p, year=year) for p in filled)


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    settings = {"PARSERS": ["absolute-time"], "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}
    return DateDataParser(languages=["ru"], settings=settings)


@lru_cache(maxsize=4096)
def _parse_point(snippet: str) -> tuple[dt.date, str] | None:
    if not snippet:
        return None
    data = _parser().get_date_data(snippet)
    if data.date_obj is None or data.period not in _PRECISION_ORDER:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return day.replace(month=1, day=1), "year"
    if data.period == "month":
        return day.replace(day=1), "month"
    return day, "day"


def _period_end(start: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return start.replace(month=12, day=31)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


def _mention(span: Span, start: dt.date, end: dt.date | None, precision: str, method: str) -> Mention:
    return Mention(
        field="date",
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        method=method,
        value=start.isoformat() if end == start else f"{start.isoformat()}/{end.isoformat() if end else ''}",
        date_start=start,
        date_end=end,
        precision=precision,
    )

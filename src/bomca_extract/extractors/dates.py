"""Dates: days, day ranges, months, years, periods, decades, relative days, weekdays and weeks.

Rules (lang/ru/dates.json) find the expressions and split them into end points; each end point is
a short snippet ("18 ноября 2019") that dateparser normalises, or a numeric date that
`numeric_date` reads. A date written without a year takes it from an `Anchor` that
`year_anchor` decides for the whole document: the publication date, else the nearest date
written with its year, else none (and then no date at all, never a guessed one).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

from ..lang import morphology
from ..nlp.rules import RuleSet, checked
from ..records import Mention

_DAY = re.compile(r"(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?")  # "9th" in English
_YEAR = re.compile(r"((?:1[7-9]|20)\d{2})\.?")
_YEAR_ORDINAL = re.compile(r"((?:1[7-9]|20)\d{2})-[а-я]+")
_DECADE = re.compile(r"((?:1[7-9]|20)\d)0(?:-х|s)")  # "1990-х", "1990s"
_PAIR = re.compile(r"(\d+)[–—-](\d+)")
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_SHORT_YEAR = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2})")  # '15.09.23' on news sites
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_PRECISION_ORDER = ("day", "month", "year")
_PUBLICATION_ONLY = {"relative", "weekday", "week"}  # meaningful against the publication date only
_TABLES = {
    "relative_days": dict,
    "relative_weeks": dict,
    "weekdays": dict,
    "month_abbreviations": dict,
    "range_separators": list,
    "tokens.MONTH.LEMMA.IN": list,
    "reported_slack_days": int,
    "planned_lemmas": list,
}
_DATEPARSER_SETTINGS = {"PARSERS": ["absolute-time"], "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}


@dataclass(frozen=True)
class _Point:
    day: str | None = None
    month: str | None = None
    year: str | None = None
    numeric: str | None = None

    def snippet(self) -> str:
        return " ".join(part for part in (self.day, self.month, self.year) if part)

    @property
    def has_year(self) -> bool:
        return bool(self.year or self.numeric)


@dataclass(frozen=True)
class DateExpression:
    span: Span
    rule: str
    points: tuple[_Point, ...]

    @property
    def has_year(self) -> bool:
        """The expression names its own year (the last end point carries it to the others)."""
        return self.rule not in _PUBLICATION_ONLY and self.points[-1].has_year

    @property
    def is_relative(self) -> bool:
        """'сегодня', 'в среду', 'на прошлой неделе': days counted from the publication date."""
        return self.rule in _PUBLICATION_ONLY


@dataclass(frozen=True)
class Anchor:
    """What a year-less date takes its year from."""

    date: dt.date
    is_publication: bool


class DateGrammar:
    """The dates of one language: its token rules, its tables (lang/<code>/dates.json) and a
    dateparser for the end points, built once with the resources."""

    def __init__(self, rules: RuleSet, language: str) -> None:
        self.rules = rules
        self.tables = checked("dates", _TABLES, language)
        self.morphology = morphology(language)
        self.months = frozenset(self.tables["tokens"]["MONTH"]["LEMMA"]["IN"])
        self.separators = frozenset(self.tables["range_separators"])
        self.planned = frozenset(self.tables["planned_lemmas"])
        self.dateparser = DateDataParser(languages=[language], settings=_DATEPARSER_SETTINGS)
        # dateparser compiles its time-zone and locale patterns on its first call (about 0.18 s): pay
        # that here, in the process that forks the workers, not once in each worker's first document
        self.dateparser.get_date_data("2020")
        self._parsed = lru_cache(maxsize=4096)(self._parse_snippet)  # a snippet's date, per grammar

    def announces(self, sentence: Span) -> bool:
        """The sentence looks ahead: a planning word ('планируется', 'next') or a verb in the future."""
        planned = self.planned
        return any(t.lemma_.lower() in planned for t in sentence) or self.morphology.is_future(
            [t.text for t in sentence]
        )

    def find(self, doc: Doc) -> list[DateExpression]:
        return [DateExpression(span, span.label_, self._points(span)) for span in self.rules.find(doc)]

    def resolve(
        self, expression: DateExpression, anchor: Anchor | None = None, *, method: str = "rule"
    ) -> Mention | None:
        """The mention for an expression, or None when it has no year to take or is no real date. A
        year-less date takes the publication's year, or the one before or after, whichever is
        nearest the publication; a sentence that does not look ahead reports what has happened, so
        never a year that puts it months after the publication ('In April' on a page of 17 December
        2021 is April 2021)."""
        if expression.rule in _PUBLICATION_ONLY:
            return self._relative(expression, anchor, method)
        if expression.has_year:
            return self._resolved(expression, None, method)
        if anchor is None:
            return None
        if not anchor.is_publication:
            return self._resolved(expression, str(anchor.date.year), method)
        candidates = [self._resolved(expression, str(anchor.date.year + shift), method) for shift in (-1, 0, 1)]
        found = [m for m in candidates if m is not None]
        if not self.announces(expression.span.sent):
            latest = anchor.date + dt.timedelta(days=self.tables["reported_slack_days"])
            found = [m for m in found if m.date_start <= latest] or found
        return min(found, key=lambda m: abs(m.date_start - anchor.date)) if found else None

    def _relative(self, expression: DateExpression, anchor: Anchor | None, method: str) -> Mention | None:
        if anchor is None or not anchor.is_publication:
            return None
        span, base, data = expression.span, anchor.date, self.tables
        if expression.rule == "relative":
            day = base + dt.timedelta(days=data["relative_days"][span.text.lower()])
            return _mention(span, day, day, "day", method)
        if expression.rule == "weekday":
            if self.announces(span.sent):  # 'в понедельник состоится
                return None
            day = base - dt.timedelta(days=(base.weekday() - data["weekdays"][span[-1].lower_]) % 7)
            return _mention(span, day, day, "day", method)
        which = next(token.lower_ for token in span if token.lower_ in data["relative_weeks"])
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=data["relative_weeks"][which])
        return _mention(span, monday, monday + dt.timedelta(days=6), "day", method)

    def _resolved(self, expression: DateExpression, year: str | None, method: str) -> Mention | None:
        points = _with_years(expression.points, year)
        parsed = [self._parse_point(p) for p in points]
        if any(p is None for p in parsed):
            return None
        start, precision = parsed[0]
        end = None if expression.rule == "open_period" else _period_end(*parsed[-1])
        if end is not None and end < start and not expression.points[0].has_year:
            start = start.replace(year=start.year - 1)  # "с 28 декабря по 3 января 2020 года"
        if end is not None and end < start:
            return None
        return _mention(expression.span, start, end, precision, method)

    def _points(self, span: Span) -> tuple[_Point, ...]:
        points = [_Point()]
        months, abbreviations = self.months, self.tables["month_abbreviations"]
        for token in span:
            text = token.text
            pair = _PAIR.fullmatch(text)
            if numeric_date(text):
                points[-1] = replace(points[-1], numeric=text)
            elif decade := _DECADE.fullmatch(text):
                points[-1] = replace(points[-1], year=f"{decade.group(1)}0")
                points.append(_Point(year=f"{decade.group(1)}9"))
            elif ordinal := _YEAR_ORDINAL.fullmatch(text):
                points[-1] = replace(points[-1], year=ordinal.group(1))
            elif pair and _YEAR.fullmatch(pair.group(1)):
                points[-1] = replace(points[-1], year=pair.group(1))
                points.append(_Point(year=pair.group(2)))
            elif pair:
                points[-1] = replace(points[-1], day=pair.group(1))
                points.append(_Point(day=pair.group(2)))
            elif year := _YEAR.fullmatch(text):
                points[-1] = replace(points[-1], year=year.group(1))
            elif day := _DAY.fullmatch(text):
                points[-1] = replace(points[-1], day=day.group(1))
            elif token.lemma_ in months:  # the lemma: dateparser does not read "в апреле"
                points[-1] = replace(points[-1], month=token.lemma_)
            elif token.lower_ in abbreviations:
                points[-1] = replace(points[-1], month=abbreviations[token.lower_])
            elif text.lower() in self.separators and span.label_ != "open_period" and points[-1] != _Point():
                points.append(_Point())  # 'until March 2025': a separator with nothing before it opens no range
        return tuple(points)

    def _parse_point(self, point: _Point) -> tuple[dt.date, str] | None:
        if point.numeric:
            day = numeric_date(point.numeric)
            return (day, "day") if day else None
        return self._parsed(point.snippet()) if point.year else None

    def _parse_snippet(self, snippet: str) -> tuple[dt.date, str] | None:
        data = self.dateparser.get_date_data(snippet)
        if data.date_obj is None or data.period not in _PRECISION_ORDER:
            return None
        day = data.date_obj.date()
        if data.period == "year":
            return day.replace(month=1, day=1), "year"
        if data.period == "month":
            return day.replace(day=1), "month"
        return day, "day"


def year_anchor(expression: DateExpression, publication: dt.date | None, dated: list[Mention]) -> Anchor | None:
    """The one place that decides where a year-less date gets its year: the publication date,
    else the nearest full date of the document, else its nearest month written with its year, else
    nothing. A year alone ('в 2010 году', 'с 2010 года') is no anchor: news names the years of
    what happened before, so a day would get a wrong year. Relative days, weekdays and weeks only
    ever count from the publication date.
    """
    if publication is not None:
        return Anchor(publication, True)
    if expression.rule in _PUBLICATION_ONLY:
        return None
    single = [
        m for m in dated if m.precision != "year" and m.date_end is not None and m.date_start.year == m.date_end.year
    ]
    if not single:
        return None
    # 'March 2-4, 2021' anchors better than 'за апрель – июнь 2024 года'
    finest = min(_PRECISION_ORDER.index(m.precision) for m in single)
    candidates = [m for m in single if _PRECISION_ORDER.index(m.precision) == finest]
    nearest = min(candidates, key=lambda m: abs(m.start - expression.span.start_char))
    return Anchor(nearest.date_start, False)


def numeric_date(text: str) -> dt.date | None:
    """A numeric date, day first unless the year leads: '07.04.2023', '07-04-2023', '2023-4-07', '15.09.23'.

    >>> numeric_date("2023-4-07"), numeric_date("07-04-2023"), numeric_date("31.02.2023")
    (datetime.date(2023, 4, 7), datetime.date(2023, 4, 7), None)
    """
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
    elif match := _SHORT_YEAR.fullmatch(text):
        day, month, year = match.group(1), match.group(2), f"20{match.group(3)}"
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _with_years(points: tuple[_Point, ...], year: str | None) -> tuple[_Point, ...]:
    """Fill a missing month from the last end point ('12-14 октября'), else from the first ('March
    2-4'); a missing year from the last end point or from `year`."""
    last = points[-1]
    month = last.month or points[0].month
    filled = [replace(p, month=p.month or (month if p.day and not p.numeric else None)) for p in points]
    year = last.year or (last.numeric and str(numeric_date(last.numeric).year)) or year
    if year is None:
        return tuple(filled)
    return tuple(p if p.has_year else replace(p, year=year) for p in filled)


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

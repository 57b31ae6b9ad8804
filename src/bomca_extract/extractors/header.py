"""The top of a page: furniture, title, date stamp, dateline and lead.

Saved pages open with whatever the site put there: furniture (logo lines, skip links, image
lines, breadcrumbs, rubrics), a date stamp in any numeric or mixed form, often with a time and a
second calendar, a title or none, a dateline on its own line ('Бишкек, 13 сентября 2017') or run
into the lead with an agency credit ('ОШ, 4 марта 2021 г. /Кабар/. В Оше ...',
'ТАШКЕНТ (УзА) — ...'). The header reader walks the first lines once and names each part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from spacy.tokens import Doc

from ..lang import LANGUAGE, data_name
from ..nlp.gazetteer import Gazetteer
from ..nlp.rules import load_data
from ..nlp.views import doc_text
from ..text.ranges import line_ranges
from .dates import DateExpression

Range = tuple[int, int]
_BLANKS = re.compile(r"\s*")
_LEAD_START = re.compile(r"[А-ЯЁA-Z«\"„“\d]")
_STAMP_MAX_CHARS = 100
_TITLE_CASE_MIN_WORDS = 4
_DAY_RULES = ("day",)
_OPENING_RULES = ("day", "day_range")
_LIMITS = (
    "head_lines",
    "dateline_max_chars",
    "lead_min_chars",
    "title_max_chars",
    "title_min_words",
    "menu_min_items",
    "menu_item_max_words",
)
_KEYS = (
    *_LIMITS,
    "furniture",
    "rubrics",
    "stamp_label",
    "stamp_noise",
    "menu_separator",
    "dateline_place",
    "dateline_date_separator",
    "dateline_credit",
    "dateline_close",
    "headline_pos",
    "opening_words",
    "title_case_headlines",
)


@dataclass(frozen=True)
class Header:
    title: str | None
    dateline: Range | None  # the whole dateline: its own line, or the opening of the lead
    dateline_place: Range | None  # the place part of the dateline
    dateline_date: DateExpression | None
    stamp: DateExpression | None  # the page's date stamp ('07.04.2023 09:15', 'Опубликовано: ...')
    lead: Range | None  # the lead paragraph (with a run-in dateline at its start)
    opening_date: DateExpression | None  # a full date opening the lead ('5 сентября 2018 года в ...')
    furniture: tuple[Range, ...] = ()  # lines above the lead that are none of the above (site names, menus)


@dataclass(frozen=True)
class HeaderPatterns:
    furniture: re.Pattern[str]
    rubrics: frozenset[str]
    stamp_label: re.Pattern[str]
    stamp_noise: re.Pattern[str]
    menu_separator: re.Pattern[str]
    place: re.Pattern[str]
    date_separator: re.Pattern[str]
    tail: re.Pattern[str]
    limits: dict[str, int]
    headline_pos: frozenset[str] = frozenset({"VERB"})
    opening_words: re.Pattern[str] | None = None  # before a lead's opening date: 'On 12-14 October 2022, ...'
    title_case: bool = False  # the language writes headlines in title case ('Course Concludes at College.')


@dataclass(frozen=True)
class _Dateline:
    whole: Range
    place: Range
    date: DateExpression | None


def read_header(doc: Doc, expressions: list[DateExpression], gazetteer: Gazetteer, patterns: HeaderPatterns) -> Header:
    text = doc_text(doc)
    lines = line_ranges(text)
    head = lines[: patterns.limits["head_lines"]]
    headlines: list[Range] = []
    site_names: list[Range] = []  # a headline-like line right above the site's menu: the last choice
    dateline = stamp = lead = None
    for index, line in enumerate(head):
        if (found := _stamp(text, line, expressions, patterns)) is not None:
            stamp = stamp or found  # a second one ('Обновлено 17:40 02.12.2024') is furniture
            continue
        if stamp is None and (opening := _stamp_opening(text, line, expressions, patterns)) is not None:
            stamp, line = opening  # 'date 2025-09-12 5 сентября 2025 года ...': the rest is a line of its own
        line_text = text[slice(*line)].strip()
        if _is_furniture(line_text, patterns):
            if headlines and index and headlines[-1] == head[index - 1] and _is_menu(line_text, patterns):
                site_names.append(headlines.pop())  # 'NEWS CENTRAL ASIA' above 'Turkmenistan | Region | World'
            continue
        if dateline is None and (found := _dateline(doc, text, line, expressions, gazetteer, patterns)) is not None:
            dateline = found
            if found.whole[1] < line[1]:
                lead = line
                break
            continue
        below = next((text[slice(*later)].strip() for later in head[index + 1 :] if text[slice(*later)].strip()), "")
        if dateline is None and _reads_as_headline(line_text, line, expressions, patterns, below):
            headlines.append(line)
            continue
        if _reads_as_lead(line_text, line, expressions, patterns):
            lead = line
            if dateline is None and (
                below := _run_in_dateline_below(doc, text, head[index + 1 :], expressions, gazetteer, patterns)
            ):
                dateline, lead = (
                    below  # the line above was a standfirst: 'ТАШКЕНТ, 8 окт – Sputnik. ...' opens the story
                )
            break
    if stamp is None:
        stamp = _labelled_stamp(text, lines[len(head) :], expressions, patterns)
    headlines += site_names
    title = _title(doc, headlines, patterns)
    above_lead = [line for line in head if lead is None or line[1] <= lead[0]]
    named = {title_line for title_line in headlines if text[slice(*title_line)].strip() == title}
    return Header(
        title=title,
        dateline=dateline.whole if dateline else None,
        dateline_place=dateline.place if dateline else None,
        dateline_date=dateline.date if dateline else None,
        stamp=stamp,
        lead=lead,
        opening_date=_opening_date(text, lead, expressions, patterns) if lead and not dateline else None,
        furniture=tuple(
            line
            for line in above_lead
            if line not in named
            and not (stamp and line[0] <= stamp.span.start_char < line[1])
            and not (dateline and line[0] <= dateline.whole[0] < line[1])
        ),
    )


def _run_in_dateline_below(
    doc: Doc,
    text: str,
    below: list[Range],
    expressions: list[DateExpression],
    gazetteer: Gazetteer,
    patterns: HeaderPatterns,
) -> tuple[_Dateline, Range] | None:
    """The next line's dated dateline run into its lead, and that line."""
    line = next((line for line in below if text[slice(*line)].strip()), None)
    found = _dateline(doc, text, line, expressions, gazetteer, patterns) if line else None
    return (found, line) if found and found.date and found.whole[1] < line[1] else None


def furniture_lines(text: str, patterns: HeaderPatterns) -> list[Range]:
    """Every line of page furniture, at the top or the bottom ('Поделиться: Facebook | Twitter')."""
    return [line for line in line_ranges(text) if _is_furniture(text[slice(*line)].strip(), patterns)]


def _title(doc: Doc, headlines: list[Range], patterns: HeaderPatterns) -> str | None:
    """The first headline-like line that says something (has a word of the headline parts of
    speech: a verb, 'Таможенники получили ...'; or ends as a sentence, read as a headline for its
    title case), else the first one: a site name or an office's name above the headline has none."""
    text = doc_text(doc)
    with_verb = [
        line
        for line in headlines
        if _has_verb(doc, line, patterns.headline_pos) or text[slice(*line)].strip().endswith(".")
    ]
    chosen = (with_verb or headlines or [None])[0]
    return text[slice(*chosen)].strip() if chosen else None


def _has_verb(doc: Doc, line: Range, saying: frozenset[str]) -> bool:
    span = doc.char_span(*line, alignment_mode="expand")
    return span is not None and any(token.pos_ in saying for token in span)


def _is_furniture(line_text: str, patterns: HeaderPatterns) -> bool:
    """Logo, skip link, image, breadcrumb, menu, rubric, counters, tickers."""
    if patterns.furniture.fullmatch(line_text):
        return True
    if line_text.lower().rstrip(":0123456789 ") in patterns.rubrics:
        return True
    return _is_menu(line_text, patterns)


def _is_menu(line_text: str, patterns: HeaderPatterns) -> bool:
    """'Главная | Политика | Общество', 'Новости Программа Партнеры Контакты': short items in a row."""
    items = [item for item in patterns.menu_separator.split(line_text) if item.strip()]
    limits = patterns.limits
    if len(items) >= limits["menu_min_items"] and all(len(i.split()) <= limits["menu_item_max_words"] for i in items):
        return True
    words = line_text.split()
    return len(words) >= limits["menu_min_items"] and all(_is_title_case(word) for word in words)


def _is_title_case(word: str) -> bool:
    return word[:1].isupper() and any(char.islower() for char in word[1:]) and word.isalpha()


def _stamp(
    text: str, line: Range, expressions: list[DateExpression], patterns: HeaderPatterns
) -> DateExpression | None:
    """A line that holds a full day date and nothing else but labels, times, UTC offsets, a second
    calendar in brackets and page furniture ('Опубликовано: 07.04.2023 09:15 Печать')."""
    start, end = line
    if end - start > _STAMP_MAX_CHARS:
        return None
    inside = [e for e in expressions if start <= e.span.start_char and e.span.end_char <= end]
    dated = [e for e in inside if e.rule in _DAY_RULES and e.has_year]
    if not dated:
        return None
    rest = text[start:end]
    for expression in reversed(inside):
        a, b = expression.span.start_char - start, expression.span.end_char - start
        rest = rest[:a] + " " + rest[b:]
    without_label, labelled = patterns.stamp_label.subn(" ", rest, count=1)
    rest = patterns.stamp_noise.sub(" ", without_label).strip()
    rubric = labelled and len(rest.split()) == 1  # 'Туркменистан Материалы 28 сентября 2022'
    return dated[0] if not rest or rubric or _is_furniture(rest, patterns) else None


def _stamp_opening(
    text: str, line: Range, expressions: list[DateExpression], patterns: HeaderPatterns
) -> tuple[DateExpression, Range] | None:
    """A labelled full date opening a line that goes on ('date 2017-06-08 OSCE consults ...'), and
    the rest of the line."""
    label = patterns.stamp_label.match(text, _BLANKS.match(text, *line).end(), line[1])
    at = _BLANKS.match(text, label.end(), line[1]).end() if label else None
    date = next((e for e in expressions if e.span.start_char == at and e.rule in _DAY_RULES and e.has_year), None)
    rest = _BLANKS.match(text, date.span.end_char, line[1]).end() if date else line[1]
    return (date, (rest, line[1])) if date and rest < line[1] else None


def _labelled_stamp(
    text: str, lines: list[Range], expressions: list[DateExpression], patterns: HeaderPatterns
) -> DateExpression | None:
    """An 'Опубликовано: 07.04.2023' line below the head (some pages put it after the article)."""
    for line in lines:
        if patterns.stamp_label.match(text, *line) and (found := _stamp(text, line, expressions, patterns)):
            return found
    return None


def _dateline(
    doc: Doc, text: str, line: Range, expressions: list[DateExpression], gazetteer: Gazetteer, patterns: HeaderPatterns
) -> _Dateline | None:
    """'Place, date [credit]' or 'date, Place' on its own line, or 'PLACE[, date] [credit] —' or
    'date, Place.' opening the lead; `text` is doc_text(doc)."""
    start, end = line
    parts = _date_then_place(text, line, expressions, patterns) or _place_then_date(text, line, expressions, patterns)
    if parts is None:
        return None
    place, date, position = parts
    tail = patterns.tail.match(text, position, end)
    credit, close = tail.group("credit"), tail.group("close")
    whole, own_line = (start, tail.end()), not text[tail.end() : end].strip()
    if own_line:
        short = end - start <= patterns.limits["dateline_max_chars"]
        known = date is not None or (credit is not None and _names_place(doc, place, gazetteer))
        return _Dateline((start, end), place, date) if short and known else None
    # a comma alone after a place opens a list of places ('Россия, Казахстан и Белоруссия ...') unless
    # the place is a wire's ('БИШКЕК, 26 июн — Sputnik.') or a date it cannot read follows ('Dushanbe, 22/May/2014')
    comma = close == "," and (text[slice(*place)].isupper() or text[tail.end() : tail.end() + 1].isdigit())
    if not (date or credit or close not in (None, ",") or comma):
        return None
    dashed = date is not None and close is not None and close[:1] in "—–-"  # 'Душанбе, 6 июня 2014 года - сегодня'
    if not (dashed or _LEAD_START.match(text, tail.end())):
        return None
    return _Dateline(whole, place, date) if _names_place(doc, place, gazetteer) else None


def _place_then_date(
    text: str, line: Range, expressions: list[DateExpression], patterns: HeaderPatterns
) -> tuple[Range, DateExpression | None, int] | None:
    """'Бишкек, 13 сентября 2017': the place, its date if one follows, and where they end."""
    place = patterns.place.match(text, *line)
    if place is None:
        return None
    separator = patterns.date_separator.match(text, place.end(), line[1])
    if separator is not None:
        date = _day_at(expressions, separator.end())
        if date is not None:
            return place.span(), date, date.span.end_char
    return place.span(), None, place.end()


def _date_then_place(
    text: str, line: Range, expressions: list[DateExpression], patterns: HeaderPatterns
) -> tuple[Range, DateExpression, int] | None:
    """'9 October 2022, Karakol, Kyrgyzstan.', '19-23 November, Dushanbe, Tajikistan.-': a day or a
    range of days first, then the place."""
    date = _day_at(expressions, line[0], _OPENING_RULES)
    separator = date and patterns.date_separator.match(text, date.span.end_char, line[1])
    place = separator and patterns.place.match(text, separator.end(), line[1])
    return (place.span(), date, place.end()) if place else None


def _day_at(
    expressions: list[DateExpression], offset: int, rules: tuple[str, ...] = _DAY_RULES
) -> DateExpression | None:
    return next((e for e in expressions if e.span.start_char == offset and e.rule in rules), None)


def _names_place(doc: Doc, place: Range, gazetteer: Gazetteer) -> bool:
    """The first name of a part of a dateline's place ('г. Бишкек', 'Ташкент – Рига', 'Шахритузский
    район, Республика Таджикистан') is a known place."""
    span = doc.char_span(*place, alignment_mode="expand")
    if span is None:
        return False
    words = [t.text for t in span if t.lower_ not in ("г", ".")]
    parts = [list(part) for comma, part in groupby(words, key=lambda word: word == ",") if not comma]
    firsts = [part[: next((i for i, w in enumerate(part) if w in "–—-"), len(part))] for part in parts]
    return any(gazetteer.names_a_place(first) for first in firsts)


def _reads_as_headline(
    line_text: str, line: Range, expressions: list[DateExpression], patterns: HeaderPatterns, below: str
) -> bool:
    """Not the lead: a headline neither opens with a date nor ends as a sentence does (Russian
    headlines take no full stop), unless its words are in title case where the language writes
    headlines so, or the line below repeats it and goes on (a subtitle); a site name ('Sputnik
    Таджикистан', '24.kg') is too short; a line that opens in lowercase continues a sentence
    wrapped over lines."""
    if line_text[:1].islower():
        return False
    words = sum(1 for word in line_text.split() if any(char.isalpha() for char in word))  # 'Tue 10 2016' has one
    if len(line_text) > patterns.limits["title_max_chars"] or words < patterns.limits["title_min_words"]:
        return False
    if any(e.span.start_char == line[0] for e in expressions) or patterns.menu_separator.search(line_text):
        return False
    if not line_text.endswith(".") or line_text.endswith(".."):
        return True
    stem = line_text.rstrip(".")
    return (patterns.title_case and _in_title_case(stem)) or (below.startswith(stem) and len(below) > len(stem) + 1)


def _in_title_case(line_text: str) -> bool:
    """'One-month Staff Course Concludes at the College': every word longer than 'the' capitalised."""
    words = [word for word in re.findall(r"[^\W\d_][\w'’-]*", line_text) if len(word) > 3]
    return len(words) >= _TITLE_CASE_MIN_WORDS and all(word[0].isupper() for word in words)


def _reads_as_lead(line_text: str, line: Range, expressions: list[DateExpression], patterns: HeaderPatterns) -> bool:
    """A paragraph long enough not to be a button or a site name, or a short one that opens with
    a date and ends as a sentence ('5 июня в Оше прошел семинар.'); never 'Site | Agency name'."""
    if patterns.menu_separator.search(line_text):
        return False
    if line[1] - line[0] >= patterns.limits["lead_min_chars"]:
        return True
    return any(e.span.start_char == line[0] for e in expressions) and line_text.endswith((".", "!", "…"))


def _opening_date(
    text: str, lead: Range, expressions: list[DateExpression], patterns: HeaderPatterns
) -> DateExpression | None:
    """'5 сентября 2018 года в Бишкеке прошла ...', 'On 12-14 October 2022, ...': a full date opening
    the lead, after the language's opening words."""
    start = lead[0]
    if patterns.opening_words is not None and (words := patterns.opening_words.match(text, *lead)):
        start = words.end()
    for expression in expressions:
        if expression.span.start_char == start and expression.rule in _OPENING_RULES and expression.has_year:
            return expression
    return None


def compile_header_patterns(language: str = LANGUAGE) -> HeaderPatterns:
    """The compiled header.json; a wrong regex or a missing key fails here, naming it."""
    data, file = load_data("header", language), data_name("header.json", language)
    missing = [key for key in _KEYS if key not in data]
    if missing:
        raise ValueError(f"{file}: missing keys: {', '.join(missing)}")
    tail = (
        rf"[\s.]*(?:(?P<credit>{_regex(data, file, 'dateline_credit')})[\s.]*)?"
        rf"(?:(?P<close>{_regex(data, file, 'dateline_close')})\s*)?"
    )
    return HeaderPatterns(
        furniture=_compiled(file, "furniture", "|".join(f"(?:{p})" for p in data["furniture"])),
        rubrics=frozenset(data["rubrics"]),
        stamp_label=_compiled(file, "stamp_label", data["stamp_label"]),
        stamp_noise=_compiled(file, "stamp_noise", "|".join(f"(?:{p})" for p in data["stamp_noise"])),
        menu_separator=_compiled(file, "menu_separator", data["menu_separator"]),
        place=_compiled(file, "dateline_place", data["dateline_place"], flags=0),
        date_separator=_compiled(file, "dateline_date_separator", data["dateline_date_separator"]),
        tail=_compiled(file, "dateline_credit/dateline_close", tail, flags=0),
        limits={key: int(data[key]) for key in _LIMITS},
        headline_pos=frozenset(data["headline_pos"]),
        opening_words=_compiled(file, "opening_words", data["opening_words"]) if data["opening_words"] else None,
        title_case=bool(data["title_case_headlines"]),
    )


def _regex(data: dict, file: str, key: str) -> str:
    return _compiled(file, key, data[key]).pattern


def _compiled(file: str, key: str, pattern: str, *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise ValueError(f"{file}: {key}: not a valid regex: {error}") from None

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bomca_extract.batch.documents import document_extractor, extract_facts
from bomca_extract.extractors.dates import Anchor, year_anchor

BASE = dt.date(2019, 9, 17)


def grammar():
    return document_extractor().resources.dates


D = dt.date


def resolved(parse, text, base=BASE):
    anchor = Anchor(base, is_publication=True) if base else None
    mentions = [grammar().resolve(e, anchor) for e in grammar().find(parse(text))]
    return [(m.text, m.date_start, m.date_end, m.precision) for m in mentions if m is not None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("прошел 17 сентября 2019 года в Бишкеке", ("17 сентября 2019 года", D(2019, 9, 17), D(2019, 9, 17), "day")),
        ("состоялось 14 сентября в г. Бишкек", ("14 сентября", D(2019, 9, 14), D(2019, 9, 14), "day")),
        ("Ош, 22.05.2016", ("22.05.2016", D(2016, 5, 22), D(2016, 5, 22), "day")),
        ("14 февраля 2020 г.", ("14 февраля 2020 г", D(2020, 2, 14), D(2020, 2, 14), "day")),
        ("тренинг 5–9 марта 2018 года", ("5–9 марта 2018 года", D(2018, 3, 5), D(2018, 3, 9), "day")),
        ("с 18 по 22 ноября пройдет", ("с 18 по 22 ноября", D(2019, 11, 18), D(2019, 11, 22), "day")),
        (
            "с 28 февраля по 3 марта 2020 года",
            ("с 28 февраля по 3 марта 2020 года", D(2020, 2, 28), D(2020, 3, 3), "day"),
        ),
        (
            "с 28 декабря по 3 января 2020 года",
            ("с 28 декабря по 3 января 2020 года", D(2019, 12, 28), D(2020, 1, 3), "day"),
        ),
        ("в апреле 2019 года", ("апреле 2019 года", D(2019, 4, 1), D(2019, 4, 30), "month")),
        (
            "с апреля 2021 по сентябрь 2025 года",
            ("с апреля 2021 по сентябрь 2025 года", D(2021, 4, 1), D(2025, 9, 30), "month"),
        ),
        ("прошли в 2003 году", ("2003 году", D(2003, 1, 1), D(2003, 12, 31), "year")),
        ("На период 2003-2019 гг. выделено", ("2003-2019 гг", D(2003, 1, 1), D(2019, 12, 31), "year")),
        ("9-ой фазы (2015-2019 гг)", ("2015-2019 гг", D(2015, 1, 1), D(2019, 12, 31), "year")),
        ("в 2014–2020 годах", ("2014–2020 годах", D(2014, 1, 1), D(2020, 12, 31), "year")),
        ("работает с 2003 года", ("с 2003 года", D(2003, 1, 1), None, "year")),
        ("сегодня открылся", ("сегодня", BASE, BASE, "day")),
        ("вчера завершился", ("вчера", D(2019, 9, 16), D(2019, 9, 16), "day")),
    ],
)
def test_date_expressions(parse, text, expected):
    assert resolved(parse, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Телефон: +996 312 26 10 00, факс: +996 312 26 10 07",
        "Бишкек, 720040, Кыргызская Республика",
        "На протяжении 60 лет совместными усилиями",
        "выделено 40,1 миллионов евро, из них 6,6 миллионов",
        "реализация 9-ой фазы программы БОМКА-10",
        "31 февраля 2019 года",
    ],
)
def test_not_dates(parse, text):
    assert resolved(parse, text) == []


def test_day_without_year_needs_a_base(parse):
    assert resolved(parse, "состоялось 14 сентября", base=None) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("основан 29 ноября 1899 года", ("29 ноября 1899 года", D(1899, 11, 29), D(1899, 11, 29), "day")),
        ("в 1990-х годах", ("1990-х годах", D(1990, 1, 1), D(1999, 12, 31), "year")),
        ("в 2008-м", ("2008-м", D(2008, 1, 1), D(2008, 12, 31), "year")),
        ("первой фазы (2003—2011) программы", ("(2003—2011)", D(2003, 1, 1), D(2011, 12, 31), "year")),
        ("в 2015–2019 гг. прошли", ("2015–2019 гг", D(2015, 1, 1), D(2019, 12, 31), "year")),
        ("в 2016—2020 гг. прошли", ("2016—2020 гг", D(2016, 1, 1), D(2020, 12, 31), "year")),
        ("2023-4-07 09:15 |", ("2023-4-07", D(2023, 4, 7), D(2023, 4, 7), "day")),
        ("07-04-2023", ("07-04-2023", D(2023, 4, 7), D(2023, 4, 7), "day")),
        ("Апрель 7, 2023. 09:15", ("Апрель 7, 2023.", D(2023, 4, 7), D(2023, 4, 7), "day")),
        ("БИШКЕК, 9 окт —", ("9 окт", D(2019, 10, 9), D(2019, 10, 9), "day")),
        ("Каракол, 15.09.23.", ("15.09.23", D(2023, 9, 15), D(2023, 9, 15), "day")),
        ("в понедельник прошла встреча", ("в понедельник", D(2019, 9, 16), D(2019, 9, 16), "day")),
        ("на прошлой неделе прошла встреча", ("на прошлой неделе", D(2019, 9, 9), D(2019, 9, 15), "day")),
    ],
)
def test_page_date_forms(parse, text, expected):
    assert resolved(parse, text) == [expected]


def test_a_weekday_ahead_gets_no_date(parse):
    assert resolved(parse, "в понедельник начнется семинар") == []


@pytest.mark.parametrize(
    "text, publication, expected",
    [
        # (text, publication date, start of the year-less date or None)
        ("Курс прошел с 12 по 14 июня.", D(2023, 7, 1), D(2023, 6, 12)),
        ("Встреча состоялась 28 декабря.", D(2024, 1, 3), D(2023, 12, 28)),
        ("Семинар пройдет 15 января.", D(2023, 12, 20), D(2024, 1, 15)),
        ("В сентябре прошел курс. Меморандум подписан 3 мая 2021 года.", None, D(2021, 9, 1)),
        ("Курс прошел с 12 по 14 июня.", None, None),
        ("Сегодня прошел курс. Меморандум подписан 3 мая 2021 года.", None, None),
        ("Вчера прошел курс.", D(2023, 7, 1), D(2023, 6, 30)),
        ("В апреле программа провела учебный визит.", D(2021, 12, 17), D(2021, 4, 1)),
        ("Стороны договорились провести следующую встречу в июле.", D(2019, 4, 24), D(2019, 7, 1)),
        (
            "Итоги работы программы за апрель – июнь 2024 года. Центр, открытый в 2021 году, 3 июня получил сканеры.",
            None,
            D(2024, 6, 3),
        ),
        ("Центр, открытый в 2010 году, 25 февраля получил сканеры.", None, None),
        ("Программа работает с 2010 года. Встреча комитета прошла 25 февраля.", None, None),
        ("В 1990 году заставу закрыли, а в субботу, 13 ноября, открыли снова.", None, None),
    ],
)
def test_year_anchoring(parse, text, publication, expected):
    """The year of a year-less date: the publication date (the closest year, but not months after
    it when the sentence does not look ahead), else the nearest full date in the document, else
    its nearest month with a year, else no date; a relative day only ever from the publication."""
    doc = parse(text)
    expressions = grammar().find(doc)
    dated = [m for e in expressions if e.has_year and (m := grammar().resolve(e))]
    undated = [grammar().resolve(e, year_anchor(e, publication, dated)) for e in expressions if not e.has_year]
    assert [m.date_start for m in undated if m is not None][:1] == ([expected] if expected else [])


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2035, 12, 31)), st.integers(-270, 60), st.booleans())
def test_a_year_less_date_is_right_or_absent(publication, offset, stamped):
    """Whatever the publication date, a day written without its year is either the true day or
    no date at all, never a day in a wrong year."""
    truth = publication + dt.timedelta(days=offset)
    month = MONTHS_GENITIVE[truth.month - 1]
    stamp = f"{publication.strftime('%d.%m.%Y')}\n" if stamped else ""
    text = f"Пограничники прошли семинар\n{stamp}Семинар прошел {truth.day} {month} в Бишкеке для сотрудников.\n"
    facts = extract_facts(text)
    found = [m.date_start for m in facts.mentions if m.field == "date" and "прошел" in text[m.start - 8 : m.start]]
    assert found == ([truth] if stamped else [])


MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

import datetime as dt

import pytest

from bomca_extract.extraction import extract_facts
from bomca_extract.nlp import get_analyzer

LEAD = "В рамках программы прошел семинар по вопросам управления границами и миграции в регионе."


@pytest.mark.parametrize(
    "head, city, published",
    [
        ("Нур-Султан, 17 сентября 2019 года", "Нур-Султан", dt.date(2019, 9, 17)),
        ("Бишкек, 13 сентября 2017", "Бишкек", dt.date(2017, 9, 13)),
        ("Ош, 22.05.2016", "Ош", dt.date(2016, 5, 22)),
        ("Бишкек – 14 февраля 2020 года", "Бишкек", dt.date(2020, 2, 14)),
        ("Ташкент – Рига, 12 июня 2019 г.", "Ташкент", dt.date(2019, 6, 12)),
        ("Душанбе, 3 марта 2021 г.", "Душанбе", dt.date(2021, 3, 3)),
        ("Опубликовано: 12.10.2016", None, dt.date(2016, 10, 12)),
    ],
)
def test_dateline(head, city, published):
    facts = extract_facts(f"Заголовок релиза о семинаре\n{head}\n{LEAD}\n", get_analyzer())
    assert (facts.title, facts.dateline_city, facts.publication_date) == (
        "Заголовок релиза о семинаре",
        city,
        published,
    )
    assert all(m.text != "Заголовок" for m in facts.mentions)


def test_date_opening_the_lead_is_the_publication_date():
    text = (
        "Заголовок\n5 сентября 2018 года в Бишкеке прошла встреча экспертов по вопросам миграции, вчера был брифинг.\n"
    )
    facts = extract_facts(text, get_analyzer())
    assert facts.publication_date == dt.date(2018, 9, 5)
    assert facts.dateline_city is None
    assert dt.date(2018, 9, 4) in {m.date_start for m in facts.mentions if m.field == "date"}


def test_event_days_come_from_the_lead():
    text = (
        "Тренинг для кинологов\nОш, 2 марта 2020 года\n"
        "С 2 по 6 марта в Оше проходит тренинг для кинологов пограничной службы, в котором участвуют 12 сотрудников.\n"
        "Ранее, 12 февраля, прошла встреча.\n"
    )
    facts = extract_facts(text, get_analyzer())
    assert (facts.event_start, facts.event_end, facts.participants) == (dt.date(2020, 3, 2), dt.date(2020, 3, 6), 12)


def test_until_date_ends_the_event_that_starts_today():
    text = (
        "Семинар для аналитиков\nКызылорда, 3 июля 2017 года\n"
        "Сегодня в Кызылорде открылся семинар по анализу рисков, который продлится до 7 июля.\n"
    )
    facts = extract_facts(text, get_analyzer())
    assert (facts.event_start, facts.event_end) == (dt.date(2017, 7, 3), dt.date(2017, 7, 7))

import datetime as dt

import pytest

from bomca_extract.batch.documents import extract_facts

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
    facts = extract_facts(f"Заголовок релиза о семинаре\n{head}\n{LEAD}\n")
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
    facts = extract_facts(text)
    assert facts.publication_date == dt.date(2018, 9, 5)
    assert facts.dateline_city is None
    assert dt.date(2018, 9, 4) in {m.date_start for m in facts.mentions if m.field == "date"}


@pytest.mark.parametrize(
    "text",
    [
        "Семинар в Оше\n\n5 июня 2024 года в Оше прошел семинар для 12 пограничников.\n",
        "5 июня 2024 года в Оше прошел семинар.\n",
    ],
)
def test_a_short_lead_that_opens_with_a_date_is_the_lead_not_furniture(text):
    facts = extract_facts(text)
    assert (facts.publication_date, facts.event_start) == (dt.date(2024, 6, 5), dt.date(2024, 6, 5))
    assert [e.date_start for e in facts.events] == [dt.date(2024, 6, 5)]


def test_event_days_come_from_the_lead():
    text = (
        "Тренинг для кинологов\nОш, 2 марта 2020 года\n"
        "С 2 по 6 марта в Оше проходит тренинг для кинологов пограничной службы, в котором участвуют 12 сотрудников.\n"
        "Ранее, 12 февраля, прошла встреча.\n"
    )
    facts = extract_facts(text)
    assert (facts.event_start, facts.event_end, facts.participants) == (dt.date(2020, 3, 2), dt.date(2020, 3, 6), 12)


def test_until_date_ends_the_event_that_starts_today():
    text = (
        "Семинар для аналитиков\nКызылорда, 3 июля 2017 года\n"
        "Сегодня в Кызылорде открылся семинар по анализу рисков, который продлится до 7 июля.\n"
    )
    facts = extract_facts(text)
    assert (facts.event_start, facts.event_end) == (dt.date(2017, 7, 3), dt.date(2017, 7, 7))


LEAD_FOR_PAGES = "В городе прошел семинар по вопросам управления границами для 20 сотрудников пограничной службы."


@pytest.mark.parametrize(
    "page, title, city, published",
    [
        (
            "ОШ, 4 марта 2021 г. /Кабар/. В Оше завершился семинар для 20 сотрудников пограничной службы.",
            None,
            "Ош",
            dt.date(2021, 3, 4),
        ),
        (
            f"Курсы для таможенников открылись\n2023-4-07 09:15 |\nТАШКЕНТ (УзА) — {LEAD_FOR_PAGES}",
            "Курсы для таможенников открылись",
            "Ташкент",
            dt.date(2023, 4, 7),
        ),
        (f"Алматы, 12.05.2022 (Казинформ).- {LEAD_FOR_PAGES}", None, "Алматы", dt.date(2022, 5, 12)),
        (
            f"Logo\nПерейти к основному контенту\nГлавная / Новости / Общество\nПограничники прошли семинар\n"
            f"Октябрь 9, 2023. 09:15\nБИШКЕК, 9 окт — Sputnik. {LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            "Бишкек",
            dt.date(2023, 10, 9),
        ),
        (
            "![](https://x.org/a.png)\n-\nПограничники прошли семинар\n"
            f"7 Апреля 2023г. (16 Рамадан 1444)\n{LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            None,
            dt.date(2023, 4, 7),
        ),
        (
            "Пограничники прошли семинар\nМатериалы 7 апреля 2023 09:15 (UTC +05:00)\n"
            f"Фото: пресс-служба\n{LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            None,
            dt.date(2023, 4, 7),
        ),
        (
            f"Kabar\nГлавная | Политика | Общество\nПограничники прошли семинар\n07-04-2023\n{LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            None,
            dt.date(2023, 4, 7),
        ),
        (
            f"Sputnik Таджикистан\nПограничники прошли семинар\nДУШАНБЕ, 15 мая — Sputnik. {LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            "Душанбе",
            None,
        ),
        (
            f"Курс для кинологов завершился\nАшхабад /Trend/ - {LEAD_FOR_PAGES}",
            "Курс для кинологов завершился",
            "Ашхабад",
            None,
        ),
        (
            "7-8 апреля 2023 года в Худжанде прошел семинар для 20 сотрудников пограничных войск.",
            None,
            None,
            dt.date(2023, 4, 7),
        ),
        ("В Бишкеке, 5 мая прошел семинар для 20 сотрудников пограничной службы и таможни региона.", None, None, None),
        (
            f"Пограничники прошли семинар\nКаракол, 15.09.23. {LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            "Каракол",
            dt.date(2023, 9, 15),
        ),
        (
            f"Пограничники прошли семинар\n14.11.2024 19:42\nБишкек. 14 ноября. КирТАГ - {LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            "Бишкек",
            dt.date(2024, 11, 14),
        ),
        (f"АЛМАТЫ. 5 марта. КАЗИНФОРМ – {LEAD_FOR_PAGES}", None, "Алматы", None),
        (
            f"AKIpress\nПятница, 11 апреля 2025, 14:22\nПограничники прошли семинар\n{LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            None,
            dt.date(2025, 4, 11),
        ),
        (
            f"Turkmenportal\nПограничники прошли семинар\n10:1527.02.2025\n0\n1873\n{LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            None,
            dt.date(2025, 2, 27),
        ),
        (
            f"Войти в почту\nЛичный кабинет\nТаможенники прошли курс по этике\n{LEAD_FOR_PAGES}",
            "Таможенники прошли курс по этике",
            None,
            None,
        ),
        (
            f"02.12.2024\nОбновлено 17:40 02.12.2024\nПограничники прошли семинар\n{LEAD_FOR_PAGES}",
            "Пограничники прошли семинар",
            None,
            dt.date(2024, 12, 2),
        ),
    ],
)
def test_top_of_real_pages(page, title, city, published):
    facts = extract_facts(page + "\n")
    assert (facts.title, facts.dateline_city, facts.publication_date) == (title, city, published)


def test_no_line_of_a_paragraph_wrapped_over_lines_is_the_title():
    text = (
        "Государственная пограничная служба Кыргызстана\nв сотрудничестве с МОМ провела обучающий курс\n"
        "для сотрудников пунктов пропуска в Чуйской области\nи вручила им сертификаты.\n"
    )
    assert extract_facts("Kabar.kg | 12.03.2019 |\n" + text.split("\n", 1)[1]).title is None


def test_a_broken_stamp_of_numbers_is_not_the_title():
    text = (
        "Wed 14 2017 11:05:42\n\nAlmaty, Kazakhstan (Kazinform) -- On 12 April 2017 customs officers of "
        "Kazakhstan began a course on risk analysis in Almaty.\n"
    )
    assert extract_facts(text).title is None


def test_a_page_header_naming_an_eu_delegation_is_not_a_contact_block():
    from bomca_extract.records import RawDocument
    from bomca_extract.text.boilerplate import load_boilerplate_rules, strip_boilerplate

    text = (
        "Представительство Европейского союза в Республике Казахстан\nЕС и Казахстан обсудили управление границами\n"
        f"Опубликовано: 22 февраля 2024\n{LEAD_FOR_PAGES}\n"
    )
    clean = strip_boilerplate(RawDocument("d", "d.txt", "", text), text, load_boilerplate_rules())
    facts = extract_facts(clean.text)
    assert (facts.title, facts.publication_date) == (
        "ЕС и Казахстан обсудили управление границами",
        dt.date(2024, 2, 22),
    )


@pytest.mark.parametrize(
    "lead, start, end",
    [
        (
            "В Оше завершился трехдневный семинар для 20 сотрудников пограничной службы.",
            dt.date(2021, 3, 2),
            dt.date(2021, 3, 4),
        ),
        (
            "В Оше начался недельный курс для 20 сотрудников пограничной службы региона.",
            dt.date(2021, 3, 4),
            dt.date(2021, 3, 10),
        ),
        (
            "В Оше начался тренинг для 20 сотрудников пограничной службы, который продлится до 6 марта.",
            dt.date(2021, 3, 4),
            dt.date(2021, 3, 6),
        ),
    ],
)
def test_a_run_in_dateline_dates_the_event_its_lead_reports(lead, start, end):
    facts = extract_facts(f"ОШ, 4 марта 2021 г. /Кабар/. {lead}\n")
    assert (facts.event_start, facts.event_end) == (start, end)


def test_yesterday_ended_two_day_course_runs_backwards():
    text = (
        "Журналистов учили писать о наркотиках\nОпубликовано: 16.11.2022 09:15 Печать\n"
        "Вчера в Душанбе завершился двухдневный тренинг для журналистов, организованный программой КАДАП.\n"
    )
    facts = extract_facts(text)
    assert (facts.event_start, facts.event_end) == (dt.date(2022, 11, 14), dt.date(2022, 11, 15))


@pytest.mark.parametrize(
    "days, start, end",
    [
        ("31 октября и 1 ноября", dt.date(2023, 10, 31), dt.date(2023, 11, 1)),
        ("6 ноября, 7 ноября и 8 ноября", dt.date(2023, 11, 6), dt.date(2023, 11, 8)),
        ("6 ноября и 9 ноября", dt.date(2023, 11, 6), dt.date(2023, 11, 6)),
    ],
)
def test_days_listed_one_after_another_make_the_event(days, start, end):
    text = f"Тренинг для консультантов\n2023-11-10\n{days} в Самарканде прошел тренинг для консультантов центров.\n"
    facts = extract_facts(text)
    assert (facts.event_start, facts.event_end) == (start, end)


def test_a_start_word_below_the_lead_starts_an_event_that_has_ended():
    text = (
        "Пограничников обучили досмотру транспорта\nОпубликовано: 16.02.2023 11:40\n"
        "Вчера в Ашхабаде завершился учебный курс по досмотру транспорта для пограничников.\n\n"
        "Курс, стартовавший 6 февраля, прошли 19 офицеров пунктов пропуска.\n"
    )
    facts = extract_facts(text)
    assert (facts.event_start, facts.event_end, facts.participants) == (dt.date(2023, 2, 6), dt.date(2023, 2, 15), 19)


@pytest.mark.parametrize(
    "lead, below, start, end",
    [
        (
            "На этой неделе",
            "Курс начался 18 ноября и продлится до 22 ноября.",
            dt.date(2024, 11, 18),
            dt.date(2024, 11, 22),
        ),
        (
            "На прошлой неделе",
            "С 11 по 14 ноября слушатели изучали прекурсоры.",
            dt.date(2024, 11, 11),
            dt.date(2024, 11, 14),
        ),
        ("На прошлой неделе", "Ранее, 2 октября, прошла встреча.", dt.date(2024, 11, 11), dt.date(2024, 11, 17)),
    ],
)
def test_explicit_days_below_the_lead_narrow_a_relative_week(lead, below, start, end):
    lead = f"{lead} в Кулябе прошел семинар для таможенников и пограничников."
    text = f"Таможенники прошли курс\n18.11.2024\n{lead}\n\n{below}\n"
    facts = extract_facts(text)
    assert (facts.event_start, facts.event_end) == (start, end)


def test_a_count_dated_outside_the_event_is_not_the_documents():
    text = (
        "Пограничникам передали средства связи\n07-12-2023\n"
        "Церемония передачи радиостанций пограничной службе прошла 5 декабря в Ашхабаде.\n\n"
        "В ноябре 14 сотрудников пунктов прошли в Мары пятидневный тренинг.\n"
    )
    facts = extract_facts(text)
    assert facts.participants is None
    assert [m.value_num for m in facts.mentions if m.field == "participants"] == [14]


def test_header_data_errors_name_the_file_and_the_key(monkeypatch):
    from bomca_extract.extractors import header

    monkeypatch.setattr(header, "load_data", lambda name, language: {"furniture": ["("]})
    with pytest.raises(ValueError, match=r"lang/ru/header\.json: missing keys: head_lines"):
        header.compile_header_patterns()


def test_a_dated_dateline_that_names_a_country_gives_the_document_its_country():
    text = "Новости границы\n\nТаджикистан, 05 мая 2018 года — Состоялось открытие пограничного поста «Тагноб».\n"
    assert extract_facts(text).country_code == "TJ"


@pytest.mark.parametrize(
    "head, city, country",
    [
        ("Душанбе, Таджикистан, 21 июня 2022 г. –", "Душанбе", "TJ"),
        ("г. Хорог, ГБАО, 21 июня 2022 г. –", "Хорог", "TJ"),
        ("Шахритузский район, Республика Таджикистан, 21 июня 2022 г. –", None, "TJ"),
    ],
)
def test_a_run_in_dateline_with_a_second_place_part_dates_the_document(head, city, country):
    lead = "На участке границы с Афганистаном пограничники отработали задержание нарушителей при поддержке ОБСЕ."
    facts = extract_facts(f"Учения пограничников на афганском участке границы\n\n{head} {lead}\n")
    assert (facts.publication_date, facts.dateline_city, facts.country_code) == (dt.date(2022, 6, 21), city, country)


STORY = "Международная организация по миграции поможет гражданам найти работу за рубежом, сообщили в министерстве."


@pytest.mark.parametrize(
    "text, title, city, published",
    [
        # a dated dateline closed by a dash may run into a lowercase lead
        (
            f"Курс по обезвреживанию мин в Душанбе\n\nДушанбе, 6 июня 2014 года - сегодня {STORY}\n",
            "Курс по обезвреживанию мин в Душанбе",
            "Душанбе",
            dt.date(2014, 6, 6),
        ),
        # a standfirst between the headline and the dateline's paragraph
        (
            "МОМ поможет мигрантам из Узбекистана\n\nПодписаться\n"
            "Организация откроет два офиса в стране для работы с мигрантами.\n\n"
            f"ТАШКЕНТ, 8 окт 2018 – Sputnik. {STORY}\n",
            "МОМ поможет мигрантам из Узбекистана",
            "Ташкент",
            dt.date(2018, 10, 8),
        ),
        # a labelled stamp opening the line of the headline or of the lead
        (
            f" date 2017-06-08 МОМ поможет мигрантам из Узбекистана\n\n{STORY}\n",
            "МОМ поможет мигрантам из Узбекистана",
            None,
            dt.date(2017, 6, 8),
        ),
        (f" date 2025-09-12 5 сентября 2025 года {STORY}\n", None, None, dt.date(2025, 9, 12)),
    ],
)
def test_the_header_read_past_what_real_pages_put_around_it(text, title, city, published):
    facts = extract_facts(text)
    assert (facts.title, facts.dateline_city, facts.publication_date) == (title, city, published)


def test_a_stamp_opening_the_lead_is_no_day_of_the_event():
    text = " date 2025-11-28 С 25 по 27 ноября 2025 года в Ашхабаде прошел тренинг ОБСЕ для 20 таможенников региона.\n"
    facts = extract_facts(text)
    assert (facts.publication_date, facts.event_start, facts.event_end) == (
        dt.date(2025, 11, 28),
        dt.date(2025, 11, 25),
        dt.date(2025, 11, 27),
    )


def test_a_place_and_a_comma_alone_open_a_headline_not_a_dateline():
    text = (
        "Россия, Казахстан и Белоруссия создадут общий рынок\n\n"
        "Президенты трех стран подписали заявление о намерениях в Москве.\n"
    )
    facts = extract_facts(text)
    assert (facts.title, facts.dateline_city) == ("Россия, Казахстан и Белоруссия создадут общий рынок", None)


@pytest.mark.parametrize(
    "text, language, title",
    [
        # a headline with a full stop, repeated and continued by the subtitle below it
        (
            "ОБСЕ помогает пограничникам Кыргызстана готовиться к взрывоопасным угрозам.\n"
            "ОБСЕ помогает пограничникам Кыргызстана готовиться к взрывоопасным угрозам через учебный курс\n"
            "С 25 по 29 августа 2025 года в Оше прошел тренинг для десяти саперов Пограничной службы.\n",
            "ru",
            "ОБСЕ помогает пограничникам Кыргызстана готовиться к взрывоопасным угрозам.",
        ),
        # an English headline in title case with a full stop, a photo caption below it
        (
            "Monthly Staff Course Concludes at the OSCE College in Tajikistan.\n\n"
            "A participant speaks at the staff course, Dushanbe, 20 October 2017. (OSCE/Photographer)\n\n"
            "DUSHANBE, 27 October 2017 – The OSCE Border Management Staff College concluded its staff course today.\n",
            "en",
            "Monthly Staff Course Concludes at the OSCE College in Tajikistan.",
        ),
    ],
)
def test_a_headline_that_ends_with_a_full_stop(text, language, title):
    assert extract_facts(text, language=language).title == title


def test_a_one_sentence_lead_is_no_headline_for_its_full_stop():
    text = "В Оше прошел семинар по управлению границами для сотрудников таможни.\n\nСеминар провели эксперты БОМКА.\n"
    assert extract_facts(text).title is None


def test_a_dated_dateline_below_a_photo_caption_dates_the_page():
    text = (
        "Monthly Staff Course Concludes at the OSCE College in Tajikistan.\n\n"
        "A participant speaks at the staff course, Dushanbe, 20 October 2017. (OSCE/Photographer)\n\n"
        "DUSHANBE, 27 October 2017 – The OSCE Border Management Staff College concluded its staff course today.\n"
    )
    facts = extract_facts(text, language="en")
    assert (facts.dateline_city, facts.publication_date, facts.event_start) == (
        "Душанбе",
        dt.date(2017, 10, 27),
        dt.date(2017, 10, 27),
    )


@pytest.mark.parametrize(
    "head, published",
    [
        ("БИШКЕК, 26 июн 2020 — Sputnik.", dt.date(2020, 6, 26)),
        ("БИШКЕК, 9 июл — Sputnik.", None),  # no year anywhere: no date, but the city
    ],
)
def test_a_wire_dateline_with_an_abbreviated_summer_month(head, published):
    facts = extract_facts(f"{head} Служба по борьбе с наркотиками получила десять внедорожников от УНП ООН.\n")
    assert (facts.dateline_city, facts.publication_date) == ("Бишкек", published)

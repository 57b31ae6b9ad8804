"""entity_id: one id per place (GeoNames) and per known organisation (our table), whatever the
form or language of the name, so analysts can join releases on it."""

import pytest

from bomca_extract.batch.documents import extract_facts
from bomca_extract.extractors.context import Context
from bomca_extract.extractors.organisations import OrganisationsExtractor
from bomca_extract.extractors.places import PlacesExtractor

from .conftest import find


@pytest.mark.parametrize(
    "text, value, entity_id",
    [
        ("Семинар прошел в Ашхабаде.", "Ашхабад", "geonames:162183"),
        ("Делегация прибыла из Ашхабада в Мары.", "Ашхабад", "geonames:162183"),
        ("Тренинг прошел в Оше.", "Ош", "geonames:1527534"),
        ("Пограничники Кыргызстана прошли курс.", "Кыргызстан", "geonames:1527747"),
        ("Делегация Кыргызской Республики прибыла на встречу.", "Кыргызстан", "geonames:1527747"),
    ],
)
def test_every_form_of_a_place_has_its_geonames_id(parse, text, value, entity_id):
    found = {(m.value, m.entity_id) for m in find(PlacesExtractor, parse(text))}
    assert (value, entity_id) in found


@pytest.mark.parametrize(
    "text",
    [
        "Курс организовала программа БОМКА.",
        "Курс организовала программа BOMCA.",
        "Курс организовала Border Management Programme in Central Asia.",
        "Курс организовала Программа содействия управлению границами в Центральной Азии.",
    ],
)
def test_every_name_of_a_known_organisation_has_its_id(parse, text):
    ids = {m.entity_id for m in find(OrganisationsExtractor, parse(text))}
    assert "org:bomca" in ids


@pytest.mark.parametrize(
    "language, text, entity_id",
    [  # names as real pages write them
        ("ru", "В Бишкеке Программа управления границами в Центральной Азии (БОМКА 10) подвела итоги.", "org:bomca"),
        ("en", "Osh, 3 June 2024 – The Border Management in Central Asia Program held a course in Osh.", "org:bomca"),
        ("en", "Osh, 3 June 2024 – The EU-UNDP Border Management Programme in Central Asia held it.", "org:bomca"),
        ("ru", "В Бишкеке прошел семинар Международного центра развития миграционной политики.", "org:icmpd"),
        ("en", "Almaty, 3 June 2024 – The International Organisation for Migration held a course.", "org:iom"),
        ("ru", "В Бишкеке программу выполняют Международная организация по миграции и ООН Женщины.", "org:un-women"),
        ("ru", "В Ашхабаде прошла встреча в рамках программы УНП ООН и ВТамО по контролю за контейнерами.", "org:wco"),
        ("ru", "В Душанбе пятидневный курс для таможенников прошел в Пограничном колледже ОБСЕ.", "org:osce-bmsc"),
        ("ru", "В Душанбе курс прошли офицеры Пограничных войск ГКНБ Таджикистана.", "org:tj-border-troops"),
        ("en", "Dushanbe, 3 June 2024 – Officers of the Tajik Customs Service attended.", "org:tj-customs"),
        ("en", "Dushanbe, 3 June 2024 – Officers of the Tajik Drug Control Agency attended.", "org:tj-drug-control"),
        (
            "en",
            "Almaty, 3 June 2024 – Officers of the Border Service of National Security Committee of the Republic "
            "of Kazakhstan attended.",
            "org:kz-border-service",
        ),
        ("ru", "В Бишкеке эксперты программы ЕС-КАДАП провели тренинг для наркологов.", "org:cadap"),
    ],
)
def test_a_variant_of_a_known_name_has_its_id(language, text, entity_id):
    title = "Новости программы за неделю" if language == "ru" else "News of the programme this week"
    facts = extract_facts(f"{title}\n\n{text}\n", language=language)
    assert entity_id in {m.entity_id for m in facts.mentions if m.field == "organisation"}


@pytest.mark.parametrize(
    "text, code",
    [
        ("В Бишкек прибыли делегации Азербайджанской Республики и Беларуси.", "AZ"),
        ("Выступили представители Министерства торговли Турецкой Республики.", "TR"),
    ],
)
def test_a_long_official_name_of_a_country_has_its_code(parse, text, code):
    assert code in {m.country_code for m in find(PlacesExtractor, parse(text)) if m.field == "country"}


def test_an_organisation_not_in_the_table_has_no_id(parse):
    found = find(OrganisationsExtractor, parse("Курс провело Министерство юстиции Туркменистана."))
    assert found and all(m.entity_id is None for m in found)


RUSSIAN = (
    "Ашхабад, 14 марта 2024 года. Программа БОМКА провела в Ашхабаде семинар для пограничников "
    "Туркменистана и Кыргызстана."
)
ENGLISH = (
    "Ashgabat, 14 March 2024. The BOMCA programme held a seminar in Ashgabat for border guards of "
    "Turkmenistan and the Kyrgyz Republic."
)


RUSSIAN_AGENCIES = (
    "Каракол, 9 октября 2022 года. Военнослужащие Пограничной службы Государственного комитета национальной "
    "безопасности Кыргызской Республики завершили курс, организованный Программой БОМКА и Всемирной "
    "таможенной организацией при участии Государственной пограничной охраны Латвии."
)
ENGLISH_AGENCIES = (
    "Karakol, 9 October 2022. Servicemen of the Border Service of the State Committee for National Security "
    "of the Kyrgyz Republic completed a course organised by the BOMCA programme and the World Customs "
    "Organization with the State Border Guard of Latvia. The Kyrgyz Border Service thanked the partners."
)


def _ids(text: str) -> set[str]:
    facts = extract_facts(text)
    return {m.entity_id for m in facts.mentions if m.field in ("city", "country", "organisation")}


def test_a_russian_and_an_english_release_give_the_same_entity_ids():
    assert _ids(RUSSIAN) == _ids(ENGLISH) == {"geonames:162183", "geonames:1218197", "geonames:1527747", "org:bomca"}


def test_national_agencies_have_one_id_in_both_languages():
    assert (
        _ids(RUSSIAN_AGENCIES)
        == _ids(ENGLISH_AGENCIES)
        == {
            "geonames:1528121",
            "geonames:1527747",
            "geonames:458258",
            "org:kg-border-service",
            "org:bomca",
            "org:wco",
            "org:lv-state-border-guard",
        }
    )


@pytest.mark.parametrize("language, expected", [("ru", ["Алматы"]), ("en", ["Китай", "Алматы"])])
def test_english_names_are_read_only_in_a_text_that_is_not_russian(resources, parse, language, expected):
    doc = parse("Банк Industrial and Commercial Bank of China открыл отделение в Алматы.")
    found = PlacesExtractor(resources).find(doc, Context(language=language))
    assert [m.value for m in found] == expected


@pytest.mark.parametrize(
    "text, language, words",
    [
        (
            "Семинар для пограничников\n\n12 мая 2016 года в столице Узбекистана прошел семинар для пограничников.\n",
            "ru",
            "столице",
        ),
        (
            "Seminar\n\nOn 12 May 2016 a seminar for border officials was held in the capital of Uzbekistan.\n",
            "en",
            "capital of",
        ),
    ],
)
def test_the_capital_of_a_country_is_its_capital_city(text, language, words):
    facts = extract_facts(text, language=language)
    capital = next(m for m in facts.mentions if m.field == "city")
    assert (capital.value, capital.country_code, capital.text) == ("Ташкент", "UZ", words)
    assert facts.events[0].city == "Ташкент"

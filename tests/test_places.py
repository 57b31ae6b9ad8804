import pytest

from bomca_extract.batch.documents import extract_facts
from bomca_extract.extractors.places import PlacesExtractor

from .conftest import find


def places(parse, text):
    return [(m.field, m.value, m.country_code) for m in find(PlacesExtractor, parse(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Семинар прошел в Бишкеке.", ("city", "Бишкек", "KG")),
        ("Семинар начался в г. Нур-Султан.", ("city", "Нур-Султан", "KZ")),
        ("Делегация прибыла в Нур-Султане вчера.", ("city", "Нур-Султан", "KZ")),
        ("Встреча прошла в Астане.", ("city", "Астана", "KZ")),
        ("Старое название города — Акмола.", ("city", "Акмола", "KZ")),
        ("Эксперты из Алма-Аты приехали.", ("city", "Алма-Ата", "KZ")),
        ("Офис расположен в Алматы.", ("city", "Алматы", "KZ")),
        ("Пограничники из Оша прибыли.", ("city", "Ош", "KG")),
        ("Учения прошли под Ташкентом.", ("city", "Ташкент", "UZ")),
        ("Тренинг в городе Караколе.", ("city", "Каракол", "KG")),
        ("Визит в Ригу состоялся.", ("city", "Рига", "LV")),
        ("Пост у Хорога открыт.", ("city", "Хорог", "TJ")),
        ("Офицеры две недели стажировались в Лаппеэнранте.", ("city", "Лаппеэнранта", "FI")),
        ("Делегаты из Казахстана прибыли.", ("country", "Казахстан", "KZ")),
        ("Министерство Кыргызской Республики сообщило.", ("country", "Кыргызстан", "KG")),
        ("Граница с Киргизией открыта.", ("country", "Кыргызстан", "KG")),
        ("Министерство внутренних дел Республики Таджикистан сообщило.", ("country", "Таджикистан", "TJ")),
        ("Эксперты из Латвии приехали.", ("country", "Латвия", "LV")),
        ("Сотрудничество с Туркменией развивается.", ("country", "Туркменистан", "TM")),
    ],
)
def test_places(parse, text, expected):
    assert places(parse, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Сотрудничество в Центральной Азии и в регионе ЦА.",
        "Отдых на Иссык-Куле.",
        "Встреча в гостинице «Хаятт Ридженси Бишкек».",
        "Кыргызские партнеры и таджикская сторона.",
        "В течение года эксперты работали.",
        "Посты стоят вдоль реки Нарын и у озера Иссык-Куль.",
    ],
)
def test_not_places(parse, text):
    assert places(parse, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Курс прошел в Хорогском учебном центре.", [("Хорогском", "Хорог")]),
        ("Семинар прошел в Ошской области.", []),  # a region
        ("Учения прошли в Баткенской, Ошской и Джалал-Абадской областях.", []),
        ("Ошский университет провел курс.", []),  # no place preposition
    ],
)
def test_a_city_adjective_after_a_place_preposition_names_the_city(parse, text, expected):
    assert [(m.text, m.value) for m in find(PlacesExtractor, parse(text))] == expected


def test_a_word_an_excerpt_cuts_at_its_end_is_no_town():
    facts = extract_facts(
        "Новости программы\n\nБишкек, 5 мая 2022 г. Семинар провела Программа содействия управлению "
        "границами в Центральной Ази"
    )
    assert [m.value for m in facts.mentions if m.field == "city"] == ["Бишкек"]

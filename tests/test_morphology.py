import pytest

from bomca_extract.extractors.organisations import OrganisationsExtractor

from .conftest import find


def readings(parse, text):
    return {token.text: str(token.morph) for token in parse(text) if token.is_alpha}


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # the likeliest parse of 'власти' is a genitive singular; the adjective says otherwise
        ("Столичные власти пообещали открыть пункт.", "власти", "Case=Nom|Number=Plur"),
        ("Решение областных властей поддержали.", "властей", "Case=Gen|Number=Plur"),
        # an adjective that agrees with the likeliest reading leaves it alone
        ("Представитель областной власти выступил.", "власти", "Case=Gen|Number=Sing"),
        ("Делегация Латвийской Республики прибыла.", "Республики", "Case=Gen|Number=Sing"),
        # after a noun, without a preposition, '-ии' is a genitive; after 'в' a locative
        ("Посольство Индии в Бишкеке открыто.", "Индии", "Case=Gen|Number=Sing"),
        ("Инспекторы из Службы миграции Латвии приехали.", "Латвии", "Case=Gen|Number=Sing"),
        ("Семинар прошел в Латвии в июне.", "Латвии", "Case=Loc|Number=Sing"),
        # a modifier takes the reading that agrees with its noun
        ("Делегация Латвийской Республики прибыла.", "Латвийской", "Case=Gen|Number=Sing"),
    ],
)
def test_an_adjective_picks_the_reading_of_its_noun(parse, text, word, expected):
    assert readings(parse, text)[word] == expected


def test_a_reread_noun_makes_its_owner_an_organisation(parse):
    doc = parse("Депутаты Верховного совета непризнанной ДНР провели заседание.")
    found = [m.value for m in find(OrganisationsExtractor, doc)]
    assert "Верховный совет непризнанной ДНР" in found

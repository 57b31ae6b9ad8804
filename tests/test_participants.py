import pytest

from bomca_extract.participants import extract_participants


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("На мероприятии принимают участие 20 представителей миграционных ведомств.", 20, None),
        ("В тренинге участвуют пятнадцать сотрудников таможни.", 15, None),
        ("В обучении приняли участие пятнадцати сотрудников.", 15, None),
        ("Во встрече приняли участие около сорока представителей.", 40, "approx"),
        ("Более 100 высокопоставленных представителей собрались в Ташкенте.", 100, "more_than"),
        ("Семинар собрал свыше 30 участников из пяти стран.", 30, "more_than"),
        ("В конференции участвовали двадцать пять экспертов.", 25, None),
    ],
)
def test_participant_counts(parse, text, value, qualifier):
    [mention] = extract_participants(parse(text))
    assert (int(mention.value_num), mention.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "С 2003 года обучено более 3000 пограничников.",
        "На границе открыты 12 пунктов пропуска.",
        "Программа работает уже более 20 лет.",
        "«Нас было 2 человека», — сказал участник встречи.",
        "Реализация 9-ой фазы программы БОМКА-10 продолжается.",
    ],
)
def test_not_participant_counts(parse, text):
    assert extract_participants(parse(text)) == []

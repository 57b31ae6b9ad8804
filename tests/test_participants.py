import pytest

from bomca_extract.batch.documents import extract_facts
from bomca_extract.extractors.participants import ParticipantsExtractor

from .conftest import find


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
        ("На открытие центра пришли около 60 человек из южных областей.", 60, "approx"),
        ("В нем приняли участие 30 консультантов из трех областей.", 30, None),
        ("В учениях приняли участие более 1 500 военнослужащих.", 1500, "more_than"),
        ("Обучение проходят 24 сотрудника пограничных войск.", 24, None),
        ("В Оше прошел тренинг для 32 школьных психологов.", 32, None),
    ],
)
def test_participant_counts(parse, text, value, qualifier):
    [mention] = find(ParticipantsExtractor, parse(text))
    assert (int(mention.value_num), mention.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "С 2003 года обучено более 3000 пограничников.",
        "На границе открыты 12 пунктов пропуска.",
        "Программа работает уже более 20 лет.",
        "«Нас было 2 человека», — сказал участник встречи.",
        "Реализация 9-ой фазы программы БОМКА-10 продолжается.",
        "С 2009 года через учебные курсы ОБСЕ прошли более 1 500 пограничников.",
        "За эти годы обучение на курсах прошли более 900 офицеров.",
        "Занятие пройдет на пункте пропуска, через который ежедневно проходят до 4 000 человек.",
        "В пиковые дни через крупнейший из пунктов проходят до 8 000 человек.",
        # an elliptic count joined to no count of people
        "В семинаре участвовали представители 12 туркменских и 8 афганских пунктов пропуска.",
        "В обучении участвовали 12 туркменских таможен.",
    ],
)
def test_not_participant_counts(parse, text):
    assert find(ParticipantsExtractor, parse(text)) == []


@pytest.mark.parametrize(
    "text, count",
    [
        ("В Бишкеке курс прошли 9 офицеров пограничной службы и 5 офицеров таможни.", 14),
        ("В Бишкеке в семинаре участвовали 10 пограничников, 8 таможенников и 4 полицейских.", 22),
        # a part of the count before it is no more people
        ("В Бишкеке в семинаре приняли участие 20 человек, в том числе 5 женщин.", 20),
        ("В Бишкеке курс прошли 23 слушателя – 21 офицер полиции и два сотрудника таможни.", 23),
        # the cue is beyond the first count's window: the second, joined to it, brings it in
        (
            "Одиннадцать офицеров пограничных войск Республики Таджикистан и девять офицеров пограничной "
            "полиции Афганистана завершили в Бишкеке обучение.",
            20,
        ),
        # the first count leaves its noun to the second
        ("В Бишкеке курс прошли 12 туркменских и 8 афганских таможенников.", 20),
        ("В Бишкеке в семинаре участвовали шесть казахстанских, пять киргизских и 9 таджикских офицеров.", 20),
    ],
)
def test_an_event_counts_counts_joined_by_and_as_their_total(text, count):
    facts = extract_facts(f"Новости программы за неделю\n\nБишкек, 3 мая 2022 г. {text}\n")
    assert facts.participants == count


def test_the_mentions_keep_each_joined_count():
    text = "Osh, 3 June 2024 – The course in Osh was attended by 12 border guards and 8 customs officers.\n"
    facts = extract_facts(f"Training in Osh\n\n{text}", language="en")
    counts = [(m.text, int(m.value_num)) for m in facts.mentions if m.field == "participants"]
    assert (counts, facts.participants) == ([("12 border guards", 12), ("8 customs officers", 8)], 20)

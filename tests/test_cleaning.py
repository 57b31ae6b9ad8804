import time
import unicodedata
from collections.abc import Callable

import pytest

from bomca_extract.text.cleaning import clean_text


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("5\u00a0млн\u202fевро", "5 млн евро\n"),
        ("рабо\u00adчая группа", "рабочая группа\n"),
        ("Текст[image: image2.png] дальше", "Текст дальше\n"),
        ("  Заголовок  \n\n\n\nАбзац\tс  табом", "Заголовок\n\nАбзац с табом\n"),
        (
            "Website:http://eeas.europa.eu/delegations/\n\nkyrgyzstan",
            "Website:http://eeas.europa.eu/delegations/kyrgyzstan\n",
        ),
        (
            "В семинаре по управлению границами, который\n\nпрошел в Оше на прошлой неделе, участвовали пограничники",
            "В семинаре по управлению границами, который прошел в Оше на прошлой неделе, участвовали пограничники\n",
        ),
        (
            "Кинологическая служба таможни получила новое снаряжение\n\nг. Бишкек, 2 августа 2016 г.",
            "Кинологическая служба таможни получила новое снаряжение\n\nг. Бишкек, 2 августа 2016 г.\n",
        ),
        ("Конец предложения.\n\nНовый абзац", "Конец предложения.\n\nНовый абзац\n"),
        ("e\u0301", "é\n"),
        ("\ufeffТекст", "Текст\n"),
        ("эксперты из \u0415C и МВД PФ", "эксперты из ЕС и МВД РФ\n"),  # Latin C and P typed for Cyrillic
        ("Wi-Fi-сеть, IT-отдел, e-mail, CADAP 6", "Wi-Fi-сеть, IT-отдел, e-mail, CADAP 6\n"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_title_line_is_not_joined_to_the_body():
    assert (
        clean_text("Заголовок без точки\n\nБишкек, 13 сентября 2017")
        == "Заголовок без точки\n\nБишкек, 13 сентября 2017\n"
    )


def test_url_broken_after_a_slash_is_rejoined_over_several_lines():
    assert clean_text("Сайт: http://bomca.eu/ru/\nnews/\n\n\n2017?id=\n5\n\nДалее") == (
        "Сайт: http://bomca.eu/ru/news/2017?id=5\n\nДалее\n"
    )


def test_sentence_broken_over_blank_lines_is_rejoined_in_every_piece():
    first = "В семинаре по управлению границами, который"
    second = "прошел в Оше на прошлой неделе, участвовали пограничники,"
    third = "сотрудники таможни и представители программы BOMCA"
    assert clean_text(f"{first}\n\n\n{second}\n\n{third}") == f"{first} {second} {third}\n"


def test_blank_line_runs_collapse_to_one_paragraph_break():
    assert clean_text("\n\n\nПервый.\n\n\n\n\nВторой.\nТретий.\n \n\t\n\n") == "Первый.\n\nВторой.\nТретий.\n"


def test_a_long_line_of_www_survives_unchanged():
    line = "www." * 100_000
    assert clean_text(f"{line}\u00a0\n\nдалее") == f"{line}\n\nдалее\n"


def test_unclosed_image_debris_is_kept():
    assert clean_text("[image:" * 3 + "\nТекст [image: a.png]") == "[image:[image:[image:\nТекст\n"


def test_long_combining_mark_run_is_normalised_as_unicodedata_does():
    text = "a" + "\u0301\u0316\u0344\u0f73" * 50 + "b"
    assert clean_text(text) == unicodedata.normalize("NFC", text) + "\n"


def _growth(make: Callable[[int], str], n: int) -> float:
    """How much longer clean_text takes on an input four times the size: about 4 if linear, 16 if quadratic."""

    def best_of_3(text: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            clean_text(text)
            times.append(time.perf_counter() - start)
        return min(times)

    return best_of_3(make(4 * n)) / best_of_3(make(n))


@pytest.mark.parametrize(
    "make, n",
    [
        pytest.param(lambda n: "Короткий релиз." + "\n" * n, 150_000, id="blank lines after a release"),
        pytest.param(lambda n: "www." * n + "\nдалее", 120_000, id="a line of www."),
        pytest.param(lambda n: "[image:" * n, 100_000, id="unclosed [image:"),
        pytest.param(lambda n: "строка\n\n" * n, 12_000, id="short lines between blank lines"),
        pytest.param(lambda n: "http://a.kg/" + "\n\nb/" * n, 25_000, id="URL broken over many lines"),
        pytest.param(lambda n: ("а" * 40 + ",\n\n") * n, 5_000, id="sentence broken over many lines"),
        pytest.param(lambda n: "a" + "\u0301\u0316" * n, 25_000, id="combining marks out of order"),
        pytest.param(lambda n: "аa" * n, 50_000, id="one long word of Cyrillic and Latin letters"),
        pytest.param(lambda n: "аaб " * n, 25_000, id="many words of Cyrillic and Latin letters"),
    ],
)
def test_clean_text_is_linear_on_hostile_input(make, n):
    assert _growth(make, n) < 8

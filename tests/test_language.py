"""The language of a release, from the alphabet of its letters."""

import pytest

from bomca_extract.text.language import language_of

from .conftest import SEEDS

ENGLISH = (
    "Dushanbe, 12 May 2022 – Twenty officers of the Border Troops of Tajikistan completed a course "
    "organised by the OSCE Programme Office in Dushanbe (Программный офис ОБСЕ в Душанбе)."
)


@pytest.mark.parametrize(
    "text, language",
    [
        (ENGLISH, "en"),
        (SEEDS.joinpath("000_1fcf126dafbfb240.txt").read_text("utf-8"), "ru"),  # English contact block included
        ("Пограничники северных застав прошли трехнедельный курс в Хороге.\n\nSummary: a course in Khorog.", "ru"),
        ("—  12.05.2022  ☎ +996 312 26 10 00", None),
    ],
)
def test_the_alphabet_of_most_letters_is_the_language(text, language):
    assert language_of(text) == language

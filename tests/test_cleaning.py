import pytest

from bomca_extract.cleaning import clean_text


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("5\u00a0млн\u202fевро", "5 млн евро\n"),
        ("рабо\u00adчая группа", "рабочая группа\n"),
        ("Текст[image: image2.png] дальше", "Текст дальше\n"),
        ("  Заголовок  \n\n\n\nАбзац\tс  табом", "Заголовок\n\nАбзац с табом\n"),
        ("Website:http://eeas.europa.eu/delegations/\n\nkyrgyzstan", "Website:http://eeas.europa.eu/delegations/kyrgyzstan\n"),
        ("В семинаре, который\n\nпрошел в Оше, участвовали", "В семинаре, который прошел в Оше, участвовали\n"),
        ("Конец предложения.\n\nНовый абзац", "Конец предложения.\n\nНовый абзац\n"),
        ("e\u0301", "é\n"),
        ("\ufeffТекст", "Текст\n"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_title_line_is_not_joined_to_the_body():
    assert clean_text("Заголовок без точки\n\nБишкек, 13 сентября 2017") == "Заголовок без точки\n\nБишкек, 13 сентября 2017\n"

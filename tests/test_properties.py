"""Property: any text or bytes goes through read -> clean -> extract without raising, and every mention's
offsets point at the text it claims."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bomca_extract.batch.documents import extract_facts
from bomca_extract.readers.reading import ReadError, read_document
from bomca_extract.text.boilerplate import load_boilerplate_rules, strip_boilerplate
from bomca_extract.text.cleaning import clean_text

PIPELINE_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of releases, so that examples reach the rules (dates, amounts, counts, names) and their edges.
RELEASE_PIECES = [
    "Бишкек, 13 сентября 2017",
    "17 сентября",
    "с 3 по 5 сентября 2025 года",
    "2003-2019 гг.",
    "в 2003 году",
    "сегодня",
    "до 7 июля",
    "трехдневный",
    "40,1 миллионов евро",
    "более 6,6 млн евро",
    "€1,2 млн",
    "EUR 500,000",
    "20 представителей",
    "более 100 участников",
    "12 пунктов пропуска",
    "Европейский Союз",
    "ЕС",
    "(БОМКА)",
    "БОМКА-10",
    "Программа содействия управлению границами в Центральной Азии",
    "МЦРМП",
    "ОБСЕ",
    "в Бишкеке",
    "Кыргызстан",
    "г. Нур-Султан",
    "«Алат»",
    "Опубликовано: 12.10.2016",
    "Контакты для СМИ:",
    "Тел.: +996 312",
    "E-mail: a@b.org",
    "www.bomca-eu.org",
    "\n",
    "\n\n",
    " ",
    ", ",
    ". ",
    " – ",
    "(",
    ")",
    "«",
    "»",
    "-",
    "\u00ad",
    "\u00a0",
    "\r\n",
    "\t",
    "[image: logo]",
    "0",
    "31",
    "2019",
    "года",
    "г.",
    "по",
    "и",
    "в",
    "на",
]
release_like = st.lists(st.sampled_from(RELEASE_PIECES) | st.text(max_size=12), max_size=60).map("".join)


def assert_pipeline_holds(text: str) -> None:
    cleaned = clean_text(text)
    stripped = strip_boilerplate(None, cleaned, load_boilerplate_rules())
    facts = extract_facts(stripped.text)
    for mention in facts.mentions:
        assert 0 <= mention.start <= mention.end <= len(stripped.text)
        assert stripped.text[mention.start : mention.end] == mention.text, mention


@PIPELINE_SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_text(text):
    assert_pipeline_holds(text)


@PIPELINE_SETTINGS
@given(release_like)
def test_release_like_text(text):
    assert_pipeline_holds(text)


@PIPELINE_SETTINGS
@given(st.binary(max_size=400), st.sampled_from([".txt", ".docx", ".pdf", ".html"]))
def test_any_bytes_in_any_format(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"release{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(path)
        except ReadError:
            return
    assert_pipeline_holds(document.text)

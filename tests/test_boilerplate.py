import pytest

from bomca_extract.readers.reading import read_document
from bomca_extract.records import RawDocument
from bomca_extract.text.boilerplate import (
    RepeatedLines,
    line_census,
    line_digest,
    load_boilerplate_rules,
    strip_boilerplate,
)
from bomca_extract.text.cleaning import clean_text

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():
    documents = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = read_document(path)
        documents.append(strip_boilerplate(raw, clean_text(raw.text), load_boilerplate_rules()))
    return documents


@pytest.mark.parametrize(
    "removed_text",
    [
        "Consortium",
        "Консорциумом",
        "funded by the European Union",
        "Программа финансируется Европейским Союзом",
        "Erkindik Boulevard",
        "Бульвар Эркиндик",
        "720040",
        "+996 312 26 10",
        "eudelkg",
        "28 Member States",
        "28 государств-членов",
        "Более подробную информацию",
    ],
)
def test_seed_footers_are_removed(seeds, removed_text):
    assert all(removed_text not in document.text for document in seeds)
    assert any(removed_text in block.text for document in seeds for block in document.removed)


def test_body_is_kept(seeds):
    for document in seeds:
        assert "Первые мероприятия БОМКА прошли в 2003 году" in document.text
        assert "миллионов евро" in document.text
        assert document.text.splitlines()[0].startswith(("Лучшие", "В Бишкеке"))


def test_repeated_footer_lines_are_learned_but_not_fact_lines():
    footer = "Редакция благодарит читателей за внимание к нашим материалам"
    funding = "В 2019 году на программу выделено 5 миллионов евро из бюджета партнеров"
    texts = [
        f"Заголовок {i}\n\nТело документа номер {i} с фактами и подробностями.\n\n{funding}\n\n{footer}\n"
        for i in range(4)
    ]
    learned = learn_repeated_lines(texts)
    assert line_digest(footer.casefold()) in learned
    stripped = strip_boilerplate(None, texts[0], load_boilerplate_rules().with_learned(learned))
    assert footer not in stripped.text and funding in stripped.text
    assert [block.rule for block in stripped.removed] == ["learned"]


def test_lines_in_the_first_half_are_not_learned():
    lead = "Сегодня в Бишкеке стартовала программа обучения пограничников для стран региона"
    texts = [f"{lead}\n\nДлинный уникальный текст {i} " + "слово " * 40 for i in range(5)]
    assert learn_repeated_lines(texts) == frozenset()


def test_a_line_needs_min_documents_footers_and_no_other_place():
    footer = "Подписывайтесь на наш канал, чтобы первыми узнавать новости"
    body = "Длинный уникальный текст документа " + "слово " * 30
    footers = [f"{body}{i}\n\n{footer}\n" for i in range(3)]
    assert learn_repeated_lines(footers[:2]) == frozenset()
    assert learn_repeated_lines(footers) == {line_digest(footer.casefold())}
    leads = [f"{footer}\n\n{body}{i}\n" for i in range(1)]
    assert learn_repeated_lines(footers + leads) == frozenset()


def learn_repeated_lines(texts: list[str]) -> frozenset[int]:
    rules = load_boilerplate_rules()
    repeated = RepeatedLines(rules)
    for text in texts:
        repeated.add(line_census(text, rules))
    return repeated.learned()


def test_each_removed_line_is_placed_after_the_kept_text_above_it(seeds):
    """`at` lets a reviewer see a footer where it stood: the stripped text up to `at` holds
    exactly the kept text above the removed line (tidying changes only whitespace)."""
    for document in seeds:
        pending, kept_above = list(document.removed), []
        for line in clean_text(document.raw.text).split("\n"):
            if pending and line == pending[0].text:
                assert _words(document.text[: pending.pop(0).at]) == _words("\n".join(kept_above))
            else:
                kept_above.append(line)
        assert pending == []


def test_a_footer_between_two_paragraphs_sits_between_them():
    text = "Заголовок\n\nПервый абзац о семинаре.\n\nПрограмма финансируется Европейским Союзом.\n\nВторой абзац.\n"
    raw = RawDocument(doc_id="t", source="t.txt", sha256="0", text=text)
    stripped = strip_boilerplate(raw, clean_text(text), load_boilerplate_rules())
    [block] = stripped.removed
    assert stripped.text[: block.at].endswith("Первый абзац о семинаре.")
    assert stripped.text[block.at :].lstrip().startswith("Второй абзац.")


def _words(text: str) -> list[str]:
    return text.split()

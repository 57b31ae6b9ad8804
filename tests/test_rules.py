"""The rule files' sentence triggers are a pre-filter only, and a wildcard gap is compiled to a cheaper
equivalent: on real releases neither loses or adds a match."""

import pytest
from spacy.matcher import Matcher
from spacy.util import filter_spans

from bomca_extract.nlp.rules import _expand, compile_rules, load_data
from bomca_extract.readers.reading import read_document
from bomca_extract.text.cleaning import clean_text

from .conftest import FIXTURES, SEEDS

RELEASES = sorted([*SEEDS.glob("*.txt"), *(FIXTURES / "releases").iterdir()])


@pytest.fixture(scope="module")
def docs(parse):
    return [parse(clean_text(read_document(path).text)) for path in RELEASES]


@pytest.mark.parametrize("name", ["dates", "participants", "amounts"])
def test_trigger_keeps_every_match(docs, name):
    rules = compile_rules(name, docs[0].vocab)
    assert rules.trigger is not None
    matches = filtered = 0
    for doc in docs:
        everything = [(s.start, s.end, s.label_) for s in rules.find(doc, prefilter=False)]
        assert [(s.start, s.end, s.label_) for s in rules.find(doc)] == everything
        matches += len(everything)
        filtered += sum(1 for sent in doc.sents if not rules.trigger.search(sent.text))
    assert matches > 40 and filtered > 0  # the corpus exercises the rules, and the trigger skips sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "Протокол подписан 15.09.23 в Бишкеке.",
        "Граница здесь проходила ещё в 1899 году.",
        "Программа работает с 2003 года.",
        "Заставу построили в 1990-х годах.",
        "Первый этап (2003—2011) завершён.",
        "Склад открыли в 2008-м.",
        "Срок продлён до 2020-06-30 включительно.",
    ],
)
def test_a_date_without_a_month_word_passes_the_trigger(parse, sentence):
    """The dates trigger asks for a year or a dd.mm.yy date, not any digit: each of these has neither
    a month nor a relative word, and still reaches the Matcher."""
    doc = parse(sentence)
    rules = compile_rules("dates", doc.vocab)
    found = [(s.start, s.end, s.label_) for s in rules.find(doc)]
    assert len(found) == 1 and found == [(s.start, s.end, s.label_) for s in rules.find(doc, prefilter=False)]


def test_the_dates_trigger_skips_a_count_without_a_date(parse):
    doc = parse("На заставе служат 45 человек, из них 12 кинологов.")
    assert compile_rules("dates", doc.vocab).trigger.search(doc.text.lower()) is None


def _spelled_out(name: str, vocab) -> Matcher:
    """The rule file's patterns as written, each wildcard run as its optional tokens."""
    rules = compile_rules(name, vocab)
    tokens = {**load_data("common")["tokens"], **rules.data["tokens"]}
    matcher = Matcher(vocab)
    for label, sequences in rules.data["patterns"].items():
        matcher.add(label, [[_expand(item, tokens) for item in sequence] for sequence in sequences])
    return matcher


def test_a_wildcard_gap_matches_exactly_what_its_optional_tokens_would(docs, parse):
    """'передал ... (up to 16 words) ... оборудование' is one ANY* with a length bound in the Matcher:
    the same spans as the 16 optional wildcards, on the releases and at the bound itself."""
    rules = compile_rules("events", docs[0].vocab)
    assert "equipment_handover/18" in rules.bounds
    spelled_out = _spelled_out("events", docs[0].vocab)
    words = " ".join(["слово"] * 16)
    at_bound = parse(f"Программа передала {words} оборудование.")
    past_bound = parse(f"Программа передала {words} слово оборудование.")
    handovers = []
    for doc in [*docs, at_bound, past_bound]:
        expected = [(s.start, s.end, s.label_) for s in filter_spans(spelled_out(doc, as_spans=True))]
        found = [(s.start, s.end, s.label_) for s in rules.find(doc, prefilter=False)]
        assert found == sorted(expected)
        handovers.append(sum(label == "equipment_handover" for _, _, label in found))
    assert handovers[-2:] == [1, 0] and sum(handovers) > 5

"""Extractors take their resources explicitly: a small gazetteer or a blank vocabulary is enough
to test one, without the models or the full gazetteer."""

import copy
import dataclasses
import re

import pytest
import spacy
from spacy.tokens import Doc

from bomca_extract.batch.documents import document_extractor
from bomca_extract.cli import main
from bomca_extract.extractors.amounts import AmountsExtractor
from bomca_extract.extractors.context import Context
from bomca_extract.extractors.document import DocumentExtractor
from bomca_extract.extractors.organisations import OrganisationsExtractor
from bomca_extract.extractors.places import PlacesExtractor
from bomca_extract.extractors.resources import build_resources
from bomca_extract.nlp import rules as rules_module
from bomca_extract.nlp.gazetteer import Gazetteer, PhraseIndex, Place
from bomca_extract.nlp.rules import compile_rules

from .conftest import SEEDS

SMALL = Gazetteer(
    regions=PhraseIndex([]),
    countries=PhraseIndex([("Киргизия", Place("Кыргызстан", "KG", is_country=True))]),
    trusted_cities=PhraseIndex([("Каракол", Place("Каракол", "KG", is_country=False))]),
    other_cities=PhraseIndex([]),
    organisations=PhraseIndex([("ПС КР", "Пограничная служба Кыргызской Республики")]),
)


def blank_doc(vocab, words):
    """A Doc with no model run: one sentence, the words as given."""
    return Doc(vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))


def with_small_gazetteer(resources):
    return dataclasses.replace(resources, gazetteer=SMALL)


def test_a_place_extractor_finds_only_what_its_gazetteer_holds(resources, parse):
    doc = parse("Семинар прошел в Караколе и в Бишкеке, столице Киргизии.")
    found = PlacesExtractor(with_small_gazetteer(resources)).find(doc, Context())
    assert [(m.field, m.value, m.country_code) for m in found] == [
        ("city", "Каракол", "KG"),
        ("country", "Кыргызстан", "KG"),
    ]


def test_an_organisation_extractor_takes_its_aliases_from_its_gazetteer(resources, parse):
    doc = parse("Сотрудники ПС КР прошли курс.")
    found = OrganisationsExtractor(with_small_gazetteer(resources)).find(doc, Context())
    assert [(m.text, m.value, m.method) for m in found] == [
        ("ПС КР", "Пограничная служба Кыргызской Республики", "gazetteer")
    ]


def test_the_rule_compiler_needs_no_model():
    vocab = spacy.blank("ru").vocab
    rules = compile_rules("amounts", vocab)
    doc = blank_doc(vocab, ["бюджет", "более", "40,1", "млн", "евро", "и", "5", "тыс.", "сомов"])
    assert [span.text for span in rules.find(doc)] == ["более 40,1 млн евро"]


def test_an_amounts_extractor_on_a_blank_vocabulary(resources):
    vocab = spacy.blank("ru").vocab
    blank = dataclasses.replace(resources, rules={**resources.rules, "amounts": compile_rules("amounts", vocab)})
    doc = blank_doc(vocab, ["выделено", "6,6", "млн", "евро"])
    [mention] = AmountsExtractor(blank).find(doc, Context())
    assert (mention.value, mention.text) == ("6600000", "6,6 млн евро")


@pytest.mark.parametrize(
    "name, broken, message",
    [
        ("place_rules", lambda d: d.pop("city_cue_lemmas"), "lang/ru/place_rules.json: city_cue_lemmas: missing"),
        (
            "organisation_rules",
            lambda d: d.update(max_words_before="6"),
            "lang/ru/organisation_rules.json: max_words_before: expected int, found str",
        ),
        ("participants", lambda d: d["tally_cues"].append("(за"), "lang/ru/participants.json: tally_cues: '(за'"),
        ("amounts", lambda d: d["tokens"].pop("EURO"), "lang/ru/amounts.json: patterns.amount:"),
        (
            "amounts",
            lambda d: d["patterns"]["amount"].append([{"LIKE_NUM": True}]),
            "lang/ru/amounts.json: patterns.amount: LIKE_NUM is not computed for word forms",
        ),
        ("dates", lambda d: d.pop("event_end_stems"), "lang/ru/dates.json: event_end_stems: missing"),
        (
            "en/participants",
            lambda d: d.pop("window_skip_words"),
            "lang/en/participants.json: window_skip_words: missing",
        ),
        (
            "en/organisation_rules",
            lambda d: d.update(min_words="2"),
            "lang/en/organisation_rules.json: min_words: expected int",
        ),
        ("en/dates", lambda d: d["patterns"]["day"].append(["$NOPE"]), "lang/en/dates.json: patterns.day:"),
        (
            "place_rules",
            lambda d: d["city_adjectives"].update(гиссарский="Гиссар"),
            "lang/ru/place_rules.json: city_adjectives: гиссарский: Гиссар is none of ours",
        ),
    ],
)
def test_a_wrong_data_file_fails_at_start_up_naming_the_file_and_the_key(monkeypatch, name, broken, message):
    """Either language's profile: the English one is built with the Russian one, at start-up."""
    real = rules_module.load_data
    language, _, file = name.rpartition("/")

    def with_broken(file_name, file_language="ru"):
        data = copy.deepcopy(real(file_name, file_language))
        if (file_name, file_language) == (file, language or "ru"):
            broken(data)
        return data

    monkeypatch.setattr(rules_module, "load_data", with_broken)
    with pytest.raises(ValueError, match=re.escape(message)):
        DocumentExtractor(build_resources("ru"), build_resources("en"))


def test_a_wrong_data_file_stops_the_cli_before_anything_is_read(monkeypatch, tmp_path, capsys):
    real = rules_module.load_data

    def with_broken(file_name, language="ru"):
        data = copy.deepcopy(real(file_name, language))
        if (file_name, language) == ("place_rules", "ru"):
            data.pop("city_cue_lemmas")
        return data

    monkeypatch.setattr(rules_module, "load_data", with_broken)
    document_extractor.cache_clear()
    try:
        assert main(["extract", str(SEEDS), "--out", str(tmp_path / "out"), "--no-progress"]) == 6
    finally:
        document_extractor.cache_clear()
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == "bomca-extract: a data file is wrong: lang/ru/place_rules.json: city_cue_lemmas: missing"
    assert not (tmp_path / "out").exists()


def test_every_language_shares_one_gazetteer_in_a_process():
    """Unpickling the gazetteer is most of a start's load: it happens once, not once per language."""
    assert build_resources("ru").gazetteer is build_resources("en").gazetteer


def test_the_ner_embedding_without_navec_vocabulary_tags_as_natasha_does(resources):
    from natasha import Doc as NatashaDoc
    from natasha import NewsEmbedding, NewsNERTagger

    text = (
        "ДУШАНБЕ, 14 марта 2024 г. Программа БОМКА и Пограничные войска ГКНБ Республики Таджикистан "
        "провели в Хороге семинар для офицеров. В нём участвовали представители УНП ООН и МОМ, "
        "а также посол Европейского союза Раймонда Мурмокайте."
    )
    stock = NewsNERTagger(NewsEmbedding())

    def spans(tagger):
        doc = NatashaDoc(text)
        doc.segment(resources.parser.segmenter)
        doc.tag_ner(tagger)
        return [(span.start, span.stop, span.type) for span in doc.spans]

    found = spans(resources.parser.ner_tagger)
    assert {"ORG", "LOC", "PER"} <= {label for *_, label in found}
    assert found == spans(stock)

"""The rule files' sentence triggers are a pre-filter only: on real releases they never lose a match."""

import pytest

from bomca_extract.nlp.rules import compile_rules
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

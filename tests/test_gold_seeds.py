"""The real pipeline on the two seed releases: every document field and mention must be right."""

import pytest

from bomca_extract.batch.run import run_batch
from bomca_extract.evaluation.gold import load_gold, score
from bomca_extract.schema import FIELD_NAMES, SCORED_FACTS

from .conftest import GOLD, SEEDS


@pytest.fixture(scope="module")
def seed_report():
    gold = [g for g in load_gold(GOLD) if g.source.parent == SEEDS]
    assert len(gold) == 2
    result = run_batch([g.source for g in gold])
    return score(gold, result.documents, result.mentions)


@pytest.mark.parametrize("field", FIELD_NAMES)
def test_seed_mentions_exact(seed_report, field):
    scores = seed_report.mentions[field]
    assert (scores.precision, scores.recall) == (1.0, 1.0), "\n".join(seed_report.misses)


@pytest.mark.parametrize("field", SCORED_FACTS)
def test_seed_document_fields_exact(seed_report, field):
    assert seed_report.accuracy(field) == 1.0, "\n".join(seed_report.misses)

"""The real pipeline on the gold corpora (release-like tests/fixtures, real-form tests/pages, English
tests/english and its held-out pages, multi-event tests/events): no score may fall below its floor."""

import json

import pytest

from bomca_extract.batch.run import run_batch
from bomca_extract.cli import main
from bomca_extract.evaluation.gold import Report, below_floors, load_gold, score

from .conftest import ENGLISH, EVENTS, GOLD, PAGES

CORPORA = {
    "releases": (GOLD, GOLD.parent / "floors.json", 42),
    "pages": (PAGES / "gold", PAGES / "floors.json", 42),
    "english": (ENGLISH / "gold", ENGLISH / "floors.json", 25),
    "english_heldout": (ENGLISH / "heldout" / "gold", ENGLISH / "heldout" / "floors.json", 12),
    "events": (EVENTS / "gold", EVENTS / "floors.json", 16),
}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request) -> tuple[Report, dict]:
    gold_dir, floors, size = CORPORA[request.param]
    gold = load_gold(gold_dir)
    result = run_batch([g.source for g in gold])
    assert len(result.documents) == len(gold) >= size
    assert result.n_errors == 0, [row["error"] for row in result.documents if row["error"]]
    return score(gold, result.documents, result.mentions, result.events), json.loads(floors.read_text("utf-8"))


def test_gold_corpus_holds_its_floors(corpus):
    report, floors = corpus
    failures = below_floors(report, floors)
    assert failures == [], "\n".join([*failures, "", report.format(), *report.misses])


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_floors_cover_every_field(name):
    floors = json.loads(CORPORA[name][1].read_text("utf-8"))
    report = Report()
    assert set(floors["mentions_f1"]) == set(report.mentions)
    assert set(floors["documents_accuracy"]) == set(report.document_correct)
    assert set(floors["events"]) == set(report.events.values())


def test_below_floors_names_the_failing_field():
    report = Report(n_documents=1)
    report.mentions["amount_eur"].false_negatives = 1
    report.document_correct = dict.fromkeys(report.document_correct, 1)
    floors = {"mentions_f1": {"amount_eur": 0.5, "date": 0.5}, "documents_accuracy": {"title": 0.5}}
    assert below_floors(report, floors) == ["mentions_f1 amount_eur: 0.000 < 0.500"]


def test_eval_command_prints_scores_and_misses(tmp_path, capsys):
    seed_gold = tmp_path / "gold"
    seed_gold.mkdir()
    data = json.loads((GOLD / "001_4bf72193843a0cfb.json").read_text("utf-8"))
    data["source"] = str((GOLD / data["source"]).resolve())
    data["mentions"].append({"field": "city", "value": "Ош", "country_code": "KG"})
    (seed_gold / "001_4bf72193843a0cfb.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"mentions_f1": {"city": 0.9}}))
    status = main(["eval", "--gold", str(seed_gold), "--floors", str(floors)])
    captured = capsys.readouterr()
    assert status == 1
    assert "001_4bf72193843a0cfb: city: missed ('Ош', 'KG')" in captured.out
    assert "below floor: mentions_f1 city: 0.667 < 0.900" in captured.err

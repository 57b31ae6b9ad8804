"""The real pipeline on the whole gold corpus (tests/fixtures): no score may fall below its floor."""

import json

import pytest

from bomca_extract.batch import run_batch
from bomca_extract.cli import main
from bomca_extract.evaluation import Report, below_floors, load_gold, score

from .conftest import GOLD

FLOORS = json.loads((GOLD.parent / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def corpus_report() -> Report:
    gold = load_gold(GOLD)
    result = run_batch([g.source for g in gold])
    assert len(result.documents) == len(gold) >= 42
    assert result.n_errors == 0, [row["error"] for row in result.documents if row["error"]]
    return score(gold, result.documents, result.mentions)


def test_gold_corpus_holds_its_floors(corpus_report):
    failures = below_floors(corpus_report, FLOORS)
    assert failures == [], "\n".join([*failures, "", corpus_report.format(), *corpus_report.misses])


def test_floors_cover_every_field():
    report = Report()
    assert set(FLOORS["mentions_f1"]) == set(report.mentions)
    assert set(FLOORS["documents_accuracy"]) == set(report.document_correct)


def test_below_floors_names_the_failing_field():
    report = Report(n_documents=1)
    report.mentions["amount_eur"].false_negatives = 1
    report.document_correct = dict.fromkeys(report.document_correct, 1)
    assert below_floors(report, FLOORS) == ["mentions_f1 amount_eur: 0.000 < 0.970"]


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

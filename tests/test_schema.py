"""The field registry is the one place fields are declared: the tables, the records, the error
rows and the evaluation all follow it."""

import dataclasses
import json
from pathlib import Path

from bomca_extract.batch.documents import error_result
from bomca_extract.cli import main
from bomca_extract.evaluation.gold import Report, unknown_floors
from bomca_extract.records import DocumentFacts, Event
from bomca_extract.schema import FACTS, FIELD_NAMES, SCHEMAS, SCORED_FACTS

from .conftest import FIXTURES


def test_every_fact_is_a_documents_column_and_a_record_attribute():
    columns = SCHEMAS["documents"].names
    assert [f.name for f in FACTS] == [c for c in columns if c in {f.name for f in FACTS}]
    assert [f.name for f in dataclasses.fields(DocumentFacts)] == [*(f.name for f in FACTS), "mentions", "events"]
    assert DocumentFacts().publication_date is None and DocumentFacts().mentions == DocumentFacts().events == []


def test_every_event_attribute_is_an_events_column():
    columns = set(SCHEMAS["events"].names) - {"doc_id", "event_id"}
    as_columns = {"start": "char_start", "end": "char_end"}  # `end` is an SQL keyword
    assert {as_columns.get(f.name, f.name) for f in dataclasses.fields(Event)} == columns


def test_an_error_row_has_every_documents_column():
    row = error_result("a", Path("a.txt"), "empty file").document
    assert sorted(row) == sorted(SCHEMAS["documents"].names)


def test_the_evaluation_scores_what_the_registry_declares():
    report = Report()
    assert list(report.mentions) == list(FIELD_NAMES)
    assert list(report.document_correct) == list(SCORED_FACTS)
    assert "publication_date_source" not in SCORED_FACTS  # a column, not a scored fact


def test_a_floor_on_an_unknown_field_names_the_file_and_the_key(tmp_path, capsys):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"mentions_f1": {"citty": 0.9}, "documents_accuracy": {"title": 0.9}}), "utf-8")
    assert unknown_floors(json.loads(floors.read_text("utf-8"))) == ["mentions_f1.citty"]
    assert unknown_floors({"_comment": "x", "documents": {}}) == ["documents"]
    assert main(["eval", "--gold", str(FIXTURES / "gold"), "--floors", str(floors)]) == 2
    assert f"floors file {floors}: unknown fields: mentions_f1.citty" in capsys.readouterr().err

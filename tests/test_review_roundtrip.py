"""The correction round trip: a real run exported for Label Studio and doccano, reviewed (the edits a
reviewer makes, applied to the exported JSON), imported back as gold files that `load_gold` reads
and that score the run's own predictions with exactly the misses the edits made."""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from bomca_extract.cli import main
from bomca_extract.evaluation.gold import load_gold, score
from bomca_extract.review.annotation import export_tasks, label_config_path
from bomca_extract.review.corrections import import_corrections
from bomca_extract.schema import FIELD_NAMES, SCORED_FACTS
from bomca_extract.version import pipeline_version

from .conftest import FIXTURES

OSH, KARAKOL, DUSHANBE = "101_osh_document_security", "102_karakol_equipment_handover", "103_dushanbe_drug_prevention"
# the gold format: the columns a gold mention of each field has besides `field` and `text`
GOLD_COLUMNS = {
    "date": ("date_start", "date_end", "precision"),
    "city": ("value", "country_code"),
    "country": ("value", "country_code"),
    "organisation": ("value",),
    "participants": ("value_num", "qualifier"),
    "amount_eur": ("value_num", "qualifier", "amount_role", "period", "amount_owner"),
}
# the reviewer's edits
DELETED = ("country", "Латвии")  # in OSH
MOVED = ("date", "2003 году", "в 2003 году")  # in OSH: the span widened to take in the preposition
RELABELLED = ("organisation", "Интерпола", "country")  # in OSH: a label no extractor reads it as
RETYPED = ("city", "Джалал-Абада", "Жалал-Абад")  # in OSH, Label Studio only: the value typed in
ADDED = ("date", "февраля 2020 года")  # in KARAKOL: nested in the dateline's day
ADDED_GOLD = {"date_start": "2020-02-01", "date_end": "2020-02-29", "precision": "month"}


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("releases")
    for doc_id in (OSH, KARAKOL, DUSHANBE):
        shutil.copy(FIXTURES / "releases" / f"{doc_id}.txt", inputs)
    (inputs / "empty.txt").write_bytes(b"")  # an error document: nothing to annotate
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(inputs), "--out", str(out), "--no-progress", "--workers", "1"]) == 1
    return out


@pytest.fixture(scope="module")
def tables(run) -> tuple[list[dict], list[dict]]:
    return pq.read_table(run / "documents.parquet").to_pylist(), pq.read_table(run / "mentions.parquet").to_pylist()


@pytest.fixture(scope="module")
def predicted(tables) -> dict[str, list[dict]]:
    """The run's mentions of each document, in the gold format."""
    _, mentions = tables
    by_doc: dict[str, list[dict]] = {}
    for row in mentions:
        by_doc.setdefault(row["doc_id"], []).append(as_gold(row))
    return by_doc


def as_gold(row: dict) -> dict:
    return {"field": row["field"], "text": row["text"], **{c: plain(row[c]) for c in GOLD_COLUMNS[row["field"]]}}


def plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return int(value) if isinstance(value, float) and value.is_integer() else value


def clean_text(run: Path, doc_id: str) -> str:
    return (run / "clean" / f"{doc_id}.txt").read_text("utf-8")


def test_the_edits_have_one_effect_each_on_the_scores(predicted):
    """Each edited mention is the only one of its key in its document, so each edit is one miss."""
    osh = predicted[OSH]
    assert [m for m in osh if m["field"] == "country" and m["country_code"] == "LV"] == [mention(osh, *DELETED)]
    assert [m for m in osh if m.get("value") == "Интерпол"] == [mention(osh, *RELABELLED[:2])]
    assert [m for m in osh if m.get("value") == "Джалал-Абад"] == [mention(osh, *RETYPED[:2])]
    assert not [m for m in osh if m.get("value") == RETYPED[2]]
    assert not [m for m in predicted[KARAKOL] if m["field"] == "date" and m["date_start"] == ADDED_GOLD["date_start"]]


def mention(mentions: list[dict], field: str, text: str) -> dict:
    (found,) = [m for m in mentions if m["field"] == field and m["text"] == text]
    return found


def expected_osh(predicted: dict, *, retyped: bool) -> list[dict]:
    osh = [m for m in predicted[OSH] if m != mention(predicted[OSH], *DELETED)]
    edited = []
    for m in osh:
        if (m["field"], m["text"]) == MOVED[:2]:
            m = m | {"text": MOVED[2]}  # the same year, read from the wider span
        elif (m["field"], m["text"]) == RELABELLED[:2]:
            m = {"field": RELABELLED[2], "text": m["text"], "value": m["text"]}  # not read as a country
        elif retyped and (m["field"], m["text"]) == RETYPED[:2]:
            m = m | {"value": RETYPED[2]}
        edited.append(m)
    return edited


def expected_karakol(predicted: dict) -> list[dict]:
    return [*predicted[KARAKOL], {"field": ADDED[0], "text": ADDED[1], **ADDED_GOLD}]


def canonical(mentions: list[dict]) -> list[str]:
    return sorted(json.dumps(m, ensure_ascii=False, sort_keys=True) for m in mentions)


@contextmanager
def logged_warnings() -> Iterator[list[str]]:
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("bomca_extract.review.corrections")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


# Label Studio


@pytest.fixture(scope="module")
def label_studio(run, tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("label_studio")
    written = export_tasks(run, "label-studio", folder / "tasks.json")
    return written, json.loads(written.read_text("utf-8"))


def test_label_studio_tasks_hold_the_clean_text_and_every_mention_as_a_region(run, tables, label_studio):
    documents, mentions = tables
    _, tasks = label_studio
    assert [task["data"]["doc_id"] for task in tasks] == [OSH, KARAKOL, DUSHANBE]  # not the error document
    for task in tasks:
        data, (prediction,) = task["data"], task["predictions"]
        assert data["text"] == clean_text(run, data["doc_id"])
        assert Path(data["source"]).is_absolute() and Path(data["source"]).is_file()
        row = next(d for d in documents if d["doc_id"] == data["doc_id"])
        assert {name: data[name] for name in SCORED_FACTS} == {name: plain(row[name]) for name in SCORED_FACTS}
        assert prediction["model_version"] == pipeline_version()
        regions = prediction["result"]
        rows = [m for m in mentions if m["doc_id"] == data["doc_id"]]
        assert len(regions) == len(rows) and len({r["id"] for r in regions}) == len(regions)
        for region in regions:
            assert (region["from_name"], region["to_name"], region["type"]) == ("label", "text", "labels")
            value = region["value"]
            assert data["text"][value["start"] : value["end"]] == value["text"]
            assert None not in region["meta"].values()
        spans = {(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in regions}
        assert spans == {(m["char_start"], m["char_end"], m["field"]) for m in rows}


def test_label_studio_config_labels_every_field_and_asks_a_value_per_region(label_studio):
    written, _ = label_studio
    view = ET.fromstring(label_config_path(written).read_text("utf-8"))
    labels = view.find("Labels")
    assert (labels.get("name"), labels.get("toName")) == ("label", "text")
    assert [label.get("value") for label in labels.findall("Label")] == list(FIELD_NAMES)
    assert view.find("Text").attrib == {"name": "text", "value": "$text"}
    area = view.find(".//TextArea")
    assert (area.get("name"), area.get("toName"), area.get("perRegion")) == ("value", "text", "true")


def reviewed_label_studio(run: Path, tasks: list[dict]) -> list[dict]:
    """The export Label Studio gives back: OSH edited, KARAKOL's latest annotation (between an
    older one and a cancelled one) with a mention added, DUSHANBE not reviewed."""
    tasks = copy.deepcopy(tasks)
    by_id = {task["data"]["doc_id"]: task for task in tasks}
    osh = annotation(by_id[OSH])
    result = osh["result"]
    result.remove(region(result, *DELETED))
    moved = region(result, *MOVED[:2])["value"]
    moved.update(start=clean_text(run, OSH).index(MOVED[2]), text=MOVED[2])
    region(result, *RELABELLED[:2])["value"]["labels"] = [RELABELLED[2]]  # its meta stays, as in the tool
    retyped = region(result, *RETYPED[:2])
    area = {"start": retyped["value"]["start"], "end": retyped["value"]["end"], "text": [RETYPED[2]]}
    result.append({"id": retyped["id"], "from_name": "value", "to_name": "text", "type": "textarea", "value": area})
    by_id[OSH]["annotations"] = [osh]
    karakol = annotation(by_id[KARAKOL])
    start = clean_text(run, KARAKOL).index(ADDED[1])
    added = {"start": start, "end": start + len(ADDED[1]), "text": ADDED[1], "labels": [ADDED[0]]}
    karakol["result"].append({"id": "new1", "from_name": "label", "to_name": "text", "type": "labels", "value": added})
    older = annotation(by_id[KARAKOL]) | {"result": []}
    cancelled = annotation(by_id[KARAKOL]) | {"result": [], "was_cancelled": True}
    by_id[KARAKOL]["annotations"] = [older, karakol, cancelled]
    return tasks


def annotation(task: dict) -> dict:
    """An annotation made from the task's prediction: Label Studio keeps the region ids."""
    return {"id": 1, "result": copy.deepcopy(task["predictions"][0]["result"]), "was_cancelled": False}


def region(result: list[dict], field: str, text: str) -> dict:
    (found,) = [
        r for r in result if r["type"] == "labels" and (r["value"]["labels"], r["value"]["text"]) == ([field], text)
    ]
    return found


@pytest.fixture(scope="module")
def label_studio_gold(run, label_studio, tmp_path_factory) -> tuple[Path, list[Path], list[str]]:
    _, tasks = label_studio
    folder = tmp_path_factory.mktemp("label_studio_review")
    export = folder / "project-1-at-2024-05-01.json"
    export.write_text(json.dumps(reviewed_label_studio(run, tasks), ensure_ascii=False), "utf-8")
    with logged_warnings() as warnings:
        written = import_corrections(export, folder / "gold")
    return folder / "gold", written, warnings


def test_label_studio_review_gives_a_gold_file_per_reviewed_task(label_studio_gold):
    gold_dir, written, warnings = label_studio_gold
    assert written == [gold_dir / f"{OSH}.json", gold_dir / f"{KARAKOL}.json"]
    assert sorted(gold_dir.iterdir()) == sorted(written)
    assert any(DUSHANBE in message and "not reviewed" in message for message in warnings)
    assert any(RELABELLED[1] in message and "only its text" in message for message in warnings)
    assert all("events" not in json.loads(path.read_text("utf-8")) for path in written)


def test_label_studio_gold_holds_exactly_the_reviewed_mentions(label_studio_gold, predicted, tables):
    gold_dir, _, _ = label_studio_gold
    gold = {doc.doc_id: doc for doc in load_gold(gold_dir)}
    assert set(gold) == {OSH, KARAKOL}
    sources = {row["doc_id"]: Path(row["source"]).resolve() for row in tables[0]}
    assert all(doc.source == sources[doc.doc_id] and doc.events is None for doc in gold.values())
    assert canonical(gold[OSH].mentions) == canonical(expected_osh(predicted, retyped=True))
    assert canonical(gold[KARAKOL].mentions) == canonical(expected_karakol(predicted))


def test_label_studio_gold_scores_the_run_with_the_misses_the_review_made(label_studio_gold, tables):
    gold_dir, _, _ = label_studio_gold
    report = score(load_gold(gold_dir), *tables)
    assert misses(report) == (
        {"country": 1, "city": 1, "date": 1},  # the relabelled and retyped values, the added date
        {"country": 1, "city": 1, "organisation": 1},  # the deleted country, the relabelled and retyped mentions
    )
    assert all(report.accuracy(name) == 1.0 for name in SCORED_FACTS)  # the run's own, unreviewed
    assert {name: report.events.checks[name].value for name in ("amount_role", "amount_period", "amount_owner")} == {
        "amount_role": 1.0,
        "amount_period": 1.0,
        "amount_owner": 1.0,
    }


def misses(report) -> tuple[dict[str, int], dict[str, int]]:
    """(false negatives, false positives) of the fields that have any."""
    scores = report.mentions
    return (
        {name: s.false_negatives for name, s in scores.items() if s.false_negatives},
        {name: s.false_positives for name, s in scores.items() if s.false_positives},
    )


# doccano


@pytest.fixture(scope="module")
def doccano(run, tmp_path_factory) -> list[dict]:
    written = export_tasks(run, "doccano", tmp_path_factory.mktemp("doccano") / "tasks.jsonl")
    return [json.loads(line) for line in written.read_text("utf-8").splitlines()]


def test_doccano_lines_hold_the_clean_text_and_every_mention_as_a_span(run, tables, doccano):
    _, mentions = tables
    assert [line["doc_id"] for line in doccano] == [OSH, KARAKOL, DUSHANBE]
    for line in doccano:
        assert line["text"] == clean_text(run, line["doc_id"])
        rows = [m for m in mentions if m["doc_id"] == line["doc_id"]]
        assert sorted(map(tuple, line["label"])) == sorted((m["char_start"], m["char_end"], m["field"]) for m in rows)
        assert [(e["start"], e["end"], e["field"]) for e in line["mentions_meta"]] == [tuple(s) for s in line["label"]]
        assert set(line["document"]) >= set(SCORED_FACTS)


def reviewed_doccano(run: Path, lines: list[dict], key: str) -> list[dict]:
    """doccano's export: its own id, the spans under `key` ('label' as triples; 'entities' as
    objects in a project with relations, where the imported 'label' stays as metadata), and the
    other keys of the import as they were."""
    reviewed = []
    for number, line in enumerate(copy.deepcopy(lines), start=1):
        spans = [tuple(span) for span in line["label"]]
        text = line["text"]
        if line["doc_id"] == OSH:
            spans.remove(span(text, spans, *DELETED))
            start, end, field = span(text, spans, *MOVED[:2])
            spans[spans.index((start, end, field))] = (text.index(MOVED[2]), end, field)
            start, end, _ = span(text, spans, *RELABELLED[:2])
            spans[spans.index((start, end, RELABELLED[0]))] = (start, end, RELABELLED[2])
        if line["doc_id"] == KARAKOL:
            start = text.index(ADDED[1])
            spans.append((start, start + len(ADDED[1]), ADDED[0]))
        if key == "entities":
            entities = [{"id": i, "label": f, "start_offset": s, "end_offset": e} for i, (s, e, f) in enumerate(spans)]
            reviewed.append({"id": number, **line, "entities": entities, "relations": [], "Comments": []})
        else:
            reviewed.append({"id": number, **line, "label": [list(s) for s in spans], "Comments": []})
    return reviewed


def span(text: str, spans: list[tuple], field: str, covered: str) -> tuple:
    (found,) = [s for s in spans if s[2] == field and text[s[0] : s[1]] == covered]
    return found


@pytest.mark.parametrize("key", ["label", "entities"])
def test_doccano_review_gives_gold_that_scores_the_run_with_the_misses_the_review_made(
    run, doccano, predicted, tables, tmp_path, key
):
    export = tmp_path / "admin.jsonl"
    export.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in reviewed_doccano(run, doccano, key))
    )
    written = import_corrections(export, tmp_path / "gold")
    assert written == [tmp_path / "gold" / f"{doc_id}.json" for doc_id in (OSH, KARAKOL, DUSHANBE)]
    gold = {doc.doc_id: doc for doc in load_gold(tmp_path / "gold")}
    assert canonical(gold[OSH].mentions) == canonical(expected_osh(predicted, retyped=False))
    assert canonical(gold[KARAKOL].mentions) == canonical(expected_karakol(predicted))
    assert canonical(gold[DUSHANBE].mentions) == canonical(predicted[DUSHANBE])
    report = score(gold.values(), *tables)
    assert misses(report) == ({"country": 1, "date": 1}, {"country": 1, "organisation": 1})


# malformed exports


TEXT = "В Оше прошел семинар.\n"
DATA = {"text": TEXT, "doc_id": "seminar", "source": "/data/raw/seminar.txt", "language": "ru"}


def labels(start: int, end: int, label: str = "city") -> dict:
    value = {"start": start, "end": end, "labels": [label]}
    return {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": value}


@pytest.mark.parametrize(
    "content, problem",
    [
        ("[{", "not JSON"),
        ('{"data": {}}', "not a Label Studio export"),
        (json.dumps([{"annotations": [{"result": []}]}]), "task 1: the task has no 'data'"),
        (json.dumps([{"data": DATA, "annotations": {"result": []}}]), "task 1 (seminar): 'annotations' is not a list"),
        (
            json.dumps([{"data": DATA, "annotations": [{"result": [labels(2, 90)]}]}]),
            "task 1 (seminar): region r1: offsets",
        ),
        (
            json.dumps([{"data": DATA, "annotations": [{"result": [labels(2, 5, "venue")]}]}]),
            "unknown field label 'venue'",
        ),
        (json.dumps([{"data": DATA, "annotations": [{"result": [labels(5, 2)]}]}]), "offsets 5..2 are not a span"),
    ],
)
def test_a_malformed_label_studio_export_is_a_value_error_naming_the_file_and_the_task(tmp_path, content, problem):
    export = tmp_path / "reviewed.json"
    export.write_text(content, "utf-8")
    with pytest.raises(ValueError, match=f"^{re.escape(str(export))}: .*{re.escape(problem)}"):
        import_corrections(export, tmp_path / "gold")
    assert not (tmp_path / "gold").exists()


@pytest.mark.parametrize(
    "lines, problem",
    [
        (['{"text": "x"', ""], "line 1: not JSON"),
        (
            [json.dumps({**DATA, "document": DATA, "label": [[2, 5, "city"]]}), "[1, 2]"],
            "line 2: the line has no 'text'",
        ),
        ([json.dumps({**DATA, "document": DATA, "label": [[2, 50, "city"]]})], "line 1 (seminar): span 2..50: offsets"),
        (
            [json.dumps({**DATA, "document": DATA, "label": [[2, 5]]})],
            "line 1 (seminar): span [2, 5] is not [start, end, label]",
        ),
        (
            [json.dumps({**DATA, "document": DATA, "label": [[2, 5, "town"]]})],
            "line 1 (seminar): span 2..5: unknown field label 'town'",
        ),
        ([json.dumps({**DATA, "document": DATA})], "line 1 (seminar): no 'label'"),
    ],
)
def test_a_malformed_doccano_export_is_a_value_error_naming_the_file_and_the_line(tmp_path, lines, problem):
    export = tmp_path / "admin.jsonl"
    export.write_text("\n".join(lines), "utf-8")
    with pytest.raises(ValueError, match=f"^{re.escape(str(export))}: {re.escape(problem)}"):
        import_corrections(export, tmp_path / "gold")
    assert not (tmp_path / "gold").exists()


def test_a_task_reviewed_only_by_a_cancelled_annotation_gets_no_gold_file(tmp_path):
    export = tmp_path / "reviewed.json"
    cancelled = {"result": [labels(2, 5)], "was_cancelled": True}
    export.write_text(json.dumps([{"data": DATA, "annotations": [cancelled]}, {"data": DATA | {"doc_id": "other"}}]))
    with logged_warnings() as warnings:
        assert import_corrections(export, tmp_path / "gold") == []
    assert [message.split(": ")[1] for message in warnings] == ["task 1 (seminar)", "task 2 (other)"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2016-05-23", {"date_start": "2016-05-23", "date_end": "2016-05-23", "precision": "day"}),
        ("2016-05-22/2016-05-24", {"date_start": "2016-05-22", "date_end": "2016-05-24", "precision": "day"}),
        ("вчера", {}),  # not a date: only the text is kept, with a warning
    ],
)
def test_a_typed_value_replaces_the_predicted_one(tmp_path, typed, expected):
    data = DATA | {"text": "Семинар прошел 22 мая.\n", "publication_date": "2016-05-22"}
    predicted = labels(15, 21, "date") | {
        "meta": {"date_start": "2016-05-22", "date_end": "2016-05-22", "precision": "day"}
    }
    area = {"id": "r1", "from_name": "value", "to_name": "text", "type": "textarea", "value": {"text": [typed]}}
    task = {
        "data": data,
        "predictions": [{"result": [predicted]}],
        "annotations": [{"result": [labels(15, 21, "date"), area]}],
    }
    export = tmp_path / "reviewed.json"
    export.write_text(json.dumps([task]), "utf-8")
    with logged_warnings() as warnings:
        (written,) = import_corrections(export, tmp_path / "gold")
    assert json.loads(written.read_text("utf-8"))["mentions"] == [{"field": "date", "text": "22 мая", **expected}]
    assert bool(warnings) == (not expected)


def test_the_command_line_round_trip_ends_in_an_eval_of_the_reviewed_batch(run, tmp_path, capsys):
    """export -> a reviewer deletes one mention in doccano -> import-corrections -> eval: the run's
    own mention is now the one spurious mention of the batch."""
    exported = tmp_path / "review.jsonl"
    assert main(["export", "--format", "doccano", "--out", str(run), "--to", str(exported)]) == 0
    lines = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    osh = next(line for line in lines if line["doc_id"] == OSH)
    text = osh["text"]
    deleted = next(span for span in osh["label"] if [text[span[0] : span[1]], span[2]] == [DELETED[1], DELETED[0]])
    osh["label"].remove(deleted)
    exported.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    gold = tmp_path / "gold"
    assert main(["import-corrections", str(exported), "--gold", str(gold)]) == 0
    assert sorted(p.stem for p in gold.glob("*.json")) == sorted([OSH, KARAKOL, DUSHANBE])
    capsys.readouterr()
    assert main(["eval", "--gold", str(gold)]) == 0
    report = capsys.readouterr().out
    assert f"{OSH}: country: spurious ('Латвия', 'LV')" in report
    assert re.search(r"^country\s+\S+\s+1\.000\s+\S+\s+\d+\s+1\s+0$", report, re.MULTILINE)


def test_import_of_a_malformed_file_is_a_usage_error_naming_it(tmp_path, capsys):
    broken = tmp_path / "review.jsonl"
    broken.write_text("{not json\n", "utf-8")
    assert main(["import-corrections", str(broken), "--gold", str(tmp_path / "gold")]) == 2
    assert str(broken) in capsys.readouterr().err
    assert not (tmp_path / "gold").exists()

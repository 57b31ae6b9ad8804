"""A run's mentions as pre-annotations for an annotation tool, one task (or line) per document, so that
a reviewer corrects them there and `corrections.import_corrections` turns the result into gold files.

Two formats:

- "label-studio": a JSON list of Label Studio tasks, each with the clean text and the document's
  fields in `data` and the mentions as one prediction (`type` "labels" regions on the `Text` tag
  "text", with the mention's normalised columns in each region's `meta`), plus the labelling config
  beside it (`label_config_path`): the six mention fields as labels, and a per-region text area
  "value" where a reviewer types a normalised value.
- "doccano": doccano's JSONL for sequence labelling, `{"text", "label": [[start, end, field], ...]}`,
  plus keys doccano keeps as the example's metadata: `doc_id`, `source`, `document` and
  `mentions_meta` (the normalised columns of each labelled span).

Offsets are the tables' `char_start`/`char_end`: Python character offsets into `clean/<doc_id>.txt`.

>>> print(label_config().splitlines()[3])
    <Label value="date" />
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..schema import FACTS, FIELD_NAMES, MENTION_COLUMNS
from ..staging import write_text
from ..version import pipeline_version
from .outputs import read_outputs

FORMATS = ("label-studio", "doccano")
DEFAULT_NAMES = {"label-studio": "label_studio_tasks.json", "doccano": "doccano.jsonl"}
# the names the labelling config gives its tags, which the regions name in turn
LABELS, TEXT, VALUE = "label", "text", "value"
_NOT_NORMALISED = {"field", "text", "char_start", "char_end", "method"}
META_COLUMNS = tuple(column.name for column in MENTION_COLUMNS if column.name not in _NOT_NORMALISED)
FACT_NAMES = tuple(fact.name for fact in FACTS)
_HINT = "a name: Бишкек; a date or dates: 2016-05-22, 2016-05-22/2016-05-24; a number: 36000000"


@dataclass(frozen=True)
class _Document:
    doc_id: str
    source: str  # absolute
    text: str
    facts: dict  # FACT_NAMES -> JSON values
    mentions: list[dict]  # rows of the mentions table, in text order


def export_tasks(out_dir: Path, fmt: str, dest: Path) -> Path:
    """Write the documents of the run in `out_dir` to `dest` in `fmt` (one of FORMATS) and return
    `dest`; for Label Studio the labelling config is written beside it too (`label_config_path`).

    Documents whose status is "error" have no clean text, so nothing to annotate: they are left
    out of the export (the documents table lists them and their errors).

    >>> export_tasks(Path("."), "brat", Path("tasks.ann"))
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'brat': one of label-studio, doccano
    """
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    _WRITERS[fmt](_read_run(out_dir), dest)
    return dest


def label_config_path(dest: Path) -> Path:
    """Where the labelling config of the Label Studio tasks in `dest` is written.

    >>> label_config_path(Path("review/tasks.json")).as_posix()
    'review/tasks.label_config.xml'
    """
    return dest.with_name(f"{dest.stem}.label_config.xml")


def label_config() -> str:
    """The Label Studio labelling config of the tasks: a label per mention field on the clean text
    (`white-space: pre-wrap` keeps its spaces and line breaks as they are counted in the offsets)
    and, for the selected region, a text area for its normalised value."""
    view = ET.Element("View")
    ET.SubElement(view, "Style").text = ".htx-text { white-space: pre-wrap; }"
    labels = ET.SubElement(view, "Labels", name=LABELS, toName=TEXT)
    for field in FIELD_NAMES:
        ET.SubElement(labels, "Label", value=field)
    ET.SubElement(view, "Text", name=TEXT, value=f"${TEXT}")
    region = ET.SubElement(view, "View", visibleWhen="region-selected")
    ET.SubElement(region, "Header", value="Normalised value (empty: keep the extracted one)")
    attributes = {"perRegion": "true", "editable": "true", "maxSubmissions": "1", "rows": "1", "placeholder": _HINT}
    ET.SubElement(region, "TextArea", name=VALUE, toName=TEXT, **attributes)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def mention_meta(row: dict) -> dict:
    """The normalised columns of a mention row that have a value, as JSON values.

    >>> mention_meta({"field": "date", "value": "2024-03-05", "date_start": dt.date(2024, 3, 5), "value_num": None})
    {'value': '2024-03-05', 'date_start': '2024-03-05'}
    """
    return {column: json_value(row[column]) for column in META_COLUMNS if row.get(column) is not None}


def json_value(value: object) -> object:
    """A table value as JSON writes it: dates in ISO form, numbers as floats, whole ones as integers.

    >>> json_value(dt.date(2016, 5, 22)), json_value(36000000.0), json_value(Decimal("8.2")), json_value("KG")
    ('2016-05-22', 36000000, 8.2, 'KG')
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read_run(out_dir: Path) -> list[_Document]:
    run = read_outputs(out_dir)
    mentions = run.by_document("mentions")
    return [
        _document(row, run.clean_text(row["doc_id"]), sorted(mentions.get(row["doc_id"], []), key=_text_order))
        for row in run.documents
        if row["status"] != "error"
    ]


def _document(row: dict, text: str, mentions: list[dict]) -> _Document:
    return _Document(
        doc_id=row["doc_id"],
        source=str(Path(row["source"]).resolve()),
        text=text,
        facts={name: json_value(row[name]) for name in FACT_NAMES},
        mentions=mentions,
    )


def _text_order(row: dict) -> tuple:
    return row["char_start"], row["char_end"], row["field"]


def _write_label_studio(documents: list[_Document], dest: Path) -> None:
    tasks = [_task(document) for document in documents]
    write_text(dest, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    write_text(label_config_path(dest), label_config())


def _task(document: _Document) -> dict:
    data = {TEXT: document.text, "doc_id": document.doc_id, "source": document.source, **document.facts}
    prefix = hashlib.sha256(document.doc_id.encode()).hexdigest()[:8]
    regions = [_region(f"{prefix}_{index}", row) for index, row in enumerate(document.mentions)]
    return {"data": data, "predictions": [{"model_version": pipeline_version(), "result": regions}]}


def _region(region_id: str, row: dict) -> dict:
    value = {"start": row["char_start"], "end": row["char_end"], "text": row["text"], "labels": [row["field"]]}
    return {
        "id": region_id,
        "from_name": LABELS,
        "to_name": TEXT,
        "type": "labels",
        "value": value,
        "meta": mention_meta(row),
    }


def _write_doccano(documents: list[_Document], dest: Path) -> None:
    lines = [json.dumps(_line(document), ensure_ascii=False) + "\n" for document in documents]
    write_text(dest, "".join(lines))


def _line(document: _Document) -> dict:
    spans = [(row["char_start"], row["char_end"], row["field"]) for row in document.mentions]
    return {
        "text": document.text,
        "label": [list(span) for span in spans],
        "doc_id": document.doc_id,
        "source": document.source,
        "document": document.facts,
        "mentions_meta": [
            {"start": start, "end": end, "field": field, "meta": mention_meta(row)}
            for (start, end, field), row in zip(spans, document.mentions)
        ],
    }


_WRITERS: dict[str, Callable[[list[_Document], Path], None]] = {
    "label-studio": _write_label_studio,
    "doccano": _write_doccano,
}

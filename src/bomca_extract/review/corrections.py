"""A reviewed export of `annotation.export_tasks`, back from the annotation tool, as gold files:
`gold_dir/<doc_id>.json` per reviewed document, in the format `evaluation.gold.load_gold` reads.

A reviewed region becomes a gold mention of the field its label names, with the text it spans and
the field's gold columns (`GOLD_COLUMNS`):

- a region with the offsets and label of a pre-annotation keeps that mention's normalised values;
- any other region (added, moved or relabelled) is normalised from its text alone (`normalise`),
  without an amount's role, period and owner, which come from its sentence; a region whose text
  does not read as its field keeps only its text (and as `value` for a name), with a warning;
- a value the reviewer typed in the region's text area (Label Studio) replaces the normalised one:
  a name as typed, a date as `2016-05-22` or `2016-05-22/2016-05-24`, a number as digits.

The gold files have no `events`: reviewers see mentions, not events. Their `document` fields are
the run's, as the export carried them: the tools show them but do not let them be corrected.

Label Studio (a JSON list of tasks): a task's latest annotation that was not cancelled is its review;
a task without one was not reviewed and gets no gold file (a warning names it). The pre-annotations
are looked up in the task's `predictions`, which the JSON export includes. doccano (`.jsonl`): every
line is a reviewed document (export only the approved ones), its spans under `label`, or `entities`
in a project with relations, its pre-annotations under `mentions_meta`.

A file that is not such an export raises ValueError naming the file and the task or line; warnings
go to this module's logger.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..batch.documents import document_extractor
from ..extractors.resources import Resources
from ..schema import FIELD_NAMES, MENTION_FIELDS, SCORED_FACTS
from ..staging import StagedFiles
from ..text.language import Block, language_of
from .annotation import FACT_NAMES, LABELS, TEXT, VALUE, json_value, mention_meta

log = logging.getLogger(__name__)

_NAME_FIELDS = ("city", "country", "organisation")
_CONTEXT_COLUMNS = ("amount_role", "period", "amount_owner")  # an amount's, read from its sentence
_EXTRA_COLUMNS = {"date": ("precision",), "amount_eur": _CONTEXT_COLUMNS}
GOLD_COLUMNS = {field.name: (*field.key, *_EXTRA_COLUMNS.get(field.name, ())) for field in MENTION_FIELDS}
_SPAN_COLUMNS = {name: tuple(c for c in columns if c not in _CONTEXT_COLUMNS) for name, columns in GOLD_COLUMNS.items()}


class _Malformed(Exception):
    """What is wrong in one task or line; the reader names the file and the place."""


@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    field: str
    name: str  # how messages name it: 'region <id>', 'span 12..20'
    typed: str | None = None  # the normalised value the reviewer typed, if any


@dataclass(frozen=True)
class _Reviewed:
    """One reviewed document of the export."""

    where: str  # 'review.json: task 3 (doc_id)'
    doc_id: str
    source: str
    text: str
    document: dict  # the document fields
    regions: list[_Region]
    metas: dict[tuple[int, int, str], dict] | None  # the pre-annotations' normalised values; None: not exported

    @property
    def published(self) -> dt.date | None:
        value = self.document.get("publication_date")
        return dt.date.fromisoformat(value) if value else None


def import_corrections(path: Path, gold_dir: Path) -> list[Path]:
    """Write a gold file into `gold_dir` for every reviewed document of the export at `path` (a Label
    Studio `.json` export or a doccano `.jsonl` export) and return their paths; an existing gold
    file of the same document is replaced. Nothing is written when the file is malformed.

    >>> import_corrections(Path("review.csv"), Path("gold"))
    Traceback (most recent call last):
    ...
    ValueError: review.csv: cannot be read: [Errno 2] No such file or directory: 'review.csv'
    """
    reviewed = _read(path)
    _check_unique(reviewed)
    gold = {doc.doc_id: _gold_file(doc, gold_dir) for doc in reviewed}
    written = [gold_dir / f"{doc_id}.json" for doc_id in gold]
    with StagedFiles() as staged:
        for target, data in zip(written, gold.values()):
            staged.write_text(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return written


def normalise(field: str, text: str, published: dt.date | None, *, language: str | None = None) -> dict | None:
    """The normalised values of `text` read alone as a mention of `field` by the pipeline's own
    extractors (those of the document's `language`, else of the text's alphabet; `published` gives
    '24 мая' its year): those of the longest such mention they find in it, None if they find none.
    A count is also read by its number alone: the participants rule needs a cue ('приняли участие')
    that a span seldom includes.

    >>> normalise("city", "в Оше", None)
    {'value': 'Ош', 'country_code': 'KG', 'entity_id': 'geonames:1527534'}
    >>> normalise("participants", "около тридцати человек", None)
    {'value': '30', 'value_num': 30, 'qualifier': 'approx'}
    >>> normalise("date", "Оше", None) is None
    True
    """
    extractor = document_extractor()
    chosen = next((c for c in (language, language_of(text)) if c in extractor.paths), extractor.resources.language)
    path = extractor.paths[chosen]
    found = [m for m in path.block_mentions(text, Block(0, len(text), chosen), published) if m.field == field]
    if found:
        return mention_meta(dataclasses.asdict(max(found, key=lambda m: m.end - m.start)))
    return _count(path.resources, text) if field == "participants" else None


def _count(resources: Resources, text: str) -> dict | None:
    numbers = resources.numbers
    qualifier, tokens = numbers.split_qualifier(list(resources.parser.parse(text)))
    value = numbers.value([t for t in tokens if t.text[:1].isdigit() or numbers.word_value(t.text) is not None])
    if value is None or value <= 0 or value != value.to_integral_value():
        return None
    return mention_meta({"value": format(value.normalize(), "f"), "value_num": value, "qualifier": qualifier})


def _read(path: Path) -> list[_Reviewed]:
    try:
        content = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read: {exc}") from None
    return _read_doccano(path, content) if path.suffix.lower() == ".jsonl" else _read_label_studio(path, content)


def _read_label_studio(path: Path, content: str) -> list[_Reviewed]:
    try:
        tasks = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON: {exc}") from None
    if not isinstance(tasks, list):
        raise ValueError(f"{path}: not a Label Studio export (a JSON list of tasks); a doccano export ends in .jsonl")
    reviewed = []
    for number, task in enumerate(tasks, start=1):
        where = _place(path, "task", number, task.get("data") if isinstance(task, dict) else None)
        try:
            document = _task(task, where)
        except _Malformed as exc:
            raise ValueError(f"{where}: {exc}") from None
        if document is not None:
            reviewed.append(document)
    return reviewed


def _read_doccano(path: Path, content: str) -> list[_Reviewed]:
    reviewed = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: line {number}: not JSON: {exc}") from None
        where = _place(path, "line", number, item)
        try:
            reviewed.append(_doccano_line(item, where))
        except _Malformed as exc:
            raise ValueError(f"{where}: {exc}") from None
    return reviewed


def _place(path: Path, kind: str, number: int, holder: object) -> str:
    """'review.json: task 3 (101_osh)': the doc_id when the holder has one."""
    doc_id = holder.get("doc_id") if isinstance(holder, dict) else None
    return f"{path}: {kind} {number}" + (f" ({doc_id})" if isinstance(doc_id, str) else "")


def _task(task: object, where: str) -> _Reviewed | None:
    data = _get(task, "data", dict, "the task")
    annotation = _latest_annotation(task)
    if annotation is None:
        log.warning("%s: not reviewed (no annotation that was not cancelled): no gold file written", where)
        return None
    text = _get(data, TEXT, str, "data")
    results = _get(annotation, "result", list, "the annotation")
    return _Reviewed(
        where=where,
        doc_id=_doc_id(data),
        source=_get(data, "source", str, "data"),
        text=text,
        document=_document(data),
        regions=_label_studio_regions(results, text),
        metas=_predicted_metas(task),
    )


def _latest_annotation(task: dict) -> dict | None:
    annotations = task.get("annotations", [])
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise _Malformed("'annotations' is not a list of annotations")
    done = [a for a in annotations if not a.get("was_cancelled")]
    return done[-1] if done else None


def _label_studio_regions(results: list, text: str) -> list[_Region]:
    if not all(isinstance(result, dict) for result in results):
        raise _Malformed("a result of the annotation is not an object")
    areas = [r for r in results if r.get("type") == "textarea" and r.get("from_name") == VALUE]
    typed = {area.get("id"): _typed_text(area) for area in areas}
    return [_label_studio_region(r, text, typed) for r in results if r.get("type") == "labels"]


def _label_studio_region(result: dict, text: str, typed: dict) -> _Region:
    name = f"region {result.get('id')}"
    value = _get(result, "value", dict, name)
    labels = _get(value, "labels", list, name)
    if len(labels) != 1:
        raise _Malformed(f"{name} has {len(labels)} labels, not one")
    region = _region(_get(value, "start", int, name), _get(value, "end", int, name), labels[0], text, name)
    if "text" in value and value["text"] != text[region.start : region.end]:
        raise _Malformed(f"{name}: its text {value['text']!r} is not the text at {region.start}..{region.end}")
    return dataclasses.replace(region, typed=typed.get(result.get("id")))


def _typed_text(result: dict) -> str | None:
    """The value typed in a region's text area: its last non-empty entry."""
    entries = _get(result, "value", dict, f"text area {result.get('id')}").get("text", [])
    entries = [entries] if isinstance(entries, str) else entries
    if not isinstance(entries, list) or not all(isinstance(entry, str) for entry in entries):
        raise _Malformed(f"text area {result.get('id')}: 'text' is not a list of strings")
    return next((entry.strip() for entry in reversed(entries) if entry.strip()), None)


def _predicted_metas(task: dict) -> dict[tuple[int, int, str], dict] | None:
    """The normalised values of the task's predicted regions, by offsets and label; None when the
    export holds no predictions (an Enterprise snapshot may give their ids only)."""
    predictions = [p for p in _objects(task.get("predictions")) if isinstance(p.get("result"), list)]
    if not predictions:
        return None
    metas = {}
    for region in (r for p in predictions for r in _objects(p["result"]) if r.get("from_name") == LABELS):
        value = region.get("value")
        if isinstance(value, dict) and isinstance(value.get("labels"), list) and value["labels"]:
            meta = region.get("meta")
            metas[value.get("start"), value.get("end"), value["labels"][0]] = meta if isinstance(meta, dict) else {}
    return metas


def _objects(items: object) -> list[dict]:
    """The objects of a list (nothing for what is not one): predictions need no checking, they are ours."""
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _doccano_line(item: object, where: str) -> _Reviewed:
    text = _get(item, TEXT, str, "the line")
    spans = item.get("entities", item.get("label"))  # with relations, the reviewed spans are 'entities'
    if not isinstance(spans, list):
        raise _Malformed("no 'label' (or 'entities') list of spans")
    return _Reviewed(
        where=where,
        doc_id=_doc_id(item),
        source=_get(item, "source", str, "the line"),
        text=text,
        document=_document(_get(item, "document", dict, "the line")),
        regions=[_doccano_region(span, text) for span in spans],
        metas=_doccano_metas(item.get("mentions_meta")),
    )


def _doccano_region(span: object, text: str) -> _Region:
    """[start, end, label] as doccano exports a project without relations; with relations a dict."""
    if isinstance(span, dict):
        span = [span.get("start_offset"), span.get("end_offset"), span.get("label")]
    if not (isinstance(span, list) and len(span) == 3 and all(_is_int(offset) for offset in span[:2])):
        raise _Malformed(f"span {span!r} is not [start, end, label]")
    start, end, field = span
    return _region(start, end, field, text, f"span {start}..{end}")


def _doccano_metas(entries: object) -> dict[tuple[int, int, str], dict] | None:
    if entries is None:
        return None
    if not isinstance(entries, list):
        raise _Malformed("'mentions_meta' is not a list")
    metas = {}
    for entry in entries:
        meta = _get(entry, "meta", dict, "an entry of 'mentions_meta'")
        metas[entry.get("start"), entry.get("end"), entry.get("field")] = meta
    return metas


def _region(start: int, end: int, field: object, text: str, name: str) -> _Region:
    if field not in FIELD_NAMES:
        raise _Malformed(f"{name}: unknown field label {field!r} (the labels are {', '.join(FIELD_NAMES)})")
    if not 0 <= start < end <= len(text):
        raise _Malformed(f"{name}: offsets {start}..{end} are not a span of the text ({len(text)} characters)")
    return _Region(start, end, field, name)


def _doc_id(holder: dict) -> str:
    doc_id = _get(holder, "doc_id", str, "the document")
    if doc_id in ("", ".", "..") or Path(doc_id).name != doc_id:
        raise _Malformed(f"doc_id {doc_id!r} cannot name a gold file")
    return doc_id


def _document(holder: dict) -> dict:
    document = {name: holder.get(name) for name in FACT_NAMES}
    published = document["publication_date"]
    if published is not None:
        try:
            dt.date.fromisoformat(published)
        except (TypeError, ValueError):
            raise _Malformed(f"publication_date {published!r} is not a date in ISO form") from None
    return document


def _get(holder: object, key: str, kind: type, what: str) -> Any:
    """holder[key], if the holder is an object and the value a `kind`."""
    value = holder.get(key) if isinstance(holder, dict) else None
    if not isinstance(value, kind) or (kind is int and not _is_int(value)):
        raise _Malformed(f"{what} has no {key!r} ({kind.__name__})")
    return value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_unique(reviewed: list[_Reviewed]) -> None:
    seen: dict[str, str] = {}
    for doc in reviewed:
        if doc.doc_id in seen:
            raise ValueError(f"{doc.where}: a second review of {doc.doc_id} (the first: {seen[doc.doc_id]}); keep one")
        seen[doc.doc_id] = doc.where


def _gold_file(doc: _Reviewed, gold_dir: Path) -> dict:
    if Path(doc.source).stem != doc.doc_id:
        log.warning("%s: load_gold will name the document %s, after its source", doc.where, Path(doc.source).stem)
    regions = sorted(doc.regions, key=lambda r: (r.start, r.end, r.field))
    return {
        "source": os.path.relpath(doc.source, gold_dir),
        "document": {name: doc.document[name] for name in SCORED_FACTS},
        "mentions": [_gold_mention(doc, region) for region in regions],
    }


def _gold_mention(doc: _Reviewed, region: _Region) -> dict:
    text, field = doc.text[region.start : region.end], region.field
    meta = doc.metas.get((region.start, region.end, field)) if doc.metas else None
    values = meta if meta is not None else normalise(field, text, doc.published, language=doc.document["language"])
    problem = f"its text does not read as a {field}"
    if region.typed is not None:
        values, problem = _typed(field, values or {}, region.typed), f"{region.typed!r} does not read as a {field}"
    if values is None:
        log.warning("%s: %s %s %r: %s: only its text is kept", doc.where, region.name, field, text, problem)
        return {"field": field, "text": text, **({"value": text} if field in _NAME_FIELDS else {})}
    columns = GOLD_COLUMNS[field] if meta is not None else _SPAN_COLUMNS[field]
    return {"field": field, "text": text, **{column: values.get(column) for column in columns}}


def _typed(field: str, values: dict, typed: str) -> dict | None:
    """`values` with the typed value in place of the normalised one; None when it does not read as one.

    >>> _typed("date", {"precision": "day"}, "2016-05-22/2016-05-24")
    {'precision': 'day', 'date_start': '2016-05-22', 'date_end': '2016-05-24'}
    >>> _typed("amount_eur", {}, "36 000 000"), _typed("participants", {}, "twenty")
    ({'value_num': 36000000}, None)
    """
    if field in _NAME_FIELDS:
        return values | {"value": typed}
    if field == "date":
        days = _days(typed)
        return None if days is None else values | {"date_start": days[0], "date_end": days[1]}
    try:
        number = float("".join(typed.split()).replace(",", "."))
    except ValueError:
        return None
    return values | {"value_num": json_value(number)} if math.isfinite(number) else None


def _days(typed: str) -> tuple[str, str | None] | None:
    """('2016-05-22', '2016-05-22') for '2016-05-22', both days of 'start/end', (start, None) for 'start/'."""
    start, slash, end = typed.partition("/")
    try:
        first = dt.date.fromisoformat(start)
        last = dt.date.fromisoformat(end) if end else None if slash else first
    except ValueError:
        return None
    return first.isoformat(), last.isoformat() if last else None

"""Evaluation against gold files: per-field precision, recall and F1, document-field accuracy,
events and amount roles (`evaluation/events.py`), misses.

Mentions match per document on field and the key columns the field registry (`schema.py`) gives
it, as sets: dates on (start, end), places on (value, country code), organisations on value,
counts and amounts on value (amounts within 0.5 %) and qualifier.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ..schema import FIELD_NAMES, MENTION_FIELDS, SCHEMAS, SCORED_FACTS, MentionField
from .events import AMOUNT_CHECKS, EVENT_CHECKS, EventScores, score_amounts, score_events

_FLOAT_COLUMNS = {f.name for f in SCHEMAS["mentions"] if pa.types.is_floating(f.type)}


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    source: Path
    document: dict
    mentions: list[dict]
    events: list[dict] | None = None  # None: the gold file lists no events (it predates them)


@dataclass
class FieldScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    mentions: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELD_NAMES})
    document_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_FACTS, 0))
    events: EventScores = field(default_factory=EventScores)
    n_documents: int = 0
    misses: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.document_correct[name] / self.n_documents if self.n_documents else 1.0

    def format(self) -> str:
        lines = [f"{'field':<16}{'precision':>10}{'recall':>10}{'f1':>10}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name, s in self.mentions.items():
            lines.append(
                f"{name:<16}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}"
                f"{s.true_positives:>6}{s.false_positives:>6}{s.false_negatives:>6}"
            )
        lines.append(f"{'document field':<16}{'accuracy':>10}")
        lines.extend(f"{name:<16}{self.accuracy(name):>10.3f}" for name in SCORED_FACTS)
        return "\n".join([*lines, self.events.format()])


FLOOR_SECTIONS = {
    "mentions_f1": FIELD_NAMES,
    "documents_accuracy": SCORED_FACTS,
    "events": ("precision", "recall", *EVENT_CHECKS, *AMOUNT_CHECKS),
}


def unknown_floors(floors: dict[str, dict[str, float]]) -> list[str]:
    """The floors ('section.field') that name no section or field of the registry."""
    unknown: list[str] = []
    for section, values in floors.items():
        if section.startswith("_"):  # a comment
            continue
        if section not in FLOOR_SECTIONS:
            unknown.append(section)
            continue
        unknown.extend(f"{section}.{name}" for name in values if name not in FLOOR_SECTIONS[section])
    return unknown


def below_floors(report: Report, floors: dict[str, dict[str, float]]) -> list[str]:
    """'mentions organisation: f1 0.950 < 0.970' for every score below its floor."""
    scores = {
        "mentions_f1": {name: s.f1 for name, s in report.mentions.items()},
        "documents_accuracy": {name: report.accuracy(name) for name in SCORED_FACTS},
        "events": report.events.values(),
    }
    return [
        f"{section} {name}: {scores[section][name]:.3f} < {floor:.3f}"
        for section in scores
        for name, floor in floors.get(section, {}).items()
        if scores[section][name] < floor
    ]


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    documents = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        source = (path.parent / data["source"]).resolve()
        documents.append(GoldDocument(source.stem, source, data["document"], data["mentions"], data.get("events")))
    return documents


def score(gold: Iterable[GoldDocument], documents: list[dict], mentions: list[dict], events: list[dict] = ()) -> Report:
    """Score extracted rows (as in the tables) against the gold documents."""
    report = Report()
    rows = {row["doc_id"]: row for row in documents}
    for gold_doc in gold:
        report.n_documents += 1
        row = rows.get(gold_doc.doc_id, {})
        for name in SCORED_FACTS:
            expected, found = gold_doc.document.get(name), _comparable(row.get(name))
            if _comparable(expected) == found:
                report.document_correct[name] += 1
            else:
                report.misses.append(f"{gold_doc.doc_id}: document.{name}: expected {expected!r}, got {found!r}")
        predicted = [m for m in mentions if m["doc_id"] == gold_doc.doc_id]
        for mention_field in MENTION_FIELDS:
            _score_field(report, gold_doc.doc_id, mention_field, gold_doc.mentions, predicted)
        score_amounts(report.events, gold_doc.doc_id, gold_doc.mentions, predicted, report.misses)
        if gold_doc.events is not None:
            found = [row for row in events if row["doc_id"] == gold_doc.doc_id]
            score_events(report.events, gold_doc.doc_id, gold_doc.events, found, report.misses)
    return report


def _score_field(report: Report, doc_id: str, field: MentionField, gold: list[dict], predicted: list[dict]) -> None:
    name = field.name
    expected = {_key(m, field) for m in gold if m["field"] == name}
    found = {_key(m, field) for m in predicted if m["field"] == name}
    scores = report.mentions[name]
    for item in sorted(expected, key=str):
        if any(_same(item, other, field) for other in found):
            scores.true_positives += 1
        else:
            scores.false_negatives += 1
            report.misses.append(f"{doc_id}: {name}: missed {item}")
    for item in sorted(found, key=str):
        if not any(_same(other, item, field) for other in expected):
            scores.false_positives += 1
            report.misses.append(f"{doc_id}: {name}: spurious {item}")


def _comparable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if value is None or value != value:  # NaN from pandas
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _key(mention: dict, field: MentionField) -> tuple:
    return tuple(_number(mention.get(c)) if c in _FLOAT_COLUMNS else _comparable(mention.get(c)) for c in field.key)


def _number(value) -> float | None:
    return None if value is None else float(value)


def _same(a: tuple, b: tuple, field: MentionField) -> bool:
    if not field.tolerance:
        return a == b
    (value_a, *rest_a), (value_b, *rest_b) = a, b
    return rest_a == rest_b and abs(value_a - value_b) <= field.tolerance * abs(value_a)

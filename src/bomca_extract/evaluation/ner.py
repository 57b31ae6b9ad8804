"""Organisations and places against factRuEval-2016 gold spans, next to bare natasha NER.

A gold Org object is an ORG span, a Location or LocOrg object a LOC span (its extent runs from
its first to its last token span). A prediction matches a gold span of the same type that it
overlaps; precision counts matching predictions, recall matched gold spans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..extractors.context import Context
from ..extractors.organisations import OrganisationsExtractor
from ..extractors.places import PlacesExtractor
from ..extractors.resources import Resources
from ..text.language import language_of
from .gold import FieldScore

GOLD_TYPES = {"Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
LABELS = ("ORG", "LOC")
Span = tuple[str, int, int]  # label, start, end


@dataclass(frozen=True)
class FactRuDocument:
    name: str
    text: str
    spans: tuple[Span, ...]


@dataclass
class NerReport:
    systems: dict[str, dict[str, FieldScore]] = field(default_factory=dict)

    def add(self, system: str, gold: Iterable[Span], predicted: Iterable[Span]) -> None:
        scores = self.systems.setdefault(system, {label: FieldScore() for label in LABELS})
        gold, predicted = list(gold), list(predicted)
        for label in LABELS:
            g = [s for s in gold if s[0] == label]
            p = [s for s in predicted if s[0] == label]
            found = sum(1 for s in p if any(_overlap(s, t) for t in g))
            scores[label].true_positives += sum(1 for t in g if any(_overlap(s, t) for s in p))
            scores[label].false_negatives += sum(1 for t in g if not any(_overlap(s, t) for s in p))
            scores[label].false_positives += len(p) - found

    def format(self) -> str:
        lines = [f"{'system':<12}{'type':<6}{'precision':>10}{'recall':>10}{'f1':>10}"]
        for system, scores in self.systems.items():
            for label, s in scores.items():
                lines.append(f"{system:<12}{label:<6}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}")
        return "\n".join(lines)


def load_factru(folder: Path) -> list[FactRuDocument]:
    documents = []
    for text_path in sorted(p for p in folder.glob("*.txt") if p.with_suffix(".spans").exists()):
        text = text_path.read_text("utf-8-sig")
        token_spans = _token_spans(text_path.with_suffix(".spans"))
        documents.append(
            FactRuDocument(text_path.stem, text, tuple(_objects(text_path.with_suffix(".objects"), token_spans)))
        )
    return documents


def _token_spans(path: Path) -> dict[str, tuple[int, int]]:
    spans = {}
    for line in path.read_text("utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 4:
            spans[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
    return spans


def _objects(path: Path, token_spans: dict[str, tuple[int, int]]) -> Iterable[Span]:
    for line in path.read_text("utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 3 and fields[1] in GOLD_TYPES:
            extents = [token_spans[i] for i in fields[2:] if i in token_spans]
            if extents:
                yield GOLD_TYPES[fields[1]], min(s for s, _ in extents), max(e for _, e in extents)


def natasha_spans(doc: Doc) -> list[Span]:
    return [(e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in LABELS]


def pipeline_spans(doc: Doc, resources: Resources) -> list[Span]:
    """The organisation and place extractors on a news text, with no page header to read."""
    context = Context(language=language_of(doc.text))
    organisations = [("ORG", m.start, m.end) for m in OrganisationsExtractor(resources).find(doc, context)]
    places = [("LOC", m.start, m.end) for m in PlacesExtractor(resources).find(doc, context)]
    return organisations + places


def evaluate(documents: Iterable[FactRuDocument], resources: Resources) -> NerReport:
    report = NerReport()
    for document in documents:
        doc = resources.parser.parse(document.text)
        report.add("natasha", document.spans, natasha_spans(doc))
        report.add("pipeline", document.spans, pipeline_spans(doc, resources))
    return report


def _overlap(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]

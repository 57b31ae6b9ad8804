"""Token rules declared as data (lang/<code>/<name>.json), run with spaCy's Matcher.

A rule file has `tokens` (named token patterns, added to those of lang/<code>/common.json) and
`patterns` (label -> list of token sequences). In a sequence, "$NAME" stands for a named token and a
trailing "?", "*" or "+" sets its operator, so grammars read like yargy's: ["$QUALIFIER?", "$NUMBER", "$EURO"].
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.attrs import IDS
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..lang import LANGUAGE, data_name, data_text
from .views import sentences

_OPERATORS = "?*+"
_OPTIONAL_WILDCARD = {"OP": "?"}


@dataclass(frozen=True)
class RuleSet:
    name: str
    data: dict[str, Any]
    matcher: Matcher
    trigger: re.Pattern[str] | None = None
    bounds: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # matcher key -> its rule, the longest match

    def find(self, doc: Doc, *, prefilter: bool = True) -> list[Span]:
        """Non-overlapping matches, longest first, in text order; span.label_ is the rule.

        With a trigger, only the sentences it accepts are matched: most sentences of a release
        hold no date, count or amount, and the Matcher's cost is per token."""
        return _in_order(self._matches(doc, prefilter))

    def find_by_rule(self, doc: Doc) -> dict[str, list[Span]]:
        """Each rule's non-overlapping matches, in text order: rules whose matches may overlap."""
        by_rule: dict[str, list[Span]] = {label: [] for label in self.data["patterns"]}
        for span in self._matches(doc, prefilter=True):
            by_rule[span.label_].append(span)
        return {label: _in_order(spans) for label, spans in by_rule.items()}

    def _matches(self, doc: Doc, prefilter: bool) -> list[Span]:
        if self.trigger is None or not prefilter:
            spans = self.matcher(doc, as_spans=True)
        else:
            spans = [
                span
                for sent, text in sentences(doc)
                if self.trigger.search(text.lower())
                for span in self.matcher(sent, as_spans=True)
            ]
        return self._within_bounds(spans) if self.bounds else spans

    def _within_bounds(self, spans: list[Span]) -> list[Span]:
        """A gap's matches no longer than its pattern could be, under their rule's label."""
        kept = []
        for span in spans:
            if (bound := self.bounds.get(span.label_)) is None:
                kept.append(span)
            elif len(span) <= bound[1]:
                kept.append(Span(span.doc, span.start, span.end, label=bound[0]))
        return kept


def _in_order(spans: list[Span]) -> list[Span]:
    return sorted(filter_spans(spans), key=lambda span: span.start)


Spec = Mapping[str, Any]  # a dotted key path -> the type its value must have: int, str, list, dict, or REGEXES
REGEXES = "regexes"  # a list of regular expressions, each compiled when checked


@cache
def load_data(name: str, language: str = LANGUAGE) -> dict[str, Any]:
    return json.loads(data_text(f"{name}.json", language))


def checked(name: str, spec: Spec, language: str = LANGUAGE) -> dict[str, Any]:
    """Data file `name` when every key of `spec` holds a value of its type; else a ValueError that
    names the file and the key, at start-up (extractors check their data when they are built).

    >>> checked("place_rules", {"quoted_name_max_words": str})
    Traceback (most recent call last):
    ValueError: lang/ru/place_rules.json: quoted_name_max_words: expected str, found int
    """
    data = load_data(name, language)
    for path, kind in spec.items():
        value: Any = data
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                raise ValueError(f"{data_name(f'{name}.json', language)}: {path}: missing")
            value = value[key]
        _check_value(data_name(f"{name}.json", language), path, value, kind)
    return data


def _check_value(file: str, path: str, value: Any, kind: Any) -> None:
    where = f"{file}: {path}"
    expected = list if kind == REGEXES else kind
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ValueError(f"{where}: expected {expected.__name__}, found {type(value).__name__}")
    if kind == REGEXES:
        for pattern in value:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as error:
                raise ValueError(f"{where}: {pattern!r} is not a valid regex: {error}") from None


def compile_rules(name: str, vocab: Vocab, language: str = LANGUAGE) -> RuleSet:
    """The Matcher of rule file `name` on `vocab`; a pattern that is not valid fails here, naming
    the file and the pattern."""
    data = checked(name, {"tokens": dict, "patterns": dict}, language)
    common = checked("common", {"tokens": dict}, language)
    tokens = {name: _with_tables(pattern, common) for name, pattern in {**common["tokens"], **data["tokens"]}.items()}
    matcher = Matcher(vocab, validate=True)
    bounds: dict[str, tuple[str, int]] = {}
    for label, sequences in data["patterns"].items():
        try:
            patterns = [[_expand(item, tokens) for item in sequence] for sequence in sequences]
            _check_lexical_attributes(patterns, vocab)
            gapped = [_gapped(pattern) for pattern in patterns]
            if plain := [pattern for pattern, gap in zip(patterns, gapped) if gap is None]:
                matcher.add(label, plain)
            for pattern, longest in filter(None, gapped):
                bounds[f"{label}/{longest}"] = (label, longest)
                matcher.add(f"{label}/{longest}", [pattern])
        except (ValueError, KeyError) as error:  # spaCy's pattern validation, or an unknown $NAME
            raise ValueError(f"{data_name(f'{name}.json', language)}: patterns.{label}: {error}") from None
    trigger = _lowercase_trigger(data["trigger"], data_name(f"{name}.json", language)) if "trigger" in data else None
    return RuleSet(name, data, matcher, trigger, bounds)


def _lowercase_trigger(pattern: str, file: str) -> re.Pattern[str]:
    """A trigger is searched in the lowercased sentence: 3-10x faster than re.IGNORECASE on a long
    alternation, so it must be written in lowercase.

    >>> _lowercase_trigger(r"семинар|\\bМай", "lang/ru/events.json")
    Traceback (most recent call last):
    ValueError: lang/ru/events.json: trigger: write it in lowercase ('М'), it is searched in the lowercased sentence
    """
    if capitals := [c for c in re.sub(r"\\.", "", pattern) if c.isupper()]:
        raise ValueError(
            f"{file}: trigger: write it in lowercase ({capitals[0]!r}), it is searched in the lowercased sentence"
        )
    return re.compile(pattern)


def _gapped(pattern: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int] | None:
    """A pattern whose only optional tokens are one run of wildcards, 'A ANY? ANY? ANY? B', as
    'A ANY* B' and its longest match (5): the same matches, where spaCy's Matcher would follow
    every way of skipping the wildcards (a 16-token gap cost 5.7 ms a document, now 0.2).

    >>> _gapped([{"LEMMA": "a"}, {"OP": "?"}, {"OP": "?"}, {"LEMMA": "b"}])
    ([{'LEMMA': 'a'}, {'OP': '*'}, {'LEMMA': 'b'}], 4)
    >>> _gapped([{"LEMMA": "a", "OP": "?"}, {"OP": "?"}, {"OP": "?"}]) is None
    True
    """
    gap = [index for index, token in enumerate(pattern) if token == _OPTIONAL_WILDCARD]
    if len(gap) < 2 or gap != list(range(gap[0], gap[-1] + 1)):
        return None
    if any("OP" in token for token in pattern[: gap[0]] + pattern[gap[-1] + 1 :]):
        return None
    return [*pattern[: gap[0]], {"OP": "*"}, *pattern[gap[-1] + 1 :]], len(pattern)


def _check_lexical_attributes(patterns: list[list[dict[str, Any]]], vocab: Vocab) -> None:
    """A lexical attribute the vocabulary does not compute would never match: an error, not a silent miss."""
    for pattern in patterns:
        for token in pattern:
            for key in token:
                if IDS.get(key) in LEX_ATTRS and IDS[key] not in vocab.lex_attr_getters:
                    raise ValueError(f"{key} is not computed for word forms (nlp/parser.py LEXEME_ATTRIBUTES)")


def _with_tables(pattern: Any, common: dict[str, Any]) -> Any:
    """Replace '@table' with the sorted keys of that table of common.json."""
    if isinstance(pattern, dict):
        return {key: _with_tables(value, common) for key, value in pattern.items()}
    if isinstance(pattern, str) and pattern.startswith("@"):
        return sorted(common[pattern[1:]])
    return pattern


def _expand(item: str | dict[str, Any], tokens: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    if not item.startswith("$"):
        raise ValueError(f"token pattern {item!r}: expected '$NAME' or an object")
    name, op = (item[1:-1], item[-1]) if item[-1] in _OPERATORS else (item[1:], None)
    if name not in tokens:
        raise ValueError(f"{item!r}: no token pattern named {name}")
    pattern = dict(tokens[name])
    if op:
        pattern["OP"] = op
    return pattern

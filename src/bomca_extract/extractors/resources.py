"""Resources: what the extractors of one language use, built once per worker and passed in, as
natasha passes its models (`DatesExtractor(morph_vocab)`), so a test can hand an extractor a small
gazetteer and two languages could live in one process."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ..lang import LANGUAGE
from ..nlp.gazetteer import Gazetteer, load_gazetteer
from ..nlp.parser import TextParser
from ..nlp.rules import RuleSet, compile_rules
from .dates import DateGrammar
from .header import HeaderPatterns, compile_header_patterns
from .numbers import Numbers

RULE_FILES = ("dates", "amounts", "participants", "events")  # token grammars, compiled on the parser's vocabulary


@dataclass(frozen=True)
class Resources:
    language: str
    parser: TextParser
    gazetteer: Gazetteer
    rules: Mapping[str, RuleSet]
    dates: DateGrammar
    numbers: Numbers
    header: HeaderPatterns


def build_resources(language: str = LANGUAGE) -> Resources:
    """Models, gazetteer and compiled rules for `language`; a wrong data file fails here, naming it.
    The gazetteer is one for all languages: it knows every place by its Russian and English names."""
    parser = TextParser(language)
    rules = {name: compile_rules(name, parser.vocab, language) for name in RULE_FILES}
    return Resources(
        language=language,
        parser=parser,
        gazetteer=_shared_gazetteer(),
        rules=rules,
        dates=DateGrammar(rules["dates"], language),
        numbers=Numbers(language),
        header=compile_header_patterns(language),
    )


@cache
def _shared_gazetteer() -> Gazetteer:
    """One per process, for every language's resources: unpickling it is most of a start's load."""
    return load_gazetteer()

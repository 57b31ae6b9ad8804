"""Language profiles, as spaCy keeps them: one folder per language (`ru/`, `en/`) with its
morphology and its data files (token rules, patterns, gazetteer aliases, boilerplate). The
extractors are the same for every language; what differs is here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from importlib import import_module, resources
from typing import Protocol

LANGUAGE = "ru"  # the profile a document without letters, and the gazetteer's canonical names, use
LANGUAGES = ("ru", "en")


class Morphology(Protocol):
    """What the extractors ask of a language's morphology (`lang/<code>/morphology.py`)."""

    WordAnalysis: type  # (pos, lemma) of a word form, with its `morph` string

    def analyse_word(self, word: str): ...

    def with_agreement(self, words: list[str], analyses: list) -> list: ...

    def fold(self, word: str) -> str: ...

    def lemma_candidates(self, word: str) -> frozenset[str]: ...

    def is_future(self, words: Sequence[str]) -> bool: ...


def data_text(name: str, language: str = LANGUAGE) -> str:
    """A data file of a language profile: `data_text("dates.json")` is lang/ru/dates.json."""
    return resources.files(__package__).joinpath(language, name).read_text("utf-8")


def data_rows(name: str, language: str = LANGUAGE) -> Iterator[list[str]]:
    """The tab-separated rows of a `.tsv` data file, blank and `#` comment lines skipped."""
    for line in data_text(name, language).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def data_name(name: str, language: str = LANGUAGE) -> str:
    """How a data file is named in messages: `lang/ru/dates.json`."""
    return f"lang/{language}/{name}"


@cache
def morphology(language: str) -> Morphology:
    """The morphology module of a language profile; an unknown language fails here."""
    if language not in LANGUAGES:
        raise ValueError(f"no language profile {language!r}: expected one of {', '.join(LANGUAGES)}")
    return import_module(f".{language}.morphology", __package__)

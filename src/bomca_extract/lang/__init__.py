"""Language profiles, as spaCy keeps them: one folder per language (`ru/`) with its morphology and
its data files (token rules, patterns, gazetteer aliases, boilerplate)."""

from __future__ import annotations

from importlib import resources

LANGUAGE = "ru"


def data_text(name: str, language: str = LANGUAGE) -> str:
    """A data file of a language profile: `data_text("dates.json")` is lang/ru/dates.json."""
    return resources.files(__package__).joinpath(language, name).read_text("utf-8")


def data_name(name: str, language: str = LANGUAGE) -> str:
    """How a data file is named in messages: `lang/ru/dates.json`."""
    return f"lang/{language}/{name}"

"""The extractor contract: each extractor is built from the resources and finds the mentions of
the fields it declares in a parsed document, given what the header reader found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc

from ..records import Mention
from .dates import DateExpression
from .header import Header

Range = tuple[int, int]


@dataclass(frozen=True)
class Context:
    """The top of the page as the header reader read it, for the extractors that follow."""

    header: Header | None = None
    language: str | None = None  # of the whole text, 'ru' or 'en'
    publication_date: dt.date | None = None
    expressions: tuple[DateExpression, ...] = ()
    no_names: tuple[Range, ...] = ()  # furniture and the dateline: no organisation there


class Extractor(Protocol):
    name: str  # the timing stage
    fields: tuple[str, ...]  # the mention fields it assigns

    def find(self, doc: Doc, context: Context) -> list[Mention]: ...

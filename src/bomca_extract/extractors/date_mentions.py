"""Date mentions: every date expression of the text resolved, with the year its anchor gives."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..records import Mention
from ..text.ranges import inside_any
from .context import Context
from .dates import year_anchor
from .header import Header
from .resources import Resources


class DatesExtractor:
    """Resolves the expressions the header reader already has: dates written with their year
    first, then the others, each with the year its anchor gives."""

    name, fields = "dates", ("date",)

    def __init__(self, resources: Resources) -> None:
        self.grammar = resources.dates

    def find(self, doc: Doc, context: Context) -> list[Mention]:
        header, resolve = context.header, self.grammar.resolve
        head = [r for r in (header.dateline, _stamp_range(header)) if r] if header else []
        dated = [m for e in context.expressions if e.has_year and (m := resolve(e, method=_method(e.span, head)))]
        undated = []
        for expression in context.expressions:
            if not expression.has_year:
                anchor = year_anchor(expression, context.publication_date, dated)
                if mention := resolve(expression, anchor, method=_method(expression.span, head)):
                    undated.append(mention)
        return sorted(dated + undated, key=lambda m: m.start)


def _method(span: Span, head: list[tuple[int, int]]) -> str:
    return "dateline" if inside_any(span.start_char, span.end_char, head) else "rule"


def _stamp_range(header: Header) -> tuple[int, int] | None:
    return (header.stamp.span.start_char, header.stamp.span.end_char) if header.stamp else None

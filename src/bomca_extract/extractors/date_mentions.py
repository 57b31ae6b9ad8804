"""Date mentions: every date expression of the text resolved, with the year its anchor gives."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..nlp.rules import checked
from ..records import Mention
from ..text.ranges import inside_any
from .context import Context
from .dates import resolve, year_anchor
from .header import Header
from .resources import Resources

_DATE_TABLES = {
    "relative_days": dict,
    "relative_weeks": dict,
    "weekdays": dict,
    "month_abbreviations": dict,
    "tokens.MONTH.LEMMA.IN": list,
}


class DatesExtractor:
    """Resolves the expressions the header reader already has: dates written with their year
    first, then the others, each with the year its anchor gives."""

    name, fields = "dates", ("date",)

    def __init__(self, resources: Resources) -> None:
        """Nothing to keep (the expressions come found, since the header reader needs them first);
        the date grammar's own tables are checked."""
        checked("dates", _DATE_TABLES)

    def find(self, doc: Doc, context: Context) -> list[Mention]:
        header = context.header
        head = [r for r in (header.dateline, _stamp_range(header)) if r] if header else []
        dated = [m for e in context.expressions if e.has_year and (m := resolve(e, method=_method(e.span, head)))]
        undated = [
            m
            for e in context.expressions
            if not e.has_year
            and (m := resolve(e, year_anchor(e, context.publication_date, dated), method=_method(e.span, head)))
        ]
        return sorted(dated + undated, key=lambda m: m.start)


def _method(span: Span, head: list[tuple[int, int]]) -> str:
    return "dateline" if inside_any(span.start_char, span.end_char, head) else "rule"


def _stamp_range(header: Header) -> tuple[int, int] | None:
    return (header.stamp.span.start_char, header.stamp.span.end_char) if header.stamp else None

"""Extraction: a cleaned text to its document facts and mentions.

The header reader goes first (title, dateline, stamp, lead, furniture), since the other extractors
need what it found; then every mention extractor in turn, then the event's days and count.
"""

from __future__ import annotations

import datetime as dt

from ..records import DocumentFacts
from ..text.language import language_of
from ..timing import stage
from .amounts import AmountsExtractor
from .context import Context, Extractor
from .date_mentions import DatesExtractor
from .dates import Anchor, DateGrammar
from .events import EventExtractor
from .header import Header, furniture_lines, read_header
from .organisations import OrganisationsExtractor
from .participants import ParticipantsExtractor
from .places import PlacesExtractor
from .resources import Resources

MENTION_EXTRACTORS = (DatesExtractor, PlacesExtractor, OrganisationsExtractor, ParticipantsExtractor, AmountsExtractor)


class DocumentExtractor:
    """`DocumentExtractor(resources)(text)`: the document facts and mentions of one cleaned text."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.extractors: list[Extractor] = [extractor(resources) for extractor in MENTION_EXTRACTORS]
        self.events = EventExtractor(resources)

    def __call__(self, text: str, *, published: dt.date | None = None) -> DocumentFacts:
        """`published` is the date the file's metadata gives (a web page's); the text's own date wins."""
        resources = self.resources
        doc = resources.parser.parse(text)
        with stage("dates"):
            expressions = resources.dates.find(doc)
            header = read_header(doc, expressions, resources.gazetteer, resources.header)
            own_date = _publication_date(header, resources.dates)
        furniture = [*furniture_lines(text, resources.header), *header.furniture]
        context = Context(
            header=header,
            language=language_of(text),
            publication_date=own_date or published,
            expressions=tuple(expressions),
            no_names=(*furniture, *([header.dateline] if header.dateline else [])),
        )
        found = {}
        for extractor in self.extractors:
            with stage(extractor.name):
                found[extractor.name] = extractor.find(doc, context)
        event_start, event_end, participants = self.events.find(doc, context, found["dates"], found["participants"])
        mentions = sorted((m for ms in found.values() for m in ms), key=lambda m: (m.start, m.end, m.field))
        return DocumentFacts(
            language=context.language,
            title=header.title,
            dateline_city=next(
                (m.value for m in found["places"] if m.method == "dateline" and m.field == "city"), None
            ),
            publication_date=context.publication_date,
            publication_date_source="dateline" if own_date else "metadata" if published else None,
            event_start=event_start,
            event_end=event_end,
            participants=participants,
            mentions=mentions,
        )


def _publication_date(header: Header, grammar: DateGrammar) -> dt.date | None:
    """The dateline's date (its year from the stamp if it has none), else the stamp, else the full
    date opening the lead."""
    stamp = grammar.resolve(header.stamp) if header.stamp else None
    if header.dateline_date is not None:
        anchor = Anchor(stamp.date_start, True) if stamp else None
        dateline = grammar.resolve(header.dateline_date, anchor)
        if dateline is not None:
            return dateline.date_start
    if stamp is not None:
        return stamp.date_start
    opening = grammar.resolve(header.opening_date) if header.opening_date else None
    return opening.date_start if opening else None

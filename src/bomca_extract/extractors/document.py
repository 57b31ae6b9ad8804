"""Extraction: a cleaned text to its document facts and mentions.

The header reader goes first (title, dateline, stamp, lead, furniture), since the other extractors
need what it found; then every mention extractor in turn, then the event's days and count.

A text is read in the language of its top (`language_blocks`): an English headline and lead
above a Russian translation make an English header. A block in another language (an English
summary under a Russian release) gets the mention extractors of its own language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from ..records import DocumentFacts, Event, Mention
from ..text.language import Block, language_blocks, language_of
from ..timing import stage
from .amount_roles import AmountRoles
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


class LanguagePath:
    """The extractors of one language, built on its resources."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.extractors: list[Extractor] = [extractor(resources) for extractor in MENTION_EXTRACTORS]
        self.amount_roles = AmountRoles(resources)
        self.events = EventExtractor(resources)

    def mentions(self, doc, context: Context) -> dict[str, list[Mention]]:
        found = {}
        for extractor in self.extractors:
            with stage(extractor.name):
                found[extractor.name] = extractor.find(doc, context)
        with stage(self.amount_roles.name):
            found["amounts"] = self.amount_roles.assign(doc, found["amounts"], found["dates"], found["organisations"])
        return found

    def block_mentions(self, text: str, block: Block, publication: dt.date | None) -> list[Mention]:
        """The mentions of a block in this language inside a text in another, at their offsets in the text."""
        doc = self.resources.parser.parse(text[block.start : block.end])
        with stage("dates"):
            expressions = self.resources.dates.find(doc)
        context = Context(language=block.language, publication_date=publication, expressions=tuple(expressions))
        found = self.mentions(doc, context)
        return [replace(m, start=m.start + block.start, end=m.end + block.start) for ms in found.values() for m in ms]


class DocumentExtractor:
    """`DocumentExtractor(russian, english)(text)`: the document facts and mentions of one cleaned
    text, with the resources of every language it reads; the first reads texts without letters."""

    def __init__(self, *resources: Resources) -> None:
        self.paths = {r.language: LanguagePath(r) for r in resources}
        self.resources = resources[0]

    def __call__(self, text: str, *, published: dt.date | None = None, language: str | None = None) -> DocumentFacts:
        """`published` is the date the file's metadata gives (a web page's); the text's own date wins.
        `language` reads the text's top in that language instead of the one it is detected in."""
        if language is not None and language not in self.paths:
            raise ValueError(f"unknown language {language!r}: one of {', '.join(self.paths)}")
        blocks = [b for b in language_blocks(text) if b.language in self.paths]
        top = language or (blocks[0].language if blocks else language_of(text))  # a short text has no block
        path = self.paths.get(top, self.paths[self.resources.language])
        resources = path.resources
        doc = resources.parser.parse(text)
        with stage("dates"):
            expressions = resources.dates.find(doc)
            header = read_header(doc, expressions, resources.gazetteer, resources.header)
            own_date = _publication_date(header, resources.dates)
        furniture = [*furniture_lines(text, resources.header), *header.furniture]
        context = Context(
            header=header,
            language=language or language_of(text),
            publication_date=own_date or published,
            expressions=tuple(expressions),
            no_names=(*furniture, *([header.dateline] if header.dateline else [])),
        )
        found = path.mentions(doc, context)
        with stage("events"):
            main, others = path.events.find(doc, context, found)
        events = [main, *others] if main else others
        other_blocks = [b for b in blocks if b.language != resources.language]
        mentions = [m for ms in found.values() for m in ms if not any(b.start <= m.start < b.end for b in other_blocks)]
        for block in other_blocks:
            mentions.extend(self.paths[block.language].block_mentions(text, block, context.publication_date))
        return DocumentFacts(
            language=context.language,
            title=header.title,
            dateline_city=next(
                (m.value for m in found["places"] if m.method == "dateline" and m.field == "city"), None
            ),
            publication_date=context.publication_date,
            publication_date_source="dateline" if own_date else "metadata" if published else None,
            event_start=main.date_start if main else None,
            event_end=main.date_end if main else None,
            participants=main.participants if main else None,
            programme=_programme(header, found["organisations"], resources.gazetteer.programmes),
            country_code=_country_code(main, found["places"], header),
            mentions=sorted(mentions, key=lambda m: (m.start, m.end, m.field)),
            events=events,
        )


def _programme(header: Header, organisations: list[Mention], programmes: Mapping[str, str]) -> str | None:
    """The first programme the title or the lead names, else one the body names more than once."""
    named = [(m.start, programmes[m.entity_id]) for m in organisations if m.entity_id in programmes]
    lead_end = header.lead[1] if header.lead else 0
    names = [name for _, name in named]
    in_head = [name for start, name in named if start < lead_end]
    return next(iter(in_head), None) or next((name for name in names if names.count(name) > 1), None)


def _country_code(main: Event | None, places: list[Mention], header: Header) -> str | None:
    """The country of the lead's event, else of the dateline's city, else the country a dated
    dateline names ('Таджикистан, 05 мая 2018 года —')."""
    if main is not None and main.country_code:
        return main.country_code
    dateline = [m for m in places if m.method == "dateline" and (m.field == "city" or header.dateline_date)]
    return min(dateline, key=lambda m: m.field != "city").country_code if dateline else None


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

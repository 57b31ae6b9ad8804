"""Character ranges of a text: quotations, paragraphs, lines."""

from __future__ import annotations

import re

_QUOTED = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"|„[^„“\n]*“")
_PARAGRAPH = re.compile(r"[^\n]+")


def quoted_ranges(text: str, *, max_words: int | None = None) -> list[tuple[int, int]]:
    """Quotations; with `max_words`, only short ones: quoted names («Хаятт Ридженси Бишкек»), not speech."""
    spans = (m.span() for m in _QUOTED.finditer(text))
    return [(a, b) for a, b in spans if max_words is None or len(text[a:b].split()) <= max_words]


def line_ranges(text: str) -> list[tuple[int, int]]:
    """Non-empty lines; a release's paragraphs are single lines after cleaning."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def inside_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def cut_at_the_end(end: int, text: str) -> bool:
    """The text stops at most a word after `end`, mid-sentence: an excerpt cut inside a name
    ('... Министерство иностранных дел Фин', '... в Центральной Ази')."""
    rest = text[end:].strip()
    return len(rest.split()) <= 1 and not rest.endswith((".", "!", "?", "»", ")"))

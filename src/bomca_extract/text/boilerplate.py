"""Boilerplate: the standard footer and 'about' blocks of releases, removed and kept for review.

Known blocks are patterns kept as data (lang/ru/boilerplate.toml); a corpus pass learns lines that
repeat in the footers of many documents, so footers nobody listed are caught too.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
import tomllib

from ..lang import data_text
from ..records import LineCensus, RawDocument, RemovedBlock, StrippedDocument

_CONTACT_LINE_MAX = 100
_CONTACT_LINE_IN_BLOCK_MAX = 160  # under a contact header: 'Name, Press and Information Officer, Delegation of ...'
_HEADINGS_ABOVE = 2
_SENTENCE_END = re.compile(r"[.!?…]$")


@dataclass(frozen=True)
class BoilerplateRules:
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    blocks: tuple[tuple[str, str, re.Pattern[str]], ...]  # name, what follows, header
    keep: tuple[re.Pattern[str], ...]
    learned_min_documents: int
    learned_min_chars: int
    fact: re.Pattern[str]
    learned: frozenset[int] = frozenset()  # line_digest of each learned line's key

    def with_learned(self, learned: Iterable[int]) -> BoilerplateRules:
        return BoilerplateRules(**{**self.__dict__, "learned": frozenset(learned)})


@cache
def load_boilerplate_rules() -> BoilerplateRules:
    data = tomllib.loads(data_text("boilerplate.toml"))

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    return BoilerplateRules(
        lines=tuple((rule["name"], compiled(rule["pattern"])) for rule in data["line"]),
        blocks=tuple((rule["name"], rule["follow"], compiled(rule["start"])) for rule in data["block"]),
        keep=tuple(compiled(p) for p in data["keep"]["patterns"]),
        learned_min_documents=data["learned"]["min_documents"],
        learned_min_chars=data["learned"]["min_chars"],
        fact=compiled(data["learned"]["fact_pattern"]),
    )


def line_census(text: str, rules: BoilerplateRules) -> LineCensus:
    """The digests of the lines of `text` long enough to be learned, and of those among them that
    stand only in its second half. (Whether a line holds a fact is asked only of a learned line, in
    `strip_boilerplate`: a pattern search on every line is most of the census's cost.)"""
    half = len(text) / 2
    footer_only: dict[int, bool] = {}
    offset = 0
    for line in text.split("\n"):
        key = _line_key(line)
        if len(key) >= rules.learned_min_chars:
            digest = line_digest(key)
            footer_only[digest] = footer_only.get(digest, True) and offset >= half
        offset += len(line) + 1
    return LineCensus(
        lines=array("Q", footer_only).tobytes(),
        footer=array("Q", (digest for digest, only in footer_only.items() if only)).tobytes(),
    )


class RepeatedLines:
    """The corpus pass, one document's census at a time: lines that stand in the second half of at
    least `min_documents` documents and nowhere else. It keeps 8 bytes per line of each document, not
    the lines."""

    def __init__(self, rules: BoilerplateRules) -> None:
        self.min_documents = rules.learned_min_documents
        self._footer = bytearray()
        self._elsewhere = bytearray()

    def add(self, census: LineCensus) -> None:
        footer = frozenset(_digests(census.footer))
        self._footer += census.footer
        self._elsewhere += array("Q", (d for d in _digests(census.lines) if d not in footer)).tobytes()

    def learned(self) -> frozenset[int]:
        digests, counts = np.unique(np.frombuffer(bytes(self._footer), dtype=np.uint64), return_counts=True)
        repeated = digests[counts >= self.min_documents]
        repeated = repeated[~np.isin(repeated, np.frombuffer(bytes(self._elsewhere), dtype=np.uint64))]
        return frozenset(int(digest) for digest in repeated)


def learned_lines_in(census_lines: bytes, rules: BoilerplateRules) -> frozenset[int]:
    """The learned lines a document contains (of its LineCensus.lines): all that the corpus pass
    changes about its result."""
    return rules.learned.intersection(_digests(census_lines))


def line_digest(key: str) -> int:
    """64 bits of a line key's BLAKE2b: the same in every process and on every machine."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def _digests(packed: bytes) -> array:
    digests = array("Q")
    digests.frombytes(packed)
    return digests


@dataclass
class _OpenBlock:
    name: str
    follow: str  # "contact": short contact-like lines; "paragraph": the next paragraph
    paragraph_taken: bool = False

    def takes(self, line: str) -> bool:
        if self.follow == "contact":
            return _looks_like_contact(line, _CONTACT_LINE_IN_BLOCK_MAX)
        if not line:
            return not self.paragraph_taken
        taken, self.paragraph_taken = self.paragraph_taken, True
        return not taken


def strip_boilerplate(raw: RawDocument, clean_text: str, rules: BoilerplateRules) -> StrippedDocument:
    """Remove boilerplate lines and blocks; what is removed is kept on the result."""
    lines = clean_text.split("\n")
    removed_by: list[str | None] = [None] * len(lines)
    block: _OpenBlock | None = None
    body = _first_paragraph(lines)
    for index, line in enumerate(lines):
        if _kept(line, rules):
            block = None
            continue
        header = _block_header(line, rules)
        if header is not None and header.follow == "contact" and index < body:
            header = None  # the page's header ('Представительство ЕС в ...' above the title), not a footer
        if header is not None:
            block = header
            removed_by[index] = header.name
            if header.follow == "contact":
                _take_headings_above(lines, removed_by, index, header.name)
        elif block is not None and block.takes(line):
            removed_by[index] = block.name
        else:
            block = None
            removed_by[index] = _line_rule(line, rules)
    text = _tidy("\n".join(line for line, rule in zip(lines, removed_by) if rule is None))
    return StrippedDocument(raw=raw, text=text, removed=_removed_blocks(lines, removed_by, text))


def _removed_blocks(lines: list[str], removed_by: list[str | None], text: str) -> tuple[RemovedBlock, ...]:
    """The removed lines, each placed after the kept text above it. Tidying only drops whitespace,
    so a place is counted in non-space characters and then found in the stripped text."""
    removed, kept_chars = [], 0
    for line, rule in zip(lines, removed_by):
        if rule is None:
            kept_chars += _non_space_count(line)
        elif line:
            removed.append((rule, line, kept_chars))
    offsets = _offsets_after(text, [chars for _, _, chars in removed])
    return tuple(RemovedBlock(rule, line, offsets[chars]) for rule, line, chars in removed)


def _offsets_after(text: str, counts: list[int]) -> dict[int, int]:
    """For each count n, the offset in `text` just after its n-th non-space character.

    >>> _offsets_after("ab\\n\\ncd\\n", [0, 2, 3, 4])
    {0: 0, 2: 2, 3: 5, 4: 6}
    """
    wanted, offsets, seen = set(counts), {0: 0}, 0
    last = max(counts, default=0)
    for index, char in enumerate(text):
        if seen >= last:
            break
        if not char.isspace():
            seen += 1
            if seen in wanted:
                offsets[seen] = index + 1
    return offsets


def _non_space_count(line: str) -> int:
    return sum(not char.isspace() for char in line)


def _first_paragraph(lines: list[str]) -> int:
    """Index of the first line that reads as a paragraph of the body; contact blocks come after."""
    return next((i for i, line in enumerate(lines) if not _looks_like_contact(line)), len(lines))


def _line_rule(line: str, rules: BoilerplateRules) -> str | None:
    for name, pattern in rules.lines:
        if pattern.match(line):
            return name
    if rules.learned and _is_learned(_line_key(line), rules):
        return "learned"
    return None


def _is_learned(key: str, rules: BoilerplateRules) -> bool:
    return line_digest(key) in rules.learned and not rules.fact.search(key) and not _kept(key, rules)


def _block_header(line: str, rules: BoilerplateRules) -> _OpenBlock | None:
    return next((_OpenBlock(name, follow) for name, follow, pattern in rules.blocks if pattern.match(line)), None)


def _take_headings_above(lines: list[str], removed_by: list[str | None], index: int, rule: str) -> None:
    """Short heading lines right above a contact block ('Программный офис ОБСЕ в Нур-Султане')."""
    for above in range(index - 1, max(-1, index - 1 - _HEADINGS_ABOVE), -1):
        if not lines[above] or removed_by[above] is not None or not _looks_like_contact(lines[above]):
            return
        removed_by[above] = rule


def _looks_like_contact(line: str, max_chars: int = _CONTACT_LINE_MAX) -> bool:
    return not line or (len(line) <= max_chars and not _SENTENCE_END.search(line))


def _kept(line: str, rules: BoilerplateRules) -> bool:
    return any(pattern.match(line) for pattern in rules.keep)


def _line_key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

"""Boilerplate: the standard footer and 'about' blocks of releases, removed and kept for review.

Known blocks are patterns kept as data (lang/ru/boilerplate.toml); a corpus pass learns lines that
repeat in the footers of many documents, so footers nobody listed are caught too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import tomllib

from ..lang import data_text
from ..records import RawDocument, RemovedBlock, StrippedDocument

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
    learned: frozenset[str] = frozenset()

    def with_learned(self, learned: Iterable[str]) -> BoilerplateRules:
        return BoilerplateRules(**{**self.__dict__, "learned": frozenset(learned)})


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


def learn_repeated_lines(texts: Iterable[str], rules: BoilerplateRules) -> frozenset[str]:
    """Lines that repeat in the second half of at least `min_documents` documents and hold no fact."""
    in_footer: Counter[str] = Counter()
    elsewhere: set[str] = set()
    for text in texts:
        half = len(text) / 2
        seen: dict[str, bool] = {}
        offset = 0
        for line in text.split("\n"):
            key = _line_key(line)
            if len(key) >= rules.learned_min_chars:
                seen[key] = seen.get(key, True) and offset >= half
            offset += len(line) + 1
        for key, footer_only in seen.items():
            (in_footer.update if footer_only else elsewhere.update)([key])
    return frozenset(
        key
        for key, count in in_footer.items()
        if count >= rules.learned_min_documents
        and key not in elsewhere
        and not rules.fact.search(key)
        and not _kept(key, rules)
    )


def learned_lines_in(text: str, rules: BoilerplateRules) -> frozenset[str]:
    """The learned lines this text contains: all that the corpus pass changes about its result."""
    return rules.learned & {_line_key(line) for line in text.split("\n")}


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
    if _line_key(line) in rules.learned:
        return "learned"
    return None


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

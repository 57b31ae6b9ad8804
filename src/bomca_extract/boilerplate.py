"""Boilerplate: the standard footer and 'about' blocks of releases, removed and kept for review.

Known blocks are patterns kept as data (data/boilerplate.toml); a corpus pass learns lines that
repeat in the footers of many documents, so footers nobody listed are caught too.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .records import CleanDocument, RawDocument, RemovedBlock

_CONTACT_LINE_MAX = 100
_SENTENCE_END = re.compile(r"[.!?…]$")


@dataclass(frozen=True)
class BoilerplateRules:
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    blocks: tuple[tuple[str, re.Pattern[str]], ...]
    keep: tuple[re.Pattern[str], ...]
    learned_min_documents: int
    learned_min_chars: int
    fact: re.Pattern[str]
    learned: frozenset[str] = frozenset()

    def with_learned(self, learned: Iterable[str]) -> "BoilerplateRules":
        return BoilerplateRules(**{**self.__dict__, "learned": frozenset(learned)})


@lru_cache(maxsize=1)
def load_rules() -> BoilerplateRules:
    data = tomllib.loads(resources.files(__package__).joinpath("data/boilerplate.toml").read_text("utf-8"))

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    return BoilerplateRules(
        lines=tuple((rule["name"], compiled(rule["pattern"])) for rule in data["line"]),
        blocks=tuple((rule["name"], compiled(rule["start"])) for rule in data["block"]),
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


def strip_boilerplate(raw: RawDocument, clean_text: str, rules: BoilerplateRules | None = None) -> CleanDocument:
    """Remove boilerplate lines and blocks; what is removed is kept on the result."""
    rules = rules or load_rules()
    kept: list[str] = []
    removed: list[RemovedBlock] = []
    block: str | None = None
    for line in clean_text.split("\n"):
        rule = None if _kept(line, rules) else _line_rule(line, rules)
        if rule is None and block is not None and _looks_like_contact(line):
            rule = block
        block = _block_rule(line, rules) or (block if rule == block else None)
        if rule is None:
            kept.append(line)
        elif line:
            removed.append(RemovedBlock(rule=rule, text=line))
    return CleanDocument(raw=raw, text=_tidy("\n".join(kept)), removed=tuple(removed))


def _line_rule(line: str, rules: BoilerplateRules) -> str | None:
    for name, pattern in rules.lines + rules.blocks:
        if pattern.match(line):
            return name
    if _line_key(line) in rules.learned:
        return "learned"
    return None


def _block_rule(line: str, rules: BoilerplateRules) -> str | None:
    return next((name for name, pattern in rules.blocks if pattern.match(line)), None)


def _looks_like_contact(line: str) -> bool:
    return not line or (len(line) <= _CONTACT_LINE_MAX and not _SENTENCE_END.search(line))


def _kept(line: str, rules: BoilerplateRules) -> bool:
    return any(pattern.match(line) for pattern in rules.keep)


def _line_key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

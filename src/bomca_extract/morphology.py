"""Morphology helpers on pymorphy3: lemma candidates for matching, nominative for names."""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

_HEAD_POS = {"NOUN"}
_MODIFIER_POS = {"ADJF", "PRTF"}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


@lru_cache(maxsize=200_000)
def lemma_candidates(word: str) -> frozenset[str]:
    """The word itself and every normal form pymorphy3 proposes, case- and ё-folded."""
    forms = {fold(word)}
    if _CYRILLIC.search(word):
        forms.update(fold(parse.normal_form) for parse in analyzer().parse(word))
    return frozenset(forms)


@lru_cache(maxsize=200_000)
def first_normal_form(word: str) -> str:
    parses = analyzer().parse(word)
    return fold(parses[0].normal_form) if parses else fold(word)


def nominative_phrase(words: list[str]) -> list[str]:
    """Inflect the head noun phrase (leading modifiers + first noun) to the nominative.

    "Международного центра по развитию" -> "Международный центр по развитию": only the head
    agrees, dependents stay as written, unlike natasha's word-by-word normal forms.
    """
    out = list(words)
    head = _head_index(words)
    if head is None:
        return out
    head_parse = _best_parse(words[head], _HEAD_POS)
    number = "plur" if "plur" in head_parse.tag else "sing"
    out[head] = _inflected(words[head], head_parse, {"nomn", number})
    gender = head_parse.tag.gender
    for index in range(head):
        parse = _best_parse(words[index], _MODIFIER_POS)
        if parse is not None and parse.tag.POS in _MODIFIER_POS:
            grammemes = {"nomn", number} | ({gender} if gender and number == "sing" else set())
            out[index] = _inflected(words[index], parse, grammemes)
    return out


def is_plural_head(words: list[str]) -> bool:
    head = _head_index(words)
    return head is not None and "plur" in _best_parse(words[head], _HEAD_POS).tag


def _head_index(words: list[str]) -> int | None:
    for index, word in enumerate(words):
        if not _CYRILLIC.search(word):
            return None
        parse = _best_parse(word, _HEAD_POS | _MODIFIER_POS)
        if parse is None:
            return None
        if parse.tag.POS in _HEAD_POS:
            return index
    return None


def _best_parse(word: str, pos: set[str]):
    parses = analyzer().parse(word)
    return next((p for p in parses if p.tag.POS in pos), parses[0] if parses else None)


def _inflected(word: str, parse, grammemes: set[str]) -> str:
    inflected = parse.inflect(grammemes)
    if inflected is None:
        return word
    return _same_case(word, inflected.word)


def _same_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

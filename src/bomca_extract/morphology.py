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


def nominative_phrase(words: list[str], pos: list[str] | None = None) -> list[str]:
    """Inflect the head noun phrase (leading modifiers + first noun) to the nominative.

    "Международного центра по развитию" -> "Международный центр по развитию": only the head
    agrees, dependents stay as written, unlike natasha's word-by-word normal forms. `pos` (UD
    tags from natasha, in context) picks the head; without it pymorphy3's best guess does.
    """
    out = list(words)
    head = _head_index(words, pos)
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


def is_plural_head(words: list[str], pos: list[str] | None = None) -> bool:
    head = _head_index(words, pos)
    return head is not None and "plur" in _best_parse(words[head], _HEAD_POS).tag


def head_lemma(words: list[str], pos: list[str] | None = None) -> str | None:
    head = _head_index(words, pos)
    return None if head is None else fold(_best_parse(words[head], _HEAD_POS).normal_form)


def _head_index(words: list[str], pos: list[str] | None) -> int | None:
    for index, word in enumerate(words):
        if not _CYRILLIC.search(word):
            return None
        if pos is not None:
            if pos[index] in ("NOUN", "PROPN"):
                return index
            if pos[index] not in ("ADJ", "DET", "VERB"):
                return None
            continue
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
    """The form of the word's lexeme with these grammemes that is closest to the word as written
    ("Высшей" -> "Высшая", not the "высочайшая" of the same lexeme)."""
    forms = [
        form.word for form in parse.lexeme if grammemes <= set(form.tag.grammemes) and form.tag.POS == parse.tag.POS
    ]
    if not forms:
        inflected = parse.inflect(grammemes)
        return word if inflected is None else _same_case(word, inflected.word)
    lowered = word.lower()
    best = max(forms, key=lambda form: (_common_prefix(form, lowered), -len(form)))
    return _same_case(word, best)


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _same_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

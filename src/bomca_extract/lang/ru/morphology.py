"""Morphology helpers on pymorphy3: lemma candidates for matching, nominative for names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import pymorphy3

_HEAD_POS = frozenset({"NOUN"})
_MODIFIER_POS = frozenset({"ADJF", "PRTF"})
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_UD_POS = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB", "PRTF": "VERB",
    "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON", "PRED": "ADV", "PREP": "ADP",
    "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ",
}  # fmt: skip
_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
_UD_CASE = {
    "nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc", "acc2": "Acc", "ablt": "Ins",
    "loct": "Loc", "loc2": "Loc", "voct": "Voc",
}  # fmt: skip
_UD_NUMBER = {"sing": "Sing", "plur": "Plur"}
_LOCATIVES = frozenset({"loct", "loc2"})

_MIXED_CASE = re.compile(r"[а-яёa-z][А-ЯЁA-Z]")  # a capital after a small letter: a brand, not a word form


@dataclass(frozen=True)
class WordAnalysis:
    pos: str  # Universal Dependencies tag
    lemma: str
    case: str | None = None  # pymorphy3 grammemes
    number: str | None = None

    @cached_property  # an analysis is cached per word form, and its string is asked for at every token
    def morph(self) -> str:
        """As spaCy's MorphAnalysis string: "Case=Gen|Number=Sing"."""
        features = [f"Case={_UD_CASE[self.case]}"] if self.case in _UD_CASE else []
        features += [f"Number={_UD_NUMBER[self.number]}"] if self.number in _UD_NUMBER else []
        return "|".join(features)


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def parses(word: str) -> tuple:
    """pymorphy3's parses of a word form, likeliest first. Shared by every helper below, which each
    cache their own small result: one parse per form instead of one per helper. Parses are heavy, so
    this cache only needs to span a document's forms."""
    return tuple(analyzer().parse(word))


def is_known_word(word: str) -> bool:
    """The dictionary knows the form: its case is read, not guessed from its ending."""
    return analyzer().word_is_known(word)


def fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


@lru_cache(maxsize=200_000)
def lemma_candidates(word: str) -> frozenset[str]:
    """The word itself and every normal form pymorphy3 proposes, case- and ё-folded."""
    forms = {fold(word)}
    if _CYRILLIC.search(word):
        forms.update(fold(parse.normal_form) for parse in parses(word))
    return frozenset(forms)


def is_future(words: Sequence[str]) -> bool:
    """A sentence in the future tense: 'в понедельник состоится ...'."""
    return any("futr" in parses(word)[0].tag for word in words if word.isalpha())


@lru_cache(maxsize=200_000)
def first_normal_form(word: str) -> str:
    found = parses(word)
    return fold(found[0].normal_form) if found else fold(word)


@lru_cache(maxsize=500_000)
def analyse_word(word: str) -> WordAnalysis:
    """POS, case, number and lemma of a word form from pymorphy3's likeliest parse, out of context.

    Cached per form: a batch sees the same few thousand forms over and over, so this costs a
    dictionary lookup where a tagger would cost a model pass.
    """
    if not _CYRILLIC.search(word):
        return WordAnalysis(_non_cyrillic_pos(word), word.lower())
    return _analysis(parses(word)[0])


def with_agreement(words: list[str], analyses: list[WordAnalysis]) -> list[WordAnalysis]:
    """Context where it matters most: a word before a noun takes its adjective reading that agrees
    with that noun ("Главного управления" is an adjective and a noun, "Латвийской Республики" is
    genitive), so noun phrases get their head, case and lemma right."""
    out = _genitive_attributes(words, list(analyses))
    head: int | None = None
    for index in range(len(words) - 1, -1, -1):
        analysis = out[index]
        noun = analysis.pos in ("NOUN", "PROPN")
        rereadable = analysis.pos in ("ADJ", "DET") or (noun and not is_acronym(words[index]))
        if head is not None and rereadable:  # 'ГКНБ Кыргызской Республики' stays a noun
            agreeing = _agreeing_adjective(words[index], out[head].case, out[head].number)
            if agreeing is None and index == head - 1 and analysis.pos == "ADJ":
                agreeing, reread = _agreeing_pair(words[index], words[head])
                out[head] = reread or out[head]
            if agreeing is not None:
                out[index] = agreeing
                continue
        head = index if noun and analysis.case else None
    return out


def _genitive_attributes(words: list[str], analyses: list[WordAnalysis]) -> list[WordAnalysis]:
    """A noun right after a noun, likeliest read as a locative, is its genitive attribute where it
    can be one ('миграции Латвии', 'посольство Индии'): a locative needs a preposition."""
    for index in range(1, len(words)):
        if analyses[index].case in _LOCATIVES and analyses[index - 1].pos in ("NOUN", "PROPN"):
            analyses[index] = _genitive_reading(words[index]) or analyses[index]
    return analyses


@lru_cache(maxsize=50_000)
def _genitive_reading(word: str) -> WordAnalysis | None:
    return next((_analysis(p) for p in parses(word) if p.tag.POS in _HEAD_POS and p.tag.case == "gent"), None)


@lru_cache(maxsize=50_000)
def _agreeing_pair(adjective: str, noun: str) -> tuple[WordAnalysis | None, WordAnalysis | None]:
    """An adjective right before a noun that agrees with another reading of the noun than its
    likeliest: 'Московские власти' is a nominative plural, not the genitive singular 'власти'."""
    for parse in parses(noun)[1:]:
        tag = parse.tag
        if tag.POS in _HEAD_POS and (agreeing := _agreeing_adjective(adjective, tag.case, tag.number)) is not None:
            return agreeing, _analysis(parse)
    return None, None


@lru_cache(maxsize=200_000)
def _agreeing_adjective(word: str, case: str | None, number: str | None) -> WordAnalysis | None:
    for parse in parses(word):
        tag = parse.tag
        if tag.POS in _MODIFIER_POS and tag.case == case and tag.number in (number, None):
            return _analysis(parse)
    return None


def _analysis(parse) -> WordAnalysis:
    tag = parse.tag
    pos = _UD_POS.get(tag.POS, "X")
    if pos == "NOUN" and tag.grammemes & _PROPER:
        pos = "PROPN"
    elif pos in ("ADJ", "VERB") and "Apro" in tag.grammemes:
        pos = "DET"
    elif tag.POS == "PRTF":
        pos = "ADJ"  # participles before nouns act as adjectives ("обученных кинологов")
    return WordAnalysis(pos, parse.normal_form, tag.case, tag.number)


def _non_cyrillic_pos(word: str) -> str:
    if word.isdigit() or word.replace(",", "").replace(".", "").isdigit():
        return "NUM"
    if word.isalpha():
        return "PROPN" if word[:1].isupper() else "X"
    return "PUNCT" if not any(c.isalnum() for c in word) else "X"


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
    if not (is_acronym(words[head]) or _MIXED_CASE.search(words[head])):  # 'ИРА' is no form of 'ИР', 'ТаджикТА' none
        out[head] = _inflected(words[head], head_parse, frozenset({"nomn", number}))
    gender = head_parse.tag.gender
    for index in range(head):
        parse = _best_parse(words[index], _MODIFIER_POS)
        if parse is not None and parse.tag.POS in _MODIFIER_POS:
            grammemes = frozenset({"nomn", number} | ({gender} if gender and number == "sing" else set()))
            out[index] = _inflected(words[index], parse, grammemes)
    return out


def is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


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
            if pos[index] not in ("ADJ", "DET", "VERB", "CCONJ"):
                return None
            continue
        parse = _best_parse(word, _HEAD_POS | _MODIFIER_POS)
        if parse is None:
            return None
        if parse.tag.POS in _HEAD_POS:
            return index
    return None


@lru_cache(maxsize=200_000)
def _best_parse(word: str, pos: frozenset[str]):
    found = parses(word)
    return next((p for p in found if p.tag.POS in pos), found[0] if found else None)


@lru_cache(maxsize=100_000)
def _inflected(word: str, parse, grammemes: frozenset[str]) -> str:
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
    """`word` cased as `template` is, each part of a hyphenated word as its part.

    >>> _same_case("Волга-Днепр", "волга-днепр"), _same_case("Северо-западного", "северо-западный")
    ('Волга-Днепр', 'Северо-западный')
    """
    if template.isupper() and len(template) > 1:
        return word.upper()
    parts, written = word.split("-"), template.split("-")
    if len(parts) != len(written):
        parts, written = [word], [template]
    return "-".join(
        part[:1].upper() + part[1:] if as_written[:1].isupper() else part for part, as_written in zip(parts, written)
    )

"""English morphology, as much as the rules need: a part of speech from the word's shape and a
small closed class list, and the singular as lemma ('officers' -> 'officer'). English releases
carry their grammar in word order, not in endings, so there is no case to agree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_CLOSED = {
    **dict.fromkeys(("the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"), "DET"),
    **dict.fromkeys(("of", "for", "to", "in", "on", "at", "by", "with", "from", "under", "into", "over"), "ADP"),
    **dict.fromkeys(("and", "or", "but", "nor"), "CCONJ"),
}  # fmt: skip
_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "servicemen": "serviceman", "children": "child"}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "ous")
_FUTURE_WORDS = frozenset({"will", "shall", "'ll"})


@dataclass(frozen=True)
class WordAnalysis:
    pos: str  # Universal Dependencies tag
    lemma: str
    morph: str = ""


def fold(word: str) -> str:
    return word.casefold()


def singular(word: str) -> str:
    """The singular of a plural noun, by its ending; other words as they are.

    >>> [singular(w) for w in ("officers", "agencies", "classes", "servicemen", "customs", "status")]
    ['officer', 'agency', 'class', 'serviceman', 'custom', 'status']
    """
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if len(word) < 4 or not word.isalpha() or not word.endswith("s") or word.endswith(_NOT_PLURAL_ENDINGS):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=200_000)
def lemma_candidates(word: str) -> frozenset[str]:
    folded = fold(word)
    return frozenset({folded, singular(folded)})


@lru_cache(maxsize=200_000)
def analyse_word(word: str) -> WordAnalysis:
    folded = fold(word)
    return WordAnalysis(_pos(word, folded), singular(folded))


def with_agreement(words: list[str], analyses: list[WordAnalysis]) -> list[WordAnalysis]:
    return analyses


def is_future(words: Sequence[str]) -> bool:
    """'The course will open on Monday': a weekday ahead."""
    return any(fold(word) in _FUTURE_WORDS for word in words)


def _pos(word: str, folded: str) -> str:
    if folded in _CLOSED:
        return _CLOSED[folded]
    if word.replace(",", "").replace(".", "").isdigit():
        return "NUM"
    if not any(char.isalnum() for char in word):
        return "PUNCT"
    return "PROPN" if word[:1].isupper() else "NOUN" if word.isalpha() else "X"

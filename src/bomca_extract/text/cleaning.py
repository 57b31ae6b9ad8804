"""Cleaning: Unicode and whitespace normalisation, conversion debris, broken lines rejoined.

Every step is linear in the text: releases come from outside, and a hostile one must not stall a worker."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# "\]?" so that an unclosed "[image:" is matched (and kept) to the line end once, not rescanned from each later start
_DEBRIS = re.compile(r"\[image:[^\]\n]*\]?", re.IGNORECASE)
_SPACE_RUN = re.compile(r" {2,}")
_URL_START = re.compile(r"https?://|www\.")
_URL_OPEN_END = "/=?&#_-"
_URL_CONTINUATION = re.compile(r"[\w./?=&#%~+-]+")
_SENTENCE_OPEN = re.compile(r"[a-zа-яё,;:–-]")
_LOWER_START = re.compile(r"[a-zа-яё]")
_SCRIPT_BOUNDARY = re.compile(r"[А-Яа-яЁё][A-Za-z]|[A-Za-z][А-Яа-яЁё]")  # a word of both scripts has one
_MIXED_WORD = re.compile(r"\b(?=\w*[А-Яа-яЁё])(?=\w*[A-Za-z])[A-Za-zА-Яа-яЁё]+\b")
_LATIN_TWINS = str.maketrans("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху")  # Latin letters, their Cyrillic look-alikes
_BROKEN_HALF_MIN = 40
_MARK_RUN_MIN = 30  # as in Unicode's stream-safe text format: no real text stacks this many combining marks


def clean_text(text: str) -> str:
    """Normalise a decoded release; paragraphs (blank-line separated) are kept."""
    text = _nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    if _SCRIPT_BOUNDARY.search(text):
        text = _MIXED_WORD.sub(_cyrillic_twins, text)
    text = _without_nameless(text)
    text = _DEBRIS.sub(_closed_debris_dropped, text)
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(_rejoin_broken(lines)) + "\n"


def _nfc(text: str) -> str:
    """NFC without unicodedata's insertion sort of combining marks, quadratic on a long run of them: such a run is
    decomposed and put in canonical order here, which NFC would do anyway, so the result is the same."""
    if unicodedata.is_normalized("NFC", text):
        return text
    marks = [char for char in set(text) if unicodedata.combining(unicodedata.normalize("NFD", char)[0])]
    if marks:
        run = re.compile(f"[{''.join(map(re.escape, marks))}]{{{_MARK_RUN_MIN},}}")
        text = run.sub(_in_canonical_order, text)
    return unicodedata.normalize("NFC", text)


def _in_canonical_order(run: re.Match[str]) -> str:
    decomposed = "".join(unicodedata.normalize("NFD", char) for char in run[0])
    return "".join(sorted(decomposed, key=unicodedata.combining))


def _cyrillic_twins(word: re.Match[str]) -> str:
    """A Cyrillic word typed with Latin look-alikes ('ЕC' with a Latin C) in Cyrillic letters only, so
    names and acronyms match; a word with other Latin letters ('Wi-Fi', 'IT') stays as written.

    >>> [_MIXED_WORD.sub(_cyrillic_twins, w) for w in ("ЕC", "Бишкeк", "IТ", "CADAP")]
    ['ЕС', 'Бишкек', 'IТ', 'CADAP']
    """
    twins = word[0].translate(_LATIN_TWINS)
    return twins if not re.search("[A-Za-z]", twins) else word[0]


def _without_nameless(text: str) -> str:
    """Drop what has no Unicode name: controls and unassigned or private code points (no release holds
    them, and pymorphy raises on letters it cannot name)."""
    nameless = {ord(char): None for char in set(text) if char != "\n" and unicodedata.name(char, None) is None}
    return text.translate(nameless) if nameless else text


def _closed_debris_dropped(debris: re.Match[str]) -> str:
    return "" if debris[0].endswith("]") else debris[0]


@dataclass
class _OpenLine:
    """The last non-empty line, which later lines may still be joined to. It is kept in parts, as gluing each
    part onto one string would copy it over and over."""

    parts: list[str]
    length: int
    in_url: bool  # ends inside a URL, at a character after which it may go on

    @classmethod
    def of(cls, line: str) -> _OpenLine:
        return cls([line], len(line), _ends_in_open_url(line))

    def glue(self, part: str, in_url: bool) -> None:
        self.parts.append(part)
        self.length += len(part)
        self.in_url = in_url

    def __str__(self) -> str:
        return "".join(self.parts)


def _rejoin_broken(lines: list[str]) -> list[str]:
    """Join a URL or a sentence that a converter split over blank lines; a run of blank lines becomes one."""
    out: list[str] = []
    last: _OpenLine | None = None
    blank = False  # since `last`
    for line in lines:
        if not line:
            blank = True
            continue
        if last and last.in_url and _URL_CONTINUATION.fullmatch(line):
            last.glue(line, in_url=line[-1] in _URL_OPEN_END)  # the URL's start is still in this unbroken word
        elif last and blank and _broken_sentence(last, line):
            last.glue(f" {line}", in_url=_ends_in_open_url(line))
        else:
            if last:
                out += [str(last), ""] if blank else [str(last)]
            last = _OpenLine.of(line)
        blank = False
    return [*out, str(last)] if last else out


def _ends_in_open_url(line: str) -> bool:
    """The last word holds a URL's start and ends on a character after which the URL may go on ("…/", "…?id=")."""
    word = line.rsplit(None, 1)[-1]
    return word[-1] in _URL_OPEN_END and _URL_START.search(word, 0, len(word) - 1) is not None


def _broken_sentence(first: _OpenLine, second: str) -> bool:
    """Two long halves, the first open, the second lower-case: not a title and its dateline."""
    return (
        min(first.length, len(second)) >= _BROKEN_HALF_MIN
        and _SENTENCE_OPEN.fullmatch(first.parts[-1][-1]) is not None
        and _LOWER_START.match(second) is not None
    )

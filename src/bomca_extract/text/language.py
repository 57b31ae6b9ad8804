"""The language of a text, told by its letters: Cyrillic for Russian, Latin for English.

Releases of the region come in these two only, and their alphabets do not overlap, so counting
letters is as good as a language model here and costs nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")


def language_of(text: str) -> str | None:
    """'ru' or 'en', by the alphabet most of the letters are in; None for a text without letters.

    >>> language_of("Пограничники прошли курс (BOMCA)"), language_of("Border guards of Tajikistan")
    ('ru', 'en')
    >>> language_of("12.05.2023") is None
    True
    """
    cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
    if not cyrillic and not latin:
        return None
    return "ru" if cyrillic >= latin else "en"


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    language: str


def language_blocks(text: str, *, min_letters: int = 80) -> list[Block]:
    """Runs of lines in one language: a Russian release with an English summary is two or three
    blocks. A run of fewer than `min_letters` letters (a Latin acronym line, a short quote, an
    English menu line on a Russian page) is read with the text around it.

    >>> text = "Пограничники прошли курс в Оше. " * 6 + "\\nBOMCA\\n" + "The course was funded by the EU. " * 6
    >>> [(b.language, b.start) for b in language_blocks(text)]
    [('ru', 0), ('en', 193)]
    """
    runs: list[list] = []  # [start, end, language, letters]
    for line in _LINE.finditer(text):
        language = language_of(line.group())
        if language is None:
            continue
        letters = len(_CYRILLIC.findall(line.group())) + len(_LATIN.findall(line.group()))
        if runs and runs[-1][2] == language:
            runs[-1][1], runs[-1][3] = line.end(), runs[-1][3] + letters
        else:
            runs.append([line.start(), line.end(), language, letters])
    blocks: list[Block] = []
    first_start = runs[0][0] if runs else 0
    for start, end, language, letters in runs:
        if blocks and (letters < min_letters or blocks[-1].language == language):
            blocks[-1] = Block(blocks[-1].start, end, blocks[-1].language)
        elif letters >= min_letters:
            blocks.append(Block(start if blocks else first_start, end, language))
    return blocks

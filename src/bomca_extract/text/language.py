"""The language of a text, told by its letters: Cyrillic for Russian, Latin for English.

Releases of the region come in these two only, and their alphabets do not overlap, so counting
letters is as good as a language model here and costs nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…][»\"”’)]*\s*$")
_ADDRESS = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|\S+://\S+|\S+@\S+\.\w+")  # images, links, e-mail: no language


def language_of(text: str) -> str | None:
    """'ru' or 'en', by the alphabet most of the letters are in; None for a text without letters.

    >>> language_of("Пограничники прошли курс (BOMCA)"), language_of("Border guards of Tajikistan")
    ('ru', 'en')
    >>> language_of("12.05.2023") is None, language_of("![](https://news.example.tm/photo.jpg)") is None
    (True, True)
    """
    words = _ADDRESS.sub(" ", text)
    cyrillic, latin = len(_CYRILLIC.findall(words)), len(_LATIN.findall(words))
    if not cyrillic and not latin:
        return None
    return "ru" if cyrillic >= latin else "en"


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    language: str


def language_blocks(text: str, *, min_letters: int = 50, min_sentence_letters: int = 20) -> list[Block]:
    """Runs of lines in one language: a Russian release with an English summary is two or three
    blocks. A run of fewer than `min_letters` letters (a Latin acronym line, an English menu line
    on a Russian page) is read with the text around it, unless it ends as a sentence does and has
    `min_sentence_letters` ('В 2023 году программа направила 1,2 млн евро.' after an English quote).

    >>> text = "Пограничники прошли курс в Оше. " * 6 + "\\nBOMCA\\n" + "The course was funded by the EU. " * 6
    >>> [(b.language, b.start) for b in language_blocks(text)]
    [('ru', 0), ('en', 193)]
    """
    runs: list[list] = []  # [start, end, language, letters, ends as a sentence]
    for line in _LINE.finditer(text):
        language = language_of(line.group())
        if language is None:
            continue
        words = _ADDRESS.sub(" ", line.group())
        letters = len(_CYRILLIC.findall(words)) + len(_LATIN.findall(words))
        sentence = bool(_SENTENCE_END.search(line.group()))
        if runs and runs[-1][2] == language:
            runs[-1][1], runs[-1][3], runs[-1][4] = line.end(), runs[-1][3] + letters, sentence
        else:
            runs.append([line.start(), line.end(), language, letters, sentence])
    blocks: list[Block] = []
    first_start = runs[0][0] if runs else 0
    for start, end, language, letters, sentence in runs:
        enough = letters >= min_letters or (sentence and letters >= min_sentence_letters)
        if blocks and (not enough or blocks[-1].language == language):
            blocks[-1] = Block(blocks[-1].start, end, blocks[-1].language)
        elif enough:
            blocks.append(Block(start if blocks else first_start, end, language))
    return blocks

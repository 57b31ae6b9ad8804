"""The language of a text, told by its letters: Cyrillic for Russian, Latin for English.

Releases of the region come in these two only, and their alphabets do not overlap, so counting
letters is as good as a language model here and costs nothing."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


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

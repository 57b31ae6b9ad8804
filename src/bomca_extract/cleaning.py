"""Cleaning: Unicode and whitespace normalisation, conversion debris, broken lines rejoined."""

from __future__ import annotations

import re
import unicodedata

_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_DEBRIS = re.compile(r"\[image:[^\]\n]*\]", re.IGNORECASE)
_SPACE_RUN = re.compile(r" {2,}")
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*[/=?&#_-]$")
_URL_CONTINUATION = re.compile(r"[\w./?=&#%~+-]+")
_SENTENCE_OPEN = re.compile(r"[a-zа-яё,;:–-]$")
_LOWER_START = re.compile(r"[a-zа-яё]")
_BROKEN_HALF_MIN = 40


def clean_text(text: str) -> str:
    """Normalise a decoded release; paragraphs (blank-line separated) are kept."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _without_nameless(text)
    text = _DEBRIS.sub("", text)
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(_paragraphs(_rejoin_broken(lines))).strip() + "\n"


def _without_nameless(text: str) -> str:
    """Drop what has no Unicode name: controls and unassigned or private code points (no release holds
    them, and pymorphy raises on letters it cannot name)."""
    nameless = {ord(char): None for char in set(text) if char != "\n" and unicodedata.name(char, None) is None}
    return text.translate(nameless) if nameless else text


def _rejoin_broken(lines: list[str]) -> list[str]:
    """Join a URL or a sentence that a converter split over blank lines."""
    out: list[str] = []
    for line in lines:
        previous = _last_non_empty(out)
        if line and previous is not None:
            prev_line = out[previous]
            if _URL_TAIL.search(prev_line) and _URL_CONTINUATION.fullmatch(line):
                out[previous] = prev_line + line
                del out[previous + 1 :]
                continue
            if previous < len(out) - 1 and _broken_sentence(prev_line, line):
                out[previous] = f"{prev_line} {line}"
                del out[previous + 1 :]
                continue
        out.append(line)
    return out


def _broken_sentence(first: str, second: str) -> bool:
    """Two long halves, the first open, the second lower-case: not a title and its dateline."""
    return (
        min(len(first), len(second)) >= _BROKEN_HALF_MIN
        and _SENTENCE_OPEN.search(first) is not None
        and _LOWER_START.match(second) is not None
    )


def _last_non_empty(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index]:
            return index
    return None


def _paragraphs(lines: list[str]) -> list[str]:
    """Collapse runs of blank lines into one paragraph break."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out

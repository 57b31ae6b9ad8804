"""PDF: the text layer page by page, wrapped lines joined back into paragraphs, hyphenation repaired."""

from __future__ import annotations

import io
import json
import re

import pypdf
from pypdf.errors import PdfReadError

from ..lang import data_text
from ..lang.ru.morphology import analyzer as morph_analyzer
from . import Extracted, ReadError, ReadLimits

_SIGNATURE = b"%PDF-"
_PAGE_NUMBER = re.compile(json.loads(data_text("pdf.json"))["page_number"], re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"[.!?:;…»\"]$")
_HYPHENATED = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")
_FULL_LINE = 0.8  # share of the longest lines' length from which a line counts as wrapped, not ended


def read(data: bytes, limits: ReadLimits) -> Extracted:
    if _SIGNATURE not in data[:1024]:
        raise ReadError("not a PDF: no %PDF- signature at the start of the file")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("password-protected PDF: it cannot be read without its password")
        # layout mode keeps vertical gaps as blank lines: they are where paragraphs end
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"corrupt PDF: {exc}") from None
    lines = [" ".join(line.split()) for page in pages for line in page.split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.fullmatch(line)]
    if not any(lines):
        raise ReadError("PDF has no text layer (a scanned image?)")
    return Extracted("\n".join(reflow(lines)))


def reflow(lines: list[str]) -> list[str]:
    """Join the lines the PDF wrapped within a paragraph (paragraphs end at blank lines): after a
    full-width line that does not end a sentence, before a line that starts in lower case. A word
    hyphenated at the line end is joined when the joined word is a dictionary word ('погранич-' +
    'ной'); otherwise its hyphen stays ('Нур-' + 'Султан')."""
    lengths = sorted(len(line) for line in lines if line)
    full = _FULL_LINE * lengths[int(len(lengths) * 0.9)] if lengths else 0
    paragraphs: list[str] = []
    last_line = ""
    for line in lines:
        if last_line and line and _continues(last_line, line, full):
            paragraphs[-1] = _joined(paragraphs[-1], line)
        elif line:
            paragraphs.append(line)
        last_line = line
    return paragraphs


def _continues(last_line: str, line: str, full: float) -> bool:
    if _HYPHENATED.search(last_line) or line[0].islower():
        return True
    return len(last_line) >= full and not _PARAGRAPH_END.search(last_line)


def _joined(previous: str, line: str) -> str:
    hyphenated = _HYPHENATED.search(previous)
    if hyphenated is None:
        return f"{previous} {line}"
    start = _WORD_START.match(line)
    word = hyphenated.group(1) + (start.group(1) if start else "")
    if start and line[0].islower() and morph_analyzer().word_is_known(word.lower()):
        return previous[:-1] + line
    return previous + line

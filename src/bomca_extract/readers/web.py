"""Saved web pages (.html/.htm): the article text without menus and scripts, and the page's publication date.

trafilatura finds the article; its date comes from the page's metadata only (no guessing from the
text, which would take an event date for the publication date).
"""

from __future__ import annotations

import datetime as dt
import re

import trafilatura

from . import Extracted, ReadError, ReadLimits
from .plain import decode

_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)
_SNIFF_BYTES = 64 * 1024
_MIN_ARTICLE_CHARS = 40  # less is a menu or a caption, not a release
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read(data: bytes, limits: ReadLimits) -> Extracted:
    if not _MARKUP.search(data[:_SNIFF_BYTES]):
        decode(data)  # an empty or binary file gets its own message
        raise ReadError("not an HTML page: no HTML markup found")
    if len(data) > limits.max_html_bytes:
        raise ReadError(f"HTML page too large: {len(data)} bytes, limit {limits.max_html_bytes}")
    page = trafilatura.bare_extraction(
        data, with_metadata=True, include_tables=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    if page is None or len((page.text or "").strip()) < _MIN_ARTICLE_CHARS:
        raise ReadError("no article text found in the HTML page")
    text = page.text
    if page.title and not text.startswith(page.title):
        text = f"{page.title}\n{text}"
    return Extracted(text, published=_date(page.date))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None

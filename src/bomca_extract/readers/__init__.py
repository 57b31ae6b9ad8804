"""File formats: each reader turns a file's bytes into the text of the release it holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_CHARS = 200_000  # about 60 pages; extraction holds about 0.65 MB per 1,000 characters
DEFAULT_MAX_HTML_BYTES = 5 * 1024 * 1024  # trafilatura's tree holds about 12 MB per MB of markup
UNPACK_FACTOR = 10  # a .docx may unpack to this many times the size limit, no more


class ReadError(Exception):
    """A file that cannot be turned into text; the message is for people."""

    def __init__(self, message: str, *, sha256: str | None = None, file_format: str | None = None):
        super().__init__(message)
        self.sha256 = sha256
        self.file_format = file_format


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS  # of the decoded text: what bounds a worker's memory
    max_html_bytes: int = DEFAULT_MAX_HTML_BYTES

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_bytes * UNPACK_FACTOR


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class Extracted:
    text: str
    published: dt.date | None = None  # the page's own publication date, when the format carries one

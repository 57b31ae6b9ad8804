"""Reading: a release file to its text, whatever its format; every failure is a ReadError for people."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from .formats import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, Extracted, ReadError, ReadLimits, pdf, plain, web, word
from .formats.plain import decode
from .records import RawDocument

READERS: dict[str, tuple[str, Callable[[bytes, ReadLimits], Extracted]]] = {
    ".txt": ("txt", plain.read),
    ".docx": ("docx", word.read),
    ".html": ("html", web.read),
    ".htm": ("html", web.read),
    ".pdf": ("pdf", pdf.read),
}
_SAVE_AS_HINTS = {".doc": "save it as .docx", ".rtf": "save it as .docx", ".odt": "save it as .docx"}

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "READERS", "ReadError", "ReadLimits", "decode", "read_document"]


def read_document(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS) -> RawDocument:
    """Read one release; raises ReadError with a message a person understands."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        hint = f" ({_SAVE_AS_HINTS[suffix]})" if suffix in _SAVE_AS_HINTS else ""
        supported = ", ".join(READERS)
        raise ReadError(f"unsupported file type {path.suffix or '(none)'!r}{hint}; supported: {supported}")
    file_format, reader = READERS[suffix]
    data = _read_bytes(path, limits.max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        extracted = reader(data, limits)
        if not extracted.text.strip():
            raise ReadError(f"no text in the {file_format} file")
    except ReadError as exc:
        raise ReadError(str(exc), sha256=sha256, file_format=file_format) from None
    return RawDocument(
        doc_id=path.stem,
        source=str(path),
        sha256=sha256,
        text=extracted.text,
        file_format=file_format,
        published=extracted.published,
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file too large: {size} bytes, limit {max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ReadError(f"file too large: more than {max_bytes} bytes")
    return data

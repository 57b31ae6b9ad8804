"""Reading: a file's bytes to text, with the encoding detected from the bytes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .records import RawDocument

SUPPORTED_SUFFIXES = (".txt",)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SINGLE_BYTE_CYRILLIC = ("cp1251", "koi8_r", "mac_cyrillic")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_WORD = re.compile(r"[А-Яа-яЁё]+")
_WELL_FORMED = re.compile(r"[А-ЯЁ]?[а-яё]+|[А-ЯЁ]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class ReadError(Exception):
    """A file that cannot be turned into text; the message is for people."""

    def __init__(self, message: str, *, sha256: str | None = None):
        super().__init__(message)
        self.sha256 = sha256


def decode(data: bytes) -> str:
    """Decode bytes of a release, detecting UTF-8/16 (BOM) and Cyrillic single-byte encodings."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="strict"))
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ReadError("binary file: NUL bytes and no UTF-16 byte-order mark")
    return _checked(max((data.decode(enc) for enc in SINGLE_BYTE_CYRILLIC), key=_russian_score))


def _russian_score(text: str) -> float:
    """Share of Cyrillic words that look like Russian words (lower case, or capitalised)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(1 for w in words if _WELL_FORMED.fullmatch(w)) / len(words)


def _checked(text: str) -> str:
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise ReadError("binary file: too many control characters for text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one release; raises ReadError with a message a person understands."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file too large: {size} bytes, limit {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        text = decode(data)
    except ReadError as exc:
        raise ReadError(str(exc), sha256=sha256) from None
    return RawDocument(doc_id=path.stem, source=str(path), sha256=sha256, text=text)

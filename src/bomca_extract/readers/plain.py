"""Plain text: the encoding is detected from the bytes (BOM, UTF-8, else the likeliest Cyrillic code page)."""

from __future__ import annotations

import re

from . import Extracted, ReadError, ReadLimits

SINGLE_BYTE_CYRILLIC = ("cp1251", "koi8_r", "mac_cyrillic")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_WORD = re.compile(r"[А-Яа-яЁё]+")
_WELL_FORMED = re.compile(r"[А-ЯЁ]?[а-яё]+|[А-ЯЁ]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read(data: bytes, limits: ReadLimits) -> Extracted:
    return Extracted(decode(data))


def decode(data: bytes) -> str:
    """Decode bytes of a release, detecting UTF-8/16 (BOM) and Cyrillic single-byte encodings."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding, errors="strict"))
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {encoding} text after its byte-order mark: {exc.reason}") from None
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ReadError("binary file: NUL bytes and no UTF-16 byte-order mark")
    candidates = [text for encoding in SINGLE_BYTE_CYRILLIC if (text := _decoded_or_none(data, encoding)) is not None]
    if not candidates:
        raise ReadError("not text: the bytes are neither UTF-8 nor a Cyrillic code page")
    return _checked(max(candidates, key=_russian_score))


def _decoded_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


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

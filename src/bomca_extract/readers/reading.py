"""Reading: a release file to its text, whatever its format; every failure is a ReadError for people."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..records import RawDocument
from . import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, Extracted, ReadError, ReadLimits, plain
from .plain import decode

Reader = Callable[[bytes, ReadLimits], Extracted]


def _on_first_use(module: str) -> Reader:
    """The `read` of a reader module, imported when a file of its format comes: a batch of `.txt`
    files never imports python-docx, trafilatura or pypdf."""

    def read(data: bytes, limits: ReadLimits) -> Extracted:
        return import_module(f"{__package__}.{module}").read(data, limits)

    return read


READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", plain.read),
    ".docx": ("docx", _on_first_use("word")),
    ".html": ("html", _on_first_use("web")),
    ".htm": ("html", _on_first_use("web")),
    ".pdf": ("pdf", _on_first_use("pdf")),
}
_SAVE_AS_HINTS = {".doc": "save it as .docx", ".rtf": "save it as .docx", ".odt": "save it as .docx"}
_FILE_KINDS = {
    stat.S_IFIFO: "FIFO",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFSOCK: "socket",
    stat.S_IFDIR: "folder",
}

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "READERS",
    "ReadError",
    "ReadLimits",
    "decode",
    "path_text",
    "read_document",
]


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
        extracted = _extracted(reader, data, limits, file_format)
    except ReadError as exc:
        raise ReadError(str(exc), sha256=sha256, file_format=file_format) from None
    return RawDocument(
        doc_id=path.stem,
        source=path_text(path),
        sha256=sha256,
        text=extracted.text,
        file_format=file_format,
        published=extracted.published,
    )


def path_text(path: str | os.PathLike) -> str:
    """The path as text that any table can hold: bytes of a name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _extracted(
    reader: Callable[[bytes, ReadLimits], Extracted], data: bytes, limits: ReadLimits, file_format: str
) -> Extracted:
    try:
        extracted = reader(data, limits)
    except ReadError:
        raise
    except Exception as exc:  # a parser meeting a corrupt file can raise anything (KeyError, RecursionError...)
        raise ReadError(f"corrupt {file_format} file: the parser failed with {type(exc).__name__}: {exc}") from None
    if not extracted.text.strip():
        raise ReadError(f"no text in the {file_format} file")
    if len(extracted.text) > limits.max_chars:
        raise ReadError(f"text too large: {len(extracted.text)} characters, limit {limits.max_chars}")
    return extracted


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; opened without blocking, so a FIFO is refused instead of waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if path.is_symlink():
            raise ReadError(f"broken symlink: it points to {path_text(os.readlink(path))}") from None
        raise ReadError("cannot read file: No such file or directory") from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise ReadError(f"not a regular file: {_FILE_KINDS.get(stat.S_IFMT(info.st_mode), 'special file')}")
            if info.st_size > max_bytes:
                raise ReadError(f"file too large: {info.st_size} bytes, limit {max_bytes}")
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
        except OSError as exc:
            raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ReadError(f"file too large: more than {max_bytes} bytes")
    return data

"""Word (.docx): header, body paragraphs and tables in document order with their text boxes, then footer.

The zip is checked before python-docx opens it: its declared sizes bound what zipfile will
decompress, so refusing a total above the limit is enough to stop a zip bomb.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from . import Extracted, ReadError, ReadLimits

_MAIN_PART = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read(data: bytes, limits: ReadLimits) -> Extracted:
    _check_archive(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors ... on broken parts
        raise ReadError(f"corrupt .docx: {exc}") from None
    lines = [
        *_header_footer_lines(document, "header"),
        *_block_lines(document),
        *_header_footer_lines(document, "footer"),
    ]
    return Extracted("\n".join(lines))


def _check_archive(data: bytes, limits: ReadLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise ReadError("not a .docx: the file is not a zip archive, or it is truncated or corrupt") from None
    if _MAIN_PART not in {member.filename for member in members}:
        raise ReadError(f"not a .docx: the zip archive has no {_MAIN_PART}")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        raise ReadError(
            f"refused .docx: it would unpack to {unpacked} bytes, limit {limits.max_unpacked_bytes} (zip bomb?)"
        )


def _block_lines(container) -> list[str]:
    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
            lines.extend(_text_box_lines(block))
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return lines


def _table_lines(table: Table) -> list[str]:
    """Each cell's content on its own lines; a vertically merged cell is read at its first row only.

    From the XML, not `row.cells`: python-docx walks up each merge from every row below it, which
    is quadratic, and recursive (a merge over 1,100 rows raised RecursionError)."""
    lines: list[str] = []
    for tc in table._tbl.iter_tcs():
        if tc.vMerge != "continue":
            lines.extend(_block_lines(_Cell(tc, table)))
    return lines


def _text_box_lines(paragraph: Paragraph) -> list[str]:
    """Text boxes anchored in the paragraph; the legacy VML copy under mc:Fallback is skipped."""
    lines: list[str] = []
    for box in paragraph._p.iter(f"{_W}txbxContent"):
        if any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors()):
            continue
        lines.extend(Paragraph(p, paragraph._parent).text for p in box.iter(f"{_W}p"))
    return lines


def _header_footer_lines(document: Document, kind: str) -> list[str]:
    """Distinct lines of every section's first-page, default and even-page header (or footer)."""
    lines: list[str] = []
    for section in document.sections:
        for part in (
            getattr(section, f"first_page_{kind}"),
            getattr(section, kind),
            getattr(section, f"even_page_{kind}"),
        ):
            if not part.is_linked_to_previous:
                lines.extend(line for line in _block_lines(part) if line not in lines)
    return lines

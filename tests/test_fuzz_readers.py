"""Fuzz: no file content can make the per-document reading step raise.

`prepare` (read and clean one file) must return the cleaned document or the file's error row, whatever
the bytes: one bad file in a folder of thousands must not stop the batch. Mutants are made from one
valid release per format (seed 000 through tests/builders.py) by `random.Random(seed)`, so a failing
test's id names the seed and the mutation that made its file, and rerunning that id rebuilds the same
bytes. Byte-level mutations run on every format; the .docx ones also rewrite XML inside the zip and
the .pdf ones rewrite the objects, the xref table and the streams' content. The count is fixed
(BOMCA_FUZZ_MUTANTS per format, 60 unless set) so CI time stays bounded.

Every call runs under a time guard so that a hang fails the test instead of blocking CI. The guard
uses its own timer (ITIMER_PROF and SIGPROF, counting the process's CPU time) rather than
`signal.alarm`: `prepare` may arm SIGALRM for its own time limit, and an alarm set here would be
replaced while it runs and cancelled when it returns.
"""

from __future__ import annotations

import io
import os
import random
import re
import signal
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bomca_extract.batch.documents import DocumentResult, prepare
from bomca_extract.readers.reading import ReadLimits
from bomca_extract.records import PreparedDocument

from . import builders

N_MUTANTS = int(os.environ.get("BOMCA_FUZZ_MUTANTS", "60"))
CALL_SECONDS = 20  # per prepare() call; a release of any format reads in well under a second
# the hand-made cases are large on purpose (100,000 paragraphs read in about 2 s); below prepare's own
# 60 s limit, so that a slowdown fails here instead of passing as a "stopped" error row a minute later
HOSTILE_SECONDS = 30

Mutator = Callable[[bytes, random.Random, dict[str, bytes]], bytes]


# -- the valid files the mutants are made from ------------------------------------------------------


@pytest.fixture(scope="session")
def originals() -> dict[str, bytes]:
    """One valid release per format, each read by `prepare` to a PreparedDocument."""
    return {
        ".docx": builders.release_docx(),
        ".pdf": (builders.FORMATS / "release.pdf").read_bytes(),
        ".html": builders.html_page(builders.seed_article()),
        ".txt": builders.SEED_000.read_bytes(),
    }


# -- byte-level mutations (every format) -------------------------------------------------------------

_INTERESTING_BYTES = [b"\x00", b"\xff", b"<", b">", b"&", b"%", b"(", b")", b"\n", b"\r", b"\xd0", b"\x80", b"PK"]


def flip_bits(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def overwrite_bytes(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        if rng.random() < 0.5:
            run = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        else:
            run = rng.choice(_INTERESTING_BYTES) * rng.randint(1, 16)
        out[at : at + len(run)] = run
    return bytes(out)


def truncate(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    return data[: rng.randrange(1, len(data))]


def duplicate_slice(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    start, end = _slice(data, rng)
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[start:end] * rng.randint(1, 4) + data[at:]


def delete_slice(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    start, end = _slice(data, rng)
    return data[:start] + data[end:]


def splice_other_format(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    donor = others[rng.choice(sorted(others))]
    start, end = _slice(donor, rng)
    at = rng.randrange(len(data) + 1)
    cut = at + (end - start if rng.random() < 0.5 else 0)  # overwrite or insert
    return data[:at] + donor[start:end] + data[cut:]


def _slice(data: bytes, rng: random.Random) -> tuple[int, int]:
    start = rng.randrange(len(data))
    return start, min(len(data), start + rng.randint(1, max(1, len(data) // 4)))


BYTE_MUTATORS: list[Mutator] = [
    flip_bits,
    overwrite_bytes,
    truncate,
    duplicate_slice,
    delete_slice,
    splice_other_format,
]


# -- .docx: XML inside the zip -----------------------------------------------------------------------

_DOCUMENT = "word/document.xml"
_XML_MEMBERS = [
    _DOCUMENT,
    _DOCUMENT,
    _DOCUMENT,
    "word/header1.xml",
    "word/footer1.xml",
    "word/_rels/document.xml.rels",
    "[Content_Types].xml",
    "_rels/.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/numbering.xml",
]
_BAD_ENTITIES = [
    "&bogus;",
    "&#0;",
    "&#x110000;",
    "&#99999999999999999999;",
    "&#xD800;",
    "&",
    "&amp",
    "&#;",
    "]]>",
    "<",
]
_DOCTYPES = [  # (declaration, an entity reference that uses it)
    # billion laughs: python-docx's parser does not resolve entities, and must not start to
    (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>",
        "&i;",
    ),
    ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
    ("<!DOCTYPE w:document [<!ELEMENT", "&z;"),
]
_JUNK_VALUES = ["", "-1", "0", "999999999999999999999", "x", "3.5", "restart", "continue", "default", "rId999", "../.."]
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraph_xml(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def vmerge_table_xml(rows: int) -> str:
    """A table whose first column is one cell merged vertically over `rows` rows."""
    first = (
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
        f"{_paragraph_xml('объединённая ячейка')}</w:tc><w:tc>{_paragraph_xml('0')}</w:tc></w:tr>"
    )
    continued = "".join(
        f"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{_paragraph_xml(str(i))}</w:tc></w:tr>"
        for i in range(1, rows)
    )
    return f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{first}{continued}</w:tbl>"


def _odd_table_xml(rng: random.Random) -> str:
    """A table with bogus spans and merges: gridSpan 0, negative or huge, a vMerge with nothing above."""
    rows = []
    for _ in range(rng.randint(1, 6)):
        cells = []
        for _ in range(rng.randint(0, 4)):
            properties = ""
            if rng.random() < 0.6:
                properties += f'<w:gridSpan w:val="{rng.choice([*_JUNK_VALUES, "2", "1000000"])}"/>'
            if rng.random() < 0.4:
                properties += rng.choice(["<w:vMerge/>", '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="x"/>'])
            cells.append(f"<w:tc><w:tcPr>{properties}</w:tcPr>{_paragraph_xml('ячейка')}</w:tc>")
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    grid = "<w:gridCol/>" * rng.randint(0, 3)
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _nested_xml(rng: random.Random) -> str:
    """Deep nesting: tables in tables, content controls in content controls, text boxes, bare runs."""
    kind = rng.choice(["table", "sdt", "txbx", "unknown"])
    depth = rng.choice([10, 60, 84, 200, 300, 5000])
    inner = _paragraph_xml("глубоко")
    if kind == "table":
        opening, closing = "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"
    elif kind == "sdt":
        opening, closing = "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"
    elif kind == "txbx":
        opening, closing = "<w:p><w:r><w:txbxContent>", "</w:txbxContent></w:r></w:p>"
    else:
        opening, closing = "<w:x>", "</w:x>"
    return opening * depth + inner + closing * depth


def _docx_members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(item, archive.read(item)) for item in archive.infolist()]


def docx_with(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """The .docx `data` with members replaced (None: removed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, payload in _docx_members(data):
            if item.filename in replace:
                payload = replace[item.filename]
                if payload is None:
                    continue
            archive.writestr(item.filename, payload)
    return buffer.getvalue()


def _member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def _insert_block(xml: bytes, block: str, rng: random.Random) -> bytes:
    """`block` between two paragraphs of the body (or of a header or footer)."""
    ends = [m.end() for m in re.finditer(rb"</w:p>|</w:tbl>", xml)] or [xml.rindex(b">") + 1]
    at = rng.choice(ends)
    return xml[:at] + block.encode() + xml[at:]


def xml_member_bytes(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A byte mutation (truncation: unclosed tags) of one XML member, the zip itself intact."""
    name = rng.choice(_XML_MEMBERS)
    mutate = rng.choice([flip_bits, overwrite_bytes, truncate, duplicate_slice, delete_slice])
    return docx_with(data, {name: mutate(_member(data, name), rng, others)})


def xml_unclosed(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """Tags dropped or left open: a random closing or opening tag removed, or a stray one added."""
    name = rng.choice(_XML_MEMBERS)
    xml = _member(data, name)
    tags = list(re.finditer(rb"</?[\w:]+[^>]*>", xml))
    for _ in range(rng.randint(1, 3)):
        tag = rng.choice(tags)
        xml = (
            xml[: tag.start()]
            + rng.choice([b"", b"<w:p>", b"<w:tbl>", b"</w:r>", b"<", tag.group()[:-1]])
            + xml[tag.end() :]
        )
        tags = list(re.finditer(rb"</?[\w:]+[^>]*>", xml))
    return docx_with(data, {name: xml})


def xml_bad_entity(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """Broken or hostile entities in the text, or a DOCTYPE declaring them."""
    name = rng.choice([_DOCUMENT, _DOCUMENT, "word/header1.xml", "word/footer1.xml", "word/styles.xml"])
    xml = _member(data, name)
    if rng.random() < 0.3:
        declaration = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        doctype, uses = rng.choice(_DOCTYPES)
        xml = xml[:declaration] + doctype.encode() + xml[declaration:]
        texts = [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>", xml)] or [len(xml) - 1]
        at = rng.choice(texts)
        return docx_with(data, {name: xml[:at] + uses.encode() + xml[at:]})
    texts = [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>|=\"", xml)] or [len(xml) - 1]
    for _ in range(rng.randint(1, 4)):
        at = rng.choice(texts)
        xml = xml[:at] + rng.choice(_BAD_ENTITIES).encode() + xml[at:]
        texts = [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>|=\"", xml)]
    return docx_with(data, {name: xml})


def xml_deep_nesting(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    name = rng.choice([_DOCUMENT, _DOCUMENT, "word/footer1.xml"])
    return docx_with(data, {name: _insert_block(_member(data, name), _nested_xml(rng), rng)})


def xml_vmerge(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A vertically merged cell spanning many rows (python-docx walks up the merge row by row)."""
    rows = rng.choice([2, 50, 400, 1100, 1500])
    return docx_with(data, {_DOCUMENT: _insert_block(_member(data, _DOCUMENT), vmerge_table_xml(rows), rng)})


def xml_odd_table(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    name = rng.choice([_DOCUMENT, _DOCUMENT, "word/header1.xml", "word/footer1.xml"])
    return docx_with(data, {name: _insert_block(_member(data, name), _odd_table_xml(rng), rng)})


_ATTRIBUTE = re.compile(rb'(\w+:)?(\w+)="([^"]*)"')
_CONVERTED_ATTRIBUTES = {b"type", b"id", b"val", b"w", b"h", b"Target", b"Id", b"Type"}


def xml_attribute_junk(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """Attribute values python-docx converts when read (section and header types, ids, sizes) made junk."""
    name = rng.choice([_DOCUMENT, _DOCUMENT, "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml"])
    xml = _member(data, name)
    for _ in range(rng.randint(1, 4)):
        values = list(_ATTRIBUTE.finditer(xml))
        preferred = [m for m in values if m.group(2) in _CONVERTED_ATTRIBUTES]
        match = rng.choice(preferred if preferred and rng.random() < 0.7 else values)
        start, end = match.span(3)
        xml = xml[:start] + rng.choice(_JUNK_VALUES).encode() + xml[end:]
    return docx_with(data, {name: xml})


def xml_section_references(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """Header and footer references that point nowhere, at the wrong part, or are repeated."""
    xml = _member(data, _DOCUMENT)
    sect = xml.rindex(b"<w:sectPr")
    reference = rng.choice(
        [
            '<w:headerReference w:type="first" r:id="rId999"/>',
            '<w:footerReference w:type="even" r:id="rId3"/>',  # the styles part, not a footer
            '<w:headerReference w:type="nonsense" r:id="rId9"/>',
            '<w:headerReference r:id="rId9"/>',
            '<w:footerReference w:type="default"/>',
            '<w:headerReference w:type="default" r:id="rId9"/>' * 3,
        ]
    )
    at = xml.index(b">", sect) + 1
    replaced = {_DOCUMENT: xml[:at] + reference.encode() + xml[at:]}
    if rng.random() < 0.5:
        replaced["word/settings.xml"] = _member(data, "word/settings.xml").replace(
            b"</w:settings>", b"<w:evenAndOddHeaders/></w:settings>"
        )
    return docx_with(data, replaced)


def zip_member_swap(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A member removed, or replaced by non-XML bytes (another format's file, or the zip itself)."""
    name = rng.choice(_XML_MEMBERS)
    choice = rng.random()
    if choice < 0.35:
        return docx_with(data, {name: None})
    if choice < 0.7:
        return docx_with(data, {name: others[rng.choice(sorted(others))]})
    return docx_with(data, {name: bytes(rng.randrange(256) for _ in range(rng.randint(0, 4096)))})


DOCX_MUTATORS: list[Mutator] = [
    *BYTE_MUTATORS,
    xml_member_bytes,
    xml_unclosed,
    xml_bad_entity,
    xml_deep_nesting,
    xml_vmerge,
    xml_odd_table,
    xml_attribute_junk,
    xml_section_references,
    zip_member_swap,
]


# -- .pdf: objects, xref table and streams -------------------------------------------------------

_STREAM = re.compile(rb"/Length (\d+)([^>]*)>>\s*stream\r?\n")
_OBJECT = re.compile(rb"(?m)^(\d+) (\d+) obj\b")
_REFERENCE = re.compile(rb"\b(\d+) (\d+) R\b")
_NAME = re.compile(rb"/[A-Za-z][\w.+-]*")
_NUMBER = re.compile(rb"(?<![\w.])[-+]?\d+(?:\.\d+)?(?![\w.])")
_HOSTILE_NUMBERS = [b"0", b"-0", b"-1", b"-2147483649", b"99999999999999999999999", b"1e309", b"0.0000001", b"-.", b"."]
_HOSTILE_NAMES = [
    b"/Pages",
    b"/Page",
    b"/Catalog",
    b"/Font",
    b"/Type3",
    b"/LZWDecode",
    b"/DCTDecode",
    b"/JBIG2Decode",
    b"/CCITTFaxDecode",
    b"/RunLengthDecode",
    b"/ASCII85Decode",
    b"/Crypt",
    b"/Identity-V",
    b"/Null",
    b"/",
]
_CONTENT_OPERATORS = [
    b"Tf",
    b"Tj",
    b"TJ",
    b"Td",
    b"TD",
    b"Tm",
    b"T*",
    b"'",
    b'"',
    b"Tz",
    b"TL",
    b"Ts",
    b"Tc",
    b"Tw",
    b"cm",
    b"q",
    b"Q",
    b"BT",
    b"ET",
    b"Do",
    b"gs",
    b"BI",
    b"ID",
    b"EI",
]
_CONTENT_SNIPPETS = [
    b" /F1 0 Tf ",  # zero font size
    b" /F9 12 Tf ",  # a font the page does not have
    b" 0 0 0 0 0 0 cm ",  # singular matrix
    b" 0 0 0 0 0 0 Tm ",
    b" 1 0 0 1 1e308 -1e308 Tm ",
    b" 0 Tz ",
    b" 1000000000 TL T* T* ",
    b" /Nope Do ",
    b" /GS9 gs ",
    b" " + b"q " * 3000,
    b" " + b"Q " * 3000,
    b" BT BT BT ",
    b" ET ET ",
    b" Tj TJ ' \" Tf Td TD Tm ",  # operators without their operands
    b" [ (a) 99999999999 (b) -1e308 ] TJ ",
    b" (unterminated ",
    b" <zz> Tj ",
    b" BI /W 4 /H 4 /BPC 8 /CS /G /F /DCT ID \xff\xd8\xff\x00garbage EI ",
    b" BI /W 99999 /H 99999 /BPC 8 /CS /RGB ID \x00\x00 EI ",
]
_CMAP_SNIPPETS = [
    b"\n1 beginbfrange\n<0000> <FFFFFFFF> <0041>\nendbfrange\n",  # four billion codes
    b"\n1 beginbfrange\n<FFFF> <0000> <0041>\nendbfrange\n",
    b"\n1 beginbfrange\n<0000> <0002> [<D800> <zz>]\nendbfrange\n",
    b"\n1 beginbfchar\n<00> <D800DC00D800>\nendbfchar\n",
    b"\n1 beginbfchar\n<0001>\nendbfchar\n",
    b"\n1 begincodespacerange\n<> <FFFFFFFFFF>\nendcodespacerange\n",
    b"\n/CMapName /Identity-H def /UseCMap /Identity-V\n",
]


def pdf_with_fresh_xref(data: bytes) -> bytes:
    """`data` with its xref table and startxref rewritten to the objects' current offsets."""
    end = data.rindex(b"\nxref") + 1
    offsets = {int(m.group(1)): m.start() for m in _OBJECT.finditer(data, 0, end)}
    size = max(offsets) + 1
    rows = [b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(size)]
    rows[0] = b"0000000000 65535 f \n"
    trailer = data[data.index(b"trailer", end) : data.rindex(b"startxref")]
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer)
    return data[:end] + b"xref\n0 %d\n" % size + b"".join(rows) + trailer + b"startxref\n%d\n%%%%EOF\n" % end


def _streams(data: bytes) -> list[re.Match[bytes]]:
    return list(_STREAM.finditer(data))


def _replace_stream(data: bytes, stream: re.Match[bytes], payload: bytes) -> bytes:
    """The stream's data replaced by `payload` (already encoded), its /Length and the xref fixed."""
    start = stream.end()
    end = start + int(stream.group(1))
    header = b"/Length %d" % len(payload) + data[stream.end(1) : start]
    return pdf_with_fresh_xref(data[: stream.start()] + header + payload + data[end:])


def _dictionary_region(data: bytes) -> tuple[int, int]:
    """Where the objects' dictionaries are: not inside a stream, before the xref table."""
    return 0, data.rindex(b"\nxref") + 1


def _outside_streams(data: bytes, pattern: re.Pattern[bytes]) -> list[re.Match[bytes]]:
    spans = [(s.end(), s.end() + int(s.group(1))) for s in _streams(data)]
    start, end = _dictionary_region(data)
    return [m for m in pattern.finditer(data, start, end) if not any(a <= m.start() < b for a, b in spans)]


def pdf_xref_numbers(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """Numbers in the xref table, the trailer and startxref changed: offsets, generations, sizes, the root."""
    start = data.rindex(b"\nxref") + 1
    numbers = list(_NUMBER.finditer(data, start))
    out = data
    for match in sorted(rng.sample(numbers, min(len(numbers), rng.randint(1, 4))), key=lambda m: -m.start()):
        offset = rng.randrange(len(data) * 2)
        value = rng.choice([*_HOSTILE_NUMBERS, b"%d" % offset, b"%010d" % offset, b"%010d" % rng.randrange(99)])
        out = out[: match.start()] + value + out[match.end() :]
    return out


def pdf_length(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A stream's /Length made wrong: zero, negative, off by a few, past the end of the file, not a number."""
    stream = rng.choice(_streams(data))
    length = int(stream.group(1))
    off_by = rng.randint(1, 50)
    wrong = [b"%d" % (length - off_by), b"%d" % (length + off_by), b"%d" % len(data)]
    value = rng.choice([*wrong, b"0", b"-1", b"99999999999", b"(x)", b"9999 0 R", b"1 0 R"])
    return data[: stream.start(1)] + value + data[stream.end(1) :]


def pdf_stream_bytes(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """Bytes flipped inside a stream's (compressed) data, right after `stream` or anywhere in it."""
    stream = rng.choice(_streams(data))
    start, length = stream.end(), int(stream.group(1))
    out = bytearray(data)
    near_start = rng.random() < 0.5
    for _ in range(rng.randint(1, 16)):
        at = start + (rng.randrange(min(16, length)) if near_start else rng.randrange(length))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def pdf_stream_content(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A page's content stream or the font's ToUnicode CMap decoded, mutated token by token, re-encoded."""
    streams = [s for s in _streams(data) if int(s.group(1)) < 10_000]  # not the embedded font program
    stream = rng.choice(streams)
    start, end = stream.end(), stream.end() + int(stream.group(1))
    compressed = b"/FlateDecode" in data[data.rindex(b"<<", 0, stream.start()) : start]
    content = zlib.decompress(data[start:end]) if compressed else data[start:end]
    is_cmap = b"begincmap" in content
    tokens = re.split(rb"(\s+)", content)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(tokens))
        token = tokens[at]
        kind = rng.random()
        if kind < 0.3 and _NUMBER.fullmatch(token):
            tokens[at] = rng.choice(_HOSTILE_NUMBERS)
        elif kind < 0.45 and not is_cmap:
            tokens[at] = rng.choice(_CONTENT_OPERATORS)
        elif kind < 0.6:
            tokens[at] = b""
        else:
            tokens[at] = token + rng.choice(_CMAP_SNIPPETS if is_cmap else _CONTENT_SNIPPETS)
    content = b"".join(tokens)
    return _replace_stream(data, stream, zlib.compress(content) if compressed else content)


_FILTERS = [
    b"/LZWDecode",
    b"/JBIG2Decode",
    b"/CCITTFaxDecode",
    b"/DCTDecode",
    b"/JPXDecode",
    b"/RunLengthDecode",
    b"/ASCII85Decode",
    b"/ASCIIHexDecode",
    b"/Crypt",
    b"/NoSuchFilter",
    b"[/FlateDecode /FlateDecode]",
    b"[]",
    b"/FlateDecode /DecodeParms << /Predictor 12 /Columns 0 >>",
    b"/FlateDecode /DecodeParms << /Predictor 15 /Colors 0 /BitsPerComponent 0 /Columns 4 >>",
    b"/FlateDecode /DecodeParms << /Predictor 2 /Columns -1 >>",
    b"/FlateDecode /DecodeParms << /Predictor 99 >>",
]


def pdf_filter(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A stream's /Filter swapped for one pypdf cannot or should not decode, or given hostile /DecodeParms."""
    match = rng.choice(_outside_streams(data, re.compile(rb"/Filter /FlateDecode")))
    return pdf_with_fresh_xref(data[: match.start()] + b"/Filter " + rng.choice(_FILTERS) + data[match.end() :])


def pdf_reference(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """An indirect reference pointed elsewhere: at itself, the page tree (cycles), a missing object, 0."""
    references = _outside_streams(data, _REFERENCE)
    out = data
    for match in sorted(rng.sample(references, min(len(references), rng.randint(1, 3))), key=lambda m: -m.start()):
        target = rng.choice([b"0", b"1", b"2", b"3", b"9999", b"-1", b"%d" % rng.randrange(20)])
        out = out[: match.start(1)] + target + out[match.end(1) :]
    return out


def pdf_name(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A name in a dictionary swapped: a page for the page tree, an unsupported filter, a missing key."""
    names = _outside_streams(data, _NAME)
    out = data
    for match in sorted(rng.sample(names, min(len(names), rng.randint(1, 3))), key=lambda m: -m.start()):
        out = out[: match.start()] + rng.choice(_HOSTILE_NAMES) + out[match.end() :]
    return pdf_with_fresh_xref(out)


def pdf_number(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A number in a dictionary (/Count, /MediaBox, /W widths, /Ascent ...) made hostile."""
    ids = [m.span() for m in (*_OBJECT.finditer(data), *_REFERENCE.finditer(data))]
    numbers = [m for m in _outside_streams(data, _NUMBER) if not any(a <= m.start() < b for a, b in ids)]
    out = data
    for match in sorted(rng.sample(numbers, min(len(numbers), rng.randint(1, 5))), key=lambda m: -m.start()):
        out = out[: match.start()] + rng.choice(_HOSTILE_NUMBERS) + out[match.end() :]
    return pdf_with_fresh_xref(out)


def pdf_delete_token(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A structural keyword or delimiter removed or doubled: endobj, endstream, >>, ], obj, trailer."""
    tokens = _outside_streams(data, re.compile(rb"endobj|endstream|>>|<<|\]|\[|\bobj\b|trailer"))
    match = rng.choice(tokens)
    replacement = rng.choice([b"", match.group() * 2, b"<<" * 100])
    return data[: match.start()] + replacement + data[match.end() :]


PDF_MUTATORS: list[Mutator] = [
    *BYTE_MUTATORS,
    pdf_xref_numbers,
    pdf_length,
    pdf_stream_bytes,
    pdf_stream_content,
    pdf_stream_content,
    pdf_filter,
    pdf_reference,
    pdf_name,
    pdf_number,
    pdf_delete_token,
]


# -- .html and .txt ----------------------------------------------------------------------------------


def html_markup(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """Unclosed or stray markup, deep nesting, broken character references, a lying charset."""
    insertions = [
        b"<div>" * rng.choice([100, 3000, 20000]),
        b"<table><tr><td>" * rng.choice([50, 2000]),
        b"<!--",
        b"<script>",
        b"<![CDATA[",
        b"</article></main></body></html>",
        b"&#0;&#x110000;&#99999999999999999999;&#xD800;&bogus;&",
        b"<p " + b"a=b " * 5000 + b">",
        b'<meta charset="utf-7">',
        b'<meta http-equiv="Content-Type" content="text/html; charset=x-no-such-charset">',
        b"<svg><foreignObject><math><mi><style><img src=x>",
    ]
    out = data
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(insertions) + out[at:]
    if rng.random() < 0.3:
        out = out.replace(b"windows-1251", rng.choice([b"utf-16", b"utf-32", b"x-nonsense", b"", b"utf-8"]))
    return out


def text_encoding(data: bytes, rng: random.Random, others: dict[str, bytes]) -> bytes:
    """A byte-order mark that lies, an odd UTF-16 length, NULs, control characters, one huge line."""
    choice = rng.randrange(5)
    if choice == 0:
        return rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]) + data[: rng.randrange(len(data))]
    if choice == 1:
        return b"\xff\xfe" + data.decode("utf-8").encode("utf-16-le")[: rng.randrange(1, len(data)) | 1]
    if choice == 2:
        out = bytearray(data)
        for _ in range(rng.randint(1, 200)):
            out.insert(rng.randrange(len(out)), rng.choice([0, 1, 7, 8, 11, 12, 27, 127]))
        return bytes(out)
    if choice == 3:
        return data.replace(b"\n", b" ") * rng.randint(50, 300)
    encoding = rng.choice(["cp1251", "koi8_r", "mac_cyrillic", "utf-16", "utf-32", "cp866"])
    return data.decode("utf-8").encode(encoding, errors="replace")


MUTATORS: dict[str, list[Mutator]] = {
    ".docx": DOCX_MUTATORS,
    ".pdf": PDF_MUTATORS,
    ".html": [*BYTE_MUTATORS, html_markup, html_markup],
    ".txt": [*BYTE_MUTATORS, text_encoding, text_encoding],
}


def mutant(originals: dict[str, bytes], suffix: str, seed: int) -> bytes:
    """The mutant `seed` of the `suffix` release: its mutation is fixed by the seed, its details drawn from it."""
    rng = random.Random(seed)
    mutate = MUTATORS[suffix][seed % len(MUTATORS[suffix])]
    others = {other: data for other, data in originals.items() if other != suffix}
    return mutate(originals[suffix], rng, others)


def _cases() -> Iterator:
    for suffix, mutators in MUTATORS.items():
        for seed in range(N_MUTANTS):
            yield pytest.param(suffix, seed, id=f"{suffix[1:]}-{seed}-{mutators[seed % len(mutators)].__name__}")


# -- the contract ------------------------------------------------------------------------------------


class _Expired(BaseException):
    """Not an Exception, so that no reader's `except Exception` can swallow it."""


@contextmanager
def time_guard(seconds: float, what: str) -> Iterator[None]:
    """Fail the test if the block uses more than `seconds` of CPU time (a hang or a runaway loop)."""
    if not hasattr(signal, "setitimer"):  # not on Windows: no guard
        yield
        return

    def expired(signum, frame):
        raise _Expired()

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    except _Expired:
        pytest.fail(f"{what}: still running after {seconds:g} s of CPU time (a hang, or a pathological slowdown)")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def assert_reads_or_errors(path: Path, *, seconds: float = CALL_SECONDS) -> PreparedDocument | DocumentResult:
    """`prepare` returns the cleaned document or the file's error row; it never raises, never hangs."""
    what = f"prepare({path.name})"
    with time_guard(seconds, what):
        try:
            result = prepare(path, "doc", ReadLimits())
        except Exception as exc:
            pytest.fail(f"{what} raised {type(exc).__module__}.{type(exc).__qualname__}: {exc}"[:2000])
    if isinstance(result, PreparedDocument):
        assert isinstance(result.text, str)
        assert isinstance(result.raw.text, str)
        assert result.raw.doc_id == "doc"
    else:
        assert isinstance(result, DocumentResult), f"{what} returned {type(result).__name__}"
        assert result.document["status"] == "error"
        assert result.document["doc_id"] == "doc"
        error = result.document["error"]
        assert isinstance(error, str) and error.strip(), f"{what}: error row without a message: {error!r}"
    return result


# -- the tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(MUTATORS))
def test_originals_read_to_clean_documents(tmp_path, originals, suffix):
    """The mutants start from files that read: otherwise every mutant would fail the same early way."""
    path = tmp_path / f"release{suffix}"
    path.write_bytes(originals[suffix])
    assert isinstance(assert_reads_or_errors(path), PreparedDocument)


@pytest.mark.parametrize("suffix, seed", list(_cases()))
def test_mutant_reads_or_becomes_an_error_row(tmp_path, originals, suffix, seed):
    path = tmp_path / f"mutant{suffix}"
    path.write_bytes(mutant(originals, suffix, seed))
    assert_reads_or_errors(path)


def _docx_with_body(block: str) -> bytes:
    release = builders.release_docx()
    xml = _member(release, _DOCUMENT)
    at = xml.index(b"<w:body>") + len(b"<w:body>")
    return docx_with(release, {_DOCUMENT: xml[:at] + block.encode() + xml[at:]})


def _bare_docx(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", _member(builders.release_docx(), "[Content_Types].xml"))
        archive.writestr(_DOCUMENT, document_xml)
    return buffer.getvalue()


def _pdf_xref_past_end() -> bytes:
    release = (builders.FORMATS / "release.pdf").read_bytes()
    start = release.rindex(b"startxref")
    return release[:start] + b"startxref\n%d\n%%%%EOF\n" % (len(release) + 10_000)


def _pdf_xref_entries_past_end() -> bytes:
    release = (builders.FORMATS / "release.pdf").read_bytes()
    start = release.rindex(b"\nxref") + 1
    table = re.sub(rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % (len(release) * 3), release[start:])
    return release[:start] + table


def _pdf_page_tree_cycle() -> bytes:
    """The page tree's /Kids holds the page tree itself."""
    release = (builders.FORMATS / "release.pdf").read_bytes()
    return pdf_with_fresh_xref(release.replace(b"/Kids [3 0 R\n5 0 R]", b"/Kids [1 0 R\n3 0 R]", 1))


HOSTILE: dict[str, Callable[[], bytes]] = {
    "vmerge_1100_rows.docx": lambda: _docx_with_body(vmerge_table_xml(1100)),
    "empty_paragraphs_100000.docx": lambda: _docx_with_body("<w:p/>" * 100_000),
    "non_xml_document.docx": lambda: _bare_docx("Бишкек, 13 сентября 2017: не XML".encode()),
    "binary_document.docx": lambda: _bare_docx(bytes(range(256)) * 64),
    "pdf_as_document.docx": lambda: docx_with(
        builders.release_docx(), {_DOCUMENT: (builders.FORMATS / "release.pdf").read_bytes()}
    ),
    "nested_tables_80.docx": lambda: _docx_with_body(
        "<w:tbl><w:tr><w:tc>" * 80 + _paragraph_xml("глубоко") + "</w:tc></w:tr></w:tbl>" * 80
    ),
    "nested_divs_50000.html": lambda: (
        b"<!DOCTYPE html><html><head><title>t</title></head><body>"
        + b"<div>" * 50_000
        + builders.seed_article().encode()
        + b"</div>" * 50_000
        + b"</body></html>"
    ),
    "unclosed_divs_50000.html": lambda: b"<html><body>" + b"<div><p>" * 50_000 + builders.seed_article().encode(),
    "xref_past_end.pdf": _pdf_xref_past_end,
    "xref_entries_past_end.pdf": _pdf_xref_entries_past_end,
    "page_tree_cycle.pdf": _pdf_page_tree_cycle,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_reads_or_becomes_an_error_row(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(HOSTILE[name]())
    assert_reads_or_errors(path, seconds=HOSTILE_SECONDS)

import datetime as dt

import pytest

from bomca_extract.readers.reading import ReadError, ReadLimits, decode, read_document

from . import builders

TEXT = "Бишкек, 13 сентября 2017\r\nЕвропейский Союз продолжает оказывать содействие в вопросах безопасности.\r\n"


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1251", b""),
        ("koi8_r", b""),
        ("mac_cyrillic", b""),
    ],
)
def test_decodes_encodings_from_the_bytes(encoding, prefix):
    assert decode(prefix + TEXT.encode(encoding)) == TEXT.replace("\r\n", "\n")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (bytes(range(256)) * 20, "binary file"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary file"),
    ],
)
def test_bad_bytes_get_a_clear_error(data, message):
    with pytest.raises(ReadError, match=message):
        decode(data)


def test_read_document_keeps_identity_and_hash(tmp_path):
    path = tmp_path / "release_1.txt"
    path.write_bytes(TEXT.encode("cp1251"))
    document = read_document(path)
    assert document.doc_id == "release_1"
    assert document.source == str(path)
    assert len(document.sha256) == 64
    assert document.text.startswith("Бишкек, 13 сентября 2017\n")


@pytest.mark.parametrize(
    "name, message",
    [
        ("release.exe", "unsupported file type"),
        ("release", "unsupported file type"),
        ("release.doc", r"unsupported file type '\.doc' \(save it as \.docx\)"),
    ],
)
def test_unsupported_suffix(tmp_path, name, message):
    path = tmp_path / name
    path.write_text("текст")
    with pytest.raises(ReadError, match=message):
        read_document(path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("текст " * 100)
    with pytest.raises(ReadError, match="too large"):
        read_document(path, limits=ReadLimits(max_bytes=100))


def test_a_file_that_vanished_is_an_error(tmp_path):
    with pytest.raises(ReadError, match="cannot read file: No such file"):
        read_document(tmp_path / "gone.txt")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_release_formats_read_to_the_release_text(tmp_path, suffix):
    """The body, the text box, the table cell and the footer of the .docx, and the reflowed, de-hyphenated
    lines of the .pdf, all come back as the seed's own lines."""
    path = tmp_path / f"release{suffix}"
    path.write_bytes(builders.release_docx() if suffix == ".docx" else (builders.FORMATS / "release.pdf").read_bytes())
    document = read_document(path)
    lines = set(document.text.split("\n"))
    assert document.file_format == suffix[1:]
    assert set(builders.seed_paragraphs()) - lines <= {"Facebook: http://www.facebook.com/eudelkg"}
    assert document.text.count("Первые мероприятия БОМКА") == 1  # the text box's legacy copy is skipped


def test_docx_header_comes_first_and_footer_last(tmp_path):
    path = tmp_path / "release.docx"
    path.write_bytes(builders.release_docx())
    lines = read_document(path).text.split("\n")
    assert lines[0] == "ПРЕСС-РЕЛИЗ"
    assert lines[-1].startswith("The European Union is made up of 28 Member States")


def test_html_article_without_page_furniture_and_with_its_date(tmp_path):
    path = tmp_path / "page.html"
    article = builders.seed_article()
    path.write_bytes(builders.html_page(article, published="2023-05-12"))
    document = read_document(path)
    assert document.text == article
    assert document.published == dt.date(2023, 5, 12)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.docx", b"", "not a .docx: the file is not a zip archive"),
        ("truncated.docx", builders.truncated(builders.release_docx()), "not a .docx: .* truncated or corrupt"),
        ("corrupt.docx", builders.corrupt_docx(), "corrupt .docx"),
        ("bomb.docx", builders.zip_bomb(300 << 20), r"refused \.docx: it would unpack to 314572808 bytes.*zip bomb"),
        ("text.docx", "Бишкек, 13 сентября 2017".encode(), "not a .docx"),
        ("text.pdf", "Бишкек, 13 сентября 2017".encode(), "not a PDF"),
        ("protected.pdf", (builders.FORMATS / "protected.pdf").read_bytes(), "password-protected PDF"),
        ("scanned.pdf", (builders.FORMATS / "scanned.pdf").read_bytes(), "no text layer"),
        ("truncated.pdf", builders.truncated((builders.FORMATS / "release.pdf").read_bytes()), "PDF"),
        ("plain.html", "Просто текст без разметки".encode(), "not an HTML page"),
        ("binary.html", bytes(range(256)) * 20, "binary file"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
        ("odd.txt", b"\xff\xfe\x41", "not valid utf-16"),
    ],
)
def test_broken_files_get_a_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message) as error:
        read_document(path)
    assert error.value.sha256 is not None

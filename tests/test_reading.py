import pytest

from bomca_extract.reading import ReadError, decode, read_document

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


@pytest.mark.parametrize("name, message", [("release.exe", "unsupported file type"), ("release", "unsupported file type")])
def test_unsupported_suffix(tmp_path, name, message):
    path = tmp_path / name
    path.write_text("текст")
    with pytest.raises(ReadError, match=message):
        read_document(path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("текст " * 100)
    with pytest.raises(ReadError, match="too large"):
        read_document(path, max_bytes=100)

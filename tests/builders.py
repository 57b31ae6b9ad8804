"""Release files in every format, built in the tests from the seed releases' own text."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

from .conftest import SEEDS

SEED_000 = SEEDS / "000_1fcf126dafbfb240.txt"
FORMATS = Path(__file__).parent / "fixtures" / "formats"

_TEXT_BOX = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>
      <wps:wsp><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx></wps:wsp>
    </a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""
_PARAGRAPH = '<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'


def seed_paragraphs() -> list[str]:
    return [" ".join(line.split()) for line in SEED_000.read_text("utf-8").split("\n") if line.strip()]


def release_docx() -> bytes:
    """Seed 000 as press offices send it: a label in the page header, the release in the body with the
    funding paragraph in a text box (Word's current and legacy copies both present) and the
    'more information' line in a table, and the EU delegation's contact block in the page footer."""
    paragraphs = seed_paragraphs()
    footer_start = next(i for i, p in enumerate(paragraphs) if p.startswith("Delegation of the European Union"))
    funding = next(i for i, p in enumerate(paragraphs) if p.startswith("Первые мероприятия"))
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ПРЕСС-РЕЛИЗ"
    for index, text in enumerate(paragraphs[:footer_start]):
        if index == funding:
            anchor = document.add_paragraph()
            anchor._p.append(parse_xml(_TEXT_BOX.format(paragraphs=_PARAGRAPH.format(text))))
        elif text.startswith("Более подробную"):
            table = document.add_table(rows=1, cols=2)
            table.cell(0, 0).text = text
            table.cell(0, 1).text = "www.bomca-eu.org"
        else:
            document.add_paragraph(text)
    footer = document.sections[0].footer
    footer.paragraphs[0].text = paragraphs[footer_start]
    for text in paragraphs[footer_start + 1 :]:
        footer.add_paragraph(text)
    return _saved(document)


def html_page(article: str, *, published: str | None = "2023-05-12") -> bytes:
    """A saved news page: menu, article, sidebar and footer, a script; the date only in its metadata."""
    meta = f'<meta property="article:published_time" content="{published}T10:00:00+06:00">' if published else ""
    paragraphs = "".join(f"<p>{line}</p>" for line in article.split("\n")[1:])
    title = article.split("\n")[0]
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="windows-1251"><title>{title} | Новости</title>
{meta}<script>window.dataLayer = [{{"city": "Ош", "date": "01.01.2001"}}];</script></head>
<body><nav><ul><li><a href="/">Главная</a></li><li><a href="/osh">Офис в Оше</a></li>
<li><a href="/news">Новости 2001 года</a></li></ul></nav>
<main><article><h1>{title}</h1>{paragraphs}</article></main>
<aside><h3>Читайте также</h3><ul><li><a href="/a">В Таразе прошел семинар для 300 участников</a></li></ul></aside>
<footer>© 2001–2023 Представительство. Тел.: +996 312 000 000</footer></body></html>""".encode("cp1251")


def seed_article(opening: str = "17 сентября") -> str:
    """Seed 000's title and first paragraphs, without its dateline, the lead opening with `opening`."""
    title, _dateline, *body = seed_paragraphs()[:5]
    return "\n".join([title, *body]).replace("17 сентября в г. Нур-Султан", f"{opening} в г. Нур-Султан", 1)


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def corrupt_docx() -> bytes:
    """A real .docx whose main part is not XML."""
    source = zipfile.ZipFile(io.BytesIO(release_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as broken:
        for item in source.infolist():
            data = b"<w:document><w:body>" if item.filename == "word/document.xml" else source.read(item)
            broken.writestr(copy.copy(item), data)
    return buffer.getvalue()


def zip_bomb(unpacked_bytes: int) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to `unpacked_bytes` of zeros (a few hundred KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(unpacked_bytes >> 20):
                member.write(chunk)
    return buffer.getvalue()


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

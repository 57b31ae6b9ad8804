"""Markup helpers: every text and attribute value goes through `text` or `attrs`, and data for a
script through `script_json`, so nothing a document says can become markup."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from urllib.parse import quote

# no request leaves the page: everything it shows is inline
_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
)


def text(value: object) -> str:
    """A value as escaped HTML text; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def attrs(values: Mapping[str, object]) -> str:
    """' name="value"' for each attribute whose value is not None, escaped for a quoted attribute."""
    return "".join(f' {name}="{text(value)}"' for name, value in values.items() if value is not None)


def element(tag: str, content: str = "", **attributes: object) -> str:
    """`<tag attrs>content</tag>`; `content` is markup already (escape text with `text`).
    A trailing underscore is dropped from an attribute name (`class_`), other underscores become dashes."""
    names = {name.rstrip("_").replace("_", "-"): value for name, value in attributes.items()}
    return f"<{tag}{attrs(names)}>{content}</{tag}>"


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], **attributes: object) -> str:
    """A table of escaped headers and cells that are markup already."""
    head = "".join(element("th", text(header), scope="col") for header in headers)
    body = "".join(element("tr", "".join(element("td", cell) for cell in row)) for row in rows)
    return element("table", element("thead", element("tr", head)) + element("tbody", body), **attributes)


def doc_href(doc_id: str, folder: str = "docs/") -> str:
    """The relative link to a document's page: its id percent-encoded, so it is always a path."""
    return f"{folder}{quote(doc_id, safe='')}.html"


def script_json(data: object) -> str:
    """JSON safe inside a `<script>`: no character of it can close the element or open a comment."""
    encoded = json.dumps(data, ensure_ascii=False)
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        encoded = encoded.replace(char, f"\\u{ord(char):04x}")
    return encoded


def page(title: str, body: str, *, style: str, script: str = "", head: str = "") -> str:
    """A whole HTML page; `style`, `script` and `head` are trusted markup of the report itself."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{text(_POLICY)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>\n{style}\n</style>\n{head}</head>\n"
        f"<body>\n{body}\n{f'<script>{script}</script>' if script else ''}\n</body>\n</html>\n"
    )


def asset(name: str) -> str:
    """A stylesheet or script of the report (review/assets/)."""
    return resources.files(__package__).joinpath("assets", name).read_text("utf-8")

"""A document's page: its clean text with every mention highlighted and the removed boilerplate
folded in place, a colour legend, its fields and its events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..schema import EVENT_COLUMNS, FIELD_NAMES
from .highlight import removed_blocks, render_text
from .html import asset, element, page, table, text

INDEX_LINK = "../index.html"


def document_page(
    document: dict, clean: str | None, mentions: Sequence[dict], events: Sequence[dict], boilerplate: Sequence[dict]
) -> str:
    """The whole page of one document; an error document shows its error and what is known of it."""
    doc_id = document["doc_id"]
    parts = [
        element("nav", element("a", "← all documents", href=INDEX_LINK)),
        element("h1", text(document.get("title") or doc_id)),
        element("p", element("code", text(doc_id)) + " · " + text(document.get("source")), class_="source"),
    ]
    if document["status"] != "ok":
        parts.append(element("p", text(f"error: {document.get('error')}"), class_="error", id="error"))
    if clean is not None:
        parts += [
            _legend(mentions),
            element(
                "div",
                render_text(clean, mentions, removed_blocks(boilerplate, len(clean))),
                class_="clean-text",
                id="text",
            ),
            element("div", "", id="detail", hidden=""),
        ]
    parts += [element("h2", "Document fields"), _fields(document), element("h2", "Events"), _events(events)]
    return page(
        f"{doc_id} · bomca-extract review", "\n".join(parts), style=asset("report.css"), script=asset("document.js")
    )


def document_file(doc_id: str) -> str:
    """The page's file name inside the report's docs/ folder, as `doc_href` links to it once decoded."""
    if "/" in doc_id or "\0" in doc_id or doc_id in {"", ".", ".."}:
        raise ValueError(f"{doc_id!r}: not a document id that can name a file")
    return f"{doc_id}.html"


def _legend(mentions: Sequence[dict]) -> str:
    counts = Counter(mention["field"] for mention in mentions)
    fields = [*FIELD_NAMES, *sorted(set(counts) - set(FIELD_NAMES))]
    items = [element("mark", text(f"{field} ({counts[field]})"), class_=f"m-{field}") for field in fields]
    return element("div", element("span", "mentions:") + "".join(items), class_="legend", id="legend")


def _fields(document: dict) -> str:
    rows = "".join(
        element("tr", element("th", text(name), scope="row") + element("td", text(value)))
        for name, value in document.items()
    )
    return element("table", element("tbody", rows), class_="fields", id="fields")


def _events(events: Sequence[dict]) -> str:
    if not events:
        return element("p", "no events", class_="no-data", id="events")
    columns = [column.name for column in EVENT_COLUMNS]
    rows = ([text(event.get(name)) for name in columns] for event in events)
    return element("div", table(columns, rows, id="events"), class_="table-wrap")

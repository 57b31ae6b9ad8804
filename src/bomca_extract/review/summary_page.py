"""The summary page: the documents table (sortable, filterable), the figures and the error list."""

from __future__ import annotations

from collections.abc import Sequence

from .html import asset, doc_href, element, page, text
from .outputs import RunOutputs
from .plots import Plot, plot_html

# (header, how the column sorts) of the documents table
COLUMNS = (
    ("doc_id", "text"),
    ("status", "text"),
    ("language", "text"),
    ("publication date", "text"),
    ("title", "text"),
    ("dateline city", "text"),
    ("country", "text"),
    ("programme", "text"),
    ("event types", "text"),
    ("participants", "number"),
    ("amounts (EUR)", "number"),
    ("error", "text"),
)


def summary_page(outputs: RunOutputs, plots: Sequence[Plot], plotly_js: str) -> str:
    """The index page; `plotly_js` (the library, inlined once) is left out when no figure has data."""
    documents = outputs.documents
    errors = [document for document in documents if document["status"] != "ok"]
    parts = [
        element("h1", "bomca-extract review"),
        element(
            "p",
            text(f"{len(documents)} documents, {len(documents) - len(errors)} ok, {len(errors)} errors."),
            id="counts",
        ),
        _controls(len(documents)),
        _documents_table(outputs),
        *(plot_html(plot) for plot in plots),
        _errors(errors),
    ]
    head = f"<script>{plotly_js}</script>\n" if plotly_js and any(plot.figure for plot in plots) else ""
    return page(
        "bomca-extract review", "\n".join(parts), style=asset("report.css"), script=asset("table.js"), head=head
    )


def _controls(count: int) -> str:
    options = "".join(
        element("option", label, value=value) for value, label in (("", "all"), ("ok", "ok"), ("error", "error"))
    )
    return element(
        "div",
        element(
            "label", "filter " + '<input type="search" id="filter" placeholder="any text of a row" autocomplete="off">'
        )
        + element("label", "status " + element("select", options, id="status-filter"))
        + element("span", element("span", text(count), id="shown") + " shown"),
        class_="controls",
    )


def _documents_table(outputs: RunOutputs) -> str:
    events, mentions = outputs.by_document("events"), outputs.by_document("mentions")
    head = "".join(element("th", text(name), scope="col", data_type=kind) for name, kind in COLUMNS)
    rows = "".join(
        _row(document, events.get(document["doc_id"], []), mentions.get(document["doc_id"], []))
        for document in outputs.documents
    )
    documents = element(
        "table", element("thead", element("tr", head)) + element("tbody", rows), id="documents", class_="sortable"
    )
    return element("div", documents, class_="table-wrap")


def _row(document: dict, events: list[dict], mentions: list[dict]) -> str:
    doc_id = document["doc_id"]
    types = ", ".join(dict.fromkeys(event["event_type"] for event in events))
    euros = [m["value_num"] for m in mentions if m["field"] == "amount_eur" and m["value_num"] is not None]
    total = sum(euros) if euros else None
    cells = [
        element("td", element("a", text(doc_id), href=doc_href(doc_id))),
        element("td", text(document["status"])),
        element("td", text(document["language"])),
        element("td", text(document["publication_date"])),
        element("td", text(document["title"])),
        element("td", text(document["dateline_city"])),
        element("td", text(document["country_code"])),
        element("td", text(document["programme"])),
        element("td", text(types)),
        element("td", text(document["participants"]), class_="num", data_sort=_sort_number(document["participants"])),
        element("td", text(f"{total:,.0f}" if total is not None else ""), class_="num", data_sort=_sort_number(total)),
        element("td", text(document["error"]), class_="error"),
    ]
    return element("tr", "".join(cells), class_=f"status-{document['status']}", data_status=document["status"])


def _sort_number(value: float | int | None) -> str:
    return "" if value is None else repr(value)


def _errors(errors: Sequence[dict]) -> str:
    """The error documents, each linked to its page, with its source and its reason."""
    items = "".join(element("li", _error(document)) for document in errors)
    listing = element("ul", items) if errors else element("p", "no errors", class_="no-data")
    return element("section", element("h2", "Errors") + listing, id="errors")


def _error(document: dict) -> str:
    link = element("a", text(document["doc_id"]), href=doc_href(document["doc_id"]))
    reason = element("span", text(document["error"]), class_="error")
    return f"{link} {element('code', text(document['source']))}: {reason}"

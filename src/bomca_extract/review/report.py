"""The HTML review report of an output folder: `report/index.html` and one page per document in
`report/docs/`. Everything is inline (plotly.js once, in index.html): it opens offline."""

from __future__ import annotations

import json
from pathlib import Path

from plotly.offline import get_plotlyjs

from ..staging import write_text
from .document_page import document_file, document_page
from .eventmap import event_map
from .outputs import RunOutputs, read_outputs
from .plots import Plot, euros_over_time, events_per_country_year, participants_per_event_type
from .summary_page import summary_page

REPORT_DIR = "report"
DOCS_DIR = "docs"
PAGES = "pages.json"  # the document pages this tool wrote, so a later report removes only its own


def write_report(out_dir: Path, report_dir: Path | None = None) -> Path:
    """Write the report of the run in `out_dir` (into `out_dir / "report"` by default); returns the
    path of its index.html."""
    outputs = read_outputs(out_dir)
    report_dir = report_dir if report_dir is not None else out_dir / REPORT_DIR
    _write_documents(outputs, report_dir / DOCS_DIR)
    index = report_dir / "index.html"
    write_text(index, summary_page(outputs, figures(outputs), get_plotlyjs()))
    return index


def figures(outputs: RunOutputs) -> list[Plot]:
    """The summary page's figures, in page order."""
    return [
        events_per_country_year(outputs.events),
        participants_per_event_type(outputs.events),
        euros_over_time(outputs.mentions, outputs.documents),
        event_map(outputs.events, outputs.mentions),
    ]


def _write_documents(outputs: RunOutputs, docs_dir: Path) -> None:
    """One page per document. Pages an earlier report wrote for documents no longer in the run are
    removed; nothing else in the folder is touched."""
    mentions, events, boilerplate = (outputs.by_document(name) for name in ("mentions", "events", "boilerplate"))
    written = []
    for document in outputs.documents:
        doc_id = document["doc_id"]
        html = document_page(
            document,
            outputs.clean_text(doc_id),
            mentions.get(doc_id, []),
            events.get(doc_id, []),
            boilerplate.get(doc_id, []),
        )
        write_text(docs_dir / document_file(doc_id), html)
        written.append(document_file(doc_id))
    for stale in set(_pages_written(docs_dir)) - set(written):
        (docs_dir / Path(stale).name).unlink(missing_ok=True)
    write_text(docs_dir / PAGES, json.dumps(written, ensure_ascii=False, indent=0))


def _pages_written(docs_dir: Path) -> list[str]:
    try:
        pages = json.loads((docs_dir / PAGES).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return [page for page in pages if isinstance(page, str)] if isinstance(pages, list) else []

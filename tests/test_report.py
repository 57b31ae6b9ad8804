"""The HTML review report, on a real run: a few releases, one that is not a PDF, one that tries to
inject markup."""

import json
import re
from html.parser import HTMLParser
from itertools import groupby
from pathlib import Path
from urllib.parse import unquote

import pyarrow.parquet as pq
import pytest
from plotly.offline import get_plotlyjs

from bomca_extract.cli import main
from bomca_extract.review.geo import city_coordinates, load_outlines
from bomca_extract.review.highlight import removed_blocks, render_text
from bomca_extract.review.html import script_json
from bomca_extract.review.plots import euros_over_time, events_per_country_year, plot_html
from bomca_extract.review.report import write_report

from .conftest import FIXTURES, SEEDS

RELEASES = ("104_tashkent_riga_study_visit", "125_naryn_torugart_queue", "126_brussels_high_level_meeting")
PLOT_IDS = (
    "plot-events-per-country-year",
    "plot-participants-per-event-type",
    "plot-euros-over-time",
    "plot-event-map",
)
INJECTED = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)")
HOSTILE_ID = 'xss "quote" & <b>'
HOSTILE = (
    "Семинар <script>alert(1)</script> в Бишкеке\n\n"
    "Бишкек, 5 июня 2024 года\n\n"
    "5 июня 2024 года в Бишкеке программа БОМКА провела семинар <img src=x onerror=alert(1)> "
    "для 12 пограничников Кыргызстана, подробности: javascript:alert(1) и "
    '<a href="javascript:alert(1)">ссылка</a>.\n'
)
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href")
# the report's own markup; anything else in a page came from the data
TAGS = {
    "html", "head", "meta", "title", "style", "script", "body", "nav", "a", "h1", "h2", "p", "code", "div", "span",
    "section", "table", "thead", "tbody", "tr", "th", "td", "mark", "details", "summary", "label", "input", "select",
    "option", "ul", "li",
}  # fmt: skip


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One extraction (seeds, three releases, a broken PDF, a hostile release), then its report."""
    inputs = tmp_path_factory.mktemp("in")
    for path in [*SEEDS.glob("*.txt"), *(FIXTURES / "releases" / f"{name}.txt" for name in RELEASES)]:
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "bad.pdf").write_bytes(b"this is not a PDF at all")
    (inputs / f"{HOSTILE_ID}.txt").write_text(HOSTILE, "utf-8")
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(inputs), "--out", str(out), "--no-progress"]) == 1  # bad.pdf failed
    return out, write_report(out)


def table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def clean_of(out: Path, doc_id: str) -> str:
    return (out / "clean" / f"{doc_id}.txt").read_bytes().decode("utf-8")


def page_of(index: Path, doc_id: str) -> str:
    return (index.parent / "docs" / f"{doc_id}.html").read_text("utf-8")


class Markup(HTMLParser):
    """Every start tag with its attributes; the text of the `#text` container (summaries left out)
    and of each mark in it; the text of the whole page."""

    VOID = frozenset({"meta", "input", "br", "img", "link", "hr"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text, self.page_text, self.marks = [], [], []
        self._open: list[tuple[str, dict, list[str]]] = []
        self._container_depth: int | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in self.VOID:
            return
        self._open.append((tag, attributes, []))
        if attributes.get("id") == "text":
            self._container_depth = len(self._open)

    def handle_endtag(self, tag):
        opened, attributes, pieces = self._open.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"
        if self._container_depth is not None and tag == "mark":
            self.marks.append((attributes, "".join(pieces)))
        if self._container_depth is not None and len(self._open) < self._container_depth:
            self._container_depth = None

    def handle_data(self, data):
        self.page_text.append(data)
        if self._container_depth is None or any(tag == "summary" for tag, _, _ in self._open):
            return
        self.text.append(data)
        for tag, _, pieces in self._open:
            if tag == "mark":
                pieces.append(data)


def with_boilerplate(clean: str, rows: list[dict]) -> str:
    """The clean text with each removed block (consecutive rows of one char_at) where it stood."""
    out, cursor = [], 0
    for at, block in groupby(rows, key=lambda row: row["char_at"]):
        out += [clean[cursor:at], "\n".join(row["text"] for row in block)]
        cursor = at
    return "".join([*out, clean[cursor:]])


def test_index_lists_every_document_with_a_link_to_its_page(run):
    out, index = run
    markup = Markup(index.read_text("utf-8"))
    links = {unquote(a["href"]) for tag, a in markup.tags if tag == "a"}
    doc_ids = {row["doc_id"] for row in table(out, "documents")}
    assert len(doc_ids) == 2 + len(RELEASES) + len(list(SEEDS.glob("*.txt")))
    assert {f"docs/{doc_id}.html" for doc_id in doc_ids} <= links
    assert all((index.parent / link).is_file() for link in links)
    rows = [a for tag, a in markup.tags if tag == "tr" and "data-status" in a]
    assert len(rows) == len(doc_ids)
    assert ("table", {"id": "documents", "class": "sortable"}) in markup.tags
    assert any(tag == "input" and a.get("id") == "filter" for tag, a in markup.tags)


def test_nothing_is_fetched_from_the_network(run):
    _, index = run
    for page in [index, *index.parent.glob("docs/*.html")]:
        tags = Markup(page.read_text("utf-8")).tags
        assert not [a for _, a in tags if "src" in a], page  # every script is inline
        assert not [tag for tag, _ in tags if tag in {"link", "iframe", "img", "object", "embed", "base"}], page
        linked = [a[name] for _, a in tags for name in URL_ATTRIBUTES if a.get(name)]
        assert not [url for url in linked if re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", url, re.IGNORECASE)], page


def test_plotly_is_inlined_once_in_the_index_only(run):
    _, index = run
    html = index.read_text("utf-8")
    assert html.count(get_plotlyjs()) == 1
    assert html.count("* plotly.js v") == 1
    assert all("Plotly" not in page.read_text("utf-8") for page in index.parent.glob("docs/*.html"))


def test_each_figure_has_its_div(run):
    _, index = run
    divs = {a["id"]: a for tag, a in Markup(index.read_text("utf-8")).tags if tag == "div" and "id" in a}
    for plot_id in PLOT_IDS:
        assert divs[plot_id]["class"] == "plot"
    html = index.read_text("utf-8")
    assert all(f"Plotly.newPlot({json.dumps(plot_id)}" in html for plot_id in PLOT_IDS)  # all have data here


def test_errors_section_lists_the_broken_file_with_its_reason(run):
    out, index = run
    bad = next(row for row in table(out, "documents") if row["doc_id"] == "bad")
    assert bad["status"] == "error" and bad["error"]
    html = index.read_text("utf-8")
    section = html[html.index('<section id="errors">') :]
    section = section[: section.index("</section>")]
    text = "".join(Markup(section).page_text)
    assert "bad" in text and bad["error"] in text and "bad.pdf" in text
    assert bad["error"] in "".join(Markup(page_of(index, "bad")).page_text)


def test_every_mention_is_a_mark_over_its_own_characters(run):
    out, index = run
    mentions = table(out, "mentions")
    for doc_id in {row["doc_id"] for row in mentions}:
        clean = clean_of(out, doc_id)
        marks = Markup(page_of(index, doc_id)).marks
        whole = [(a, text) for a, text in marks if "m-part" not in a["class"]]
        assert whole and all(text == clean[int(a["data-start"]) : int(a["data-end"])] for a, text in whole)
        pieces = {}
        for a, text in marks:
            pieces.setdefault(a["data-mention"], [a, ""])[1] += text
        found = sorted((a["data-field"], int(a["data-start"]), int(a["data-end"])) for a, _ in pieces.values())
        ours = [m for m in mentions if m["doc_id"] == doc_id]
        assert found == sorted((m["field"], m["char_start"], m["char_end"]) for m in ours)
        assert all(text == clean[int(a["data-start"]) : int(a["data-end"])] for a, text in pieces.values())


def test_a_mark_shows_the_mention_on_hover(run):
    out, index = run
    mention = next(m for m in table(out, "mentions") if m["field"] == "city" and m["entity_id"])
    marks = Markup(page_of(index, mention["doc_id"])).marks
    attributes = next(a for a, _ in marks if (a["data-field"], int(a["data-start"])) == ("city", mention["char_start"]))
    assert attributes["class"].split()[0] == "m-city"
    assert attributes["data-value"] == mention["value"] and attributes["data-entity-id"] == mention["entity_id"]
    assert mention["value"] in attributes["title"] and mention["entity_id"] in attributes["title"]
    assert mention["method"] in attributes["title"]


def test_the_text_is_the_clean_text_with_the_removed_blocks_in_place(run):
    out, index = run
    boilerplate = table(out, "boilerplate")
    texts = sorted((out / "clean").glob("*.txt"))
    assert len(texts) >= 4 and len({row["char_at"] for row in boilerplate if row["doc_id"] == RELEASES[1]}) == 2
    for path in texts:
        clean = clean_of(out, path.stem)
        rows = [row for row in boilerplate if row["doc_id"] == path.stem]
        markup = Markup(page_of(index, path.stem))
        assert "".join(markup.text) == with_boilerplate(clean, rows), path.stem
        summaries = [a for tag, a in markup.tags if tag == "details"]
        assert len(summaries) == len({row["char_at"] for row in rows})


def test_injected_markup_is_shown_as_text(run):
    out, index = run
    pages = {"index": index.read_text("utf-8").replace(get_plotlyjs(), ""), "doc": page_of(index, HOSTILE_ID)}
    for name, html in pages.items():
        lowered = html.lower()
        assert "<script>alert" not in lowered and "<img" not in lowered and "<b>" not in lowered, name
        markup = Markup(html)
        assert {tag for tag, _ in markup.tags} <= TAGS, name
        assert not [key for _, a in markup.tags for key in a if key.startswith("on")], name
        hrefs = [a["href"] for tag, a in markup.tags if "href" in a]
        assert all(re.fullmatch(r"docs/[^:/?#]+\.html|\.\./index\.html", href) for href in hrefs), name
    clean = clean_of(out, HOSTILE_ID)
    shown = "".join(Markup(pages["doc"]).text)
    assert all(snippet in clean and snippet in shown for snippet in INJECTED)
    assert HOSTILE_ID in "".join(Markup(pages["index"]).page_text)


def test_text_crossing_mentions_and_a_block_inside_one_are_split_never_dropped():
    clean = "В Бишкеке прошел семинар"
    mentions = [
        {"field": "city", "char_start": 2, "char_end": 9, "value": "Бишкек"},
        {"field": "organisation", "char_start": 5, "char_end": 16, "value": "x"},  # crosses the city
        {"field": "date", "char_start": 2, "char_end": 9, "value": "y"},  # same span: nested
    ]
    blocks = removed_blocks([{"rule": "furniture", "text": "<hr>", "char_at": 12}], len(clean))
    markup = Markup(f'<div id="text">{render_text(clean, mentions, blocks)}</div>')
    assert "".join(markup.text) == clean[:12] + "<hr>" + clean[12:]
    pieces = {}
    for attributes, text in markup.marks:
        pieces[attributes["data-mention"]] = pieces.get(attributes["data-mention"], "") + text
    assert pieces == {str(i): clean[m["char_start"] : m["char_end"]] for i, m in enumerate(mentions)}
    assert sum("m-part" in a["class"] for a, _ in markup.marks) >= 2


def test_city_coordinates_by_geonames_id_else_by_name_in_the_country():
    bishkek = city_coordinates("Бишкек", "KG")
    assert bishkek is not None and abs(bishkek.lat - 42.87) < 0.1 and abs(bishkek.lon - 74.59) < 0.1
    assert city_coordinates("Bishkek", "KG") == bishkek == city_coordinates("Бишкек", None)
    astana = city_coordinates("Нур-Султан", "KZ")
    assert astana is not None and abs(astana.lat - 51.18) < 0.1
    assert city_coordinates("whatever", "KZ", "geonames:1526273") == astana  # the id wins over the name
    assert city_coordinates("Ташкент", "KG") is None  # not a city of that country
    assert city_coordinates("Чолпон-Ата", "KG", "local:KG:Чолпон-Ата") is None  # GeoNames lacks it


def test_outlines_cover_the_region_and_a_wrong_file_is_named(tmp_path):
    codes = {outline.iso_a2 for outline in load_outlines()}
    assert {"KZ", "KG", "TJ", "TM", "UZ", "AF", "CN", "RU", "IR", "LV", "BE", "DE"} <= codes
    wrong = tmp_path / "outlines.geojson"
    for content in ('{"type": "Feature"}', '{"type": "FeatureCollection", "features": [{"properties": {}}]}', "[1"):
        wrong.write_text(content, "utf-8")
        with pytest.raises(ValueError, match=re.escape(str(wrong))):
            load_outlines(wrong)


def test_a_figure_without_data_says_so():
    for plot in (events_per_country_year([]), euros_over_time([], [])):
        assert plot.figure is None
        html = plot_html(plot)
        assert f'id="{plot.id}"' in html and "no data" in html and "Plotly" not in html


def test_script_data_cannot_close_the_script():
    encoded = script_json({"title": "</script><script>alert(1)</script>"})
    assert "<" not in encoded and json.loads(encoded) == {"title": "</script><script>alert(1)</script>"}


def test_a_new_report_removes_only_the_pages_an_earlier_one_wrote(run):
    out, index = run
    docs = index.parent / "docs"
    listed = json.loads((docs / "pages.json").read_text("utf-8"))
    (docs / "gone.html").write_text("a page of a document no longer in the run", "utf-8")
    (docs / "pages.json").write_text(json.dumps([*listed, "gone.html"]), "utf-8")
    (docs / "notes.html").write_text("the analyst's own notes", "utf-8")
    write_report(out)
    assert not (docs / "gone.html").exists()
    assert (docs / "notes.html").read_text("utf-8") == "the analyst's own notes"
    assert sorted(json.loads((docs / "pages.json").read_text("utf-8"))) == sorted(listed)

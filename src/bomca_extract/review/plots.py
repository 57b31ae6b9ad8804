"""The summary page's figures, built from table rows with plotly (rendered offline, see `plot_html`).

plotly reads tags and entities in its labels, so every label taken from the data is escaped here.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from ..schema import EVENT_TYPES
from .html import element, script_json, text
from .programmes import programme_names

CONFIG = {"displaylogo": False, "responsive": True, "showLink": False}
UNDATED = "undated"
UNKNOWN = "unknown"
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star")  # one per amount role
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")  # per programme


@dataclass(frozen=True)
class Plot:
    """A figure of the summary page; `figure` is None when there is no data to draw."""

    id: str
    title: str
    figure: go.Figure | None
    note: str = ""


def label(value: object) -> str:
    """A data value as a plotly label: escaped, so plotly shows it as text."""
    return html.escape(str(value), quote=True)


def plot_html(plot: Plot) -> str:
    """A section with the figure's div and the script drawing it (plotly.js must be on the page),
    or a "no data" note."""
    note = element("p", text(plot.note), class_="note") if plot.note else ""
    if plot.figure is None:
        body = element("div", element("p", "no data", class_="no-data"), class_="plot", id=plot.id)
    else:
        figure = {**json.loads(pio.to_json(plot.figure, validate=False)), "config": CONFIG}
        draw = f"Plotly.newPlot({script_json(plot.id)}, {script_json(figure)});"
        body = element("div", class_="plot", id=plot.id) + f"<script>{draw}</script>"
    return element("section", element("h2", text(plot.title)) + body + note, class_="figure")


def _layout(figure: go.Figure, **layout: object) -> None:
    figure.update_layout(template="plotly_white", margin={"l": 60, "r": 20, "t": 20, "b": 50}, height=420, **layout)


def events_per_country_year(events: Sequence[dict]) -> Plot:
    """Stacked bars: events per year, one colour per country."""
    counts = Counter(
        (event["country_code"] or UNKNOWN, str(event["date_start"].year) if event["date_start"] else UNDATED)
        for event in events
    )
    title = "Events per country per year"
    if not counts:
        return Plot("plot-events-per-country-year", title, None)
    years = sorted({year for _, year in counts}, key=lambda year: (year == UNDATED, year))
    figure = go.Figure()
    for country in sorted({country for country, _ in counts}):
        values = [counts.get((country, year), 0) for year in years]
        figure.add_bar(name=label(country), x=[label(year) for year in years], y=values)
    _layout(figure, barmode="stack", xaxis_title="year of the event's first day", yaxis_title="events")
    return Plot("plot-events-per-country-year", title, figure)


def participants_per_event_type(events: Sequence[dict]) -> Plot:
    """Bars: participants summed per event type, the events counted in the hover."""
    people: dict[str, int] = defaultdict(int)
    counted: Counter[str] = Counter()
    for event in events:
        if event["participants"] is not None:
            people[event["event_type"]] += event["participants"]
            counted[event["event_type"]] += 1
    title = "Participants per event type"
    if not people:
        return Plot("plot-participants-per-event-type", title, None)
    types = sorted(
        people, key=lambda kind: (EVENT_TYPES.index(kind) if kind in EVENT_TYPES else len(EVENT_TYPES), kind)
    )
    figure = go.Figure(
        go.Bar(
            x=[label(kind) for kind in types],
            y=[people[kind] for kind in types],
            hovertext=[f"{label(kind)}: {people[kind]} participants at {counted[kind]} events" for kind in types],
            hoverinfo="text",
        )
    )
    _layout(figure, xaxis_title="event type", yaxis_title="participants (events with a count)")
    note = "Only events that state a participant count are summed."
    return Plot("plot-participants-per-event-type", title, figure, note)


def euros_over_time(mentions: Sequence[dict], documents: Sequence[dict]) -> Plot:
    """Markers: each amount announced, at its document's publication date; colour per programme
    (its owner), symbol per amount role."""
    published = {document["doc_id"]: document["publication_date"] for document in documents}
    amounts = [m for m in mentions if m["field"] == "amount_eur" and m["value_num"] is not None]
    dated = [m for m in amounts if published.get(m["doc_id"])]
    title = "Euros announced over time, by programme and amount role"
    note = (
        f"{len(amounts) - len(dated)} amounts in documents without a publication date are not shown."
        if len(dated) < len(amounts)
        else ""
    )
    if not dated:
        return Plot("plot-euros-over-time", title, None, note)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for mention in dated:
        groups[(_programme(mention), mention["amount_role"] or UNKNOWN)].append(mention)
    figure = go.Figure()
    owners = sorted({owner for owner, _ in groups})
    roles = sorted({role for _, role in groups})
    for (owner, role), rows in sorted(groups.items()):
        figure.add_scatter(
            name=f"{label(owner)} · {label(role)}",
            x=[published[m["doc_id"]].isoformat() for m in rows],
            y=[m["value_num"] for m in rows],
            mode="markers",
            marker={
                "size": 10,
                "symbol": _SYMBOLS[roles.index(role) % len(_SYMBOLS)],
                "color": _PALETTE[owners.index(owner) % len(_PALETTE)],
            },
            hovertext=[_amount_hover(m) for m in rows],
            hoverinfo="text",
        )
    _layout(figure, xaxis_title="publication date", yaxis_title="euros", yaxis_type="log")
    return Plot("plot-euros-over-time", title, figure, note)


def _programme(mention: dict) -> str:
    owner = mention["amount_owner"]
    return programme_names().get(owner, owner) if owner else UNKNOWN


def _amount_hover(mention: dict) -> str:
    parts = [
        f"{mention['value_num']:,.0f} EUR",
        mention["amount_role"],
        mention["period"],
        mention["amount_owner"],
        mention["doc_id"],
    ]
    return "<br>".join(label(part) for part in parts if part)

"""The map of event cities: country outlines as line traces and one marker per city, on plain
longitude/latitude axes (no geo trace: those fetch their base map from a CDN)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from .geo import LonLat, Outline, city_coordinates, load_outlines
from .plots import Plot, label

# Central Asia and its neighbours are always in view; the view grows to take every event city
_REGION_LON, _REGION_LAT = (44.0, 90.0), (30.0, 56.0)
_MARGIN = 3.0
PLOT_ID = "plot-event-map"
TITLE = "Event cities"


def event_map(events: Sequence[dict], mentions: Sequence[dict], outlines: Sequence[Outline] | None = None) -> Plot:
    """Markers sized by the number of events held in each city; cities without coordinates are named in the note."""
    counts = Counter((event["city"], event["country_code"]) for event in events if event["city"])
    if not counts:
        return Plot(PLOT_ID, TITLE, None)
    ids = {(m["value"], m["country_code"]): m["entity_id"] for m in mentions if m["field"] == "city" and m["entity_id"]}
    placed = {key: city_coordinates(key[0], key[1], ids.get(key)) for key in counts}
    missing = sorted(f"{city} ({country or '?'})" for (city, country), where in placed.items() if where is None)
    note = f"Not on the map (no coordinates): {', '.join(missing)}." if missing else ""
    located = _by_place(placed, counts)
    if not located:
        return Plot(PLOT_ID, TITLE, None, note)
    lon, lat = _view(list(located))
    figure = go.Figure()
    figure.add_trace(_borders(outlines if outlines is not None else load_outlines(), lon, lat))
    figure.add_trace(_cities(located))
    figure.update_layout(
        template="plotly_white",
        height=560,
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        showlegend=False,
        xaxis={"range": list(lon), "title": "longitude", "showgrid": False, "zeroline": False},
        yaxis={
            "range": list(lat),
            "title": "latitude",
            "showgrid": False,
            "zeroline": False,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
    )
    return Plot(PLOT_ID, TITLE, figure, note)


def _view(points: list[LonLat]) -> tuple[tuple[float, float], tuple[float, float]]:
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    lon = (min(_REGION_LON[0], *lons) - _MARGIN, max(_REGION_LON[1], *lons) + _MARGIN)
    lat = (min(_REGION_LAT[0], *lats) - _MARGIN, max(_REGION_LAT[1], *lats) + _MARGIN)
    return lon, lat


def _borders(outlines: Sequence[Outline], lon: tuple[float, float], lat: tuple[float, float]) -> go.Scatter:
    """Every ring of the countries in view, as one line trace broken by gaps."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for outline in outlines:
        if outline.overlaps(lon, lat):
            for ring in outline.rings:
                xs += [point.lon for point in ring] + [None]
                ys += [point.lat for point in ring] + [None]
    return go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#9aa5b1", "width": 1}, hoverinfo="skip")


@dataclass
class _Marker:
    """The cities at one point (`Астана`, `Нур-Султан`) and their events."""

    cities: list[tuple[str, str | None]] = field(default_factory=list)
    events: int = 0

    @property
    def label(self) -> str:
        return " / ".join(city for city, _ in self.cities)

    @property
    def hover(self) -> str:
        places = " / ".join(f"{label(city)} ({label(country or '?')})" for city, country in self.cities)
        return f"{places}: {self.events} events"


def _by_place(placed: dict[tuple[str, str | None], LonLat | None], counts: Counter) -> dict[LonLat, _Marker]:
    markers: dict[LonLat, _Marker] = defaultdict(_Marker)
    for key, where in sorted(placed.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        if where is not None:
            markers[where].cities.append(key)
            markers[where].events += counts[key]
    return dict(markers)


def _cities(markers: dict[LonLat, _Marker]) -> go.Scatter:
    points = sorted(markers, key=lambda where: markers[where].label)
    return go.Scatter(
        x=[where.lon for where in points],
        y=[where.lat for where in points],
        mode="markers+text",
        text=[label(markers[where].label) for where in points],
        textposition="top center",
        marker={"size": [8 + 4 * markers[where].events ** 0.5 for where in points], "color": "#d62728", "opacity": 0.8},
        hovertext=[markers[where].hover for where in points],
        hoverinfo="text",
    )

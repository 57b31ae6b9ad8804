"""Result cache: a document's rows, kept under a key of its bytes, the pipeline version and the
learned boilerplate lines it contains, so a re-run only processes what changed.

Entries are small JSON files in the output folder, each written atomically; a run killed midway
leaves every finished document cached.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
from pathlib import Path

import pyarrow as pa

from ..schema import SCHEMAS
from ..staging import write_text
from ..version import pipeline_version
from .documents import DocumentResult

log = logging.getLogger(__name__)

CACHE_DIR = ".cache"
_IDENTITY_COLUMNS = ("doc_id", "source")
_DATE_COLUMNS = {name: {f.name for f in schema if pa.types.is_date(f.type)} for name, schema in SCHEMAS.items()}


def cache_key(sha256: str, learned_lines: frozenset[int]) -> str:
    """`learned_lines`: the digests (boilerplate.line_digest) of the learned lines the document holds."""
    digest = hashlib.sha256(f"{pipeline_version()}\n{sha256}".encode())
    for line in sorted(learned_lines):
        digest.update(f"\n{line}".encode())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / CACHE_DIR / "results"
        self._used: set[str] = set()

    def get(self, key: str, *, doc_id: str, source: str) -> DocumentResult | None:
        self._used.add(key)
        path = self._path(key)
        try:
            return _decoded(json.loads(path.read_text("utf-8")), doc_id=doc_id, source=source)
        except Exception:  # missing, torn, or valid JSON of another shape: a miss, replaced by this run
            return None

    def put(self, key: str, result: DocumentResult) -> None:
        self._used.add(key)
        if result.ok:
            text = json.dumps(_encoded(result), ensure_ascii=False, default=dt.date.isoformat)
            try:
                write_text(self._path(key), text)
            except OSError as exc:  # a full disk fails the tables' write with its own message
                log.warning("cannot cache %s: %s", result.document["doc_id"], exc)

    def prune(self) -> int:
        """Remove the entries this run did not use (inputs no longer given, older pipeline versions),
        so the cache holds what a re-run of the same inputs needs and does not grow with every edit."""
        unused = [path for path in self.root.glob("*/*.json") if path.stem not in self._used]
        for path in unused:
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # still holds other entries
                path.parent.rmdir()
        return len(unused)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"


def _encoded(result: DocumentResult) -> dict:
    def strip(row: dict) -> dict:
        return {k: v for k, v in row.items() if k not in _IDENTITY_COLUMNS}

    return {
        "document": strip(result.document),
        "mentions": [strip(row) for row in result.mentions],
        "boilerplate": [strip(row) for row in result.boilerplate],
        "events": [strip(row) for row in result.events],
        "clean_text": result.clean_text,
    }


def _decoded(stored: dict, *, doc_id: str, source: str) -> DocumentResult:
    def restore(row: dict, table: str) -> dict:
        dates = _DATE_COLUMNS[table]
        values = {k: dt.date.fromisoformat(v) if k in dates and v else v for k, v in row.items()}
        return {"doc_id": doc_id, **values}

    return DocumentResult(
        document=restore(stored["document"], "documents") | {"source": source},
        mentions=[restore(row, "mentions") for row in stored["mentions"]],
        boilerplate=[restore(row, "boilerplate") for row in stored["boilerplate"]],
        events=[restore(row, "events") for row in stored["events"]],
        clean_text=stored["clean_text"],
    )

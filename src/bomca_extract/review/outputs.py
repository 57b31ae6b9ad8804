"""What a run wrote into its output folder, read back for review: the tables as rows and the clean texts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from ..output.folder import CLEAN_DIR
from ..schema import TABLES


@dataclass(frozen=True)
class RunOutputs:
    """The rows of each table (dicts, nulls as None, dates as `datetime.date`), and the clean texts."""

    out_dir: Path
    documents: list[dict]
    mentions: list[dict]
    events: list[dict]
    boilerplate: list[dict]

    def by_document(self, table: str) -> dict[str, list[dict]]:
        """The rows of `table` grouped by doc_id, in table order."""
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in getattr(self, table):
            grouped[row["doc_id"]].append(row)
        return grouped

    def clean_text(self, doc_id: str) -> str | None:
        """The clean text of a document; None when the run wrote none (an error document)."""
        path = self.out_dir / CLEAN_DIR / f"{doc_id}.txt"
        # read as bytes: offsets count every character, so no newline translation
        return path.read_bytes().decode("utf-8") if path.is_file() else None


def read_outputs(out_dir: Path) -> RunOutputs:
    """Read the Parquet tables of `out_dir`; a missing table raises FileNotFoundError naming it."""
    rows = {}
    for name in TABLES:
        path = out_dir / f"{name}.parquet"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such table; is {out_dir} the --out folder of `bomca-extract extract`?")
        rows[name] = pq.read_table(path).to_pylist()
    return RunOutputs(out_dir=out_dir, **rows)

"""Tables: documents, mentions and removed boilerplate as typed Parquet and UTF-8 CSV, written atomically."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..schema import SCHEMAS, SORT_KEYS
from ..staging import StagedFiles

_FORMULA_STARTS = frozenset("=+-@\t\r")  # OWASP's list for CSV injection


def to_table(name: str, rows: list[dict]) -> pa.Table:
    schema = SCHEMAS[name]
    table = pa.Table.from_pylist(rows, schema=schema)
    return table.sort_by([(key, "ascending") for key in SORT_KEYS[name]]) if rows else table


def write_table(table: pa.Table, out_dir: Path, name: str) -> None:
    """`name`.parquet and `name`.csv in `out_dir`, each replaced atomically."""
    with StagedFiles() as staged:
        stage_table(staged, table, out_dir, name)


def stage_table(staged: StagedFiles, table: pa.Table, out_dir: Path, name: str) -> None:
    import pandas as pd  # here, not at the top: a worker never writes tables, and start-up stays short

    staged.write(out_dir / f"{name}.parquet", lambda path: pq.write_table(table, path))
    frame = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get, date_as_object=True)
    for column in (f.name for f in table.schema if pa.types.is_string(f.type)):
        frame[column] = frame[column].map(inert_cell)
    staged.write(out_dir / f"{name}.csv", lambda path: frame.to_csv(path, index=False, encoding="utf-8"))


def inert_cell(value: object) -> object:
    """A text a spreadsheet would run as a formula gets a leading apostrophe (CSV only).

    >>> inert_cell("=HYPERLINK(1)"), inert_cell("-5 °C"), inert_cell("Бишкек")
    ("'=HYPERLINK(1)", "'-5 °C", 'Бишкек')
    """
    return f"'{value}" if isinstance(value, str) and value[:1] in _FORMULA_STARTS else value


def write_partitioned(table: pa.Table, directory: Path, *, by: str) -> None:
    """A Parquet dataset partitioned hive-style by column `by` (`year=2019/part-0.parquet`), written
    beside the old one and swapped in as a whole."""
    staging, old = directory.with_name(f".{directory.name}.staging"), directory.with_name(f".{directory.name}.old")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    pq.write_to_dataset(table, staging, partition_cols=[by], basename_template="part-{i}.parquet")
    if directory.exists():
        directory.rename(old)
    staging.rename(directory)
    shutil.rmtree(old, ignore_errors=True)

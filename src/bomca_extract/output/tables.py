"""Tables: documents, mentions and removed boilerplate as typed Parquet and UTF-8 CSV, written atomically."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..schema import SCHEMAS, SORT_KEYS
from ..staging import StagedFiles

_FORMULA_START = "^[=+\\-@\t\r]"  # OWASP's list for CSV injection


def to_table(name: str, rows: list[dict]) -> pa.Table:
    schema = SCHEMAS[name]
    table = pa.Table.from_pylist(rows, schema=schema)
    return table.sort_by([(key, "ascending") for key in SORT_KEYS[name]]) if rows else table


def write_table(table: pa.Table, out_dir: Path, name: str) -> None:
    """`name`.parquet and `name`.csv in `out_dir`, each replaced atomically."""
    with StagedFiles() as staged:
        stage_table(staged, [table], out_dir, name)


def stage_table(staged: StagedFiles, chunks: Iterable[pa.Table], out_dir: Path, name: str) -> None:
    """`name`.parquet and `name`.csv staged from `chunks`, the table's rows in order, in one pass:
    a Parquet row group and a run of CSV lines per chunk."""
    schema = SCHEMAS[name]
    parquet, csv = staged.reserve(out_dir / f"{name}.parquet"), staged.reserve(out_dir / f"{name}.csv")
    with pq.ParquetWriter(parquet, schema) as writer, open(csv, "w", encoding="utf-8", newline="") as handle:
        _write_csv(schema.empty_table(), handle, header=True)
        n_rows = 0
        for chunk in (chunk for chunk in chunks if chunk.num_rows):
            writer.write_table(chunk)
            _write_csv(chunk, handle, header=False)
            n_rows += chunk.num_rows
        if not n_rows:  # one empty row group, as pq.write_table writes for a table without rows
            writer.write_table(schema.empty_table())


def _write_csv(table: pa.Table, handle: TextIO, *, header: bool) -> None:
    import pandas as pd  # here, not at the top: a worker never writes tables, and start-up stays short

    for index, field in enumerate(table.schema):
        if pa.types.is_string(field.type):
            table = table.set_column(index, field, inert_cells(table.column(index)))
    frame = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get, date_as_object=True)
    frame.to_csv(handle, index=False, header=header)


def inert_cells(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Texts a spreadsheet would run as a formula get a leading apostrophe (CSV only).

    >>> inert_cells(pa.chunked_array([["=HYPERLINK(1)", "-5 °C", "Бишкек", None]])).to_pylist()
    ["'=HYPERLINK(1)", "'-5 °C", 'Бишкек', None]
    """
    formula = pc.match_substring_regex(column, _FORMULA_START)
    return pc.if_else(formula, pc.binary_join_element_wise("'", column, ""), column)


def write_partitioned(batches: Iterable[pa.RecordBatch], schema: pa.Schema, directory: Path, *, by: str) -> None:
    """A Parquet dataset partitioned hive-style by column `by` (`year=2019/part-0.parquet`), written
    from `batches` as they come, beside the old one and swapped in as a whole. `directory`'s parent exists."""
    import pyarrow.dataset as ds

    staging, old = directory.with_name(f".{directory.name}.staging"), directory.with_name(f".{directory.name}.old")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir()  # a table without rows makes no file, and an empty dataset is an empty folder
    ds.write_dataset(
        batches,
        staging,
        schema=schema,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([schema.field(by)]), flavor="hive"),
        basename_template="part-{i}.parquet",
        preserve_order=True,  # each partition's rows in the order of the table they come from
    )
    if directory.exists():
        directory.rename(old)
    staging.rename(directory)
    shutil.rmtree(old, ignore_errors=True)

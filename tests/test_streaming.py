"""`extract` streams: each document's rows go to disk as they arrive, a bounded number of
documents' rows in memory, and the tables come out as a batch held in memory gives them."""

import contextlib
import io
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from bomca_extract.batch.documents import error_result
from bomca_extract.batch.engines import LocalEngine
from bomca_extract.batch.inputs import collect_inputs
from bomca_extract.batch.run import run_batch
from bomca_extract.cli import main
from bomca_extract.output import parts
from bomca_extract.output.parts import TableParts
from bomca_extract.output.tables import to_table, write_table
from bomca_extract.schema import SORT_KEYS, TABLES

from .conftest import FIXTURES, ROOT, SEEDS

RELEASES = sorted((FIXTURES / "releases").glob("*.txt"))
SUMMARIES = {  # of the second run
    "several": "6 documents, 5 ok, 1 errors, 4 from cache;",
    "no rows": "2 documents, 0 ok, 2 errors, 0 from cache; 0 mentions (none);",
}
HIVE_YEAR = ds.partitioning(pa.schema([("year", pa.int32())]), flavor="hive")


def several(folder: Path) -> Path:
    """Releases in two folders, so that input order is not doc_id order (`one/z_...` before
    `two/a_...`), and an error document; returns the release to edit between the two runs."""
    for index, release in enumerate(RELEASES[:5]):
        path = folder / ("one" if index % 2 else "two") / f"{'z' if index % 2 else 'a'}_{release.name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(release.read_bytes())
    (folder / "two" / "empty.txt").write_bytes(b"")
    return path


def no_rows(folder: Path) -> None:
    """Only documents without mentions, boilerplate or events: every table but documents empty."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)


def extract(*paths, out, extra=()):
    return main(["extract", *map(str, paths), "--out", str(out), "--no-progress", *extra])


@pytest.fixture(
    scope="module",
    params=[("several", 2), ("several", parts.DOCUMENTS_PER_PART), ("no rows", 2)],
    ids=lambda param: f"{param[0]}-{param[1]}-per-part",
)
def streamed(request, tmp_path_factory):
    """The CLI's tables, `per_part` documents' rows at a time, of a second run (one document
    edited, the others from the cache) beside the tables of the same batch held in memory and
    written whole, one chunk, as `write_outputs` wrote every table before it streamed."""
    corpus, per_part = request.param
    folder = tmp_path_factory.mktemp("in") / "in"
    out, reference = tmp_path_factory.mktemp("out"), tmp_path_factory.mktemp("reference")
    edited = {"several": several, "no rows": no_rows}[corpus](folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "DOCUMENTS_PER_PART", per_part)
        extract(folder, out=out)
        if edited:
            edited.write_bytes(edited.read_bytes() + "\nЕщё одна строка.\n".encode())
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            extract(folder, out=out, extra=["--partitioned"])
    result = run_batch(collect_inputs([folder]))
    for name in TABLES:
        write_table(to_table(name, getattr(result, name)), reference, name)
    return corpus, out, reference, result, per_part, printed.getvalue()


def test_streamed_tables_are_the_tables_of_the_batch_held_in_memory(streamed):
    _, out, reference, result, per_part, _ = streamed
    for name in TABLES:
        assert (out / f"{name}.csv").read_bytes() == (reference / f"{name}.csv").read_bytes(), name
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(pq.read_schema(reference / f"{name}.parquet"), check_metadata=True)
        assert table.equals(pq.read_table(reference / f"{name}.parquet")), name
        if len(result.documents) <= per_part:  # one chunk: the very bytes of the whole table
            assert (out / f"{name}.parquet").read_bytes() == (reference / f"{name}.parquet").read_bytes(), name


def test_the_second_run_takes_documents_from_the_cache_computes_the_edited_one_and_has_errors(streamed):
    corpus, *_, summary = streamed
    assert summary.startswith(SUMMARIES[corpus])


def test_partitioned_datasets_hold_the_rows_of_the_tables(streamed):
    _, out, reference, *_ = streamed
    documents = pq.read_table(reference / "documents.parquet").to_pylist()
    year = {row["doc_id"]: row["publication_date"] and row["publication_date"].year for row in documents}
    for name in ("documents", "mentions"):
        expected = pq.read_table(reference / f"{name}.parquet")
        years = pa.array([year[doc_id] for doc_id in expected.column("doc_id").to_pylist()], pa.int32())
        keys = [(key, "ascending") for key in ("year", *SORT_KEYS[name])]
        if not expected.num_rows:  # no file to hold no rows
            assert (out / name).is_dir() and not any((out / name).iterdir())
            continue
        dataset = ds.dataset(out / name, format="parquet", partitioning=HIVE_YEAR).to_table()
        assert dataset.sort_by(keys).equals(expected.append_column("year", years).sort_by(keys)), name


def test_the_writer_holds_at_most_n_documents_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "DOCUMENTS_PER_PART", 3)
    writer = TableParts(tmp_path)
    doc_ids = [f"doc{index:02d}" for index in (7, 3, 9, 0, 5, 1, 8, 2, 6, 4)]
    held = []
    for doc_id in doc_ids:
        result = error_result(doc_id, Path(f"{doc_id}.txt"), "no text")
        result.mentions = [{"doc_id": doc_id, "field": "city", "char_start": start} for start in (9, 2)]
        writer.add(result)
        held.append(writer.buffered)
    assert held == [1, 2, 0, 1, 2, 0, 1, 2, 0, 1]
    writer.close()
    chunks = list(writer.chunks("mentions"))
    assert [chunk.num_rows for chunk in chunks] == [6, 6, 6, 2]
    rows = [(row["doc_id"], row["char_start"]) for chunk in chunks for row in chunk.to_pylist()]
    assert rows == [(doc_id, start) for doc_id in sorted(doc_ids) for start in (2, 9)]
    writer.remove()
    assert not writer.folder.exists()


def test_a_sink_takes_every_result_and_the_batch_keeps_only_their_outcomes():
    taken = []
    streamed = run_batch(sorted(SEEDS.glob("*.txt")), sink=taken.append)
    held = run_batch(sorted(SEEDS.glob("*.txt")))
    assert streamed.results == []
    assert sorted(r.document["doc_id"] for r in taken) == sorted(r.document["doc_id"] for r in held.results)
    assert streamed.outcomes == held.outcomes
    assert streamed.summary().split("; extraction")[0] == held.summary().split("; extraction")[0]


def test_the_cli_prints_the_summary_and_error_lines_of_the_batch(tmp_path, capsys):
    folder = tmp_path / "in"
    no_rows(folder)
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    assert extract(folder, out=tmp_path / "out") == 1
    printed = capsys.readouterr()
    held = run_batch(collect_inputs([folder]))
    [summary] = printed.out.splitlines()
    assert summary.split("; extraction")[0] == held.summary().split("; extraction")[0]
    errors = [f"  error: {row['source']}: {row['error']}" for row in held.documents if row["status"] == "error"]
    assert len(errors) == 2
    assert printed.err.splitlines() == errors


def test_a_killed_runs_parts_folder_is_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    (out / ".parts").mkdir(parents=True)  # a user's, not the tool's
    command = [sys.executable, "-m", "bomca_extract", "extract", str(FIXTURES / "releases"), "--out", str(out)]
    run = subprocess.Popen([*command, "--no-progress", "--workers", "1"], cwd=ROOT)
    try:
        leftovers = _wait_for(lambda: [p for p in out.glob(".parts.*.tmp") if any(p.iterdir())], run)
    finally:
        run.kill()
        run.wait()
    assert leftovers and all(folder.is_dir() for folder in leftovers)
    assert extract(SEEDS, out=out) == 0
    assert not list(out.glob(".parts.*"))
    assert (out / ".parts").is_dir()
    assert pq.read_table(out / "documents.parquet").num_rows == 2


def _wait_for(found, run: subprocess.Popen) -> list:
    """What `found` finds once it finds something, while the run is still running."""
    while run.poll() is None:
        if result := found():
            return result
        time.sleep(0.01)
    return []


class RecordingEngine:
    """One process, like LocalEngine(1), keeping what each pass was given."""

    workers = 1

    def __init__(self, *, shares_disk: bool) -> None:
        self.shares_disk = shares_disk
        self.items: dict[str, list] = {}

    def map(self, function, items, *, lost):
        self.items[function.__name__] = list(items)
        return LocalEngine(1).map(function, items, lost=lost)

    def close(self) -> None: ...


@pytest.mark.parametrize("shares_disk", [True, False], ids=["spilled", "held for a remote cluster"])
def test_between_the_passes_the_client_keeps_where_each_document_is_not_its_text(tmp_path, shares_disk):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    engine = RecordingEngine(shares_disk=shares_disk)
    result = run_batch([*RELEASES[:4], SEEDS / "missing.txt"], engine=engine, scratch=scratch)
    stored = [item[0] for item in engine.items["process_chunk"]]
    assert [s.doc_id for s in stored] == [row["doc_id"] for row in result.documents if row["status"] == "ok"]
    assert len(stored) == 4 and result.n_errors == 1
    if shares_disk:
        assert all(s.held is None and Path(s.at[0]).parent == scratch for s in stored)
    else:
        assert all(s.at is None and s.held is not None for s in stored)
    assert not any(scratch.iterdir())  # the spill file is gone with the batch
    assert result.documents == run_batch([*RELEASES[:4], SEEDS / "missing.txt"]).documents

"""Every engine writes the same tables: one process, a pool of worker processes, a Dask cluster."""

import pyarrow.parquet as pq
import pytest

from bomca_extract.batch.engines import MAX_CHUNK, LocalEngine, chunked
from bomca_extract.batch.inputs import collect_inputs
from bomca_extract.batch.run import run_batch
from bomca_extract.cli import main
from bomca_extract.output.folder import write_outputs

from .conftest import FIXTURES, SEEDS

TABLE_FILES = [f"{name}.{ext}" for name in ("documents", "mentions", "boilerplate") for ext in ("csv", "parquet")]
RELEASES = FIXTURES / "releases"


def tables(out):
    return {name: (out / name).read_bytes() for name in TABLE_FILES}


@pytest.fixture(scope="module")
def single_process(tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    assert main(["extract", str(RELEASES), str(SEEDS), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    return tables(out)


def test_two_worker_processes_write_byte_identical_tables(single_process, tmp_path):
    argv = ["extract", str(RELEASES), str(SEEDS), "--out", str(tmp_path), "--no-progress", "--workers", "2"]
    assert main(argv) == 0
    assert tables(tmp_path) == single_process


def test_dask_local_cluster_writes_the_same_tables(single_process, tmp_path):
    pytest.importorskip("distributed")
    from bomca_extract.batch.dask_engine import DaskEngine

    engine = DaskEngine(workers=2)
    try:
        assert engine.workers == 2
        result = run_batch(collect_inputs([RELEASES, SEEDS]), engine=engine)
    finally:
        engine.close()
    write_outputs(result, tmp_path)
    assert tables(tmp_path) == single_process


def test_a_dask_worker_killed_on_one_item_loses_only_that_item():
    pytest.importorskip("distributed")
    import dask

    from bomca_extract.batch.dask_engine import DaskEngine

    from .test_robustness import KILLER, kill_on_marker

    items = [f"текст {i}" for i in range(6)]
    items[3] = KILLER
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # Dask's own retries, made quick
        engine = DaskEngine(workers=2)
        try:
            results = [r for chunk in engine.map(kill_on_marker, items, lost=lambda item: "LOST") for r in chunk]
        finally:
            engine.close()
    assert results == [item.upper() if item != KILLER else "LOST" for item in items]


def test_partitioned_parquet_by_publication_year(tmp_path):
    assert (
        main(["extract", str(SEEDS), "--out", str(tmp_path), "--no-progress", "--workers", "1", "--partitioned"]) == 0
    )
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == ["year=2017", "year=2019"]
    dataset = pq.read_table(tmp_path / "mentions")
    assert dataset.num_rows == pq.read_table(tmp_path / "mentions.parquet").num_rows
    years = set(dataset.column("year").to_pylist())
    assert years == {2017, 2019}


@pytest.mark.parametrize("n_items", [0, 1, 3, 132, 255, 2000, 10_000])
@pytest.mark.parametrize("workers", [0, 1, 2, 8])
def test_tasks_are_cut_small_enough_to_keep_every_worker_busy(n_items, workers):
    """Every item once, in order; no task above MAX_CHUNK; and as many tasks as it takes to give
    each worker several (a worker then never waits long for the last one), unless items run out."""
    items = list(range(n_items))
    tasks = chunked(items, workers)
    assert [item for task in tasks for item in task] == items
    assert all(0 < len(task) <= MAX_CHUNK for task in tasks)
    assert len(tasks) >= min(n_items, 4 * max(1, workers))


def test_one_worker_hands_back_each_item_as_soon_as_it_is_done():
    calls = []

    def doubled(chunk):
        calls.append(list(chunk))
        return [item * 2 for item in chunk]

    results = LocalEngine(1).map(doubled, [1, 2, 3], lost=None)
    assert next(results) == [2] and calls == [[1]]
    assert list(results) == [[4], [6]]


@pytest.mark.parametrize(
    "address, reason",
    [("nonsense", "missing port number"), ("http://scheduler:8786", "unknown address scheme 'http'")],
)
def test_a_bad_scheduler_address_is_a_usage_error(tmp_path, capsys, address, reason):
    argv = ["extract", str(SEEDS), "--out", str(tmp_path), "--no-progress", "--engine", "dask", "--scheduler", address]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert f"cannot use the Dask scheduler at {address}: " in error
    assert reason in error
    assert not (tmp_path / "documents.csv").exists()


def _blas_threads(chunk: list) -> list:
    from threadpoolctl import threadpool_info

    return [[pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"] for _ in chunk]


def test_each_worker_runs_one_blas_thread_whatever_the_parent_loaded_with():
    """A notebook's numpy may run a BLAS thread per core: its forked workers must not, or two
    workers on two cores are slower than one."""
    import numpy  # noqa: F401  (BLAS loaded in this process, as a notebook has it)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(2, user_api="blas"):  # whatever make or the user's environment said
        engine = LocalEngine(2)
        try:
            threads = [n for chunk in engine.map(_blas_threads, list(range(4)), lost=None) for n in chunk]
        finally:
            engine.close()
    assert threads and all(pools and set(pools) == {1} for pools in threads)

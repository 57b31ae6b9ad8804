"""A batch that nothing can stop or corrupt (issue 11): every case an attacker or a careless user
found, each as a test. No input aborts the run, hangs past its limit or loses a row; the output
folder holds only what the tool wrote."""

import os
import signal

import pandas as pd
import pyarrow.parquet as pq
import pytest

from bomca_extract.batch import documents as processing
from bomca_extract.batch.cache import ResultCache
from bomca_extract.batch.engines import LocalEngine
from bomca_extract.batch.inputs import collect_inputs, unique_doc_ids
from bomca_extract.batch.run import WORKER_DIED, run_batch
from bomca_extract.cli import main
from bomca_extract.readers import ReadLimits, reading

from .conftest import SEEDS

SEED = sorted(SEEDS.glob("*.txt"))[0]
KILLER = "ЭТОТ ТЕКСТ УБИВАЕТ ПРОЦЕСС"
TABLE_FILES = [f"{name}.{ext}" for name in ("documents", "mentions", "boilerplate") for ext in ("csv", "parquet")]


def extract(*paths, out, extra=()):
    return main(["extract", *map(str, paths), "--out", str(out), "--no-progress", *extra])


def rows(out):
    return pd.read_csv(out / "documents.csv", keep_default_na=False)


def folder_of(tmp_path, names, text=None):
    folder = tmp_path / "in"
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text or SEED.read_text("utf-8"), "utf-8")
    return folder


# --- one file cannot abort the batch ---------------------------------------------------------------


@pytest.mark.parametrize(
    "failure", [NotImplementedError("LZW"), KeyError("rId7"), RecursionError("deep"), MemoryError()]
)
def test_any_exception_of_a_reader_is_the_files_error_row(tmp_path, monkeypatch, failure):
    def broken(data, limits):
        raise failure

    monkeypatch.setitem(reading.READERS, ".pdf", ("pdf", broken))
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 whatever")
    [row] = run_batch([tmp_path / "report.pdf"]).documents
    assert row["status"] == "error"
    assert row["error"].startswith(f"corrupt pdf file: the parser failed with {type(failure).__name__}")
    assert row["sha256"] is not None


def test_a_text_too_large_after_decoding_is_refused_before_cleaning(tmp_path):
    (tmp_path / "long.txt").write_text("Пограничники. " * 1000, "utf-8")
    result = run_batch([tmp_path / "long.txt"], options=_options(limits=ReadLimits(max_chars=5000)))
    assert result.documents[0]["error"] == "text too large: 14000 characters, limit 5000"


def test_an_html_page_too_large_for_the_parser_is_refused(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><p>" + "Пограничники. " * 200 + "</p></body></html>", "utf-8")
    [row] = run_batch([tmp_path / "page.html"], options=_options(limits=ReadLimits(max_html_bytes=1000))).documents
    assert row["error"].startswith("HTML page too large: ") and row["error"].endswith(" bytes, limit 1000")


def test_the_time_limit_covers_reading(tmp_path, monkeypatch):
    def endless(data, limits):
        while True:
            pass

    monkeypatch.setitem(reading.READERS, ".txt", ("txt", endless))
    (tmp_path / "slow.txt").write_text("текст", "utf-8")
    [row] = run_batch([tmp_path / "slow.txt"], options=_options(time_limit=0.5)).documents
    assert row["error"] == "stopped: reading took longer than the 0.5 s time limit"


def test_an_exception_while_cleaning_is_the_files_error_row(tmp_path, monkeypatch):
    def broken(text):
        raise ValueError("bad text")

    monkeypatch.setattr(processing, "clean_text", broken)
    (tmp_path / "a.txt").write_text("Текст релиза.", "utf-8")
    [row] = run_batch([tmp_path / "a.txt"]).documents
    assert row["error"] == "cleaning failed: ValueError('bad text')"


def test_a_cache_entry_of_the_wrong_shape_is_a_miss_and_is_replaced(tmp_path):
    folder = folder_of(tmp_path, ["a.txt"])
    out = tmp_path / "out"
    assert extract(folder, out=out) == 0
    [entry] = (out / ".cache" / "results").glob("*/*.json")
    entry.write_text("{}", "utf-8")
    assert ResultCache(out).get(entry.stem, doc_id="a", source="a.txt") is None
    assert extract(folder, out=out) == 0
    assert rows(out).status.tolist() == ["ok"]
    assert entry.read_text("utf-8") != "{}"


def kill_on_marker(items):
    """A chunk function whose worker dies (as under the OOM killer) on the marked item."""
    if KILLER in items:
        os.kill(os.getpid(), signal.SIGKILL)
    return [item.upper() for item in items]


def test_a_dead_worker_is_replaced_and_only_its_document_is_lost():
    engine = LocalEngine(2)
    items = [f"текст {i}" for i in range(40)]
    items[13] = KILLER
    try:
        results = [r for chunk in engine.map(kill_on_marker, items, lost=lambda item: "LOST") for r in chunk]
    finally:
        engine.close()
    assert results[13] == "LOST"
    assert results[:13] + results[14:] == [item.upper() for item in items[:13] + items[14:]]


def test_a_batch_survives_a_worker_killed_on_one_document(tmp_path, monkeypatch):
    real_extract = processing.extract_facts

    def extract_or_die(text, **options):
        if KILLER in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_extract(text, **options)

    monkeypatch.setattr(processing, "extract_facts", extract_or_die)
    folder = folder_of(tmp_path, [f"r{i}.txt" for i in range(4)])
    (folder / "r2.txt").write_text(SEED.read_text("utf-8") + f"\n{KILLER}\n", "utf-8")
    out = tmp_path / "out"
    assert extract(folder, out=out, extra=["--workers", "2"]) == 1
    table = rows(out).set_index("doc_id")
    assert table.status.to_dict() == {"r0": "ok", "r1": "ok", "r2": "error", "r3": "ok"}
    assert table.loc["r2", "error"] == WORKER_DIED


# --- special files and names -----------------------------------------------------------------------


def test_special_files_get_a_row_each_and_a_fifo_never_blocks(tmp_path):
    folder = folder_of(tmp_path, ["ok.txt"])
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "zeros.txt").symlink_to("/dev/zero")
    errors = {os.path.basename(r["source"]): r["error"] for r in run_batch(collect_inputs([folder])).documents}
    assert errors == {
        "ok.txt": None,
        "pipe.txt": "not a regular file: FIFO",
        "gone.txt": f"broken symlink: it points to {tmp_path / 'nowhere.txt'}",
        "zeros.txt": "not a regular file: character device",
    }


def test_a_file_name_that_is_not_utf8_is_written_to_every_table(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"\xcf\xf0\xe5\xf1\xf1-\xf0\xe5\xeb\xe8\xe7.txt")  # a cp1251 name on a UTF-8 file system
    (folder / name).write_text(SEED.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    assert extract(folder, out=out) == 0
    [row] = pq.read_table(out / "documents.parquet").to_pylist()
    assert row["status"] == "ok" and row["source"].endswith("\ufffd" * 5 + "-" + "\ufffd" * 5 + ".txt")
    assert (out / "clean" / f"{row['doc_id']}.txt").exists()


def test_a_file_name_at_the_file_system_limit_still_gets_its_clean_text(tmp_path):
    folder = folder_of(tmp_path, ["р" * 120 + ".txt"])  # 244 bytes: the clean text's temporary name would not fit
    out = tmp_path / "out"
    assert extract(folder, out=out) == 0
    [row] = rows(out).to_dict("records")
    assert len(row["doc_id"].encode()) <= 131
    assert (out / "clean" / f"{row['doc_id']}.txt").exists()


def test_colliding_names_get_unique_ids_whatever_the_order(tmp_path):
    folder = folder_of(tmp_path, ["one/a.txt", "two/a.txt", "a__2.txt", "a.docx"], text="x")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    ids = unique_doc_ids(files)
    assert len(set(ids.values())) == 4
    assert ids[folder / "a__2.txt"] == "a__2"
    assert {ids[folder / "one" / "a.txt"], ids[folder / "two" / "a.txt"], ids[folder / "a.docx"]} < {
        f"a-{digest}" for digest in (d[-10:] for d in ids.values())
    }
    assert unique_doc_ids(list(reversed(files))) == ids


def test_the_same_file_named_twice_is_one_row(tmp_path):
    folder = folder_of(tmp_path, ["a.txt"])
    assert collect_inputs([folder, folder / "a.txt", folder / "." / "a.txt"]) == [folder / "a.txt"]


# --- the output folder ------------------------------------------------------------------------------


def test_an_output_folder_inside_the_input_is_never_read(tmp_path):
    folder = folder_of(tmp_path, ["a.txt", "b.txt"])
    out = folder / "out"
    assert extract(folder, out=out) == extract(folder, out=out) == 0
    assert sorted(rows(out).doc_id) == ["a", "b"]


def test_an_empty_input_is_a_usage_error_that_leaves_the_tables(tmp_path, capsys):
    folder, out = folder_of(tmp_path, ["a.txt"]), tmp_path / "out"
    assert extract(folder, out=out) == 0
    before = {name: (out / name).read_bytes() for name in TABLE_FILES}
    cache = sorted((out / ".cache").rglob("*.json"))
    (folder / "a.txt").unlink()
    assert extract(folder, out=out) == 2
    assert "no input files" in capsys.readouterr().err
    assert {name: (out / name).read_bytes() for name in TABLE_FILES} == before
    assert sorted((out / ".cache").rglob("*.json")) == cache


def test_a_lock_symlink_is_refused_and_its_target_untouched(tmp_path, capsys):
    folder, out = folder_of(tmp_path, ["a.txt"]), tmp_path / "out"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", "utf-8")
    (out / ".lock").symlink_to(precious)
    assert extract(folder, out=out) == 4
    assert "the lock file is a symlink" in capsys.readouterr().err
    assert precious.read_text("utf-8") == "keep me"


def test_files_the_tool_did_not_write_are_left_alone(tmp_path):
    folder, out = folder_of(tmp_path, ["a.txt", "b.txt"]), tmp_path / "out"
    assert extract(folder, out=out) == 0
    mine = [out / "notes.tmp", out / ".draft.tmp", out / "clean" / "my-notes.txt", out / "sub" / ".x.tmp"]
    for path in mine:
        path.parent.mkdir(exist_ok=True)
        path.write_text("mine", "utf-8")
    (folder / "b.txt").unlink()
    assert extract(folder, out=out) == 0
    assert all(path.read_text("utf-8") == "mine" for path in mine)
    assert sorted(p.name for p in (out / "clean").iterdir()) == ["a.txt", "my-notes.txt"]  # b's text went


def test_temporaries_of_a_killed_run_are_removed(tmp_path):
    folder, out = folder_of(tmp_path, ["a.txt"]), tmp_path / "out"
    assert extract(folder, out=out) == 0
    leftovers = [out / ".documents.csv.k3j2l1.tmp", out / "clean" / ".a.txt.x8s7d6.tmp"]
    for path in leftovers:
        path.write_text("torn", "utf-8")
    assert extract(folder, out=out) == 0
    assert not any(path.exists() for path in leftovers)


@pytest.mark.parametrize("make_out", ["dangling symlink", "under a file"])
def test_an_unusable_output_is_one_line_and_exit_4(tmp_path, capsys, make_out):
    folder = folder_of(tmp_path, ["a.txt"])
    if make_out == "dangling symlink":
        out = tmp_path / "out"
        out.symlink_to(tmp_path / "unmounted" / "out")
    else:
        (tmp_path / "file").write_text("", "utf-8")
        out = tmp_path / "file" / "out"
    assert extract(folder, out=out) == 4
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"bomca-extract: cannot write to --out {out}: ")


def test_a_write_failure_midway_is_exit_4_naming_the_path(tmp_path, capsys, monkeypatch):
    import bomca_extract.output.tables as tables

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", "documents.parquet")

    monkeypatch.setattr(tables.pq, "ParquetWriter", full_disk)
    folder, out = folder_of(tmp_path, ["a.txt"]), tmp_path / "out"
    assert extract(folder, out=out) == 4
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"bomca-extract: cannot write to --out {out}: No space left on device (documents.parquet)"
    assert not list(out.glob(".*.tmp"))


# --- clear ends ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, value",
    [("--time-limit", "nan"), ("--time-limit", "inf"), ("--max-mb", "-1"), ("--workers", "0"), ("--max-errors", "-1")],
)
def test_numeric_options_are_validated(tmp_path, capsys, option, value):
    assert extract(SEED, out=tmp_path / "out", extra=[option, value]) == 2
    assert "must be a positive" in capsys.readouterr().err


def test_an_internal_error_has_its_own_status(tmp_path, monkeypatch, capsys):
    import bomca_extract.cli as cli

    def bug(*args, **kwargs):
        raise AssertionError("a bug")

    monkeypatch.setattr(cli, "run_batch", bug)
    assert extract(SEED, out=tmp_path / "out") == 5
    assert "internal error" in capsys.readouterr().err


def test_csv_cells_that_would_be_formulas_are_inert_and_parquet_keeps_the_text(tmp_path):
    text = "@" + SEED.read_text("utf-8")
    folder, out = folder_of(tmp_path, ["a.txt"], text=text), tmp_path / "out"
    assert extract(folder, out=out) == 0
    title = pq.read_table(out / "documents.parquet").column("title")[0].as_py()
    assert title.startswith("@") and "Лучшие способы" in title
    assert rows(out).title[0] == f"'{title}"


def _options(**values):
    from bomca_extract.batch.run import BatchOptions

    return BatchOptions(**values)

"""The batch over a folder of every format and every kind of bad input (issue 4's 'done when')."""

import contextlib
import io
import signal
import subprocess
import sys
import time

import pandas as pd
import pyarrow.parquet as pq
import pytest

from bomca_extract.batch import documents as processing
from bomca_extract.batch.inputs import collect_inputs
from bomca_extract.batch.locking import output_lock
from bomca_extract.batch.run import run_batch
from bomca_extract.cli import main

from . import builders
from .conftest import FIXTURES, ROOT, SEEDS

SEED_001 = SEEDS / "001_4bf72193843a0cfb.txt"
FAULT = "ЭТОТ ТЕКСТ ЛОМАЕТ МОДЕЛЬ"
HANG = "НА ЭТОМ ТЕКСТЕ МОДЕЛЬ ЗАВИСАЕТ"
TABLE_FILES = [f"{name}.{ext}" for name in ("documents", "mentions", "boilerplate") for ext in ("csv", "parquet")]

EXPECTED_ERRORS = {
    "empty": "empty file",
    "binary": "binary file",
    "truncated": "not a .docx: the file is not a zip archive, or it is truncated or corrupt",
    "corrupt": "corrupt .docx",
    "bomb": "refused .docx: it would unpack to",
    "protected": "password-protected PDF",
    "scanned": "PDF has no text layer",
    "fake": "not a PDF",
    "notes": "unsupported file type '.odt'",
    "huge": "file too large",
    "slow": "stopped: extraction took longer than the 3 s time limit",
    "breaks_model": "extraction failed: RuntimeError",
}


def make_folder(folder):
    seed = builders.SEED_000.read_bytes()
    files = {
        "seed.txt": seed,
        "seed_cp1251.txt": SEED_001.read_text("utf-8").encode("cp1251"),
        "seed_utf16.txt": SEED_001.read_text("utf-8").encode("utf-16"),
        "release.docx": builders.release_docx(),
        "release.pdf": (builders.FORMATS / "release.pdf").read_bytes(),
        "page.html": builders.html_page(builders.seed_article("Сегодня"), published="2019-09-17"),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 20,
        "truncated.docx": builders.truncated(builders.release_docx()),
        "corrupt.docx": builders.corrupt_docx(),
        "bomb.docx": builders.zip_bomb(300 << 20),
        "protected.pdf": (builders.FORMATS / "protected.pdf").read_bytes(),
        "scanned.pdf": (builders.FORMATS / "scanned.pdf").read_bytes(),
        "fake.pdf": seed,
        "notes.odt": b"PK\x03\x04 not a release",
        "slow.txt": seed.replace("Лучшие".encode(), HANG.encode()),
        "breaks_model.txt": seed.replace("Лучшие".encode(), FAULT.encode()),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    return len(files) + 1


@pytest.fixture(scope="module")
def folder_run(tmp_path_factory):
    inputs, out = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("out")
    n_files = make_folder(inputs)
    patch = pytest.MonkeyPatch()
    real_extract = processing.extract_facts

    def extract_or_break(text, **options):
        if FAULT in text:
            raise RuntimeError("model failed on this text")
        if HANG in text:  # a fixed slow document: real text's speed varies with the machine's load
            time.sleep(600)
        return real_extract(text, **options)

    patch.setattr(processing, "extract_facts", extract_or_break)
    argv = ["extract", str(inputs), "--out", str(out), "--no-progress", "--time-limit", "3"]
    first = main(argv)
    snapshot = {name: (out / name).read_bytes() for name in TABLE_FILES}
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        second = main(argv)
    patch.undo()
    return out, n_files, (first, second), snapshot, printed.getvalue()


def documents(out):
    return pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc_id")


def doc_id_of(out, file_name):
    table = pd.read_csv(out / "documents.csv", keep_default_na=False)
    [doc_id] = table[table.source.str.endswith(f"/{file_name}")].doc_id
    return doc_id


def test_one_row_per_file_and_exit_1(folder_run):
    out, n_files, statuses, *_ = folder_run
    assert statuses == (1, 1)
    assert len(documents(out)) == n_files


@pytest.mark.parametrize("doc_id, message", EXPECTED_ERRORS.items())
def test_bad_inputs_have_clear_errors(folder_run, doc_id, message):
    row = documents(folder_run[0]).loc[doc_id]
    assert row.status == "error"
    assert row.error.startswith(message)


@pytest.mark.parametrize("name", ["seed.txt", "release.docx", "release.pdf", "seed_cp1251.txt", "page.html"])
def test_good_inputs_are_ok(folder_run, name):
    out = folder_run[0]
    assert documents(out).loc[doc_id_of(out, name), "status"] == "ok"


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_docx_and_pdf_give_the_facts_of_the_text_release(folder_run, file_format):
    out = folder_run[0]
    table = documents(out)
    doc_id = doc_id_of(out, f"release.{file_format}")
    facts = ["title", "dateline_city", "publication_date", "event_start", "event_end", "participants"]
    assert table.loc[doc_id, "file_format"] == file_format
    assert table.loc[doc_id, facts].to_dict() == table.loc["seed", facts].to_dict()
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False)

    def values(doc):
        rows = mentions[mentions.doc_id == doc]
        return sorted(zip(rows.field, rows.value, rows.date_start, rows.date_end))

    assert values(doc_id) == values("seed")


def test_html_page_takes_its_date_from_the_metadata(folder_run):
    out = folder_run[0]
    page = documents(out).loc["page"]
    assert (page.publication_date, page.publication_date_source) == ("2019-09-17", "metadata")
    assert page.event_start == "2019-09-17"  # 'Сегодня' resolved against the page's date
    assert page.participants == "20"
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False)
    cities = set(mentions[(mentions.doc_id == "page") & (mentions.field == "city")].value)
    assert cities == {"Нур-Султан"}  # not the menu's Ош nor the sidebar's Тараз


def test_second_run_reuses_the_cache_and_writes_identical_tables(folder_run):
    out, n_files, _, snapshot, second_summary = folder_run
    assert {name: (out / name).read_bytes() for name in TABLE_FILES} == snapshot
    assert f"{n_files} documents, 6 ok, {len(EXPECTED_ERRORS)} errors, 6 from cache" in second_summary


def test_cache_hits_are_reported_and_force_redoes_all(tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["extract", str(SEEDS), "--out", str(out), "--no-progress"]
    assert main(argv) == main(argv) == 0
    assert "2 ok, 0 errors, 2 from cache" in capsys.readouterr().out.splitlines()[-1]
    assert main([*argv, "--force"]) == 0
    assert "0 from cache" in capsys.readouterr().out


def test_changed_bytes_are_processed_again(tmp_path, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(builders.SEED_000.read_bytes())
    main(["extract", str(inputs), "--out", str(out), "--no-progress"])
    (inputs / "a.txt").write_bytes(SEED_001.read_bytes())
    main(["extract", str(inputs), "--out", str(out), "--no-progress"])
    assert "0 from cache" in capsys.readouterr().out.splitlines()[-1]
    assert documents(out).loc["a", "dateline_city"] == "Бишкек"


def test_the_cache_keeps_only_what_the_last_run_used(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (inputs / seed.name).write_bytes(seed.read_bytes())
    argv = ["extract", str(inputs), "--out", str(out), "--no-progress"]

    def entries():
        return {path.name for path in (out / ".cache" / "results").glob("*/*.json")}

    main(argv)
    first = entries()
    assert len(first) == 2
    (inputs / SEED_001.name).write_bytes(SEED_001.read_bytes() + "\nЕщё одна строка.\n".encode())
    main(argv)
    assert len(entries()) == 2 and len(entries() & first) == 1  # the edited file's old entry is gone
    (inputs / SEED_001.name).unlink()
    main(argv)
    assert entries() < first
    assert len(list((out / ".cache" / "results").iterdir())) == 1  # no empty folders left behind


def test_a_file_that_vanishes_mid_run_is_an_error_row(tmp_path):
    for seed in SEEDS.glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    files = collect_inputs([tmp_path])
    files[0].unlink()
    result = run_batch(files)
    assert [row["status"] for row in result.documents] == ["error", "ok"]
    assert result.documents[0]["error"].startswith("cannot read file")


def test_a_second_run_on_the_same_output_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    with output_lock(out):
        assert main(["extract", str(SEEDS), "--out", str(out), "--no-progress"]) == 3
    assert "another bomca-extract run" in capsys.readouterr().err
    assert not (out / "documents.csv").exists()


def test_killing_a_run_leaves_whole_tables(tmp_path):
    """Kill runs at moments spread over a whole run; every table left is one a complete run wrote."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "bomca_extract", "extract", "--out", str(out), "--no-progress"]
    subprocess.run([*command, str(SEEDS)], check=True, capture_output=True, cwd=ROOT)
    old = {name: (out / name).read_bytes() for name in TABLE_FILES}
    started = time.perf_counter()
    subprocess.run([*command, "--force", str(FIXTURES / "releases")], capture_output=True, cwd=ROOT)
    full_run = time.perf_counter() - started
    new = {name: (out / name).read_bytes() for name in TABLE_FILES}
    for name in TABLE_FILES:
        (out / name).write_bytes(old[name])
    for fraction in (0.3, 0.7, 0.9, 0.97, 0.99):
        run = subprocess.Popen([*command, "--force", str(FIXTURES / "releases")], cwd=ROOT)
        time.sleep(full_run * fraction)
        run.send_signal(signal.SIGKILL)
        run.wait()
        for name in TABLE_FILES:
            assert (out / name).read_bytes() in (old[name], new[name]), f"{name} torn after a kill at {fraction:.0%}"
        assert len(pq.read_table(out / "documents.parquet")) in (2, len(list((FIXTURES / "releases").iterdir())))
    subprocess.run([*command, str(FIXTURES / "releases")], check=True, capture_output=True, cwd=ROOT)
    assert {name: (out / name).read_bytes() for name in TABLE_FILES} == new
    assert not list(out.rglob(".*.tmp"))

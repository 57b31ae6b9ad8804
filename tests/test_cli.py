import datetime as dt
import io
import logging
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from bomca_extract.cli import main

from .conftest import SEEDS


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("in")
    for seed in SEEDS.glob("*.txt"):
        (inputs / seed.name).write_bytes(seed.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (inputs / "notes.odt").write_bytes(b"PK\x03\x04 not a release")
    out = tmp_path_factory.mktemp("out")
    return inputs, out, main(["extract", str(inputs), "--out", str(out), "--no-progress"])


def test_exit_status_is_1_when_some_documents_failed(batch_out):
    assert batch_out[2] == 1


def test_one_row_per_input_file_with_clear_errors(batch_out):
    inputs, out, _ = batch_out
    documents = pd.read_csv(out / "documents.csv").set_index("doc_id")
    assert len(documents) == len(list(inputs.iterdir())) == 5
    assert documents.loc["empty", "error"] == "empty file"
    assert documents.loc["binary", "error"].startswith("binary file")
    assert documents.loc["notes", "error"].startswith("unsupported file type '.odt'")
    assert set(documents.loc[["empty", "binary", "notes"], "status"]) == {"error"}
    assert documents.loc["000_1fcf126dafbfb240", "status"] == "ok"


def test_parquet_is_typed_and_matches_csv(batch_out):
    _, out, _ = batch_out
    documents = pq.read_table(out / "documents.parquet").to_pandas().set_index("doc_id")
    assert documents.loc["000_1fcf126dafbfb240", "publication_date"] == dt.date(2019, 9, 17)
    assert documents.loc["000_1fcf126dafbfb240", "participants"] == 20
    mentions = pq.read_table(out / "mentions.parquet")
    assert str(mentions.schema.field("date_start").type) == "date32[day]"
    assert str(mentions.schema.field("value_num").type) == "double"
    assert mentions.num_rows == len(pd.read_csv(out / "mentions.csv"))


def test_offsets_index_into_the_clean_text(batch_out):
    _, out, _ = batch_out
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False)
    assert len(mentions) > 40
    for row in mentions.itertuples():
        clean = (out / "clean" / f"{row.doc_id}.txt").read_text("utf-8")
        assert clean[row.char_start : row.char_end] == row.text


def test_amounts_have_no_float_noise(batch_out):
    _, out, _ = batch_out
    mentions = pd.read_csv(out / "mentions.csv", dtype=str)
    amounts = set(mentions.loc[mentions.field == "amount_eur", "value"])
    assert amounts == {"40100000", "6600000", "40800000", "5000000"}


def test_removed_boilerplate_is_kept_for_review(batch_out):
    _, out, _ = batch_out
    removed = pd.read_csv(out / "boilerplate.csv")
    assert removed["text"].str.contains("Erkindik Boulevard").any()


@pytest.mark.parametrize(
    "argv, status",
    [(["extract", "/no/such/folder"], 2), (["frobnicate"], 2), ([], 2), (["--help"], 0), (["extract", "--help"], 0)],
)
def test_usage(argv, status, capsys):
    assert main(argv) == status


def test_summary_line(batch_out, capsys, tmp_path):
    main(["extract", str(SEEDS), "--out", str(tmp_path), "--no-progress"])
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("2 documents, 2 ok, 0 errors, 0 from cache;")
    assert "amount_eur 4" in summary and "participants 1" in summary


def test_max_errors_lets_a_scheduled_run_with_a_few_stray_files_exit_0(batch_out, tmp_path):
    inputs, _, _ = batch_out  # two releases and three files that fail
    argv = ["extract", str(inputs), "--out", str(tmp_path), "--no-progress"]
    assert main([*argv, "--max-errors", "3"]) == 0
    assert main([*argv, "--max-errors", "2"]) == 1
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 5


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_reaches_the_total_and_closes_before_the_summary(monkeypatch, tmp_path):
    terminal = _Terminal()  # stdout and stderr on one terminal, as a user sees them
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["extract", str(SEEDS), "--out", str(tmp_path)]) == 0
    bar, summary = terminal.getvalue().rsplit("\n", 2)[-3:-1]
    assert "100%" in bar.rsplit("\r", 1)[-1] and "2/2" in bar.rsplit("\r", 1)[-1]
    assert summary.startswith("2 documents, 2 ok") and "wall time" in summary


def test_dask_logs_no_info_lines_unless_verbose(caplog, tmp_path):
    pytest.importorskip("distributed")
    argv = ["extract", str(SEEDS), "--out", str(tmp_path), "--no-progress", "--engine", "dask", "--workers", "1"]
    assert main(argv) == 0
    chatter = [r for r in caplog.records if r.name.startswith("distributed") and r.levelno < logging.WARNING]
    assert chatter == []


def test_windows_gets_a_clear_message_not_a_traceback(monkeypatch, capsys):
    from bomca_extract import launch

    monkeypatch.setattr(sys, "platform", "win32")
    assert launch.main(["extract", str(SEEDS)]) == 2
    assert "Linux and macOS" in capsys.readouterr().err


def test_report_command_writes_the_review_of_a_run(batch_out, capsys):
    _, out, _ = batch_out
    assert main(["report", "--out", str(out)]) == 0
    index = out / "report" / "index.html"
    assert f"report: {index}" in capsys.readouterr().out
    assert {p.stem for p in (out / "report" / "docs").glob("*.html")} == set(pd.read_csv(out / "documents.csv").doc_id)


@pytest.mark.parametrize("command", [["report"], ["export", "--format", "doccano"]])
def test_a_review_of_a_folder_with_no_run_is_a_usage_error(command, tmp_path, capsys):
    assert main([*command, "--out", str(tmp_path)]) == 2
    assert "no extract run in" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_txt_batch_imports_no_reader_it_does_not_need(tmp_path):
    """Start-up is import time: a batch of .txt files never imports python-docx, trafilatura or
    pypdf, and nothing before the first document imports pandas, Dask or plotly."""
    code = (
        "import sys; from bomca_extract.cli import main; "
        "early = sorted(m for m in ('pandas', 'distributed', 'plotly', 'docx', 'trafilatura', 'pypdf') "
        "if m in sys.modules); "
        f"status = main(['extract', {str(SEEDS)!r}, '--out', {str(tmp_path)!r}, '--no-progress', '--workers', '1']); "
        "late = sorted(m for m in ('docx', 'trafilatura', 'pypdf') if m in sys.modules); "
        "print(status, early, late)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600)
    assert run.stdout.splitlines()[-1] == "0 [] []"


def test_the_console_entry_defers_spacys_init_and_writes_the_same_tables(batch_out, tmp_path):
    """launch.main skips spaCy's package `__init__` (its command line, its pipelines): the same
    tables as this process wrote with spaCy imported whole, and spaCy complete again on first use."""
    inputs, out, _ = batch_out
    code = (
        "import sys; from bomca_extract.launch import main; "
        f"status = main(['extract', {str(inputs)!r}, '--out', {str(tmp_path)!r}, '--no-progress', '--workers', '1']); "
        "deferred = [m for m in ('spacy.cli', 'spacy.language', 'typer') if m in sys.modules]; "
        "import spacy; blank = spacy.blank('ru').lang; "
        "print(status, deferred, blank, 'spacy.language' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600)
    assert run.stdout.splitlines()[-1] == "1 [] ru True"
    for table in ("documents", "mentions", "events", "boilerplate"):
        assert (tmp_path / f"{table}.csv").read_bytes() == (out / f"{table}.csv").read_bytes(), table

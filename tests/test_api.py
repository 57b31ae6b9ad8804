"""The Python API as a notebook uses it: one text, a folder, typed frames, no side effects."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pandas as pd
import pytest

import bomca_extract

RELEASE = (
    "Пограничники прошли курс по анализу рисков\n\n"
    "ДУШАНБЕ, 14 мая 2024 года. С 6 по 10 мая 2024 года в Душанбе Программа БОМКА провела курс "
    "по анализу рисков для 18 сотрудников Пограничных войск Таджикистана. Бюджет проекта "
    "составляет 1,2 млн евро.\n"
)


@pytest.fixture(scope="module")
def result() -> bomca_extract.Result:
    return bomca_extract.extract_text(RELEASE)


def test_one_text_gives_its_document_fields_and_events(result):
    facts = result.facts
    assert (facts.language, facts.dateline_city, facts.publication_date) == ("ru", "Душанбе", dt.date(2024, 5, 14))
    assert (facts.event_start, facts.event_end, facts.participants) == (dt.date(2024, 5, 6), dt.date(2024, 5, 10), 18)
    assert [(e.event_type, e.city, e.participants) for e in result.events] == [("training", "Душанбе", 18)]


def test_every_mention_offset_points_into_the_text_the_result_holds(result):
    assert {m.field for m in result.mentions} >= {"date", "city", "organisation", "participants", "amount_eur"}
    for mention in result.mentions:
        assert result.text[mention.start : mention.end] == mention.text


def test_to_pandas_keeps_integers_dates_and_the_table_columns(result):
    tables = result.to_pandas()
    documents, mentions = tables.documents, tables.mentions
    assert documents.loc[0, "participants"] == 18
    assert documents.loc[0, "publication_date"] == dt.date(2024, 5, 14)
    assert documents.dtypes["participants"] == pd.ArrowDtype(__import__("pyarrow").int64())
    assert str(documents.dtypes["event_start"]) == "date32[day][pyarrow]"
    assert pd.isna(documents.loc[0, "error"])
    row = mentions[mentions.field == "amount_eur"].iloc[0]
    assert (row.value_num, result.text[row.char_start : row.char_end]) == (1_200_000, row.text)
    assert list(tables.events.event_type) == ["training"]


def test_language_can_be_given_and_an_unknown_one_is_refused():
    english = bomca_extract.extract_text("Training in Osh\n\nOn 3 June 2024 a training was held in Osh.", language="en")
    assert english.facts.language == "en"
    with pytest.raises(ValueError, match="unknown language 'kk'"):
        bomca_extract.extract_text(RELEASE, language="kk")


def test_a_publication_date_from_elsewhere_dates_a_text_without_one():
    text = "Семинар в Оше\n\n5 июня в Оше прошел семинар для 12 пограничников. Его провела ОБСЕ."
    found = bomca_extract.extract_text(text, published=dt.date(2024, 6, 7)).facts
    assert (found.publication_date, found.publication_date_source) == (dt.date(2024, 6, 7), "metadata")
    assert found.event_start == dt.date(2024, 6, 5)  # its year from the date given


def test_a_folder_gives_one_row_per_file_a_bad_one_included(tmp_path):
    (tmp_path / "good.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    tables = bomca_extract.extract_paths([tmp_path])
    documents = tables.documents.set_index("source")
    assert set(documents.status) == {"ok", "error"}
    assert documents.loc[str(tmp_path / "good.txt"), "participants"] == 18
    assert "pdf" in documents.loc[str(tmp_path / "broken.pdf"), "error"].lower()
    assert set(tables.mentions.doc_id) == set(documents[documents.status == "ok"].doc_id)


def test_importing_and_using_the_package_changes_no_environment_variable():
    code = (
        "import os, sys; before = dict(os.environ); import bomca_extract; "
        "assert 'pandas' not in sys.modules, 'import alone pulled in pandas'; "
        "bomca_extract.extract_text('В Оше прошел семинар.'); "
        "changed = {k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k)}; "
        "assert not changed, changed"
    )
    clean = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    subprocess.run([sys.executable, "-c", code], check=True, env=clean, timeout=300)


def test_the_command_line_pins_blas_to_one_thread_in_its_own_process(monkeypatch):
    from bomca_extract import threads as launch

    for variable in launch.BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "4")  # the user's own choice is kept
    launch.pin_blas_threads()
    assert [os.environ[v] for v in launch.BLAS_THREAD_VARIABLES] == ["1", "1", "4"]

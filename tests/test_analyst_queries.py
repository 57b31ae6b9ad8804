"""The analyst questions the README answers, run as written there on tables the tool wrote: events
per country per year, euros announced per programme and role without double counting, and the
partners that organise events with the programme. DuckDB on the Parquet files, pandas on the CSV."""

from pathlib import Path

import pandas as pd
import pytest

from bomca_extract.cli import main

duckdb = pytest.importorskip("duckdb", reason="duckdb is a test extra: pip install -e '.[test]'")

RELEASES = {
    "a_dushanbe_course.txt": (
        "Курс по анализу рисков в Душанбе\n\n"
        "Душанбе, 12 мая 2023 г. С 10 по 12 мая в Душанбе Программа БОМКА совместно с ОБСЕ провела курс "
        "для 20 офицеров Пограничных войск Таджикистана.\n\n"
        "На период 2003-2020 гг. Европейский союз выделил программе БОМКА 40 млн евро, включая 6,6 млн евро "
        "для девятой фазы (2015-2020 гг.).\n"
    ),
    "b_khorog_handover.txt": (
        "Оборудование для пограничников Хорога\n\n"
        "Хорог, 3 октября 2023 г. Сегодня в Хороге Программа БОМКА передала Пограничным войскам Таджикистана "
        "оборудование на сумму 85 тыс. евро.\n\n"
        "На период 2003-2020 гг. Европейский союз выделил программе БОМКА 40 млн евро.\n"
    ),
    "c_osh_seminar.txt": (
        "Семинар для пограничников в Оше\n\n"
        "Ош, 5 апреля 2022 г. С 4 по 5 апреля в Оше Программа БОМКА и МОМ провели семинар для 25 сотрудников "
        "Пограничной службы Кыргызстана.\n"
    ),
}

EVENTS_PER_COUNTRY_AND_YEAR = """
    SELECT country_code, year(date_start) AS year, count(*) AS events, sum(participants) AS participants
    FROM 'OUT/events.parquet'
    GROUP BY ALL ORDER BY ALL
"""
EUROS_PER_PROGRAMME = """
    SELECT amount_owner, amount_role, period, max(value_num) AS euros
    FROM 'OUT/mentions.parquet'
    WHERE field = 'amount_eur'
    GROUP BY ALL ORDER BY euros DESC
"""
CO_ORGANISERS = """
    SELECT organiser, count(*) AS events
    FROM (SELECT unnest(string_split(organisers, '|')) AS organiser
          FROM 'OUT/events.parquet' WHERE contains(organiser_ids, 'org:bomca'))
    WHERE organiser <> 'Программа содействия управлению границами в Центральной Азии'
    GROUP BY ALL ORDER BY ALL
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for name, text in RELEASES.items():
        (raw / name).write_text(text, "utf-8")
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(raw), "--out", str(out), "--no-progress"]) == 0
    return out


def query(sql: str, out: Path) -> list[tuple]:
    return duckdb.sql(sql.replace("OUT", str(out))).fetchall()


def test_events_per_country_per_year(out):
    assert query(EVENTS_PER_COUNTRY_AND_YEAR, out) == [("KG", 2022, 1, 25), ("TJ", 2023, 2, 20)]


def test_euros_per_programme_and_role_count_a_repeated_amount_once(out):
    rows = query(EUROS_PER_PROGRAMME, out)
    bomca = "Программа содействия управлению границами в Центральной Азии"
    assert rows == [
        (bomca, "programme_budget", "2003-2020", 40e6),
        (bomca, "phase_budget", "2015-2020", 6.6e6),
        (bomca, "equipment_value", None, 85e3),
    ]


def test_partners_that_organise_with_the_programme(out):
    assert query(CO_ORGANISERS, out) == [
        ("Международная организация по миграции", 1),
        ("Организация по безопасности и сотрудничеству в Европе", 1),
    ]


def test_the_same_questions_in_pandas(out):
    events = pd.read_csv(out / "events.csv", parse_dates=["date_start"])
    per_country = events.groupby([events.country_code, events.date_start.dt.year]).size()
    assert per_country.to_dict() == {("KG", 2022): 1, ("TJ", 2023): 2}
    mentions = pd.read_parquet(out / "mentions.parquet")
    amounts = mentions[mentions.field == "amount_eur"].drop_duplicates(["amount_owner", "amount_role", "period"])
    assert amounts.groupby("amount_role").value_num.sum().to_dict() == {
        "equipment_value": 85e3,
        "phase_budget": 6.6e6,
        "programme_budget": 40e6,
    }

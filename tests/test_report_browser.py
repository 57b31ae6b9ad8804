"""The report in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
loads the pages with every network request refused, logs no console error, draws the plots,
narrows the documents table as a filter is typed and shows the highlights. A screenshot of each
page is saved under the test's temporary folder (its path is printed) for a person to look at."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bomca_extract.cli import main
from bomca_extract.review.report import write_report

from .conftest import FIXTURES, SEEDS

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a test extra: pip install -e '.[test]'")
By = pytest.importorskip("selenium.webdriver.common.by").By
Service = pytest.importorskip("selenium.webdriver.chrome.service").Service

RELEASES = ("104_tashkent_riga_study_visit", "112_almaty_cadap_conference", "126_brussels_high_level_meeting")
PLOTS = ("plot-events-per-country-year", "plot-participants-per-event-type", "plot-euros-over-time", "plot-event-map")
DEBIAN_PACKAGES = ("chromium", "chromium-driver")


def chromium() -> tuple[str, str]:
    """The browser and its driver, installed from Debian's packages when missing and this
    process may (root with apt-get); skipped, saying why, where neither holds."""
    found = shutil.which("chromium"), shutil.which("chromedriver")
    if None in found and shutil.which("apt-get") and os.geteuid() == 0:
        _apt_install(DEBIAN_PACKAGES)
        found = shutil.which("chromium"), shutil.which("chromedriver")
    if None in found:
        pytest.skip(
            "headless Chromium is not installed and cannot be installed here: run "
            f"`apt-get install {' '.join(DEBIAN_PACKAGES)}` (Debian/Ubuntu, as root) or `make browser`"
        )
    return found


def _apt_install(packages: tuple[str, ...]) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if subprocess.run(install, env=env, capture_output=True, timeout=1200).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
        subprocess.run(install, env=env, capture_output=True, timeout=1200)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("in")
    for path in [*SEEDS.glob("*.txt"), *(FIXTURES / "releases" / f"{name}.txt" for name in RELEASES)]:
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "broken.pdf").write_bytes(b"not a PDF")
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(inputs), "--out", str(out), "--no-progress"]) == 1  # broken.pdf failed
    return write_report(out)


@pytest.fixture(scope="module")
def browser():
    binary, driver_path = chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1800",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: any request for a host fails, and logs an error
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def load(browser, page: Path) -> list[dict]:
    """Open `page` and return its console errors."""
    browser.get(page.as_uri())
    browser.implicitly_wait(5)
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def screenshot(browser, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    browser.save_screenshot(str(path))
    print(f"screenshot: {path}")


def visible_rows(browser) -> list:
    return [row for row in browser.find_elements(By.CSS_SELECTOR, "#documents tbody tr") if row.is_displayed()]


def test_summary_page_loads_offline_with_its_plots_and_no_console_error(browser, report):
    assert load(browser, report) == []
    for plot in PLOTS:
        drawn = browser.find_elements(By.CSS_SELECTOR, f"#{plot} .main-svg")
        assert drawn, f"{plot} was not drawn"
    map_points = browser.find_elements(By.CSS_SELECTOR, "#plot-event-map .scatterlayer .point")
    assert map_points, "no city on the map"
    errors = browser.find_element(By.ID, "errors").text
    assert "broken" in errors
    screenshot(browser, report.parent, "index")


def test_typing_in_the_filter_narrows_the_table(browser, report):
    load(browser, report)
    every = visible_rows(browser)
    assert len(every) == 2 + len(RELEASES) + 1
    box = browser.find_element(By.ID, "filter")
    box.send_keys("brussels")
    narrowed = visible_rows(browser)
    assert [row.text.split()[0] for row in narrowed] == ["126_brussels_high_level_meeting"]
    box.clear()
    box.send_keys(" ")  # an input event with no text: every row again
    assert len(visible_rows(browser)) == len(every)


def test_clicking_a_header_sorts_the_table(browser, report):
    load(browser, report)
    header = browser.find_element(By.CSS_SELECTOR, "#documents thead th")
    header.click()
    first = [row.text.split()[0] for row in visible_rows(browser)]
    header.click()
    second = [row.text.split()[0] for row in visible_rows(browser)]
    assert first == sorted(first) or first == sorted(first, reverse=True)
    assert second == list(reversed(first))


def test_a_document_page_shows_its_highlights_and_folded_boilerplate(browser, report):
    page = report.parent / "docs" / "000_1fcf126dafbfb240.html"
    assert load(browser, page) == []
    marks = browser.find_elements(By.CSS_SELECTOR, "mark[data-field]")
    assert {mark.get_attribute("data-field") for mark in marks} >= {"date", "city", "organisation", "amount_eur"}
    assert all(mark.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)" for mark in marks)
    folded = browser.find_elements(By.CSS_SELECTOR, "details.boilerplate")
    assert folded and not any(block.get_attribute("open") for block in folded)
    hidden = folded[-1].find_elements(By.CSS_SELECTOR, ":scope > :not(summary)")
    assert hidden and not hidden[0].is_displayed()
    folded[-1].find_element(By.TAG_NAME, "summary").click()
    assert hidden[0].is_displayed()
    screenshot(browser, report.parent, "document")

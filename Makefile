PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RAW ?= data/raw
OUT ?= data/out
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: install extract test eval eval-ner bench report browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools<82" wheel

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

extract: install
	$(BIN)/bomca-extract extract $(RAW) --out $(OUT)

test: install
	$(BIN)/python -m pytest -q

GOLD ?= tests/fixtures/gold
FLOORS ?= tests/fixtures/floors.json
# a reviewed batch: make eval GOLD=data/gold FLOORS=
eval: install
	$(BIN)/bomca-extract eval --gold $(GOLD) $(if $(FLOORS),--floors $(FLOORS))

FACTRU ?= ../shared/corpora/factru/testset
eval-ner: install
	$(BIN)/bomca-extract eval-ner --corpus $(FACTRU)

bench: install
	$(BIN)/python bench/run.py

REVIEW_OUT ?= data/review
# the seeds and the gold corpus's releases, extracted and reviewed in one report
report: install
	$(BIN)/bomca-extract extract $(RAW) tests/fixtures/releases --out $(REVIEW_OUT)
	$(BIN)/bomca-extract report --out $(REVIEW_OUT)

# headless Chromium for tests/test_report_browser.py (Debian or Ubuntu, as root); the test tries this itself
browser:
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver

clean:
	rm -rf $(VENV) $(OUT) $(REVIEW_OUT)

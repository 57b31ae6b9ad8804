PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RAW ?= data/raw
OUT ?= data/out
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: install extract test eval eval-ner bench clean

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

eval: install
	$(BIN)/bomca-extract eval --gold tests/fixtures/gold --floors tests/fixtures/floors.json

FACTRU ?= ../shared/corpora/factru/testset
eval-ner: install
	$(BIN)/bomca-extract eval-ner --corpus $(FACTRU)

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(OUT)

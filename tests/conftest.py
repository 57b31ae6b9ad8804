import os
from pathlib import Path

import pytest

from bomca_extract.batch.documents import document_extractor
from bomca_extract.extractors.context import Context

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = FIXTURES / "gold"
PAGES = ROOT / "tests" / "pages"
ENGLISH = ROOT / "tests" / "english"
EVENTS = ROOT / "tests" / "events"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _own_prebuilt_store(tmp_path_factory):
    """Tests (and the CLI processes they start) keep prebuilt gazetteers in a store of their own."""
    os.environ["BOMCA_EXTRACT_CACHE_DIR"] = str(tmp_path_factory.mktemp("prebuilt"))


@pytest.fixture(scope="session")
def resources():
    """The pipeline's own resources (models, gazetteer, rules), loaded once for the session."""
    return document_extractor().resources


@pytest.fixture(scope="session")
def parse(resources):
    """Text -> spaCy Doc through the real natasha + spaCy parser."""
    return resources.parser.parse


def find(extractor, doc):
    """An extractor built from the pipeline's resources, on a parsed text with no page header."""
    return extractor(document_extractor().resources).find(doc, Context())

import os
from pathlib import Path

import pytest

from bomca_extract.nlp.parser import get_parser

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = FIXTURES / "gold"
PAGES = ROOT / "tests" / "pages"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _own_prebuilt_store(tmp_path_factory):
    """Tests (and the CLI processes they start) keep prebuilt gazetteers in a store of their own."""
    os.environ["BOMCA_EXTRACT_CACHE_DIR"] = str(tmp_path_factory.mktemp("prebuilt"))


@pytest.fixture(scope="session")
def parse():
    """Text -> spaCy Doc through the real natasha + spaCy analyzer (loaded once)."""
    return get_parser().parse

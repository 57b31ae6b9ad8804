from pathlib import Path

import pytest

from bomca_extract.nlp import get_analyzer

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = FIXTURES / "gold"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def parse():
    """Text -> spaCy Doc through the real natasha + spaCy analyzer (loaded once)."""
    return get_analyzer().parse

"""spaCy's tokens, vocabulary and matcher without what `import spacy` adds for training and for its
command line (typer, rich, weasel, every pipeline component): about half of spaCy's 0.7 s import,
at every start of the tool.

spaCy 3.8's package `__init__` imports its command line (explosion/spaCy#13933 would make that lazy).
Here the package is registered without running its `__init__`, so `spacy.tokens` and the other
submodules load on their own; the first use of anything else (`spacy.blank`, `spacy.__version__`)
runs the `__init__` then, so code that imports spaCy later sees no difference. Only the processes
the tool starts do this (launch.py), never one that imports the package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any


def defer_spacy_init() -> None:
    """Make `import spacy.tokens` (and the rest) skip spaCy's package `__init__` until it is needed."""
    if "spacy" in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.loader is None:
        return
    package = importlib.util.module_from_spec(spec)
    package.__getattr__ = lambda name: _attribute(package, spec, name)
    sys.modules["spacy"] = package
    from spacy.errors import setup_default_warnings

    setup_default_warnings()  # the first thing spaCy's `__init__` does


def _attribute(package: ModuleType, spec: ModuleSpec, name: str) -> Any:
    """A submodule (`from . import util` inside spaCy) is imported alone; anything else completes the package."""
    if importlib.util.find_spec(f"spacy.{name}") is not None:
        return importlib.import_module(f"spacy.{name}")
    del package.__getattr__
    spec.loader.exec_module(package)
    return getattr(package, name)

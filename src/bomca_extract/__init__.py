"""bomca-extract: press releases in, tidy tables of facts out.

`extract_text(text)` gives one text's facts, `extract_paths(paths)` the tables of a folder
(see `bomca_extract.api`). Importing the package loads no model and changes no environment variable.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Result", "Tables", "extract_paths", "extract_text"]


def __getattr__(name: str) -> Any:
    """The API on first use, so that `import bomca_extract` (and the CLI) does not import pandas."""
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
